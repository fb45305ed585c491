package io.github.lambdazip.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * What no implementation in a fresh JVM can do below, measured in a JVM of its own as each {@code mvn} run is, JVM
 * start-up excluded; printed as {@code floor <ns>}.
 *
 * <ul>
 *   <li>{@code walk}: list every folder of the tree and read each file's attributes through the JDK's {@code unix}
 *   view (mode, size, modification and status-change times, inode): what a no-op rebuild must read to know that
 *   nothing changed, with none of the plugin's code around it.</li>
 *   <li>{@code deflate}: every file deflated at level 6 with the JDK's zlib on as many threads as processors, from
 *   memory (reading the files is not timed), one {@link Deflater} per thread, reset between files: the compression
 *   a full packaging cannot avoid, with the JIT and the thread start-up of a fresh JVM included.</li>
 *   <li>{@code copy}: the zip of the last build read and written to a new file, its SHA-256 computed on the way:
 *   what a rebuild that changes one entry must still do for the whole zip, as every byte after that entry moves and
 *   the zip's hash changes.</li>
 * </ul>
 *
 * <p>Usage: Floors walk|deflate TREE, or Floors copy ZIP TARGET
 */
public final class Floors {

    private static final String ATTRIBUTES = "unix:mode,size,lastModifiedTime,ctime,ino";
    private static final int DIRECTORY = 0040000;
    private static final int TYPE_BITS = 0170000;

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[1]).toAbsolutePath();
        long nanos = switch (args[0]) {
            case "walk" -> walk(tree);
            case "deflate" -> deflate(tree);
            case "copy" -> copy(tree, Path.of(args[2]));
            default -> throw new IllegalArgumentException("walk, deflate or copy, not " + args[0]);
        };
        System.out.println("floor " + nanos);
    }

    private static long walk(Path tree) throws Exception {
        long start = System.nanoTime();
        long[] seen = new long[2];
        visit(tree, seen);
        long elapsed = System.nanoTime() - start;
        if (seen[0] == 0) {
            throw new IllegalStateException("no file under " + tree);
        }
        System.out.println("files " + seen[0] + " checksum " + seen[1]);
        return elapsed;
    }

    private static void visit(Path dir, long[] seen) throws Exception {
        String[] names = new File(dir.toString()).list();
        if (names == null) {
            throw new IllegalStateException("cannot list " + dir);
        }
        for (String name : names) {
            Path child = dir.resolve(name);
            Map<String, Object> unix = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            if ((mode & TYPE_BITS) == DIRECTORY) {
                visit(child, seen);
            } else {
                seen[0]++;
                // used, so that nothing read can be left out by the compiler
                seen[1] += (Long) unix.get("size") + (Long) unix.get("ino") + unix.get("ctime").hashCode()
                        + unix.get("lastModifiedTime").hashCode();
            }
        }
    }

    private static long deflate(Path tree) throws Exception {
        List<byte[]> files = new ArrayList<>();
        for (Path file : ZipBenchmark.files(tree)) {
            files.add(Files.readAllBytes(file));
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    Deflater deflater = new Deflater(6, true);
                    byte[] out = new byte[256 * 1024];
                    long written = 0;
                    for (int i = first; i < files.size(); i += threads) {
                        deflater.reset();
                        deflater.setInput(files.get(i));
                        deflater.finish();
                        while (!deflater.finished()) {
                            written += deflater.deflate(out);
                        }
                    }
                    deflater.end();
                    return written;
                }));
            }
            long written = 0;
            for (Future<Long> part : parts) {
                written += part.get();
            }
            long elapsed = System.nanoTime() - start;
            System.out.println("threads " + threads + " deflated " + written);
            return elapsed;
        } finally {
            pool.shutdown();
        }
    }

    private static long copy(Path zip, Path target) throws Exception {
        long start = System.nanoTime();
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = Files.newInputStream(zip); java.io.OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1024 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        byte[] digest = sha256.digest();
        long elapsed = System.nanoTime() - start;
        Files.delete(target);
        System.out.println("sha256 " + java.util.HexFormat.of().formatHex(digest));
        return elapsed;
    }
}
