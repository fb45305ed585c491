package io.github.lambdazip.zip;

/**
 * Where each entry's stored bytes sit in a zip this writer wrote, and how they were stored, in the zip's (name) order:
 * the offset of its local header, its method, its compressed size and the CRC-32 of its compressed bytes. The next
 * build keeps it with the inputs, so it can copy an unchanged entry instead of deflating it again (see
 * {@link PreviousZip}); the CRC-32 of the compressed bytes is what tells it the bytes it finds are the ones written.
 */
public record ZipLayout(long[] offsets, int[] methods, long[] compressedSizes, int[] dataCrcs) {

    public int size() {
        return offsets.length;
    }
}
