package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.hash.Sha256Digest;
import io.github.lambdazip.pip.DependencyInstaller;
import io.github.lambdazip.pip.InstallRequest;
import io.github.lambdazip.pip.InstalledDependencies;
import io.github.lambdazip.stage.GlobPattern;
import io.github.lambdazip.stage.SourceStager;
import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.verify.Finding;
import io.github.lambdazip.verify.PackageContents;
import io.github.lambdazip.verify.PackageVerifier;
import io.github.lambdazip.verify.SizeCheck;
import io.github.lambdazip.verify.VerificationTarget;
import io.github.lambdazip.verify.VerificationFailedException;
import io.github.lambdazip.verify.VerifySettings;
import io.github.lambdazip.zip.DeterministicZipWriter;
import io.github.lambdazip.zip.ZipSettings;
import io.github.lambdazip.zip.ZipWriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code package} job: for each function and layer, stage its sources (and installed dependencies), check the
 * result the way Lambda will load it, and only when every one passes write the zips, their hashes and the
 * manifest. Each output appears whole or not at all. A zip whose inputs are unchanged since the last build is
 * left as it is ("up to date"); when nothing changed, nothing is written.
 */
public final class LambdaZipPackager {

    public static final String MANIFEST = "manifest.json";

    private final BuildLog log;

    public LambdaZipPackager(BuildLog log) {
        this.log = log;
    }

