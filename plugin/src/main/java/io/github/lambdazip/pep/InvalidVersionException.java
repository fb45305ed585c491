package io.github.lambdazip.pep;

/** A version string that is not a PEP 440 version. */
public class InvalidVersionException extends PepSyntaxException {

    public InvalidVersionException(String text) {
        super("Invalid version", text, -1, "not a PEP 440 version",
                "write it as PEP 440 describes, e.g. 1.2.3, 1.0rc1, 2.0.post1, 1!2.0 or 1.0+local");
    }
}
