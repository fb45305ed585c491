package io.github.lambdazip.core;

import io.github.lambdazip.bytecode.BytecodeCompiler;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.OutputFiles;
import io.github.lambdazip.docker.DockerSession;
import io.github.lambdazip.pip.DependencyInstaller;
import io.github.lambdazip.state.BuildState;
import io.github.lambdazip.zip.DeflaterChoice;
import io.github.lambdazip.zip.DeterministicZipWriter;
import io.github.lambdazip.zip.PreviousZip;
import io.github.lambdazip.zip.ZipSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code package} job: for each function and layer, stage its sources, resolve its lock file (before any
 * container, so a bad lock fails fast), install its dependencies, compile its bytecode when asked, check the result
 * the way Lambda will load it (while the zips are written to temporary files), and only when every one passes
 * publish the zips with their hashes, and write the manifest. Each output appears whole or not at all. A zip whose
 * inputs are unchanged since the last build is left as it is ("up to date"); a changed one copies its unchanged
 * entries from the last zip; the zips of functions and layers no longer configured are removed.
 */
public final class LambdaZipPackager {

    private static final AtomicBoolean WARNED_UNDATED = new AtomicBoolean();
    private static final AtomicBoolean SAID_DEFLATER = new AtomicBoolean();

    private final BuildLog log;

    public LambdaZipPackager(BuildLog log) {
        this.log = log;
    }

    public PackageResult packageAll(PackageRequest request) throws LambdaZipException, IOException {
        long started = System.nanoTime();
        new RequestValidator().validate(request);
        warnIfUndated(request);
        Path work = request.outputDirectory().resolve(".work");
        List<ArtifactJob> jobs = ArtifactJob.inBuildOrder(request);
        BuildState state = new BuildState(request.outputDirectory());
        JobVerifier verifier = new JobVerifier(log, request);
        try (DockerSession docker = new DockerSession(log)) {
            JobStager stager = new JobStager(log, request, new DependencyInstaller(log, docker, work),
                    RequestValidator.dependencySettings(request), new BytecodeCompiler(log, docker, work));
            for (ArtifactJob job : jobs) {
                stager.stageSources(job);
            }
            for (ArtifactJob job : jobs) {
                stager.resolveDependencies(job);
            }
            verifier.verifyHandlersBeforeInstall(jobs);
            for (ArtifactJob job : jobs) {
                stager.stageDependencies(job);
                stager.compileBytecode(job);
            }
            log.debug("staged in " + millisSince(started) + " ms");
            markUpToDate(jobs, state);
            ZipPublisher publisher = new ZipPublisher(log);
            DeflaterChoice.Mode deflaterMode = DeflaterChoice.Mode.fromId(request.deflater());
            String entryBytesKey = deflaterMode.writesReferenceBytes()
                    ? "plugin=" + PluginVersion.VALUE + " " + ZipSettings.entryBytesKey(request.entryTime()) : null;
            List<ArtifactJob> changed = jobs.stream().filter(job -> !job.isUpToDate()).toList();
            CompletableFuture<Map<ArtifactJob, PreviousZip>> previousZips = new CompletableFuture<>();
            BackgroundZips zips = null;
            if (!changed.isEmpty()) {
                log.debug("zips started in " + millisSince(started) + " ms");
                zips = writeInBackground(changed, publisher, request, deflaterMode, previousZips);
            }
            try {
                // while the writing thread runs the deflater's canary: the entries it may copy from the last zips
                previousZips.complete(previousZips(changed, state, entryBytesKey));
                verifier.verify(jobs);
            } catch (LambdaZipException | IOException | RuntimeException | Error e) {
                if (zips != null) {
                    zips.abandon();
                }
                throw e;
            }
            log.debug("verified in " + millisSince(started) + " ms");
            if (zips != null) {
                zips.join();
            }
            for (ArtifactJob job : jobs) {
                if (!job.isUpToDate()) {
                    verifier.checkZipped(job);
                }
            }
            int written = 0;
            for (ArtifactJob job : jobs) {
                if (job.isUpToDate()) {
                    log.info(job.spec().kind().id() + " " + job.name() + ": up to date (" + job.outputs().zip() + ")");
                } else {
                    publisher.publish(job);
                    state.record(job.inputs(), job.writeResult(), entryBytesKey);
                    written++;
                }
            }
            List<String> removed = publisher.removeUnconfigured(request, state);
            List<ArtifactResult> results = inConfigurationOrder(request, jobs);
            Path manifest = request.outputDirectory().resolve(OutputFiles.MANIFEST);
            new ManifestWriter().writeIfChanged(manifest, request, results);
            log.debug("written in " + millisSince(started) + " ms");
            return new PackageResult(results, manifest, jobs.size() - written, written, removed);
        } finally {
            for (ArtifactJob job : jobs) {
                job.close();
            }
            removeIfEmpty(work);
        }
    }

