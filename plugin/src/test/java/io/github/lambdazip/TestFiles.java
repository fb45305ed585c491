package io.github.lambdazip;

import io.github.lambdazip.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Helpers that build source trees and read zips back, for tests. */
public final class TestFiles {

    private TestFiles() {}

    public static Path write(Path root, String name, String content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void setPermissions(Path file, String permissions) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    public static void setModified(Path file, Instant time) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    /** Entry names in zip order. */
    public static List<String> entryNames(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            file.stream().forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    /** Entry name to content, read (and CRC-checked) by the JDK. */
    public static Map<String, String> contents(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Map<String, String> contents = new LinkedHashMap<>();
            for (ZipEntry entry : file.stream().toList()) {
                contents.put(entry.getName(), new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
            return contents;
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
    }

    public static String sha256Hex(Path file) throws IOException {
        return sha256Hex(Files.readAllBytes(file));
    }

    /** Every file and folder under {@code root}, relative to it, in name order. */
    public static List<Path> listRecursively(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            return paths.map(root::relativize).sorted().toList();
        }
    }
}
