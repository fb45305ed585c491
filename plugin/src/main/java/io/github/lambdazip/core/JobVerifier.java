package io.github.lambdazip.core;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.HandlerCheck;
import io.github.lambdazip.verify.PackageContents;
import io.github.lambdazip.verify.PackageVerifier;
import io.github.lambdazip.verify.Rule;
import io.github.lambdazip.verify.SizeCheck;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerificationTarget;
import io.github.lambdazip.verify.VerifySettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every job that will be written, before anything is: the {@code verify} rules on the staged files. A
 * function is checked with its layers: their imports resolve, their size counts. Warnings are logged; errors of all
 * jobs fail the build at once.
 */
final class JobVerifier {

    private final BuildLog log;
    private final PackageRequest request;

    JobVerifier(BuildLog log, PackageRequest request) {
        this.log = log;
        this.request = request;
    }

    void verify(List<ArtifactJob> jobs) throws IOException, InvalidConfigurationException, VerificationFailedException {
        PackageVerifier verifier = new PackageVerifier(new VerificationTarget(request.runtime(), request.architecture()),
                new VerifySettings(request.providedModules(),
                        VerifySettings.parseVirtualModules(request.virtualModules()), false));
        List<Finding> errors = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ArtifactJob job : jobs) {
            if (job.isUpToDate()) {
                continue;
            }
            List<PackageContents> layers = new ArrayList<>();
            long layersSize = 0;
            for (ArtifactJob layer : job.layers()) {
                layers.add(new StagedContents(layer.tree(), request.baseDirectory()));
                layersSize += layer.tree().uncompressedSize();
            }
            List<Finding> findings = verifier.check(job.isFunction() ? job.spec().handler() : null,
                    new StagedContents(job.tree(), request.baseDirectory()), layers, job.tree().uncompressedSize(),
                    layersSize);
            warn(job, findings);
            List<Finding> jobErrors = findings.stream().filter(Finding::isError).toList();
            if (!jobErrors.isEmpty()) {
                failed.add(job.name());
                errors.addAll(jobErrors);
            }
        }
        if (!failed.isEmpty()) {
            throw new VerificationFailedException(String.join("', '", failed), errors);
        }
    }

    /**
     * The handler checks that installed dependencies cannot change, run on the staged sources before any install
     * (minutes on a cold cache): a function missing from its module, or a module missing when neither the function
     * nor its layers install anything that could bring it.
     */
    void verifyHandlersBeforeInstall(List<ArtifactJob> jobs) throws IOException, VerificationFailedException {
        List<Finding> errors = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        HandlerCheck check = new HandlerCheck();
        for (ArtifactJob job : jobs) {
            if (!job.isFunction()) {
                continue;
            }
            boolean installs = job.spec().requirements() != null
                    || job.layers().stream().anyMatch(layer -> layer.spec().requirements() != null);
            List<PackageContents> layers = new ArrayList<>();
            for (ArtifactJob layer : job.layers()) {
                layers.add(new StagedContents(layer.tree(), request.baseDirectory()));
            }
            List<Finding> conclusive = check.check(job.spec().handler(),
                    new StagedContents(job.tree(), request.baseDirectory()), layers).stream()
                    .filter(Finding::isError)
                    .filter(f -> f.rule() != Rule.HANDLER_MODULE_MISSING || !installs)
                    .toList();
            if (!conclusive.isEmpty()) {
                failed.add(job.name());
                errors.addAll(conclusive);
            }
        }
        if (!failed.isEmpty()) {
            throw new VerificationFailedException(String.join("', '", failed), errors);
        }
    }

    /** Warns about a zip just written that is over the direct-upload limit. */
    void checkZipped(ArtifactJob job) {
        warn(job, new SizeCheck().checkZipped(job.writeResult().size()));
    }

    /** Warnings at WARN, notes (such as boto3 shipped though the runtime has it) at INFO; errors fail later. */
    private void warn(ArtifactJob job, List<Finding> findings) {
        for (Finding finding : findings) {
            if (finding.isWarning()) {
                log.warn(job.spec().describe() + ": " + finding.describe());
            } else if (!finding.isError()) {
                log.info(job.spec().describe() + ": " + finding.describe());
            }
        }
    }
}
