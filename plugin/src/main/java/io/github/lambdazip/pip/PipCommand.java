package io.github.lambdazip.pip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pip arguments for one install, and the environment that carries what must not show in a command line
 * (an index URL with credentials). {@link #display()} is safe to log. A lock's pinned file is read with
 * {@code --no-deps} (it lists the whole closure) and, when every line has a hash, {@code --require-hashes}.
 */
final class PipCommand {

    static final String TARGET = "/lambdazip/out";

    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new TreeMap<>();
    private final String secret;

    PipCommand(PipOptions options, InstallInputs inputs) {
        arguments.addAll(List.of("install", "--target", TARGET, "--no-compile", "--disable-pip-version-check",
                "--no-input", "--progress-bar", "off", "--no-warn-script-location", "--root-user-action=ignore"));
        String secretValue = null;
        if (options.indexUrl() != null && !options.indexUrl().isBlank()) {
            if (options.credentials() != null) {
                String withCredentials = IndexUrls.withCredentials(options.indexUrl(), options.credentials());
                environment.put("PIP_INDEX_URL", withCredentials);
                secretValue = options.credentials().password();
            } else {
                arguments.addAll(List.of("--index-url", options.indexUrl()));
            }
        }
        for (String extra : options.extraIndexUrls()) {
            arguments.addAll(List.of("--extra-index-url", extra));
        }
        for (String folder : inputs.findLinks()) {
            arguments.addAll(List.of("--find-links", inputs.containerPath(folder)));
        }
        if (options.noIndex()) {
            arguments.add("--no-index");
        }
        if (inputs.pinned() != null && inputs.pinned().noDeps()) {
            arguments.add("--no-deps");
        }
        if (inputs.pinned() != null && inputs.pinned().requireHashes()) {
            arguments.add("--require-hashes");
        }
        arguments.addAll(options.pipArgs());
        arguments.addAll(List.of("-r", inputs.containerRequirements()));
        this.secret = secretValue;
    }

    List<String> arguments() {
        return List.copyOf(arguments);
    }

    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The command as a user would type it, with any password replaced by ****. */
    String display() {
        StringBuilder line = new StringBuilder("python3 -m pip");
        for (String argument : arguments) {
            line.append(' ').append(argument.contains(" ") ? "'" + argument + "'" : argument);
        }
        if (environment.containsKey("PIP_INDEX_URL")) {
            line.insert(0, "PIP_INDEX_URL=" + mask(environment.get("PIP_INDEX_URL")) + " ");
        }
        return line.toString();
    }

    /** Removes the password from any text that may show it (pip's own output included). */
    String mask(String text) {
        if (secret == null || secret.isEmpty() || text == null) {
            return text;
        }
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return text.replace(secret, "****").replace(encoded, "****");
    }

    /** What the cache key may see: the arguments and the index without credentials. */
    String keyMaterial(PipOptions options) {
        return String.join("\u0000", arguments) + "\u0000index=" + (options.indexUrl() == null ? "" : options.indexUrl());
    }
}
