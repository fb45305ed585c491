package io.github.lambdazip.lock;

import static io.github.lambdazip.lock.LockDocument.child;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Poetry's {@code content-hash}: what a {@code poetry.lock} records of the pyproject it was locked from. */
final class PoetryContentHash {

    private static final List<String> LEGACY_KEYS = List.of("dependencies", "source", "extras", "dev-dependencies");
    private static final List<String> PROJECT_KEYS = List.of("requires-python", "dependencies", "optional-dependencies");

    private PoetryContentHash() {}

    /**
     * The content hashes Poetry would record for this pyproject: SHA-256 of {@code json.dumps(relevant,
     * sort_keys=True)} over the {@code [project]} keys and the {@code [tool.poetry]} dependency keys, with and
     * without PEP 735 {@code [dependency-groups]} (newer Poetry releases add it).
     */
    static Set<String> of(JsonNode pyproject) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode project = child(pyproject, "project");
        JsonNode poetry = child(child(pyproject, "tool"), "poetry");
        ObjectNode relevantProject = f.objectNode();
        for (String key : PROJECT_KEYS) {
            JsonNode value = project.get(key);
            if (value != null && !value.isNull()) {
                relevantProject.set(key, value);
            }
        }
        ObjectNode relevantPoetry = f.objectNode();
        List<String> keys = new ArrayList<>(LEGACY_KEYS);
        keys.add("group");
        for (String key : keys) {
            JsonNode value = poetry.get(key);
            if (value == null && (!LEGACY_KEYS.contains(key) || !relevantProject.isEmpty())) {
                continue;
            }
            relevantPoetry.set(key, value == null ? NullNode.getInstance() : value);
        }
        Set<String> hashes = new LinkedHashSet<>();
        if (relevantProject.isEmpty()) {
            hashes.add(sha256(PythonJson.dumps(relevantPoetry)));
            return hashes;
        }
        ObjectNode content = f.objectNode();
        content.set("project", relevantProject);
        content.set("tool", f.objectNode().set("poetry", relevantPoetry));
        hashes.add(sha256(PythonJson.dumps(content)));
        JsonNode dependencyGroups = pyproject.get("dependency-groups");
        if (dependencyGroups != null && !dependencyGroups.isEmpty()) {
            content.set("dependency-groups", dependencyGroups);
            hashes.add(sha256(PythonJson.dumps(content)));
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
