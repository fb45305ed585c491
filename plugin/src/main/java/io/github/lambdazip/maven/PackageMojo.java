package io.github.lambdazip.maven;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.core.ArtifactResult;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.DependencyOptions;
import io.github.lambdazip.core.IndexOptions;
import io.github.lambdazip.core.LambdaZipPackager;
import io.github.lambdazip.core.LockSelection;
import io.github.lambdazip.core.LocalInputs;
import io.github.lambdazip.core.OutputTimestamp;
import io.github.lambdazip.core.PackageRequest;
import io.github.lambdazip.core.PackageResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Packages each configured function and layer into a verified, byte-reproducible zip with its SHA-256 (hex and
 * Terraform's base64 form) and a {@code manifest.json}, and attaches the zips to the project.
 *
 * @since 0.1.0
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractLambdaZipMojo {

    /**
     * The time stamp of every zip entry, read as maven-archiver reads it: ISO-8601 or seconds since 1970. Unset,
     * {@code SOURCE_DATE_EPOCH} is used, else 1980-01-01T00:00:02Z, so zips are reproducible by default.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /**
     * Threads compressing zip entries; 0 means one per processor. The bytes do not depend on it. Modules that
     * package at once under {@code mvn -T} share one running deflate per processor.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.THREADS, defaultValue = "0")
    int threads;

    /**
     * The image {@code requirements} are installed in. Default: the runtime's slim Python image, e.g.
     * {@code python:3.12-slim} for {@code python3.12}.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.IMAGE)
    String image;

    /**
     * When to pull the image: {@code ifNotPresent}, {@code always} or {@code never}.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.PULL_POLICY, defaultValue = "ifNotPresent")
    String pullPolicy;

    /**
     * pip's {@code --index-url}. Default: pip's own (PyPI).
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.INDEX_URL)
    String indexUrl;

    /**
     * The id of a {@code server} in {@code settings.xml} whose username and password are sent to {@code indexUrl}.
     * They are injected at run time and never logged, cached or packaged.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.INDEX_SERVER_ID)
    String indexServerId;

    /**
     * pip's {@code --extra-index-url} values.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> extraIndexUrls;

    /**
     * Folders of wheels and sdists, relative to the project, passed to pip as {@code --find-links}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> findLinks;

    /**
     * pip's {@code --no-index}: install only from {@code findLinks} and local paths.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.NO_INDEX, defaultValue = "false")
    boolean noIndex;

    /**
     * More pip arguments, one per element, passed as they are (no shell, so spaces need no quoting).
     *
     * @since 0.1.0
     */
    @Parameter
    List<String> pipArgs;

    /**
     * Extras of the project to install from a lock file named in a function's or layer's {@code requirements}
     * (PEP 508 {@code extra}, PEP 751 {@code extras}, uv's and Poetry's optional dependencies), besides its main
     * dependencies. A function or layer may set its own {@code lockExtras} in place of these. An extra the lock does
     * not offer fails the build. Comma-separated on the command line.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.LOCK_EXTRAS)
    List<String> lockExtras;

    /**
     * Dependency groups to install from a lock file named in a function's or layer's {@code requirements}, besides
     * its main dependencies: uv and PEP 735 {@code [dependency-groups]}, Poetry groups, PEP 751
     * {@code dependency-groups}, Pipfile.lock sections such as {@code develop}; for a {@code uv.lock} workspace, the
     * members to package. Development groups are never installed unless named here. A function or layer may set its
     * own {@code lockGroups} in place of these. A group the lock does not have fails the build, naming those it has.
     * Comma-separated on the command line.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.LOCK_GROUPS)
    List<String> lockGroups;

    /**
     * Seconds one dependency install may take before its container is removed and the build fails.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.INSTALL_TIMEOUT, defaultValue = "1200")
    int installTimeout;

    /**
     * Reuse installed dependencies when nothing that decides them changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.CACHE, defaultValue = "true")
    boolean cache;

    /**
     * Where installed dependencies are cached.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.CACHE_DIRECTORY, defaultValue = "${user.home}/.cache/lambda-zip")
    File cacheDirectory;

    /**
     * Attach each zip to the project (type {@code zip}, classifier = name), so {@code install}/{@code deploy}
     * publish it.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.ATTACH, defaultValue = "true")
    boolean attach;

    /**
     * Ship the requirements files, lock files ({@code uv.lock}, {@code poetry.lock}, {@code Pipfile.lock},
     * {@code pylock.toml}) and {@code pyproject.toml} found at the top of a source folder. They are left out by
     * default: they say what to install, not what runs.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.KEEP_DEPENDENCY_FILES, defaultValue = "false")
    boolean keepDependencyFiles;

    /**
     * Ship, beside every Python source of each function and layer (its own code and the installed packages), the
     * bytecode compiled for the runtime: {@code __pycache__/NAME.cpython-3XX.pyc} in PEP 552 unchecked-hash mode,
     * compiled by the Python of the build image (the {@code image} parameter; also for functions without
     * requirements), byte-identical from build to build. Lambda's folder is read-only, so without it Python compiles
     * every imported module again at each cold start; with it imports are about twice as fast and the zip grows
     * (docs/performance.md). A syntax error in the project's own code then fails the build, naming the file and line.
     * A function or layer may set its own {@code compileBytecode}.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.COMPILE_BYTECODE, defaultValue = "false")
    boolean compileBytecode;

    /**
     * Which encoder deflates: {@code auto} checks once per JVM that the JDK's zlib writes classic zlib's bytes and
     * otherwise (zlib-ng on Fedora and RHEL, other forks) uses the built-in encoder, so the zips are the same on
     * every machine; {@code java} always uses the built-in encoder; {@code native} always the JDK's zlib.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.DEFLATER, defaultValue = "auto")
    String deflater;

    /**
     * When the Apache Maven Build Cache Extension runs this goal, check that its configuration
     * ({@code .mvn/maven-build-cache-config.xml}, or the file {@code maven.build.cache.configPath} names) makes every
     * input of the zips part of the module's cache key, reconciles this goal's parameters, runs {@code install} and
     * {@code deploy} on a hit and restores the output folder with its hash files and {@code manifest.json}, and fail
     * the build naming each gap otherwise (see docs/ci.md): without that configuration a cache hit can restore stale
     * or incomplete zips. Set it to {@code false} only when your configuration covers all of this in another way.
     * Without the extension it does nothing.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.BUILD_CACHE_CHECK, defaultValue = "true")
    boolean buildCacheCheck;

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.PACKAGE_SKIP, defaultValue = "false")
    boolean packageSkip;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    private final MavenProjectHelper projectHelper;
    private final SettingsDecrypter settingsDecrypter;

    /** The process environment, read for {@code SOURCE_DATE_EPOCH}; tests put their own in its place. */
    UnaryOperator<String> environment = System::getenv;

    @Inject
    public PackageMojo(MavenProjectHelper projectHelper, SettingsDecrypter settingsDecrypter) {
        this.projectHelper = projectHelper;
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    String goal() {
        return "package";
    }

    @Override
    boolean skipGoal() {
        return packageSkip;
    }

    @Override
    void run(BuildLog log) throws LambdaZipException, IOException {
        PackageRequest request = request();
        PackageResult result = new LambdaZipPackager(log).packageAll(request);
        if (buildCacheCheck) {
            Optional<BuildCacheExtension> extension = BuildCacheExtension.onStack();
            if (extension.isPresent()) {
                BuildCacheCheck check = new BuildCacheCheck(buildCacheSubject(extension.get(), request, result));
                check.run();
                log.info("Build cache extension " + extension.get().version() + ": " + check.configFile()
                        + " declares every input and output of the zips");
            }
        }
        if (attach) {
            for (ArtifactResult artifact : result.artifacts()) {
                projectHelper.attachArtifact(project, "zip", artifact.spec().name(), artifact.zip().toFile());
            }
        }
        log.info("Lambda zips: " + result.summary() + "; manifest " + result.manifest());
    }

    PackageRequest request() throws LambdaZipException {
        List<ArtifactSpec> specs = specs();
        Server credentials = credentials();
        IndexOptions index = new IndexOptions(blankToNull(indexUrl), items(extraIndexUrls), items(findLinks), noIndex,
                items(pipArgs),
                credentials == null ? null : credentials.getUsername(),
                credentials == null ? null : credentials.getPassword());
        DependencyOptions dependencies = new DependencyOptions(blankToNull(image), pullPolicy, index,
                Duration.ofSeconds(installTimeout), cache, cacheDirectory.toPath(), session != null && session.isOffline());
        return new PackageRequest(
                project.getBasedir().toPath(),
                outputDirectory.toPath(),
                PythonRuntime.fromId(runtime),
                Architecture.fromId(architecture),
                specs,
                OutputTimestamp.resolve(outputTimestamp, environment.apply("SOURCE_DATE_EPOCH")),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                dependencies,
                providedModules(),
                virtualModules(),
                keepDependencyFiles,
                deflater);
    }

    @Override
    boolean compileBytecode(Boolean own) {
        return own != null ? own : compileBytecode;
    }

    @Override
    LockSelection lockSelection(List<String> ownExtras, List<String> ownGroups) {
        return new LockSelection(commaSeparated(ownExtras != null ? ownExtras : lockExtras),
                commaSeparated(ownGroups != null ? ownGroups : lockGroups));
    }

    /** This module as {@link BuildCacheCheck} sees it. */
    private BuildCacheCheck.Subject buildCacheSubject(BuildCacheExtension extension, PackageRequest request,
            PackageResult result) throws LambdaZipException, IOException {
        List<String> configuredPaths = new ArrayList<>();
        for (ArtifactSpec spec : request.artifacts()) {
            configuredPaths.addAll(spec.sources());
            if (spec.requirements() != null) {
                configuredPaths.add(spec.requirements());
            }
        }
        configuredPaths.addAll(items(findLinks));
        Build build = project.getBuild();
        List<Path> roots = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        folders.add(build.getSourceDirectory());
        folders.add(build.getTestSourceDirectory());
        build.getResources().forEach(resource -> folders.add(resource.getDirectory()));
        build.getTestResources().forEach(resource -> folders.add(resource.getDirectory()));
        for (String folder : folders) {
            if (folder != null) {
                roots.add(project.getBasedir().toPath().resolve(folder));
            }
        }
        List<String> outputNames = new ArrayList<>();
        List<String> zipNames = new ArrayList<>();
        for (ArtifactResult artifact : result.artifacts()) {
            String zip = artifact.zip().getFileName().toString();
            zipNames.add(zip);
            outputNames.addAll(List.of(zip, zip + ".sha256", zip + ".base64sha256"));
        }
        outputNames.add(result.manifest().getFileName().toString());
        Map<String, String> properties = new TreeMap<>();
        project.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        return new BuildCacheCheck.Subject(extension, topDirectory(), project.getBasedir().toPath(),
                Path.of(build.getDirectory()), project.getPackaging(), outputDirectory.toPath(), attach,
                outputTimestamp, configuredPaths, roots, LocalInputs.of(request), outputNames, zipNames, properties,
                name -> session.getUserProperties().getProperty(name,
                        session.getSystemProperties().getProperty(name)),
                environment);
    }

    /** The folder whose {@code .mvn/} Maven read: the one the extension reads its configuration from. */
    private Path topDirectory() {
        File top = session.getRequest().getMultiModuleProjectDirectory();
        if (top == null && session.getTopLevelProject() != null) {
            top = session.getTopLevelProject().getBasedir();
        }
        return (top != null ? top : project.getBasedir()).toPath();
    }

    /** The decrypted {@code <server>} named by {@code indexServerId}, or null. */
    private Server credentials() throws InvalidConfigurationException {
        if (indexServerId == null || indexServerId.isBlank()) {
            return null;
        }
        if (indexUrl == null || indexUrl.isBlank()) {
            throw new InvalidConfigurationException("indexServerId",
                    "'" + indexServerId + "' is set but <indexUrl> is not, so there is no index to send it to",
                    "set <indexUrl> to your private index, or remove <indexServerId>");
        }
        Server server = settings.getServer(indexServerId);
        if (server == null) {
            throw new InvalidConfigurationException("indexServerId",
                    "no <server> with id '" + indexServerId + "' in settings.xml",
                    "add <server><id>" + indexServerId + "</id><username>…</username><password>…</password></server> "
                            + "to ~/.m2/settings.xml");
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        return decrypted.getServer() != null ? decrypted.getServer() : server;
    }
}
