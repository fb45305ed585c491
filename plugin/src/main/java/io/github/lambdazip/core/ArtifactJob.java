package io.github.lambdazip.core;

import io.github.lambdazip.bytecode.CompiledBytecode;
import io.github.lambdazip.common.OutputFiles;
import io.github.lambdazip.lock.ResolvedDependencies;
import io.github.lambdazip.pip.InstalledDependencies;
import io.github.lambdazip.stage.StagedTree;
import io.github.lambdazip.state.RecordedZip;
import io.github.lambdazip.state.TrackedInputs;
import io.github.lambdazip.zip.ZipWriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One function or layer on its way through a packaging run: its spec and outputs, the packages its lock file
 * resolved to, then its staged tree (and the installed dependencies behind it), whether the zip in place is still
 * current, and the zip written for it.
 */
final class ArtifactJob implements AutoCloseable {

    private final ArtifactSpec spec;
    private final OutputFiles outputs;
    private final List<ArtifactJob> layers = new ArrayList<>();
    private ResolvedDependencies resolved;
    private StagedTree tree;
    private InstalledDependencies dependencies;
    /** How many of the tree's entries, in the order found, are the user's own code; their names once asked for. */
    private int ownSourceCount;
    private Set<String> ownSources;
    private CompiledBytecode bytecode;
    private TrackedInputs inputs;
    private RecordedZip current;
    private Path writtenTo;
    private ZipWriteResult written;

    private ArtifactJob(ArtifactSpec spec, OutputFiles outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    /**
     * A job per configured function and layer, layers first: functions are checked against them. Each function
     * runs with the layers it names, or with every layer of the build when it names none.
     */
    static List<ArtifactJob> inBuildOrder(PackageRequest request) {
        List<ArtifactJob> jobs = new ArrayList<>();
        for (ArtifactKind kind : List.of(ArtifactKind.LAYER, ArtifactKind.FUNCTION)) {
            for (ArtifactSpec spec : request.artifacts()) {
                if (spec.kind() == kind) {
                    jobs.add(new ArtifactJob(spec, OutputFiles.of(request.outputDirectory(), spec.name())));
                }
            }
        }
        for (ArtifactJob job : jobs) {
            if (job.isFunction()) {
                for (ArtifactJob layer : jobs) {
                    boolean named = job.spec.layers().isEmpty() || job.spec.layers().contains(layer.name());
                    if (!layer.isFunction() && named) {
                        job.layers.add(layer);
                    }
                }
            }
        }
        return jobs;
    }

    /** The layers a function runs with and is checked against; none for a layer. */
    List<ArtifactJob> layers() {
        return layers;
    }

    ArtifactSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    boolean isFunction() {
        return spec.kind() == ArtifactKind.FUNCTION;
    }

    OutputFiles outputs() {
        return outputs;
    }

    StagedTree tree() {
        return tree;
    }

    TrackedInputs inputs() {
        return inputs;
    }

    /** The packages a lock file resolved to for this job's Lambda environment; null for a requirements file. */
    ResolvedDependencies resolved() {
        return resolved;
    }

    void resolved(ResolvedDependencies dependencies) {
        this.resolved = dependencies;
    }

    void staged(StagedTree stagedTree, InstalledDependencies installed, String settings) {
        this.tree = stagedTree;
        this.dependencies = installed;
        this.inputs = new TrackedInputs(spec.name(), settings, stagedTree, outputs);
    }

    /** Marks the names staged so far as the user's own code (not installed packages): its errors fail the build. */
    void ownSourcesStaged() {
        this.ownSourceCount = tree.size();
    }

    /** Whether a name is the user's own code; the set is made on first use, which an up-to-date zip never has. */
    boolean isOwnSource(String name) {
        if (ownSources == null) {
            ownSources = tree.entriesAsFound().subList(0, ownSourceCount).stream().map(e -> e.name())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return ownSources.contains(name);
    }

    /** The bytecode compiled for this job's sources, now part of its tree; closed with the job. */
    void compiled(CompiledBytecode compiled) {
        this.bytecode = compiled;
    }

    /** The zip in place is the one these inputs give ({@code recorded}), or must be written (null). */
    void current(RecordedZip recorded) {
        this.current = recorded;
    }

    boolean isUpToDate() {
        return current != null;
    }

    void written(Path temp, ZipWriteResult result) {
        this.writtenTo = temp;
        this.written = result;
    }

    Path writtenTo() {
        return writtenTo;
    }

    ZipWriteResult writeResult() {
        return written;
    }

    /** What the manifest says of this job's zip, written now or still in place. */
    ArtifactResult result() {
        List<String> layerNames = layers.stream().map(ArtifactJob::name).toList();
        List<PackageVersion> shipped = resolved == null ? List.of()
                : resolved.packages().stream().map(p -> new PackageVersion(p.name(), p.version())).toList();
        if (current != null) {
            return new ArtifactResult(spec, outputs.zip(), current.size(), current.uncompressedSize(), current.entries(),
                    current.sha256(), layerNames, shipped);
        }
        return new ArtifactResult(spec, outputs.zip(), written.size(), written.uncompressedSize(), written.entries(),
                written.sha256(), layerNames, shipped);
    }

    /** Removes what the job left behind: an unpublished temp zip, temporary installed dependencies and bytecode. */
    @Override
    public void close() throws IOException {
        if (writtenTo != null) {
            Files.deleteIfExists(writtenTo);
        }
        if (dependencies != null) {
            dependencies.close();
        }
        if (bytecode != null) {
            bytecode.close();
        }
    }
}
