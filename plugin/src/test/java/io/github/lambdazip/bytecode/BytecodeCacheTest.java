package io.github.lambdazip.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-file bytecode cache serves only whole .pyc files of the runtime's Python. */
class BytecodeCacheTest {

    private static final String KEY = "ab" + "0".repeat(62);
    /** Python 3.11's magic number (3495) and \r\n, the flags of an unchecked-hash .pyc, a hash and a body. */
    private static final byte[] PYC_311 = {(byte) 0xa7, 0x0d, 0x0d, 0x0a, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xe3};

    @TempDir
    Path dir;

    @Test
    void storedFile_isServedWithItsBytes() throws Exception {
        BytecodeCache cache = new BytecodeCache(dir.resolve("cache"), 3495);
        Path compiled = Files.write(dir.resolve("app.pyc"), PYC_311);
        assertNull(cache.lookup(KEY));
        Path stored = cache.store(KEY, compiled);
        assertEquals(dir.resolve("cache/ab/" + KEY + ".pyc"), stored);
        assertArrayEquals(PYC_311, Files.readAllBytes(cache.lookup(KEY)));
    }

    @Test
    void fileOfAnotherPythonOrDamaged_isDeletedAndMissed() throws Exception {
        BytecodeCache for312 = new BytecodeCache(dir.resolve("cache"), 3531);
        for312.store(KEY, Files.write(dir.resolve("app.pyc"), PYC_311));
        assertNull(for312.lookup(KEY), "a 3.11 .pyc is no hit for 3.12");
        assertFalse(Files.exists(for312.path(KEY)));

        BytecodeCache cache = new BytecodeCache(dir.resolve("cache"), 3495);
        Files.createDirectories(cache.path(KEY).getParent());
        Files.write(cache.path(KEY), new byte[] {(byte) 0xa7, 0x0d});
        assertNull(cache.lookup(KEY), "a truncated file");
    }

    @Test
    void installedFileThatDoesNotCompile_isRemembered() throws Exception {
        BytecodeCache cache = new BytecodeCache(dir.resolve("cache"), 3495);
        assertFalse(cache.knownNotToCompile(KEY));
        cache.storeNotCompiling(KEY, "1: Missing parentheses in call to 'print'");
        assertTrue(cache.knownNotToCompile(KEY));
        assertNull(cache.lookup(KEY));
    }
}
