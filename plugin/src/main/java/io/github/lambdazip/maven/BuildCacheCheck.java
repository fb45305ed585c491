package io.github.lambdazip.maven;

import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.core.LocalInputs.InputFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Checks, when the Maven build cache extension runs {@code package}, that its configuration makes every input of
 * the zips part of the module's cache key and restores every output, so that a cache hit can never hand back stale
 * or incomplete zips. It mirrors the extension's own rules (1.2.3 to 1.3.0): the files it hashes are those under
 * the project's source folders, under every value of a plugin's configuration that names an existing path, under
 * {@code <input><global><includes>} and {@code maven.build.cache.input*} properties, whose name matches the input glob,
 * that are not hidden, not under {@code target/} and not excluded; settings that reach a mojo only through
 * {@code -D}, a default value or the environment are not hashed, and are checked on a hit only when reconciled;
 * and only attached artifacts and {@code <attachedOutputs>} folders are restored. Where the rules leave doubt, the
 * check counts an input as not covered.
 */
final class BuildCacheCheck {

    /** The default location, relative to the top folder of the build. */
    static final String CONFIG_FILE = ".mvn/maven-build-cache-config.xml";
    static final String CONFIG_PATH_PROPERTY = "maven.build.cache.configPath";
    static final String ENABLED_PROPERTY = "maven.build.cache.enabled";
    private static final String INPUT_PROPERTY = "maven.build.cache.input";
    private static final String INPUT_GLOB_PROPERTY = "maven.build.cache.input.glob";
    private static final String RESTORE_OUTPUTS_PROPERTY = "maven.build.cache.restoreGeneratedSources";
    private static final String RESTORE_ARTIFACTS_PROPERTY = "maven.build.cache.restoreOnDiskArtifacts";

    /**
     * The parameters of {@code package} that change the zips, their hash files or the attached artifacts and can
     * take a value the POM does not show (a {@code -D} property, or a default read from the project's properties),
     * which the extension only compares with the cached build's when they are reconciled.
     */
    static final Set<String> RECONCILED = new TreeSet<>(List.of("architecture", "attach", "compileBytecode",
            "deflater", "image", "indexUrl", "keepDependencyFiles", "noIndex", "outputDirectory", "outputTimestamp",
            "packageSkip", "runtime", "skip"));

    /** The executions that publish the zips, which must run on a hit too. */
    static final List<String> PUBLISHING = List.of("maven-install-plugin:install", "maven-deploy-plugin:deploy");

    /** How many uncovered files a message names before it counts the rest. */
    private static final int LISTED_FILES = 10;

    /**
     * The module and its settings, as the check needs them.
     *
     * @param configuredPaths the path values of this plugin's configuration (sources, requirements, find-links
     *     folders) as written, which the extension probes
     * @param projectRoots the module's source and resource folders, which the extension always walks
     * @param projectProperties the module's properties
     * @param sessionProperty a user property, else a system property, or null
     * @param environment an environment variable, or null
     * @param outputNames the names of the files the goal writes in the output folder
     * @param zipNames the names of the zips among them
     */
    record Subject(
            BuildCacheExtension extension,
            Path topDirectory,
            Path baseDirectory,
            Path buildDirectory,
            String packaging,
            Path outputDirectory,
            boolean attach,
            String outputTimestamp,
            List<String> configuredPaths,
            List<Path> projectRoots,
            List<InputFile> inputs,
            List<String> outputNames,
            List<String> zipNames,
            Map<String, String> projectProperties,
            UnaryOperator<String> sessionProperty,
            UnaryOperator<String> environment) {}

    private final Subject subject;

    BuildCacheCheck(Subject subject) {
        this.subject = subject;
    }

    /** The configuration file the extension reads: {@code maven.build.cache.configPath}, else the default. */
    Path configFile() {
        String configured = subject.sessionProperty().apply(CONFIG_PATH_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured.trim())
                : subject.topDirectory().resolve(CONFIG_FILE);
    }

