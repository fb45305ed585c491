package io.github.lambdazip.state;

import java.util.Set;

/**
 * The files of a rebuild whose stamp moved since the record, when no file was added, removed or renamed; and whether
 * one of them has another size or mode, which makes it changed without reading it.
 */
record StampChanges(Set<String> moved, boolean sizeOrModeChanged) {}
