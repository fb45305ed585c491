package io.github.lambdazip.pip;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.lambdazip.common.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyCacheTest {

    @TempDir
    Path dir;

    private Path installed(String name) {
        Path tree = dir.resolve(name);
        write(tree, "pkg/__init__.py", "X = 1\n");
        write(tree, "pkg-1.0.dist-info/RECORD", "pkg/__init__.py,,\n");
        return tree;
    }

    @Test
    void publishedEntry_isFoundAndIntact() throws Exception {
        DependencyCache cache = new DependencyCache(dir.resolve("cache"), BuildLog.silent());
        assertNull(cache.lookup("k1"));
        Path tree = cache.publish("k1", installed("t"), "sha256:image");
        assertEquals("X = 1\n", Files.readString(tree.resolve("pkg/__init__.py")));
        assertEquals(tree, cache.lookup("k1"));
    }

    @Test
    void damagedEntry_isDetectedAndDropped() throws Exception {
        DependencyCache cache = new DependencyCache(dir.resolve("cache"), BuildLog.silent());
        Path tree = cache.publish("k1", installed("t"), "sha256:image");
        Files.writeString(tree.resolve("pkg/__init__.py"), "X = 2\n");
        assertNull(cache.lookup("k1"));
        assertEquals(false, Files.exists(dir.resolve("cache/k1")));

        Path again = cache.publish("k1", installed("t2"), "sha256:image");
        Files.delete(again.resolve("pkg-1.0.dist-info/RECORD"));
        assertNull(cache.lookup("k1"), "a missing file is damage too");
        cache.publish("k1", installed("t3"), "sha256:image");
        write(dir.resolve("cache/k1/tree"), "extra.py", "");
        assertNull(cache.lookup("k1"), "an added file is damage too");
    }

    @Test
    void racingPublishers_bothGetAnIntactEntry() throws Exception {
        DependencyCache cache = new DependencyCache(dir.resolve("cache"), BuildLog.silent());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path tree = installed("race" + i);
            results.add(pool.submit(() -> cache.publish("same", tree, "sha256:image")));
        }
        for (Future<Path> result : results) {
            assertEquals(dir.resolve("cache/same/tree"), result.get());
        }
        pool.shutdown();
        assertEquals(dir.resolve("cache/same/tree"), cache.lookup("same"));
        try (var left = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of("same"), left.map(p -> p.getFileName().toString()).toList(), "no staging folders left");
        }
    }
}
