package io.github.lambdazip.bytecode;

/**
 * What {@code compile_bytecode.py} (the script that compiles in the build container) and this side agree on. The
 * script spells the same values; {@code BytecodeProtocolTest} reads it and keeps the two in step.
 */
final class BytecodeProtocol {

    /** The script's exit code when the image's Python is not the runtime's. */
    static final int MISMATCH_EXIT = 86;

    /** The script's exit code when one of the user's own sources has a syntax error. */
    static final int SYNTAX_EXIT = 87;

    /** The line the script prints before exiting with {@link #MISMATCH_EXIT}: {@code <marker> python=3.12}. */
    static final String MISMATCH_MARKER = "LAMBDAZIP-PROBE-MISMATCH";

    /** {@code <marker>\t<name>\t<line>\t<message>}: a syntax error in one of the user's own sources. */
    static final String SYNTAX_MARKER = "LAMBDAZIP-SYNTAX-ERROR";

    /** {@code <marker>\t<name>\t<line>\t<message>}: an installed file that does not compile, left without .pyc. */
    static final String SKIPPED_MARKER = "LAMBDAZIP-SKIPPED";

    /** Where the script, the list of sources, the sources and the compiled files are inside the container. */
    static final String SCRIPT_PATH = "/lambdazip/compile_bytecode.py";
    static final String LIST_PATH = "/lambdazip/bytecode.list";
    static final String SOURCE_PATH = "/lambdazip/src";
    static final String OUTPUT_PATH = "/lambdazip/out";

    private BytecodeProtocol() {}

    /** The fields of a {@link #SYNTAX_MARKER} or {@link #SKIPPED_MARKER} line after the marker. */
    static String[] fields(String line) {
        return line.split("\t", 4);
    }
}
