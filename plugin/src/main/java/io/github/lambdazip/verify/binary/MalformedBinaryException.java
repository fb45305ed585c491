package io.github.lambdazip.verify.binary;

/** A binary whose headers contradict themselves; reported as a finding, never a crash. */
public class MalformedBinaryException extends Exception {

    public MalformedBinaryException(String message) {
        super(message);
    }
}
