package io.github.lambdazip.state;

import io.github.lambdazip.hash.Sha256;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Everything that decides a zip, reduced to one value: its settings text (see {@link TrackedInputs}) and the files
 * digest: every file's name, mode, size and CRC-32. The CRCs come from the last zip written for files whose stamp
 * is unchanged, so a rebuild reads only the files whose stamp moved.
 */
final class InputFingerprint {

    private static final int LINES_PER_UPDATE = 64 * 1024;

    private InputFingerprint() {}

    /** The fingerprint of an item's settings  and its files (see {@link #filesDigest}). */
    static String of(String settings, String filesDigest) {
        MessageDigest digest = Sha256.newDigest();
        digest.update((settings + "files=" + filesDigest + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
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
    static String filesDigest(StagedTree tree, CrcIndex recorded) {
        Lines lines = new Lines();
        for (StagedEntry entry : tree.entries()) {
            Long crc = recorded == null ? null : recorded.crcIfUnchanged(entry);
            lines.add(entry, Long.toHexString(crc != null ? crc : crcOf(entry)));
        }
        return lines.digest();
    }

    /** One line per file, hashed in blocks: one digest call per file would cost more than the line itself. */
    private static final class Lines {
        private final MessageDigest digest = Sha256.newDigest();
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



}
