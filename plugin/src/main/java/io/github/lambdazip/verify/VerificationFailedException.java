package io.github.lambdazip.verify;

import io.github.lambdazip.common.ProjectProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** A package would fail on AWS; the findings say why and how to fix each. */
public class VerificationFailedException extends ProjectProblemException {

    private final List<Finding> findings;

    public VerificationFailedException(String artifact, List<Finding> findings) {
        super("Lambda package '" + artifact + "' would fail on AWS:" + System.lineSeparator()
                        + findings.stream().map(f -> "  " + f.describe()).collect(Collectors.joining(System.lineSeparator())),
                findings.size() == 1 ? findings.get(0).fix() : "fix each finding above as it says");
        this.findings = List.copyOf(findings);
    }

    /** Each finding already carries its own fix. */
    @Override
    public String describe() {
        return getMessage();
    }

    public List<Finding> findings() {
        return findings;
    }
}
