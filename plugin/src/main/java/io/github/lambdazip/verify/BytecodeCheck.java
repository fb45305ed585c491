package io.github.lambdazip.verify;

import io.github.lambdazip.common.PythonRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code BYTECODE_STALE}: {@code .pyc} files the runtime will not use as shipped, or will use although they no
 * longer match their source. Lambda unzips into a read-only folder, so Python can never replace such a file: it
 * compiles the source again at every cold start, or runs the old code. The header is PEP 552's: the magic number,
 * a flags word (bit 0 hash-based, bit 1 check the source), then the source's time and size or its hash.
 */
final class BytecodeCheck {

    private static final Pattern CACHED = Pattern.compile("^(.*/)?__pycache__/([^/.]+)\\.[^/]+\\.pyc$");
    private static final int HEADER = 16;
    private static final int HASH_BASED = 0b01;
    private static final int CHECK_SOURCE = 0b10;
    private static final String FIX = "build with <compileBytecode>true</compileBytecode>, which compiles unchecked-hash "
            + ".pyc files with the runtime's Python from the sources shipped, or leave the .pyc files out of the package";

    private final PythonRuntime runtime;

    BytecodeCheck(PythonRuntime runtime) {
        this.runtime = runtime;
    }

    List<Finding> check(PackageContents contents) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (String name : contents.names()) {
            if (name.endsWith(".pyc")) {
                Finding finding = check(contents, name);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    private Finding check(PackageContents contents, String name) throws IOException {
        String source = sourceOf(name);
        boolean hasSource = contents.contains(source);
        if (!hasSource && CACHED.matcher(name).matches()) {
            return null; // Python never looks in __pycache__ for a module without its source: dead weight, not stale
        }
        byte[] pyc = contents.read(name);
        if (pyc.length < HEADER || pyc[2] != '\r' || pyc[3] != '\n') {
            return warning(name, "is not a .pyc file Python can read (its header is not one)");
        }
        int magic = (pyc[0] & 0xff) | (pyc[1] & 0xff) << 8;
        if (magic != runtime.bytecodeMagic()) {
            return warning(name, "was compiled by " + pythonOf(magic) + " (magic number " + magic + "), not by the "
                    + runtime.id() + " runtime's Python (" + runtime.bytecodeMagic() + "): "
                    + (hasSource ? "Python ignores it and compiles " + source + " again at every cold start"
                            : "with no source beside it, importing it fails with 'bad magic number'"));
        }
        if (!hasSource) {
            return null; // a source-less .pyc of the right Python loads as it is
        }
        int flags = (pyc[4] & 0xff) | (pyc[5] & 0xff) << 8 | (pyc[6] & 0xff) << 16 | (pyc[7] & 0xff) << 24;
        if ((flags & HASH_BASED) == 0) {
            return warning(name, "is a timestamp-based .pyc: it records the time " + source + " had when it was "
                    + "compiled, which is not the zip's entry time, so Python ignores it and, as Lambda's folder is "
                    + "read-only, compiles " + source + " again at every cold start");
        }
        byte[] recorded = Arrays.copyOfRange(pyc, 8, HEADER);
        if (Arrays.equals(recorded, SourceHash.of(runtime, contents.read(source)))) {
            return null;
        }
        if ((flags & CHECK_SOURCE) == 0) {
            return warning(name, "is an unchecked-hash .pyc compiled from another version of " + source + " (the "
                    + "source hash it records does not match): Python loads it without looking at the source, so "
                    + "the old code runs, not the code shipped");
        }
        return warning(name, "is a checked-hash .pyc compiled from another version of " + source + ": Python finds "
                + "it stale and compiles " + source + " again at every cold start");
    }

    /** The source a {@code .pyc} stands for: {@code a/__pycache__/m.cpython-311.pyc} or {@code a/m.pyc} → {@code a/m.py}. */
    static String sourceOf(String pyc) {
        Matcher cached = CACHED.matcher(pyc);
        if (cached.matches()) {
            return (cached.group(1) == null ? "" : cached.group(1)) + cached.group(2) + ".py";
        }
        return pyc.substring(0, pyc.length() - 1);
    }

    /** The Python release whose {@code .pyc} files carry a magic number, or what can be said of it. */
    static String pythonOf(int magic) {
        PythonRuntime previous = null;
        for (PythonRuntime candidate : PythonRuntime.values()) {
            if (magic == candidate.bytecodeMagic()) {
                return "Python " + candidate.pythonVersion();
            }
            if (magic < candidate.bytecodeMagic()) {
                return previous == null ? "a Python older than " + candidate.pythonVersion()
                        : "a pre-release of Python " + candidate.pythonVersion();
            }
            previous = candidate;
        }
        return "a Python newer than " + previous.pythonVersion();
    }

    private static Finding warning(String name, String problem) {
        return Finding.warning(Rule.BYTECODE_STALE, name, name + " " + problem, FIX);
    }
}
