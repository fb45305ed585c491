package io.github.lambdazip.core;

import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.docker.PullPolicy;
import io.github.lambdazip.pip.DependencySettings;
import io.github.lambdazip.pip.IndexCredentials;
import io.github.lambdazip.pip.PipOptions;
import io.github.lambdazip.verify.HandlerSpec;
import io.github.lambdazip.verify.VerifySettings;
import io.github.lambdazip.zip.DeflaterChoice;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a request before any work, so bad configuration fails fast with the element at fault. */
final class RequestValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    void validate(PackageRequest request) throws InvalidConfigurationException {
        if (request.artifacts().isEmpty()) {
            throw new InvalidConfigurationException("functions", "no <function> or <layer> is configured",
                    "add <functions><function><name>…</name><handler>…</handler><sources><source>…</source></sources>"
                            + "</function></functions> to the plugin's <configuration>");
        }
        PullPolicy.fromId(request.dependencies().pullPolicy());
        DeflaterChoice.Mode.fromId(request.deflater());
        VerifySettings.parseVirtualModules(request.virtualModules());
        if (request.dependencies().installTimeout().isNegative() || request.dependencies().installTimeout().isZero()) {
            throw new InvalidConfigurationException("installTimeout",
                    "'" + request.dependencies().installTimeout().toSeconds() + "' seconds is not a time limit",
                    "set a positive number of seconds, e.g. <installTimeout>1200</installTimeout>");
        }
        Map<String, ArtifactSpec> seen = new HashMap<>();
        for (ArtifactSpec spec : request.artifacts()) {
            validateName(spec);
            ArtifactSpec previous = seen.put(spec.name(), spec);
            if (previous != null) {
                throw new InvalidConfigurationException("name",
                        "two entries are named '" + spec.name() + "' (" + previous.kind().id() + " and "
                                + spec.kind().id() + "); each writes " + spec.name() + ".zip",
                        "give each <function> and <layer> its own <name>");
            }
            if (spec.kind() == ArtifactKind.FUNCTION) {
                validateHandler(spec);
            }
            validateSources(spec, request.baseDirectory());
            validateLayers(spec, request);
            validateRequirements(spec, request.baseDirectory());
        }
    }

    private static void validateName(ArtifactSpec spec) throws InvalidConfigurationException {
        String element = spec.kind().id();
        if (spec.name() == null || spec.name().isBlank()) {
            throw new InvalidConfigurationException("name", "a <" + element + "> has no <name>",
                    "give it a name, e.g. <name>notifier</name>; it names the zip (notifier.zip) and its classifier");
        }
        if (!NAME.matcher(spec.name()).matches()) {
            throw new InvalidConfigurationException("name",
                    "'" + spec.name() + "' cannot name a zip file and a Maven classifier",
                    "use letters, digits, '.', '_' and '-' only, starting with a letter or digit");
        }
    }

    private static void validateHandler(ArtifactSpec spec) throws InvalidConfigurationException {
        if (spec.handler() == null || spec.handler().isBlank()) {
            throw new InvalidConfigurationException("handler", spec.describe() + " has no <handler>",
                    "set it to the module and function Lambda calls, e.g. <handler>app.lambda_handler</handler>"
                            + " for def lambda_handler(event, context) in app.py");
        }
        if (HandlerSpec.parse(spec.handler()).isEmpty()) {
            throw new InvalidConfigurationException("handler",
                    "'" + spec.handler() + "' of " + spec.describe() + " is not of the form module.function",
                    "write the module path with dots and end with the function name, e.g. "
                            + "<handler>notifier.notification_handler.lambda_handler</handler>");
        }
    }

    private static void validateSources(ArtifactSpec spec, Path baseDirectory) throws InvalidConfigurationException {
        if (spec.sources().isEmpty() && spec.kind() == ArtifactKind.LAYER && spec.requirements() != null) {
            return; // a layer of dependencies only
        }
        if (spec.sources().isEmpty()) {
            throw new InvalidConfigurationException("sources", spec.describe() + " has no <sources>",
                    "list the folders whose contents go into the zip, e.g. <sources><source>lambda</source></sources>");
        }
        for (String source : spec.sources()) {
            if (source == null || source.isBlank()) {
                throw new InvalidConfigurationException("source", spec.describe() + " has an empty <source>",
                        "remove it or name a folder relative to " + baseDirectory);
            }
            Path path = resolve(baseDirectory, source, "source");
            if (!Files.exists(path)) {
                throw new InvalidConfigurationException("source",
                        "'" + source + "' of " + spec.describe() + " does not exist (looked for " + path + ")",
                        "correct the path; it is relative to the project folder " + baseDirectory);
            }
            if (!Files.isDirectory(path)) {
                throw new InvalidConfigurationException("source",
                        "'" + source + "' of " + spec.describe() + " is a file, not a folder",
                        "name the folder that holds it: the folder's contents go to the zip root");
            }
        }
    }

    private static void validateLayers(ArtifactSpec spec, PackageRequest request) throws InvalidConfigurationException {
        if (!spec.layers().isEmpty() && spec.kind() == ArtifactKind.LAYER) {
            throw new InvalidConfigurationException("layers", spec.describe() + " names layers, but a layer runs in "
                    + "its functions, not with layers of its own", "move the <layers> list to the functions that use it");
        }
        for (String layer : spec.layers()) {
            boolean configured = request.artifacts().stream()
                    .anyMatch(other -> other.kind() == ArtifactKind.LAYER && other.name().equals(layer));
            if (!configured) {
                throw new InvalidConfigurationException("layers",
                        spec.describe() + " names the layer '" + layer + "', which is not a <layer> of this build",
                        "add a <layer> named " + layer + ", correct the name, or, for a layer built elsewhere, list the "
                                + "modules it provides in <providedModules>", "providedModules");
            }
        }
    }

    private static void validateRequirements(ArtifactSpec spec, Path baseDirectory)
            throws InvalidConfigurationException {
        if (spec.requirements() == null) {
            return;
        }
        Path path = resolve(baseDirectory, spec.requirements(), "requirements");
        if (!Files.isRegularFile(path)) {
            throw new InvalidConfigurationException("requirements",
                    "'" + spec.requirements() + "' of " + spec.describe() + " is not a file (looked for " + path + ")",
                    "correct the path (relative to " + baseDirectory + ") or remove <requirements>");
        }
    }

    /** The request's dependency options as the installer takes them; call after {@link #validate}. */
    static DependencySettings dependencySettings(PackageRequest request) throws InvalidConfigurationException {
        DependencyOptions options = request.dependencies();
        IndexOptions index = options.index();
        IndexCredentials credentials = index.username() == null && index.password() == null ? null
                : new IndexCredentials(index.username(), index.password());
        PipOptions pip = new PipOptions(index.url(), index.extraUrls(), index.findLinks(), index.noIndex(),
                index.pipArgs(), credentials);
        return new DependencySettings(options.image(), PullPolicy.fromId(options.pullPolicy()), pip,
                options.installTimeout(), options.cache(), options.cacheDirectory(), options.offline());
    }

    static Path resolve(Path baseDirectory, String value, String element) throws InvalidConfigurationException {
        try {
            return baseDirectory.resolve(value.trim()).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException(element, "'" + value + "' is not a valid path",
                    "write a path relative to " + baseDirectory);
        }
    }
}