    /** Whether the cache is turned off for this module, by property or by the configuration file. */
    boolean disabled(BuildCacheConfig config) {
        String session = subject.sessionProperty().apply(ENABLED_PROPERTY);
        if (session != null) {
            return !Boolean.parseBoolean(session);
        }
        if ("false".equalsIgnoreCase(String.valueOf(subject.projectProperties().get(ENABLED_PROPERTY)).trim())) {
            return true;
        }
        return config != null && !config.enabled();
    }

    /**
     * Does nothing when the configuration is complete or the cache is off for this module; otherwise fails with
     * every gap, the file to change and what to add.
     */
    void run() throws ProjectProblemException {
        Path file = configFile();
        BuildCacheConfig config;
        try {
            config = Files.isRegularFile(file) ? BuildCacheConfig.read(file) : null;
        } catch (IOException e) {
            throw new ProjectProblemException("The Maven build cache extension runs this build, but its configuration "
                    + file + " cannot be read: " + e.getMessage(),
                    "correct the file; the extension itself fails on it too", e, "buildCacheCheck");
        }
        if (disabled(config)) {
            return;
        }
        List<String> problems = problems(config);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("lambda-zip:package runs under the Maven build cache extension ")
                .append(subject.extension().version()).append(", and ")
                .append(config == null ? "there is no " + file + ", so the extension's defaults apply"
                        : file + " does not declare all the zips depend on")
                .append(": a cache hit could restore stale or incomplete zips.");
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        throw new ProjectProblemException(message.toString(),
                (config == null ? "add " + file : "complete " + file)
                        + " as the plugin's docs/ci.md shows (\"Maven's build cache\"): it declares the inputs, "
                        + "reconciles this goal's parameters, runs install and deploy on a hit "
                        + "and restores " + relativeOutput() + "/ with its hash files and manifest.json. Only if your "
                        + "configuration covers all of this in another way, set <buildCacheCheck>false</buildCacheCheck>",
                null, "buildCacheCheck");
    }

    /** Each gap in the configuration, as one line; empty when there is none. */
    List<String> problems(BuildCacheConfig configOrNull) {
        BuildCacheConfig config = configOrNull == null ? BuildCacheConfig.defaults() : configOrNull;
        List<String> problems = new ArrayList<>();
        boolean scans = !"pom".equals(subject.packaging()) || subject.extension().scansPomModules();
        if (!scans) {
            problems.add("version " + subject.extension().version() + " hashes no file of a module with <packaging>pom"
                    + "</packaging>, only its POM, so no change to a source or requirements file is ever a miss: use "
                    + "maven-build-cache-extension 1.2.3 or later");
        }
        problems.addAll(outputProblems(config));
        Set<String> missing = new TreeSet<>(RECONCILED);
        missing.removeAll(config.reconciled());
        if (!missing.isEmpty()) {
            problems.add("these parameters of lambda-zip:package are not reconciled, so a value from -D or from a "
                    + "project property (such as -Dlambdazip.runtime=… or project.build.outputTimestamp) is not "
                    + "compared with the cached build's: " + String.join(", ", missing) + "; add them under "
                    + "<executionControl><reconcile><plugins><plugin artifactId=\"" + BuildCacheConfig.PLUGIN_ARTIFACT_ID
                    + "\" goal=\"package\"><reconciles>");
        }
        List<String> skipped = new ArrayList<>();
        for (String publishing : PUBLISHING) {
            String plugin = publishing.substring(0, publishing.indexOf(':'));
            if (!config.runAlways().contains(publishing) && !config.runAlways().contains(plugin + ":*")) {
                skipped.add(publishing);
            }
        }
        if (!skipped.isEmpty()) {
            problems.add("on a hit the extension skips " + String.join(" and ", skipped) + ", so `mvn install`/`mvn "
                    + "deploy` would publish no zip: add them under <executionControl><runAlways><goalsLists>");
        }
        if (scans) {
            problems.addAll(inputProblems(config));
        }
        String sourceDateEpoch = subject.environment().apply("SOURCE_DATE_EPOCH");
        if ((subject.outputTimestamp() == null || subject.outputTimestamp().isBlank()) && sourceDateEpoch != null
                && !sourceDateEpoch.isBlank()) {
            problems.add("the entry time comes from the environment variable SOURCE_DATE_EPOCH (" + sourceDateEpoch
                    + "), which is no part of the cache key: set the project property project.build.outputTimestamp "
                    + "instead");
        }
        return problems;
    }

