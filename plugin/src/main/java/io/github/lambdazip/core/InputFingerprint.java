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
 * architecture, the function's settings, the layers it is checked with, and the files digest: every file's name,
 * mode, size and CRC-32. The CRCs come from the last zip written for files whose stamp is unchanged, so a rebuild
 * with nothing changed reads no file content at all; a file whose stamp changed is read again, and a touch that left
 * the content as it was still counts as unchanged. When the {@link RecordedInputs} show that neither the settings
 * nor any file changed, the last fingerprint is reused without hashing anything.
 */
final class InputFingerprint {

    static final String PLUGIN_VERSION = loadVersion();
    private static final int LINES_PER_UPDATE = 64 * 1024;

    private InputFingerprint() {}

    /** The fingerprint of an item's settings (see {@link #settings}) and its files (see {@link #filesDigest}). */
    static String of(String settings, String filesDigest) {
        MessageDigest digest = sha256();
        digest.update((settings + "files=" + filesDigest + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Everything but the files that decides an item's zip, as lines of text. */
    static String settings(PackageRequest request, ArtifactSpec spec, List<String> layers) {
        return field("format", "4") + field("plugin", PLUGIN_VERSION) + field("time", request.entryTime().toString())
                + field("runtime", request.runtime().id()) + field("architecture", request.architecture().id())
                + field("kind", spec.kind().id()) + field("handler", String.valueOf(spec.handler()))
                + field("provided", String.join(",", new TreeSet<>(request.providedModules())))
                + (request.virtualModules().isEmpty() ? ""
                        : field("virtual", String.join(",", new TreeSet<>(request.virtualModules()))))
                + field("layers", String.join(",", layers));
    }

    /** The digest of the files of a tree just written, with the CRCs the writer computed. */
    static String filesDigest(StagedTree tree, long[] crcs) {
        Lines lines = new Lines();
        int i = 0;
        for (StagedEntry entry : tree.entries()) {
            lines.add(entry, Long.toHexString(crcs[i++]));
        }
        return lines.digest();
    }

    /** The digest the files have now, reusing recorded CRCs for files whose stamp is unchanged. */
    static String filesDigest(StagedTree tree, BuildState.Index recorded) {
        Lines lines = new Lines();
        for (StagedEntry entry : tree.entries()) {
            Long crc = recorded == null ? null : recorded.crcIfUnchanged(entry);
            lines.add(entry, Long.toHexString(crc != null ? crc : crcOf(entry)));
        }
        return lines.digest();
    }

    /** One line per file, hashed in blocks: one digest call per file would cost more than the line itself. */
    private static final class Lines {
        private final MessageDigest digest = sha256();
        private final StringBuilder pending = new StringBuilder(LINES_PER_UPDATE + 256);

        void add(StagedEntry entry, String value) {
            pending.append(entry.name()).append('\u0000').append(entry.executable() ? 'x' : '-').append(entry.size())
                    .append(':').append(value).append('\n');
            if (pending.length() >= LINES_PER_UPDATE) {
                flush();
            }
        }

        String digest() {
            flush();
            return HexFormat.of().formatHex(digest.digest());
        }

        private void flush() {
            digest.update(pending.toString().getBytes(StandardCharsets.UTF_8));
            pending.setLength(0);
        }
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

    private static String field(String name, String value) {
        return name + "=" + value + "\n";
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
