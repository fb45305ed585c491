package io.github.lambdazip.core;

import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32C;

/**
 * Everything that decides a zip's bytes, reduced to one value: the plugin version, the entry time, runtime,
 * architecture, the function's settings, and every staged file's name, mode, size and content checksum (CRC-32C,
 * which catches any change of a few bytes and runs at memory speed). Equal fingerprints mean an equal zip, so a
 * rebuild can skip it.
 */
final class InputFingerprint {

    static final String PLUGIN_VERSION = loadVersion();

    private InputFingerprint() {}

    static String of(PackageRequest request, ArtifactSpec spec, StagedTree tree, List<String> layerFingerprints) {
        MessageDigest digest = sha256();
        field(digest, "format", "1");
        field(digest, "plugin", PLUGIN_VERSION);
        field(digest, "time", request.entryTime().toString());
        field(digest, "runtime", request.runtime().id());
        field(digest, "architecture", request.architecture().id());
        field(digest, "kind", spec.kind().id());
        field(digest, "handler", String.valueOf(spec.handler()));
        field(digest, "provided", String.join(",", new java.util.TreeSet<>(request.providedModules())));
        field(digest, "layers", String.join(",", layerFingerprints));
        List<String> lines = tree.entries().parallelStream().map(InputFingerprint::line).toList();
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String line(StagedEntry entry) {
        CRC32C crc = new CRC32C();
        long size = 0;
        try (InputStream in = Files.newInputStream(entry.source())) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entry.name() + "\u0000" + (entry.executable() ? "x" : "-") + size + ":" + Long.toHexString(crc.getValue())
                + "\n";
    }

    private static void field(MessageDigest digest, String name, String value) {
        digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadVersion() {
        try (InputStream in = InputFingerprint.class.getResourceAsStream("plugin.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