    /**
     * A zip is up to date when its own inputs are unchanged and, for a function, so are its layers: a changed layer
     * can change what the function's imports resolve to. Layers come first, so theirs is known.
     */
    private static void markUpToDate(List<ArtifactJob> jobs, BuildState state) {
        for (ArtifactJob job : jobs) {
            boolean layerChanged = job.layers().stream().anyMatch(layer -> !layer.isUpToDate());
            job.current(layerChanged ? null : state.upToDate(job.inputs()));
        }
    }

    /**
     * Starts writing the {@code changed} zips to their temporary files, while the caller checks what goes into them;
     * nothing is published before the checks pass (see {@link BackgroundZips}). The writer first chooses the
     * deflater (the canary: tens of milliseconds in a cold JVM), then takes each zip's entries to copy from
     * {@code previousZips}, which the caller fills meanwhile.
     */
    private BackgroundZips writeInBackground(List<ArtifactJob> changed, ZipPublisher publisher,
            PackageRequest request, DeflaterChoice.Mode deflaterMode,
            CompletableFuture<Map<ArtifactJob, PreviousZip>> previousZips) {
        for (ArtifactJob job : changed) {
            // sorted once here, before the writer starts: the checks read the same trees on this thread meanwhile
            job.tree().entries();
        }
        return BackgroundZips.start(() -> {
            DeflaterChoice.Choice deflater = chooseDeflater(deflaterMode);
            DeterministicZipWriter writer = new DeterministicZipWriter(new ZipSettings(request.entryTime(),
                    request.threads(), deflater.builtInEncoder()));
            Map<ArtifactJob, PreviousZip> previous = BackgroundZips.await(previousZips);
            for (ArtifactJob job : changed) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                publisher.write(job, writer, previous.get(job));
            }
        });
    }

    /** The last zip of each changed job whose entries its new zip may copy; a job without one maps to null. */
    private static Map<ArtifactJob, PreviousZip> previousZips(List<ArtifactJob> changed, BuildState state,
            String entryBytesKey) {
        Map<ArtifactJob, PreviousZip> previous = new HashMap<>();
        for (ArtifactJob job : changed) {
            previous.put(job, state.previousZip(job.inputs(), entryBytesKey));
        }
        return previous;
    }

    private static List<ArtifactResult> inConfigurationOrder(PackageRequest request, List<ArtifactJob> jobs) {
        return request.artifacts().stream()
                .map(spec -> jobs.stream().filter(job -> job.spec() == spec).findFirst().orElseThrow().result())
                .toList();
    }

    /** Which encoder deflates, said once per JVM: at INFO when it is the slower built-in one chosen by the canary. */
    private DeflaterChoice.Choice chooseDeflater(DeflaterChoice.Mode mode) {
        DeflaterChoice.Choice choice = DeflaterChoice.choose(mode);
        if (!SAID_DEFLATER.getAndSet(true)) {
            if (choice.worthInfo()) {
                log.info(choice.reason());
            } else {
                log.debug(choice.reason());
            }
        }
        return choice;
    }

    /** The fallback time is reproducible, but dates every entry 1980: said once per JVM, not per module. */
    private void warnIfUndated(PackageRequest request) {
        if (request.entryTime().equals(OutputTimestamp.DEFAULT) && !WARNED_UNDATED.getAndSet(true)) {
            log.warn("Zip entries are dated " + OutputTimestamp.DEFAULT + " (no project.build.outputTimestamp or "
                    + "SOURCE_DATE_EPOCH): reproducible, but set <project.build.outputTimestamp> to date them");
        }
    }

    /** Phase times in the debug log, from the start of the run; the benchmark reads them. */
    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException stillInUse) {
            // another build in the same folder is installing; it removes the folder when done
        }
    }
}
