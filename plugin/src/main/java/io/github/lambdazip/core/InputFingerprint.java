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
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Everything that decides a zip's bytes, reduced to one value: the plugin version, the entry time, runtime,
 * architecture, the function's settings, the layers it is checked with, and every file's name, mode, size and
 * CRC-32. The CRCs come from the last zip written for files whose stamp is unchanged, so a rebuild with nothing
 * changed reads no file content at all; a file whose stamp changed is read again, and a touch that left the
 * content as it was still counts as unchanged.
 */
final class InputFingerprint {

    static final String PLUGIN_VERSION = loadVersion();
    private static final int LINES_PER_UPDATE = 64 * 1024;

    private InputFingerprint() {}

    /** The fingerprint of a tree just written, with the CRCs the writer computed. */
    static String of(PackageRequest request, ArtifactSpec spec, StagedTree tree, long[] crcs, List<String> layers) {
        MessageDigest digest = settings(request, spec, layers);
        StringBuilder lines = new StringBuilder(LINES_PER_UPDATE);
        int i = 0;
        for (StagedEntry entry : tree.entries()) {
            append(lines, digest, entry, crcs[i++]);
        }
        flush(lines, digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The fingerprint the tree would have now, reusing recorded CRCs for files whose stamp is unchanged. */
    static String ofStaged(PackageRequest request, ArtifactSpec spec, StagedTree tree, BuildState.Index recorded,
            List<String> layers) {
        MessageDigest digest = settings(request, spec, layers);
        StringBuilder lines = new StringBuilder(LINES_PER_UPDATE);
        for (StagedEntry entry : tree.entries()) {
            Long crc = recorded == null ? null : recorded.crcIfUnchanged(entry);
            append(lines, digest, entry, crc != null ? crc : crcOf(entry));
        }
        flush(lines, digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest settings(PackageRequest request, ArtifactSpec spec, List<String> layers) {
        MessageDigest digest = sha256();
        field(digest, "format", "2");
        field(digest, "plugin", PLUGIN_VERSION);
        field(digest, "time", request.entryTime().toString());
        field(digest, "runtime", request.runtime().id());
        field(digest, "architecture", request.architecture().id());
        field(digest, "kind", spec.kind().id());
        field(digest, "handler", String.valueOf(spec.handler()));
        field(digest, "provided", String.join(",", new TreeSet<>(request.providedModules())));
        field(digest, "layers", String.join(",", layers));
        return digest;
    }

    /** One line per file, hashed in blocks: one digest call per file would cost more than the line itself. */
    private static void append(StringBuilder lines, MessageDigest digest, StagedEntry entry, long crc) {
        lines.append(entry.name()).append('\u0000').append(entry.executable() ? 'x' : '-').append(entry.size())
                .append(':').append(Long.toHexString(crc)).append('\n');
        if (lines.length() >= LINES_PER_UPDATE) {
            flush(lines, digest);
        }
    }

    private static void flush(StringBuilder lines, MessageDigest digest) {
        digest.update(lines.toString().getBytes(StandardCharsets.UTF_8));
        lines.setLength(0);
    }

    static long crcOf(StagedEntry entry) {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(entry.source())) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crc.getValue();
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
