package io.github.lambdazip.verify;

/**
 * How bad a finding is: errors fail the build, warnings only with {@code failOnWarning}, and information (listed in
 * the log and the reports) never.
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
