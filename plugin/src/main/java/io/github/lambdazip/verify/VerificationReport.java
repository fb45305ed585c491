package io.github.lambdazip.verify;

import java.util.List;

/** The findings for each checked function or layer, in the order they were checked. */
public record VerificationReport(List<Entry> entries) {

    /** One checked package: its name, the zip (or "staged" contents) and what was found. */
    public record Entry(String name, String kind, String location, List<Finding> findings) {

        public long errors() {
            return findings.stream().filter(Finding::isError).count();
        }

        public long warnings() {
            return findings.stream().filter(Finding::isWarning).count();
        }

        public long infos() {
            return findings.stream().filter(f -> f.severity() == Severity.INFO).count();
        }
    }

    public long errors() {
        return entries.stream().mapToLong(Entry::errors).sum();
    }

    public long warnings() {
        return entries.stream().mapToLong(Entry::warnings).sum();
    }
}
