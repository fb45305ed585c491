package io.github.lambdazip.bytecode;

import java.nio.file.Path;

/**
 * A Python source to compile: its name in the zip, the file its bytes come from, whether it is the user's own code
 * (a syntax error then fails the build; in an installed package the file is left without bytecode), and how
 * messages name it (the path the user knows).
 */
public record BytecodeSource(String name, Path file, boolean own, String label) {}
