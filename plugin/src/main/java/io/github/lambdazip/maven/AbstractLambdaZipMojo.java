package io.github.lambdazip.maven;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.ProjectProblemException;
import io.github.lambdazip.core.ArtifactKind;
import io.github.lambdazip.core.ArtifactSpec;
import io.github.lambdazip.core.LockSelection;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the functions and layers, the runtime, skipping, and error mapping, once: a problem in the project is a build failure
 * ({@link MojoFailureException}), a problem in the environment an execution error ({@link MojoExecutionException}),
 * both with the core's message and fix.
 */
abstract class AbstractLambdaZipMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.SKIP, defaultValue = "false")
    boolean skip;

    /**
     * The Lambda runtime: {@code python3.9} to {@code python3.14}. It picks the default build image, the Python
     * version installed packages must match, and the newest glibc their native code may need.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.RUNTIME, defaultValue = "python3.12")
    String runtime;

    /**
     * The function's architecture: {@code x86_64} or {@code arm64}.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.ARCHITECTURE, defaultValue = "x86_64")
    String architecture;

    /**
     * The functions; each has a {@code name}, a {@code handler}, {@code sources} (folders whose contents go to
     * the zip root) and optionally {@code requirements} (a requirements file, or a lock file: {@code pylock.toml},
     * {@code uv.lock}, {@code poetry.lock}, {@code Pipfile.lock}, or a {@code pyproject.toml}), {@code excludes}
     * and {@code layers}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<Function> functions;

    /**
     * The layers; each has a {@code name}, {@code sources} and/or {@code requirements} (a requirements or lock
     * file, as for functions), and optionally {@code excludes}. Their contents go under {@code python/}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<LayerConfig> layers;

    /**
     * Where the zips, hash files and {@code manifest.json} are written (and read by {@code verify}).
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/lambda-zip")
    File outputDirectory;

    /**
     * Top-level Python modules that layers built elsewhere provide at run time, so imports of them are not
     * reported as unresolved. Comma-separated on the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.PROVIDED_MODULES)
    List<String> providedModules;

    /**
     * Python modules that exist only at run time, registered by other code (as {@code six} registers
     * {@code six.moves}), so imports of them and of their submodules are not reported as unresolved. A leading
     * {@code *.} matches the name under any package ({@code *.six.moves} covers {@code urllib3.packages.six.moves}).
     * Comma-separated on the command line.
     *
     * @since 0.2.0
     */
    @Parameter(property = Properties.VIRTUAL_MODULES)
    List<String> virtualModules;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping lambda-zip:" + goal() + " (" + Properties.SKIP + "=true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping lambda-zip:" + goal() + " (" + Properties.PREFIX + goal() + ".skip=true)");
            return;
        }
        try {
            run(new MavenBuildLog(getLog()));
        } catch (ProjectProblemException e) {
            throw new MojoFailureException(message(e), e);
        } catch (LambdaZipException e) {
            throw new MojoExecutionException(message(e), e);
        } catch (IOException e) {
            throw new MojoExecutionException("lambda-zip:" + goal() + " failed on a file operation: " + e
                    + System.lineSeparator() + "  How to fix: check the path, free disk space and permissions, and "
                    + "run again (nothing half-written was left in place)", e);
        }
    }

    /** The core's message and fix, and how to set the settings it names on the command line. */
    static String message(LambdaZipException e) {
        List<String> properties = new ArrayList<>();
        for (String setting : e.settings()) {
            String property = Properties.of(setting);
            if (property != null) {
                properties.add("<" + setting + "> is -D" + property + "=…");
            }
        }
        return properties.isEmpty() ? e.describe()
                : e.describe() + System.lineSeparator() + "  On the command line: " + String.join(", ", properties);
    }

    /** The configured functions and layers, in that order. */
    List<ArtifactSpec> specs() {
        List<ArtifactSpec> specs = new ArrayList<>();
        for (Function function : functions == null ? List.<Function>of() : functions) {
            specs.add(new ArtifactSpec(ArtifactKind.FUNCTION, function.name, function.handler,
                    sources(function.sources), function.requirements, items(function.excludes),
                    items(function.layers), lockSelection(function.lockExtras, function.lockGroups),
                    compileBytecode(function.compileBytecode)));
        }
        for (LayerConfig layer : layers == null ? List.<LayerConfig>of() : layers) {
            specs.add(new ArtifactSpec(ArtifactKind.LAYER, layer.name, null, sources(layer.sources), layer.requirements,
                    items(layer.excludes), List.of(), lockSelection(layer.lockExtras, layer.lockGroups),
                    compileBytecode(layer.compileBytecode)));
        }
        return specs;
    }

    /**
     * What a function's or layer's lock file is asked for: its own {@code <lockExtras>}/{@code <lockGroups>}, or
     * the goal's for those it does not set. Only {@code package} installs anything, so here: nothing.
     */
    LockSelection lockSelection(List<String> ownExtras, List<String> ownGroups) {
        return LockSelection.NONE;
    }

    /**
     * Whether a function or layer ships bytecode: its own {@code <compileBytecode>}, or the goal's when it sets none.
     * Only {@code package} compiles anything, so here: no.
     */
    boolean compileBytecode(Boolean own) {
        return false;
    }

    /** A list parameter's items, each split at commas as a user property gives them ({@code -D…=a,b}). */
    static List<String> commaSeparated(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : items(values)) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return out;
    }

    Set<String> providedModules() {
        return new TreeSet<>(commaSeparated(providedModules));
    }

    /** The virtual modules as configured, one or more comma-separated names per element; the core checks them. */
    Set<String> virtualModules() {
        return new LinkedHashSet<>(items(virtualModules));
    }

    /** The goal name, for messages and the per-goal skip property. */
    abstract String goal();

    abstract boolean skipGoal();

    abstract void run(BuildLog log) throws LambdaZipException, IOException;

    /**
     * A list parameter's items. Maven turns an empty item ({@code <pipArg/>}, the empty one in {@code -D…=a,,b})
     * into null; it is no item.
     */
    static List<String> items(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }

    /** Source folders as written: an empty {@code <source/>} stays empty, so the core reports it, not skips it. */
    private static List<String> sources(List<String> values) {
        return values == null ? List.of() : values.stream().map(value -> value == null ? "" : value).toList();
    }

    /** An optional text parameter: unset, empty or blank all mean "not given". */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
