package io.github.lambdazip.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.hash.Sha256Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's exact bytes: fixed key order, two-space indent, one resolved package per line. */
class ManifestWriterTest {

    @TempDir
    Path dir;

    @Test
    void manifest_listsEachArtifactsResolvedDependencies_inAFixedLayout() throws Exception {
        Path out = dir.resolve("target/lambda-zip");
        ArtifactSpec function = new ArtifactSpec(ArtifactKind.FUNCTION, "greeter", "app.handler", List.of("src"),
                "src/uv.lock", List.of());
        ArtifactSpec layer = new ArtifactSpec(ArtifactKind.LAYER, "deps", null, List.of(), "requirements.txt",
                List.of());
        Sha256Digest digest = Sha256Digest.fromHex("ab".repeat(32));
        PackageRequest request = new PackageRequest(dir, out, PythonRuntime.PYTHON_3_11, Architecture.ARM64,
                List.of(function, layer), OutputTimestamp.DEFAULT, 1, DependencyOptions.defaults(dir.resolve("cache")));
        List<ArtifactResult> results = List.of(
                new ArtifactResult(function, out.resolve("greeter.zip"), 10, 20, 3, digest, List.of("deps"),
                        List.of(new PackageVersion("lzgreet", "1.0"), new PackageVersion("shared", null))),
                new ArtifactResult(layer, out.resolve("deps.zip"), 11, 21, 4, digest, List.of(), List.of()));

        Path manifest = out.resolve("manifest.json");
        Files.createDirectories(out);
        assertTrue(new ManifestWriter().writeIfChanged(manifest, request, results));
        String hex = digest.hex();
        String base64 = digest.base64();
        assertEquals("""
                {
                  "formatVersion": 1,
                  "artifacts": [
                    {
                      "name": "greeter",
                      "kind": "function",
                      "handler": "app.handler",
                      "runtime": "python3.11",
                      "architecture": "arm64",
                      "layers": ["deps"],
                      "dependencies": [
                        {"name": "lzgreet", "version": "1.0"},
                        {"name": "shared", "version": null}
                      ],
                      "path": "greeter.zip",
                      "size": 10,
                      "uncompressedSize": 20,
                      "entries": 3,
                      "sha256": "%s",
                      "base64sha256": "%s"
                    },
                    {
                      "name": "deps",
                      "kind": "layer",
                      "handler": null,
                      "runtime": "python3.11",
                      "architecture": "arm64",
                      "layers": [],
                      "dependencies": [],
                      "path": "deps.zip",
                      "size": 11,
                      "uncompressedSize": 21,
                      "entries": 4,
                      "sha256": "%s",
                      "base64sha256": "%s"
                    }
                  ]
                }
                """.formatted(hex, base64, hex, base64), Files.readString(manifest, StandardCharsets.UTF_8));
        assertFalse(new ManifestWriter().writeIfChanged(manifest, request, results), "the same bytes are not rewritten");
    }
}
