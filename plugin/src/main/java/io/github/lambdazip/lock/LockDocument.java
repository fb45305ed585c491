package io.github.lambdazip.lock;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.lambdazip.pep.InvalidMarkerException;
import io.github.lambdazip.pep.Marker;
import io.github.lambdazip.pep.MarkerEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed TOML or JSON dependency file with its text, so problems found after parsing can still name a line:
 * the tree keeps no positions, so the line is found by searching the text for the offending value.
 */
final class LockDocument {

    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The hash algorithms pip's --hash accepts. */
    private static final Set<String> PIP_HASHES = Set.of("sha256", "sha384", "sha512");

    private final Path file;
    private final String text;
    private final JsonNode root;
    /** Each marker text parsed once: a lock repeats the same few markers on many entries. */
    private final Map<String, Marker> markers = new HashMap<>();

    private LockDocument(Path file, String text, JsonNode root) {
        this.file = file;
        this.text = text;
        this.root = root;
    }

    static LockDocument toml(Path file) throws IOException, LockFileException {
        return read(file, TOML, "TOML");
    }

    static LockDocument json(Path file) throws IOException, LockFileException {
        return read(file, JSON, "JSON");
    }

    private static LockDocument read(Path file, ObjectMapper mapper, String format) throws IOException, LockFileException {
        if (!Files.isRegularFile(file)) {
            throw new LockFileException(file, -1, "the file does not exist",
                    "correct <requirements>, or create the file (it is relative to the project folder)");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new LockFileException(file, -1, "the file is empty or not a " + format + " table",
                        "regenerate it with the tool that wrote it");
            }
            return new LockDocument(file, text, root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new LockFileException(file, at == null ? -1 : at.getLineNr(),
                    "malformed " + format + ": " + e.getOriginalMessage(),
                    "fix the file at that line, or regenerate it with the tool that wrote it", e);
        }
    }

    Path file() {
        return file;
    }

    /** The file name, recorded as each package's origin. */
    String origin() {
        return file.getFileName().toString();
    }

    JsonNode root() {
        return root;
    }

    /** The first line (one-based) whose text contains {@code needle}, or -1. */
    int lineOf(String needle) {
        if (needle == null || needle.isEmpty()) {
            return -1;
        }
        int at = text.indexOf(needle);
        return at < 0 ? -1 : lineAt(at);
    }

    /** The first line that starts, after indentation, with the key {@code key} followed by '='. */
    int lineOfKey(String key) {
        int line = 1;
        for (String row : text.split("\n", -1)) {
            String trimmed = row.stripLeading();
            if (trimmed.startsWith(key) && trimmed.substring(key.length()).stripLeading().startsWith("=")) {
                return line;
            }
            line++;
        }
        return -1;
    }

    /** The first line with the key {@code key} after the table header {@code [table]}, or -1. */
    int lineOfKeyIn(String table, String key) {
        int header = lineOf("\n[" + table + "]");
        if (header < 0) {
            return -1;
        }
        String[] rows = text.split("\n", -1);
        for (int i = header; i < rows.length; i++) {
            String trimmed = rows[i].stripLeading();
            if (trimmed.startsWith(key) && trimmed.substring(key.length()).stripLeading().startsWith("=")) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The line of a package entry: its own {@code name = "..."} line (TOML) or its {@code "name": {} } key (JSON). */
    int lineOfPackage(String name) {
        int line = 1;
        for (String row : text.split("\n", -1)) {
            String trimmed = row.strip();
            if (trimmed.equals("name = \"" + name + "\"") || trimmed.equals("name = '" + name + "'")
                    || trimmed.startsWith("\"" + name + "\": {")) {
                return line;
            }
            line++;
        }
        return lineOf("\"" + name + "\"");
    }

    private int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    LockFileException error(int line, String problem, String fix) {
        return new LockFileException(file, line, problem, fix);
    }

    /**
     * Whether a package's marker holds; blank means always. A marker that cannot be parsed or evaluated fails,
     * naming the marker, the package and its line.
     */
    boolean holds(String marker, MarkerEnvironment environment, String packageName) throws LockFileException {
        if (marker == null || marker.isBlank()) {
            return true;
        }
        try {
            Marker parsed = markers.get(marker);
            if (parsed == null) {
                parsed = Marker.parse(marker);
                markers.put(marker, parsed);
            }
            return parsed.evaluate(environment);
        } catch (InvalidMarkerException e) {
            int line = lineOf(marker);
            throw new LockFileException(file, line > 0 ? line : lineOfPackage(packageName),
                    "the marker of " + packageName + " cannot be evaluated: " + e.getMessage(),
                    "correct the marker, or regenerate the lock with its tool", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- tree helpers

    /** A string field, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A child, or a missing node (never null). */
    static JsonNode child(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** The elements of an array field; empty when absent. */
    static List<JsonNode> array(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode value = child(node, field);
        if (value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** The strings of an array field; empty when absent. */
    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : array(node, field)) {
            if (element.isValueNode()) {
                out.add(element.asText());
            }
        }
        return out;
    }

    /** {@code algorithm:hex} in the form pip reads, or empty for an algorithm pip does not accept. */
    static Optional<String> pipHash(String algorithmAndHex) {
        if (algorithmAndHex == null) {
            return Optional.empty();
        }
        int colon = algorithmAndHex.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return pipHash(algorithmAndHex.substring(0, colon), algorithmAndHex.substring(colon + 1));
    }

    static Optional<String> pipHash(String algorithm, String hex) {
        String alg = algorithm.trim().toLowerCase(Locale.ROOT);
        String value = hex.trim().toLowerCase(Locale.ROOT);
        if (!PIP_HASHES.contains(alg) || value.isEmpty() || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(alg + ":" + value);
    }
}
