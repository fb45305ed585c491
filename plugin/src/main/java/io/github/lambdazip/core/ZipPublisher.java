package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.OutputFiles;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.state.BuildState;
import io.github.lambdazip.zip.DeterministicZipWriter;
import io.github.lambdazip.zip.PreviousZip;
import io.github.lambdazip.zip.ZipWriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a job's zip to a temporary file beside its final place, and later publishes it: the zip moved into place,
 * then its two hash files. Each output appears whole or not at all.
 */
final class ZipPublisher {

    private final BuildLog log;

    ZipPublisher(BuildLog log) {
        this.log = log;
    }

    /** Writes the job's zip, copying what it can from {@code previous}, the last build's zip (may be null). */
    void write(ArtifactJob job, DeterministicZipWriter writer, PreviousZip previous) throws IOException {
        Path temp = AtomicFiles.tempFileFor(job.outputs().zip());
        long start = System.nanoTime();
        ZipWriteResult result;
        try {
            result = writer.write(job.tree(), temp, previous);
            job.written(temp, result);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        log.debug(job.name() + ".zip compressed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        ZipWriteResult.Reuse reuse = result.reuse();
        if (reuse.offered()) {
            log.info(String.format(Locale.ROOT, "%s %s: reused %,d compressed entries from the previous zip, "
                    + "compressed %,d", job.spec().kind().id(), job.name(), reuse.copied(),
                    result.entries() - reuse.copied()));
        }
        if (reuse.mismatched() > 0) {
            log.info(String.format(Locale.ROOT, "%s %s: %,d entries of the previous zip %s were not the bytes its "
                    + "record says (was it changed by another tool?); they were compressed again",
                    job.spec().kind().id(), job.name(), reuse.mismatched(), job.outputs().zip()));
        }
    }

    /**
     * Removes the zips, hash files and records of functions and layers this plugin wrote into the output folder in
     * an earlier build but that are no longer configured; nothing it did not write is touched.
     */
    List<String> removeUnconfigured(PackageRequest request, BuildState state) throws IOException {
        Set<String> configured = request.artifacts().stream().map(ArtifactSpec::name).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        for (String name : state.recordedNames()) {
            if (configured.contains(name)) {
                continue;
            }
            OutputFiles outputs = OutputFiles.of(request.outputDirectory(), name);
            Files.deleteIfExists(outputs.sha256File());
            Files.deleteIfExists(outputs.base64File());
            Files.deleteIfExists(outputs.zip());
            state.forget(name);
            log.info(name + ": removed " + outputs.zip() + ", no longer configured");
            removed.add(name);
        }
        return removed;
    }

    void publish(ArtifactJob job) throws IOException {
        OutputFiles outputs = job.outputs();
        Path zip = outputs.zip();
        ZipWriteResult result = job.writeResult();
        Sha256Digest digest = result.sha256();
        // Old hashes go first: a build stopped half-way leaves a zip without a hash, never a hash of another zip.
        Files.deleteIfExists(outputs.sha256File());
        Files.deleteIfExists(outputs.base64File());
        AtomicFiles.move(job.writtenTo(), zip);
        AtomicFiles.write(outputs.sha256File(),
                digest.sha256sumLine(zip.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(outputs.base64File(), digest.base64().getBytes(StandardCharsets.UTF_8));
        log.info(job.spec().kind().id() + " " + job.name() + ": " + zip + " (" + result.entries() + " entries, "
                + result.size() + " bytes, " + result.uncompressedSize() + " unzipped) sha256 " + digest.hex());
    }
}