    private List<String> outputProblems(BuildCacheConfig config) {
        List<String> problems = new ArrayList<>();
        if ("false".equalsIgnoreCase(propertyAnywhere(RESTORE_OUTPUTS_PROPERTY))) {
            problems.add(RESTORE_OUTPUTS_PROPERTY + "=false: the extension then restores no <attachedOutputs> "
                    + "folder, so " + relativeOutput() + "/ would lack its hash files and manifest.json");
        }
        boolean zipsRestored = subject.attach()
                && !"false".equalsIgnoreCase(propertyAnywhere(RESTORE_ARTIFACTS_PROPERTY));
        List<String> needed = new ArrayList<>();
        for (String name : subject.outputNames()) {
            if (zipsRestored && subject.zipNames().contains(name)) {
                continue; // an attached artifact, put back in place by the extension
            }
            if (!restored(config, name)) {
                needed.add(name);
            }
        }
        if (!needed.isEmpty()) {
            problems.add("a cache hit would not restore " + String.join(", ", needed) + " in " + relativeOutput()
                    + "/: add <dirName glob=\"" + suggestedGlob(zipsRestored) + "\">" + relativeToBuild()
                    + "</dirName> under <configuration><attachedOutputs><dirNames>");
        }
        return problems;
    }

    /** Whether an {@code <attachedOutputs>} folder holds the output folder and its glob takes the file. */
    private boolean restored(BuildCacheConfig config, String name) {
        Path output = subject.outputDirectory().toAbsolutePath().normalize();
        for (BuildCacheConfig.AttachedOutput attached : config.attachedOutputs()) {
            Path folder;
            try {
                folder = subject.buildDirectory().resolve(attached.path()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            // the extension zips the whole folder, hidden files and folders too, testing file names with the glob
            if (output.startsWith(folder) && matches(attached.glob(), name)) {
                return true;
            }
        }
        return false;
    }

    private static String suggestedGlob(boolean zipsRestored) {
        return zipsRestored ? "{*.sha256,*.base64sha256,manifest.json}" : "{*.zip,*.sha256,*.base64sha256,manifest.json}";
    }

    private List<String> inputProblems(BuildCacheConfig config) {
        String glob = subject.projectProperties().get(INPUT_GLOB_PROPERTY);
        if (glob == null || glob.isBlank()) {
            glob = config.glob();
        }
        List<Root> roots = roots(config, glob.trim());
        Set<String> uncovered = new LinkedHashSet<>();
        Set<Path> seen = new TreeSet<>();
        for (InputFile input : subject.inputs()) {
            if (seen.add(input.path()) && !covered(roots, config, input.path())) {
                uncovered.add(display(input.path()) + " (" + input.role() + " of " + input.artifact() + ")");
            }
        }
        if (uncovered.isEmpty()) {
            return List.of();
        }
        List<String> listed = new ArrayList<>(uncovered).subList(0, Math.min(LISTED_FILES, uncovered.size()));
        String more = uncovered.size() > LISTED_FILES ? " and " + (uncovered.size() - LISTED_FILES) + " more" : "";
        return List.of(uncovered.size() + " input file(s) of the zips are not part of the cache key, so changing "
                + "them is no miss: " + String.join(", ", listed) + more + "; make the input glob take them (<input>"
                + "<global><glob>, now '" + glob + "'), or name their folders under <input><global><includes> "
                + "(includeHidden=\"true\" for hidden files); files under " + display(subject.buildDirectory())
                + "/ are never inputs");
    }

    /** A folder or file the extension walks for inputs, with the glob it walks it with. */
    private record Root(Path path, String glob, boolean recursive, boolean includeHidden) {}

    private List<Root> roots(BuildCacheConfig config, String glob) {
        List<Root> roots = new ArrayList<>();
        for (Path root : subject.projectRoots()) {
            roots.add(new Root(absolute(root), glob, true, false));
        }
        if (config.pluginScan() == BuildCacheConfig.PluginScan.ALL) {
            for (String value : subject.configuredPaths()) {
                Path path = probed(value);
                if (path != null) {
                    roots.add(new Root(path, glob, true, false));
                }
            }
        }
        for (BuildCacheConfig.Include include : config.includes()) {
            Path path = resolve(include.path());
            if (path != null) {
                roots.add(new Root(path, include.glob() == null ? glob : include.glob(), include.recursive(),
                        include.includeHidden()));
            }
        }
        for (String name : propertyNames()) {
            Path path = resolve(subject.projectProperties().get(name));
            if (path != null) {
                roots.add(new Root(path, glob, true, false));
            }
        }
        return roots;
    }

    private List<String> propertyNames() {
        return subject.projectProperties().keySet().stream()
                .filter(name -> name.startsWith(INPUT_PROPERTY) && !name.equals(INPUT_GLOB_PROPERTY)).sorted().toList();
    }

    private boolean covered(List<Root> roots, BuildCacheConfig config, Path file) {
        if (excluded(config, file)) {
            return false;
        }
        for (Root root : roots) {
            if (Files.isRegularFile(root.path())) {
                if (root.path().equals(file)) {
                    return true;
                }
                continue;
            }
            if (!file.startsWith(root.path()) || file.equals(root.path())) {
                continue;
            }
            boolean recursive = root.recursive() && !subject.baseDirectory().toAbsolutePath().normalize()
                    .startsWith(root.path());
            if (!recursive && file.getParent() != null && !file.getParent().equals(root.path())) {
                continue;
            }
            if (!root.includeHidden() && (hidden(root.path()) || hiddenBetween(root.path(), file))) {
                continue;
            }
            if (matches(root.glob(), file.getFileName().toString())) {
                return true;
            }
        }
        return false;
    }

    private boolean excluded(BuildCacheConfig config, Path file) {
        if (file.startsWith(absolute(subject.buildDirectory()))) {
            return true;
        }
        for (BuildCacheConfig.Exclude exclude : config.excludes()) {
            Path path = resolve(exclude.path());
            if (path == null || !file.startsWith(path)) {
                continue;
            }
            if (file.equals(path) || "**".equals(exclude.glob()) || matches(exclude.glob(), file.getFileName().toString())
                    || matches(exclude.glob(), path.relativize(file).toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the extension makes of a configuration value: a path relative to the module, or null for values it
     * does not probe (globs, URLs, coordinates, package names, Maven's environment expressions, the temp folder).
     */
    private Path probed(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (Set.of("true", "false", "utf-8", "null", "\\").contains(lower) || text.contains("*")
                || (text.contains(":") && !text.contains(":\\"))
                || startsWithAny(text, "com.", "org.", "io.", "java.", "javax.", "${env.")
                || text.startsWith(System.getProperty("java.io.tmpdir"))) {
            return null;
        }
        return resolve(text);
    }

    private static boolean startsWithAny(String text, String... prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Path resolve(String value) {
        if (value == null) {
            return null;
        }
        try {
            return absolute(subject.baseDirectory().resolve(value.trim()));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Whether a folder between {@code root} (excluded) and {@code file}, or the file itself, is hidden. */
    private static boolean hiddenBetween(Path root, Path file) {
        for (Path name : root.relativize(file)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The extension's glob test of one file name ({@code *} takes every name). */
    static boolean matches(String glob, String name) {
        if ("*".equals(glob)) {
            return true;
        }
        try {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return matcher.matches(Path.of(name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String propertyAnywhere(String name) {
        String value = subject.sessionProperty().apply(name);
        return value != null ? value.trim() : subject.projectProperties().get(name);
    }

    private String relativeOutput() {
        return display(subject.outputDirectory());
    }

    private String relativeToBuild() {
        Path build = absolute(subject.buildDirectory());
        Path output = absolute(subject.outputDirectory());
        return output.startsWith(build) ? build.relativize(output).toString().replace('\\', '/')
                : output.toString();
    }

    private String display(Path path) {
        Path base = absolute(subject.baseDirectory());
        Path absolute = absolute(path);
        return absolute.startsWith(base) && !absolute.equals(base)
                ? base.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }
}
