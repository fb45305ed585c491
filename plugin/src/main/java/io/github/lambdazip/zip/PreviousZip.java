package io.github.lambdazip.zip;

import java.nio.file.Path;

/**
 * The zip the last build wrote for the same function or layer, and those of its entries whose files have not changed
 * since: each with where its bytes sit and what the build state recorded of them. The writer copies such an entry's
 * compressed bytes instead of deflating its file again, but only after checking that the bytes it finds are the
 * ones recorded (the local header it would write now, and the CRC-32 of the compressed data); anything else is
 * compressed, so the zip is the one a clean build writes.
 *
 * @param file the previous zip
 * @param size its size when it was written; a zip of another size is not the one recorded
 * @param entries in the order of the new zip (the tree's name order), the entries that may be copied; null for
 *     those that must be compressed
 * @param copyable how many are not null
 */
public record PreviousZip(Path file, long size, Entry[] entries, int copyable) {

    /**
     * One entry of the previous zip as recorded: its local header's offset, method, the CRC-32 and size of its
     * content, its compressed size and the CRC-32 of its compressed bytes.
     */
    public record Entry(long offset, int method, long crc, long size, long compressedSize, int dataCrc) {}
}
