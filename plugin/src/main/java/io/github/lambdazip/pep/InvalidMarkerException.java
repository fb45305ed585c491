package io.github.lambdazip.pep;

/** An environment marker that cannot be parsed, or that compares values no PEP 508 operator can compare. */
public class InvalidMarkerException extends PepSyntaxException {

    public InvalidMarkerException(String marker, int position, String problem) {
        super("Invalid environment marker", marker, position, problem,
                "write the marker as PEP 508 describes, e.g. python_version < \"3.12\" and platform_machine == \"aarch64\"");
    }
}
