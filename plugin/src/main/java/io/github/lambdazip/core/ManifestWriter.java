package io.github.lambdazip.core;

import io.github.lambdazip.common.AtomicFiles;
import io.github.lambdazip.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code manifest.json}: one object per function or layer, in configuration order, with the hashes a
 * deployment tool needs, the layers each function runs with and the packages its lock file resolved to.
 * Hand-written so the bytes are stable: fixed key order, two-space indent, "\n" endings.
 */
final class ManifestWriter {

    static final int FORMAT_VERSION = 1;

    /** Writes the manifest unless the file already holds exactly these bytes; returns whether it wrote. */
    boolean writeIfChanged(Path manifest, PackageRequest request, List<ArtifactResult> results) throws IOException {
        byte[] bytes = render(manifest, request, results);
        if (Files.isRegularFile(manifest) && Arrays.equals(Files.readAllBytes(manifest), bytes)) {
            return false;
        }
        AtomicFiles.write(manifest, bytes);
        return true;
    }

    private static byte[] render(Path manifest, PackageRequest request, List<ArtifactResult> results) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n  \"artifacts\": [");
        for (int i = 0; i < results.size(); i++) {
            ArtifactResult result = results.get(i);
            ArtifactSpec spec = result.spec();
            json.append(i == 0 ? "\n" : ",\n").append("    {\n");
            field(json, "name", Json.string(spec.name()));
            field(json, "kind", Json.string(spec.kind().id()));
            field(json, "handler", spec.handler() == null ? "null" : Json.string(spec.handler()));
            field(json, "runtime", Json.string(request.runtime().id()));
            field(json, "architecture", Json.string(request.architecture().id()));
            field(json, "layers", "[" + String.join(", ", result.layers().stream().map(Json::string).toList()) + "]");
            field(json, "dependencies", dependencies(result.dependencies()));
            field(json, "path", Json.string(manifest.getParent().relativize(result.zip()).toString().replace('\\', '/')));
            field(json, "size", Long.toString(result.size()));
            field(json, "uncompressedSize", Long.toString(result.uncompressedSize()));
            field(json, "entries", Integer.toString(result.entries()));
            field(json, "sha256", Json.string(result.sha256().hex()));
            json.append("      \"base64sha256\": ").append(Json.string(result.sha256().base64())).append("\n    }");
        }
        json.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One package per line, in name order: {@code {"name": "six", "version": "1.16.0"}}; {@code []} for none. */
    private static String dependencies(List<PackageVersion> packages) {
        if (packages.isEmpty()) {
            return "[]";
        }
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < packages.size(); i++) {
            PackageVersion p = packages.get(i);
            list.append(i == 0 ? "\n" : ",\n").append("        {\"name\": ").append(Json.string(p.name()))
                    .append(", \"version\": ").append(p.version() == null ? "null" : Json.string(p.version()))
                    .append('}');
        }
        return list.append("\n      ]").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("      \"").append(name).append("\": ").append(value).append(",\n");
    }

}
