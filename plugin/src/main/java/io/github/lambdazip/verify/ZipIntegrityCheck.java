package io.github.lambdazip.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * What only a finished zip can get wrong: records that different zip readers read differently
 * ({@link ZipStructureCheck}), unsafe or Windows-style names, duplicates, unreadable, encrypted or CRC-failing
 * entries, and files other users cannot read (Lambda runs the code as another user). Every entry is read once,
 * never past its declared size, and reading stops once the total passes Lambda's unzipped limit.
 */
public final class ZipIntegrityCheck {

    /** The unzipped size, as actually read, and the findings. */
    public record Result(long uncompressedSize, List<Finding> findings) {}

    public Result check(Path file) {
        List<Finding> findings = new ArrayList<>(new ZipStructureCheck().check(file));
        long total = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Set<String> seen = new HashSet<>();
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                // commons-compress turns '\\' into '/' for zips made on Windows; Lambda does not, so read the raw name.
                String name = rawName(entry);
                checkName(name, findings);
                if (!seen.add(name)) {
                    findings.add(Finding.error(Rule.ZIP_DUPLICATE, name,
                            "the zip holds this name more than once; which copy Lambda extracts is undefined",
                            "rebuild the zip so each name appears once (this plugin's zips never repeat a name)"));
                }
                checkMode(entry, findings);
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getGeneralPurposeBit().usesEncryption()) {
                    findings.add(Finding.error(Rule.ZIP_CORRUPT, name, "an encrypted entry; Lambda cannot extract it",
                            "rebuild the zip without encryption"));
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    findings.add(Finding.error(Rule.ZIP_CORRUPT, name,
                            "uses compression method " + entry.getMethod() + ", which Lambda cannot extract",
                            "rebuild the zip with deflate or no compression"));
                    continue;
                }
                if (total > SizeCheck.MAX_UNZIPPED) {
                    total += Math.max(0, entry.getSize());
                    continue;
                }
                total += readAndCheck(zip, entry, findings);
            }
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.error(Rule.ZIP_CORRUPT, null, "the file is not a readable zip (" + e.getMessage() + ")",
                    "rebuild it; check that the upload or download did not truncate it"));
        }
        return new Result(total, findings);
    }

    private static long readAndCheck(ZipFile zip, ZipArchiveEntry entry, List<Finding> findings) {
        long declared = entry.getSize();
        CRC32 crc = new CRC32();
        long read = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[64 * 1024];
            long limit = declared < 0 ? SizeCheck.MAX_UNZIPPED + 1 : declared + 1;
            int n;
            while (read < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read))) > 0) {
                crc.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.error(Rule.ZIP_CORRUPT, entry.getName(), "cannot be read (" + e.getMessage() + ")",
                    "rebuild the zip"));
            return read;
        }
        if (declared >= 0 && read != declared) {
            findings.add(Finding.error(Rule.ZIP_CORRUPT, entry.getName(),
                    "declares " + declared + " bytes but holds " + (read > declared ? "more" : read + ""),
                    "rebuild the zip"));
        } else if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            findings.add(Finding.error(Rule.ZIP_CORRUPT, entry.getName(),
                    "fails its CRC check: the data is damaged", "rebuild the zip; check how it was copied"));
        }
        return read;
    }

    private static String rawName(ZipArchiveEntry entry) {
        byte[] raw = entry.getRawName();
        if (raw == null) {
            return entry.getName();
        }
        String decoded = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        return decoded.replace('\\', '/').equals(entry.getName()) ? decoded : entry.getName();
    }

    private static void checkName(String name, List<Finding> findings) {
        if (name.contains("\\")) {
            findings.add(Finding.error(Rule.ZIP_UNSAFE_PATH, name,
                    "a backslash in the name: Lambda sees '" + name + "' as one file name, not a folder path "
                            + "(a zip made on Windows)",
                    "rebuild the zip with '/' separators (this plugin always writes them; PowerShell's "
                            + "Compress-Archive on old versions does not)"));
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            findings.add(Finding.error(Rule.ZIP_UNSAFE_PATH, name, "an absolute name",
                    "rebuild the zip with names relative to its root"));
        }
        for (String part : name.replace('\\', '/').split("/")) {
            if (part.equals("..")) {
                findings.add(Finding.error(Rule.ZIP_UNSAFE_PATH, name, "a '..' element that points outside the package",
                        "rebuild the zip with names relative to its root"));
                break;
            }
        }
    }

    private static void checkMode(ZipArchiveEntry entry, List<Finding> findings) {
        if (entry.getPlatform() != ZipArchiveEntry.PLATFORM_UNIX) {
            return;
        }
        int mode = entry.getUnixMode();
        if (mode == 0) {
            return;
        }
        boolean directory = entry.isDirectory() || (mode & 0170000) == 0040000;
        int needed = directory ? 0005 : 0004;
        if ((mode & needed) != needed) {
            findings.add(Finding.error(Rule.FILE_PERMISSIONS, entry.getName(),
                    String.format("mode %04o: other users cannot %s it, and Lambda runs the code as another user, so it "
                            + "fails with \"Permission denied\"", mode & 07777, directory ? "open" : "read"),
                    "make files 0644 and folders 0755 before zipping (chmod -R a+rX), or build the zip with this "
                            + "plugin, which always writes 0644/0755"));
        }
    }
}
