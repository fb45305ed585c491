package io.github.lambdazip.pip;

/**
 * What {@code driver.py} (the script that runs pip in the build container) and this side agree on. The script
 * spells the same values; {@code DriverProtocolTest} reads it and keeps the two in step.
 */
final class DriverProtocol {

    /** The script's exit code when the image's Python or CPU is not the runtime's. */
    static final int MISMATCH_EXIT = 86;

    /** The line the script prints before exiting with {@link #MISMATCH_EXIT}: {@code <marker> python=3.12 machine=x86_64}. */
    static final String MISMATCH_MARKER = "LAMBDAZIP-PROBE-MISMATCH";

    /** Lines the script prints about the image, not pip's own output. */
    static final String INFO_PREFIX = "lambda-zip:";

    /** Where the script and the manylinux policy module go inside the container. */
    static final String SCRIPT_PATH = "/lambdazip/driver.py";
    static final String POLICY_PATH = "/lambdazip/policy";

    private DriverProtocol() {}

    static boolean isMismatch(String line) {
        return line.startsWith(MISMATCH_MARKER);
    }

    /** A {@code name=value} field of a mismatch line, or {@code ?}. */
    static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "?";
    }
}
