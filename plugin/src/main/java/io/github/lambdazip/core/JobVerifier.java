package io.github.lambdazip.core;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.PackageContents;
import io.github.lambdazip.verify.PackageVerifier;
import io.github.lambdazip.verify.SizeCheck;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerificationTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every job that will be written, before anything is: the {@code verify} rules on the staged files. A
 * function is checked with the layers of this build, since they are usually deployed together. Warnings are logged;
 * errors of all jobs fail the build at once.
 */
final class JobVerifier {

    private final BuildLog log;
    private final PackageRequest request;

    JobVerifier(BuildLog log, PackageRequest request) {
        this.log = log;
        this.request = request;
    }

    void verify(List<ArtifactJob> jobs) throws IOException, VerificationFailedException {
        PackageVerifier verifier = new PackageVerifier(new VerificationTarget(request.runtime(), request.architecture()),
                request.providedModules());
        List<PackageContents> layers = new ArrayList<>();
        long layersSize = 0;
        for (ArtifactJob job : jobs) {
            if (!job.isFunction()) {
                layers.add(new StagedContents(job.tree(), request.baseDirectory()));
                layersSize += job.tree().uncompressedSize();
            }
        }
        List<Finding> errors = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ArtifactJob job : jobs) {
            if (job.isUpToDate()) {
                continue;
            }
            boolean function = job.isFunction();
            List<Finding> findings = verifier.check(function ? job.spec().handler() : null,
                    new StagedContents(job.tree(), request.baseDirectory()), function ? layers : List.of(),
                    job.tree().uncompressedSize(), function ? layersSize : 0);
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

    /** Warns about a zip just written that is over the direct-upload limit. */
    void checkZipped(ArtifactJob job) {
        warn(job, new SizeCheck().checkZipped(job.writeResult().size()));
    }

    private void warn(ArtifactJob job, List<Finding> findings) {
        for (Finding finding : findings) {
            if (!finding.isError()) {
                log.warn(job.spec().describe() + ": " + finding.describe());
            }
        }
    }
}