    public PackageResult packageAll(PackageRequest request) throws LambdaZipException, IOException {
        long started = System.nanoTime();
        new RequestValidator().validate(request);
        List<Prepared> prepared = new ArrayList<>();
        List<Path> temporaries = new ArrayList<>();
        try (DependencyInstaller installer = new DependencyInstaller(log, request.outputDirectory().resolve(".work"))) {
            for (ArtifactSpec spec : request.artifacts()) {
                prepared.add(prepare(request, spec, installer));
            }
            log.debug("staged in " + millisSince(started) + " ms");
            BuildState state = new BuildState(request.outputDirectory());
            Map<String, BuildState.Summary> summaries = new HashMap<>();
            for (Prepared item : prepared) {
                BuildState.Summary summary = state.summary(item.spec().name());
                if (summary != null) {
                    summaries.put(item.spec().name(), summary);
                }
            }
            Map<String, String> fingerprints = stagedFingerprints(request, prepared, state, summaries);
            log.debug("fingerprinted in " + millisSince(started) + " ms");
            Path manifest = request.outputDirectory().resolve(MANIFEST);
            Map<String, ArtifactResult> unchanged = new HashMap<>();
            for (Prepared item : prepared) {
                String fingerprint = fingerprints.get(item.spec().name());
                ArtifactResult previous = fingerprint == null ? null : BuildState.upToDate(item.spec(),
                        summaries.get(item.spec().name()), fingerprint, zipPath(request, item.spec()));
                if (previous != null) {
                    unchanged.put(item.spec().name(), previous);
                }
            }
            if (unchanged.size() == prepared.size() && Files.isRegularFile(manifest)) {
                prepared.forEach(item -> logUpToDate(request, item.spec()));
                return new PackageResult(prepared.stream().map(p -> unchanged.get(p.spec().name())).toList(), manifest);
            }
            List<Prepared> changed = prepared.stream().filter(p -> !unchanged.containsKey(p.spec().name())).toList();
            verifyAll(request, prepared, changed);
            log.debug("verified in " + millisSince(started) + " ms");
            Map<String, Written> written = new HashMap<>();
            DeterministicZipWriter writer = new DeterministicZipWriter(new ZipSettings(request.entryTime(), request.threads()));
            for (Prepared item : changed) {
                Path zip = zipPath(request, item.spec());
                Path temp = AtomicFiles.tempFileFor(zip);
                temporaries.add(temp);
                long zipStart = System.nanoTime();
                ZipWriteResult result = writer.write(item.tree(), temp);
                log.debug(item.spec().name() + ".zip compressed in " + millisSince(zipStart) + " ms");
                warn(item.spec(), new SizeCheck().checkZipped(result.size()));
                written.put(item.spec().name(), new Written(item.spec(), temp, zip, result));
            }
            Map<String, String> current = new HashMap<>(fingerprints);
            Map<String, String> filesDigests = new HashMap<>();
            Map<String, RecordedInputs> inputs = new HashMap<>();
            for (ArtifactKind kind : List.of(ArtifactKind.LAYER, ArtifactKind.FUNCTION)) {
                for (Prepared item : changed) {
                    if (item.spec().kind() == kind) {
                        String name = item.spec().name();
                        long[] crcs = written.get(name).result().crcs();
                        String files = InputFingerprint.filesDigest(item.tree(), crcs);
                        String settings = InputFingerprint.settings(request, item.spec(), layerList(prepared, current, item));
                        filesDigests.put(name, files);
                        inputs.put(name, RecordedInputs.of(settings, item.tree()).packagedAs(crcs));
                        current.put(name, InputFingerprint.of(settings, files));
                    }
                }
            }
            List<ArtifactResult> results = new ArrayList<>();
            for (Prepared item : prepared) {
                String name = item.spec().name();
                if (unchanged.containsKey(name)) {
                    logUpToDate(request, item.spec());
                    results.add(unchanged.get(name));
                } else {
                    Written done = written.get(name);
                    ArtifactResult result = publish(done);
                    results.add(result);
                    state.write(result, current.get(name), filesDigests.get(name), inputs.get(name));
                }
            }
            new ManifestWriter().write(manifest, request, results);
            log.debug("written in " + millisSince(started) + " ms");
            return new PackageResult(results, manifest);
        } finally {
            for (Path temp : temporaries) {
                Files.deleteIfExists(temp);
            }
            for (Prepared item : prepared) {
                item.close();
            }
            removeIfEmpty(request.outputDirectory().resolve(".work"));
        }
    }

    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException stillInUse) {
            // another build in the same folder is installing; it removes the folder when done
        }
    }

    private void logUpToDate(PackageRequest request, ArtifactSpec spec) {
        log.info(spec.kind().id() + " " + spec.name() + ": up to date (" + zipPath(request, spec) + ")");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Prepared prepare(PackageRequest request, ArtifactSpec spec, DependencyInstaller installer)
            throws LambdaZipException, IOException {
        log.info("Staging " + spec.kind().id() + " '" + spec.name() + "' from " + String.join(", ", spec.sources()));
        StagedTree tree = new StagedTree();
        SourceStager stager = new SourceStager(log);
        List<GlobPattern> excludes = spec.excludes().stream().filter(e -> e != null && !e.isBlank()).map(GlobPattern::of)
                .toList();
        for (String source : spec.sources()) {
            Path folder = RequestValidator.resolve(request.baseDirectory(), source, "source");
            stager.stage(folder, spec.kind().zipPrefix(), excludes, "<source> " + source, tree);
        }
        InstalledDependencies dependencies = null;
        try {
            if (spec.requirements() != null) {
                Path requirements = RequestValidator.resolve(request.baseDirectory(), spec.requirements(), "requirements");
                dependencies = installer.install(new InstallRequest(spec.name(), requirements, request.baseDirectory(),
                        request.runtime(), request.architecture(), request.dependencies()));
                stager.stage(dependencies.folder(), spec.kind().zipPrefix(), List.of(),
                        "dependencies from " + spec.requirements(), tree);
            }
            return new Prepared(spec, tree, dependencies);
        } catch (LambdaZipException | IOException | RuntimeException e) {
            if (dependencies != null) {
                dependencies.close();
            }
            throw e;
        }
    }

    /**
     * Checks every function and layer before anything is written. Functions are checked with the layers of this
     * build, since they are usually deployed together.
     */
    /**
     * The fingerprint each item would have now, from its staged files and the recorded CRCs of unchanged ones. Layers
     * first: a function's fingerprint includes those of the layers it is checked with. Items with no recorded state
     * get none, since they are written anyway and fingerprinted from the writer's CRCs.
     */
    private static Map<String, String> stagedFingerprints(PackageRequest request, List<Prepared> prepared,
            BuildState state, Map<String, BuildState.Summary> summaries) {
        Map<String, String> fingerprints = new HashMap<>();
        for (ArtifactKind kind : List.of(ArtifactKind.LAYER, ArtifactKind.FUNCTION)) {
            for (Prepared item : prepared) {
                if (item.spec().kind() != kind) {
                    continue;
                }
                BuildState.Summary summary = summaries.get(item.spec().name());
                List<String> layers = layerList(prepared, fingerprints, item);
                if (summary != null && layers != null) {
                    fingerprints.put(item.spec().name(), stagedFingerprint(request, state, summary, item, layers));
                }
            }
        }
        return fingerprints;
    }

    /**
     * An item's fingerprint now: the recorded one when neither its settings nor any file's stamp changed (two
     * comparisons of bytes), else computed, reusing the recorded files digest when only settings changed, and the
     * recorded CRCs of unchanged files when some files did.
     */
    private static String stagedFingerprint(PackageRequest request, BuildState state, BuildState.Summary summary,
            Prepared item, List<String> layers) {
        String settings = InputFingerprint.settings(request, item.spec(), layers);
        RecordedInputs now = RecordedInputs.of(settings, item.tree());
        RecordedInputs then = state.recordedInputs(item.spec().name(), summary);
        boolean sameFiles = then != null && then.sameFiles(now);
        if (sameFiles && then.sameSettings(now)) {
            return summary.fingerprint();
        }
        String files = sameFiles ? summary.filesDigest()
                : InputFingerprint.filesDigest(item.tree(), then == null ? null : then.index());
        return InputFingerprint.of(settings, files);
    }

    /** The fingerprints of the layers a function is checked with (none for a layer); null when one is unknown. */
    private static List<String> layerList(List<Prepared> prepared, Map<String, String> fingerprints, Prepared item) {
        if (item.spec().kind() == ArtifactKind.LAYER) {
            return List.of();
        }
        List<String> layers = new ArrayList<>();
        for (Prepared other : prepared) {
            if (other.spec().kind() == ArtifactKind.LAYER) {
                String fingerprint = fingerprints.get(other.spec().name());
                if (fingerprint == null) {
                    return null;
                }
                layers.add(fingerprint);
            }
        }
        return layers;
    }

    private void verifyAll(PackageRequest request, List<Prepared> prepared, List<Prepared> toCheck)
            throws IOException, VerificationFailedException {
        PackageVerifier verifier = new PackageVerifier(new VerificationTarget(request.runtime(), request.architecture()),
                new VerifySettings(request.providedModules(), request.virtualModules(), false));
        List<PackageContents> layers = new ArrayList<>();
        long layersSize = 0;
        for (Prepared item : prepared) {
            if (item.spec().kind() == ArtifactKind.LAYER) {
                layers.add(new StagedContents(item.tree(), request.baseDirectory()));
                layersSize += item.tree().uncompressedSize();
            }
        }
        List<Finding> errors = new ArrayList<>();
        String failed = null;
        for (Prepared item : toCheck) {
            ArtifactSpec spec = item.spec();
            boolean function = spec.kind() == ArtifactKind.FUNCTION;
            List<Finding> findings = verifier.check(function ? spec.handler() : null,
                    new StagedContents(item.tree(), request.baseDirectory()), function ? layers : List.of(),
                    item.tree().uncompressedSize(), function ? layersSize : 0);
            warn(spec, findings);
            List<Finding> itemErrors = findings.stream().filter(Finding::isError).toList();
            if (!itemErrors.isEmpty()) {
                failed = failed == null ? spec.name() : failed + "', '" + spec.name();
                errors.addAll(itemErrors);
            }
        }
        if (failed != null) {
            throw new VerificationFailedException(failed, errors);
        }
    }

    private void warn(ArtifactSpec spec, List<Finding> findings) {
        for (Finding finding : findings) {
            if (finding.isWarning()) {
                log.warn(spec.describe() + ": " + finding.describe());
            } else if (!finding.isError()) {
                log.info(spec.describe() + ": " + finding.describe());
            }
        }
    }

    private ArtifactResult publish(Written item) throws IOException {
        Path zip = item.target();
        Path sha256File = zip.resolveSibling(zip.getFileName() + ".sha256");
        Path base64File = zip.resolveSibling(zip.getFileName() + ".base64sha256");
        Sha256Digest digest = new Sha256Digest(item.result().sha256());
        // Old hashes go first: a build stopped half-way leaves a zip without a hash, never a hash of another zip.
        Files.deleteIfExists(sha256File);
        Files.deleteIfExists(base64File);
        AtomicFiles.move(item.temp(), zip);
        AtomicFiles.write(sha256File, digest.sha256sumLine(zip.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(base64File, digest.base64().getBytes(StandardCharsets.UTF_8));
        ZipWriteResult result = item.result();
        log.info(item.spec().kind().id() + " " + item.spec().name() + ": " + zip + " (" + result.entries() + " entries, "
                + result.size() + " bytes, " + result.uncompressedSize() + " unzipped) sha256 " + digest.hex());
        return new ArtifactResult(item.spec(), zip, result.size(), result.uncompressedSize(), result.entries(), digest);
    }

    private static Path zipPath(PackageRequest request, ArtifactSpec spec) {
        return request.outputDirectory().resolve(spec.name() + ".zip");
    }

    private record Prepared(ArtifactSpec spec, StagedTree tree, InstalledDependencies dependencies) {
        void close() throws IOException {
            if (dependencies != null) {
                dependencies.close();
            }
        }
    }

    private record Written(ArtifactSpec spec, Path temp, Path target, ZipWriteResult result) {}
}
