package io.github.lambdazip.core;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.PackageContents;
import io.github.lambdazip.verify.PackageVerifier;
import io.github.lambdazip.verify.ReportWriter;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.SizeCheck;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerificationReport;
import io.github.lambdazip.verify.VerificationTarget;
import io.github.lambdazip.verify.VerifySettings;
import io.github.lambdazip.verify.ZipContents;
import io.github.lambdazip.verify.ZipIntegrityCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verify} job: every check on finished zips, whoever built them. It logs a report grouped by package,
 * writes it as JSON and JUnit XML, and fails when there are errors (or warnings, if asked).
 */
public final class LambdaZipVerifier {

    private final BuildLog log;

    public LambdaZipVerifier(BuildLog log) {
        this.log = log;
    }

    public VerificationReport verify(VerifyRequest request) throws LambdaZipException, IOException {
        if (request.subjects().isEmpty()) {
            throw new InvalidConfigurationException("file", "there is nothing to verify",
                    "name a zip with <file> (and its <handler>, module.function, for a function), or "
                            + "configure <functions>/<layers> in the project", "handler");
        }
        VerificationTarget target = new VerificationTarget(request.runtime(), request.architecture());
        PackageVerifier verifier = new PackageVerifier(target,
                new VerifySettings(request.providedModules(),
                        VerifySettings.parseVirtualModules(request.virtualModules()), request.failOnWarning()));
        List<VerificationReport.Entry> entries = new ArrayList<>();
        try (DockerSession docker = new DockerSession(log)) {
            for (VerifySubject subject : request.subjects()) {
                List<Finding> findings = verifyOne(subject, verifier, target);
                if (request.importCheck() && subject.handler() != null && findings.stream().noneMatch(Finding::isError)) {
                    String image = request.importCheckImage() != null ? request.importCheckImage()
                            : request.runtime().defaultImage();
                    Finding failure = new ImportTrial(log).run(docker.engine(), image, target, subject.handler(),
                            subject.zip(), subject.layers(), request.importCheckTimeout());
                    if (failure != null) {
                        findings.add(failure);
                    }
                }
                entries.add(new VerificationReport.Entry(subject.name(), subject.kind().id(), subject.zip().toString(),
                        findings));
                logEntry(entries.get(entries.size() - 1));
            }
        }
        VerificationReport report = new VerificationReport(entries);
        Files.createDirectories(request.reportDirectory());
        new ReportWriter().write(report, request.reportDirectory());
        log.info("Verified " + entries.size() + " package(s): " + report.errors() + " error(s), " + report.warnings()
                + " warning(s); reports in " + request.reportDirectory());
        boolean failed = report.errors() > 0 || (request.failOnWarning() && report.warnings() > 0);
        if (failed) {
            List<Finding> reported = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (VerificationReport.Entry entry : entries) {
                List<Finding> counted = entry.findings().stream()
                        .filter(f -> f.failsBuild(request.failOnWarning())).toList();
                if (!counted.isEmpty()) {
                    names.add(entry.name());
                    reported.addAll(counted);
                }
            }
            throw new VerificationFailedException(String.join("', '", names), reported);
        }
        return report;
    }

    private List<Finding> verifyOne(VerifySubject subject, PackageVerifier verifier, VerificationTarget target)
            throws IOException, InvalidConfigurationException {
        if (!Files.isRegularFile(subject.zip())) {
            throw new InvalidConfigurationException("file", "the zip " + subject.zip() + " does not exist",
                    "run the package goal first (mvn package), or correct <file>");
        }
        List<Finding> findings = new ArrayList<>();
        ZipIntegrityCheck.Result integrity = new ZipIntegrityCheck().check(subject.zip());
        findings.addAll(integrity.findings());
        if (findings.stream().anyMatch(f -> f.rule() == Rule.ZIP_CORRUPT && f.file() == null)) {
            return findings;
        }
        List<ZipContents> layers = new ArrayList<>();
        try (ZipContents contents = ZipContents.open(subject.zip())) {
            long layersSize = 0;
            for (Path layer : subject.layers()) {
                if (!Files.isRegularFile(layer)) {
                    throw new InvalidConfigurationException("layers", "the layer zip " + layer + " does not exist",
                            "correct <layers> (comma-separated zip paths) or build the layer first");
                }
                ZipContents layerContents = ZipContents.open(layer);
                layers.add(layerContents);
                for (String name : layerContents.names()) {
                    layersSize += layerContents.size(name);
                }
            }
            findings.addAll(verifier.check(subject.handler(), contents, List.<PackageContents>copyOf(layers),
                    integrity.uncompressedSize(), layersSize));
            findings.addAll(new SizeCheck().checkZipped(Files.size(subject.zip())));
        } finally {
            for (ZipContents layer : layers) {
                layer.close();
            }
        }
        return findings;
    }

    private void logEntry(VerificationReport.Entry entry) {
        if (entry.findings().isEmpty()) {
            log.info(entry.kind() + " " + entry.name() + " (" + entry.location() + "): no findings");
            return;
        }
        String summary = entry.kind() + " " + entry.name() + " (" + entry.location() + "): " + entry.errors()
                + " error(s), " + entry.warnings() + " warning(s)";
        if (entry.errors() > 0) {
            log.warn(summary);
        } else {
            log.info(summary);
        }
        for (Finding finding : entry.findings()) {
            String line = "  " + finding.severity() + " " + finding.describe();
            if (finding.isError()) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
    }
}
