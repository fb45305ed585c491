package io.github.lambdazip.core;

import io.github.lambdazip.bytecode.BytecodeCompiler;
import io.github.lambdazip.bytecode.BytecodeRequest;
import io.github.lambdazip.bytecode.BytecodeSource;
import io.github.lambdazip.bytecode.CompiledBytecode;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.lock.DependencyFileKind;
import io.github.lambdazip.lock.LockFileResolver;
import io.github.lambdazip.lock.LockedPackage;
import io.github.lambdazip.lock.ResolvedDependencies;
import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.PythonFullVersionNeededException;
import io.github.lambdazip.pip.DependencyInstaller;
import io.github.lambdazip.pip.DependencySettings;
import io.github.lambdazip.pip.InstallRequest;
import io.github.lambdazip.pip.InstalledDependencies;
import io.github.lambdazip.stage.GlobPattern;
import io.github.lambdazip.stage.SourceStager;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Stages a job: its source folders' contents at the zip root (a layer's under {@code python/}), then, once a lock
 * file is resolved for its Lambda environment, its installed dependencies beside them; and the settings text that,
 * with those files, decides its zip.
 */
final class JobStager {

    /**
     * Files at the top of a source folder that say what to install, not what to run: they are left out unless
     * asked for, as they can name private indexes and are no use in /var/task.
     */
    private static final List<String> DEPENDENCY_FILES = List.of("requirements*.txt", "requirements*.in",
            "pyproject.toml", "uv.lock", "poetry.lock", "Pipfile", "Pipfile.lock", "pylock.toml", "pylock.*.toml");

    /** Raise when what the settings text means changes, so every zip is rebuilt once. */
    private static final String FORMAT = "6";

    private final BuildLog log;
    private final PackageRequest request;
    private final DependencyInstaller installer;
    private final DependencySettings dependencies;
    private final BytecodeCompiler compiler;

    JobStager(BuildLog log, PackageRequest request, DependencyInstaller installer, DependencySettings dependencies,
            BytecodeCompiler compiler) {
        this.log = log;
        this.request = request;
        this.installer = installer;
        this.dependencies = dependencies;
        this.compiler = compiler;
    }

    /** Stages a job's own source folders; its dependencies come later, once every handler is known to be in place. */
    void stageSources(ArtifactJob job) throws LambdaZipException, IOException {
        ArtifactSpec spec = job.spec();
        BuildLog jobLog = log.prefixed("[" + spec.name() + "] ");
        jobLog.info("Staging " + spec.kind().id() + " from " + String.join(", ", spec.sources()));
        SourceStager stager = new SourceStager(jobLog);
        StagedTree tree = new StagedTree();
        List<GlobPattern> excludes = excludes(spec, request.keepDependencyFiles());
        for (String source : spec.sources()) {
            Path folder = RequestValidator.resolve(request.baseDirectory(), source, "source");
            stager.stage(folder, spec.kind().zipPrefix(), excludes, "<source> " + source, tree);
        }
        job.staged(tree, null, settings(spec));
        job.ownSourcesStaged();
    }

    /**
     * Reads a job's lock file for its Lambda environment (runtime, architecture, requested extras and groups), with
     * no container and no engine, and logs the packages it resolves to; a requirements file is left to pip. Only a
     * lock whose answer depends on the patch release of Python needs the build image's exact version, once per
     * image (it is remembered beside the dependency cache).
     */
    void resolveDependencies(ArtifactJob job) throws LambdaZipException, IOException {
        ArtifactSpec spec = job.spec();
        if (spec.requirements() == null) {
            return;
        }
        Path file = RequestValidator.resolve(request.baseDirectory(), spec.requirements(), "requirements");
        DependencyFileKind kind = DependencyFileKind.of(file);
        if (kind.passthrough()) {
            return;
        }
        MarkerEnvironment environment = MarkerEnvironment.lambda(request.runtime(), request.architecture())
                .withExtras(spec.lock().extras());
        BuildLog jobLog = log.prefixed("[" + spec.name() + "] ");
        ResolvedDependencies resolved;
        try {
            resolved = LockFileResolver.resolve(file, environment, spec.lock().groups());
        } catch (PythonFullVersionNeededException e) {
            jobLog.info(kind.describe(file) + " depends on the exact Python version (" + e.condition()
                    + "); asking the build image");
            environment = environment.withPythonFullVersion(
                    installer.imagePythonVersion(request.runtime(), request.architecture(), dependencies));
            resolved = LockFileResolver.resolve(file, environment, spec.lock().groups());
        }
        jobLog.info("Resolved " + kind.describe(file) + " for " + request.runtime().id()
                + (environment.fullVersionKnown() ? " (Python " + environment.pythonDescription() + ")" : "") + " on "
                + request.architecture().id() + selection(spec.lock()) + ": " + resolved.packages().size()
                + (resolved.packages().size() == 1 ? " package" : " packages")
                + (resolved.locked() ? "" : ", not locked")
                + (resolved.hashesComplete() ? ", hashes required" : ""));
        for (LockedPackage p : resolved.packages()) {
            jobLog.info(p.toString());
        }
        for (String warning : resolved.warnings()) {
            jobLog.warn(warning);
        }
        job.resolved(resolved);
    }

