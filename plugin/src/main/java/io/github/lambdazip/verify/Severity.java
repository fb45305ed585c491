package io.github.lambdazip.verify;

/** How bad a finding is: errors fail the build, warnings only with {@code failOnWarning}. */
public enum Severity {
    ERROR,
    WARNING
}
