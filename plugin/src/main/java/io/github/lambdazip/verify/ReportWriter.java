package io.github.lambdazip.verify;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes a verification report as JSON (for tools) and JUnit XML (so CI systems show each finding as a failure). */
public final class ReportWriter {

    public static final String JSON = "lambda-zip-verify.json";
    public static final String JUNIT = "TEST-lambda-zip-verify.xml";

    public void write(VerificationReport report, Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(JSON), json(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(directory.resolve(JUNIT), junit(report).getBytes(StandardCharsets.UTF_8));
    }

    static String json(VerificationReport report) {
        StringBuilder out = new StringBuilder("{\n  \"errors\": " + report.errors() + ",\n  \"warnings\": "
                + report.warnings() + ",\n  \"packages\": [");
        List<VerificationReport.Entry> entries = report.entries();
        for (int i = 0; i < entries.size(); i++) {
            VerificationReport.Entry entry = entries.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(Json.string(entry.name()))
                    .append(", \"kind\": ").append(Json.string(entry.kind()))
                    .append(", \"location\": ").append(Json.string(entry.location()))
                    .append(", \"findings\": [");
            for (int j = 0; j < entry.findings().size(); j++) {
                Finding f = entry.findings().get(j);
                out.append(j == 0 ? "\n" : ",\n").append("      {\"rule\": ").append(Json.string(f.rule().name()))
                        .append(", \"severity\": ").append(Json.string(f.severity().name()))
                        .append(", \"file\": ").append(f.file() == null ? "null" : Json.string(f.file()))
                        .append(", \"line\": ").append(f.line())
                        .append(", \"message\": ").append(Json.string(f.message()))
                        .append(", \"fix\": ").append(Json.string(f.fix())).append("}");
            }
            out.append(entry.findings().isEmpty() ? "]}" : "\n    ]}");
        }
        return out.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    static String junit(VerificationReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long tests = report.entries().stream().mapToLong(e -> Math.max(1, e.findings().size())).sum();
        out.append("<testsuite name=\"lambda-zip-verify\" tests=\"").append(tests).append("\" failures=\"")
                .append(report.errors()).append("\" errors=\"0\" skipped=\"").append(report.warnings()).append("\">\n");
        for (VerificationReport.Entry entry : report.entries()) {
            if (entry.findings().isEmpty()) {
                out.append("  <testcase classname=\"lambda-zip.").append(xml(entry.name())).append("\" name=\"all rules\"/>\n");
                continue;
            }
            for (Finding f : entry.findings()) {
                String name = f.rule() + (f.file() == null ? "" : " " + f.file() + (f.line() > 0 ? ":" + f.line() : ""));
                out.append("  <testcase classname=\"lambda-zip.").append(xml(entry.name())).append("\" name=\"")
                        .append(xml(name)).append("\">\n");
                String body = xml(f.message() + "\nHow to fix: " + f.fix());
                if (f.isError()) {
                    out.append("    <failure type=\"").append(f.rule()).append("\" message=\"").append(xml(f.message()))
                            .append("\">").append(body).append("</failure>\n");
                } else if (f.isWarning()) {
                    out.append("    <skipped message=\"warning: ").append(xml(f.message())).append("\"/>\n");
                } else {
                    out.append("    <system-out>").append(body).append("</system-out>\n");
                }
                out.append("  </testcase>\n");
            }
        }
        return out.append("</testsuite>\n").toString();
    }

    private static String xml(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