    private static String selection(LockSelection lock) {
        return (lock.extras().isEmpty() ? "" : ", extras " + String.join(", ", lock.extras()))
                + (lock.groups().isEmpty() ? "" : ", groups " + String.join(", ", lock.groups()));
    }

    /** What staging leaves out of a job's source folders besides what is never packaged. */
    static List<GlobPattern> excludes(ArtifactSpec spec, boolean keepDependencyFiles) {
        List<GlobPattern> excludes = new ArrayList<>(spec.excludes().stream().filter(e -> e != null && !e.isBlank())
                .map(GlobPattern::of).toList());
        if (!keepDependencyFiles) {
            DEPENDENCY_FILES.forEach(name -> excludes.add(GlobPattern.of(name)));
        }
        return excludes;
    }

    /** Installs a job's requirements (from the cache when nothing that decides them changed) beside its sources. */
    void stageDependencies(ArtifactJob job) throws LambdaZipException, IOException {
        ArtifactSpec spec = job.spec();
        if (spec.requirements() == null) {
            return;
        }
        if (job.resolved() != null && job.resolved().packages().isEmpty()) {
            log.prefixed("[" + spec.name() + "] ").info("Nothing to install: " + spec.requirements()
                    + " holds no package for this environment");
            return;
        }
        Path requirements = RequestValidator.resolve(request.baseDirectory(), spec.requirements(), "requirements");
        InstalledDependencies installed = installer.install(new InstallRequest(spec.name(), requirements,
                request.baseDirectory(), request.runtime(), request.architecture(), dependencies, job.resolved()));
        try {
            new SourceStager(log.prefixed("[" + spec.name() + "] ")).stage(installed.folder(),
                    spec.kind().zipPrefix(), List.of(), "dependencies from " + spec.requirements(), job.tree());
            job.staged(job.tree(), installed, settings(spec));
        } catch (LambdaZipException | IOException | RuntimeException e) {
            installed.close();
            throw e;
        }
    }

    /**
     * With {@code compileBytecode}, adds the bytecode of every staged Python source (the user's and the installed
     * packages') beside it, compiled in the build image: after the install, before the up-to-date check, so the
     * {@code .pyc} files are inputs like any other file. Known sources come from the cache without a container.
     */
    void compileBytecode(ArtifactJob job) throws LambdaZipException, IOException {
        ArtifactSpec spec = job.spec();
        if (!spec.compileBytecode()) {
            return;
        }
        List<BytecodeSource> sources = new ArrayList<>();
        for (StagedEntry entry : job.tree().entries()) {
            if (entry.name().endsWith(".py")) {
                sources.add(new BytecodeSource(entry.name(), entry.source(), job.isOwnSource(entry.name()),
                        described(entry.source())));
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        BytecodeRequest bytecode = new BytecodeRequest(spec.name(), sources, lambdaRoot(spec.kind()),
                request.runtime(), request.architecture(), image(), dependencies.pullPolicy(), dependencies.offline(),
                dependencies.installTimeout(),
                dependencies.cacheEnabled() ? dependencies.cacheDirectory().resolve("bytecode") : null);
        CompiledBytecode compiled = compiler.compile(bytecode);
        job.compiled(compiled);
        SourceStager stager = new SourceStager(log.prefixed("[" + spec.name() + "] "));
        for (var file : compiled.files().entrySet()) {
            stager.stageFile(file.getValue(), bytecode.pycName(file.getKey()),
                    "bytecode of " + file.getKey(), job.tree());
        }
    }

    /** Where Lambda unzips a function ({@code /var/task/}) or a layer ({@code /opt/}, its files under python/). */
    static String lambdaRoot(ArtifactKind kind) {
        return kind == ArtifactKind.LAYER ? "/opt/" : "/var/task/";
    }

    private String image() {
        return InstallRequest.imageFor(dependencies, request.runtime());
    }

    /** A file as messages name it: relative to the project when inside it. */
    private String described(Path file) {
        Path base = request.baseDirectory().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
    }

    /** Everything but the files that decides a job's zip and its checks, as lines of text. */
    private String settings(ArtifactSpec spec) {
        return field("format", FORMAT) + field("plugin", PluginVersion.VALUE)
                + field("time", request.entryTime().toString())
                + field("runtime", request.runtime().id()) + field("architecture", request.architecture().id())
                + field("kind", spec.kind().id()) + field("handler", String.valueOf(spec.handler()))
                + field("provided", String.join(",", new TreeSet<>(request.providedModules())))
                + field("virtual", String.join(",", new TreeSet<>(request.virtualModules())))
                + field("bytecode", spec.compileBytecode() ? image() : "false");
    }

    private static String field(String name, String value) {
        return name + "=" + value + "\n";
    }
}
