package io.github.lambdazip.zip.deflate;

/**
 * One raw deflate stream at a time, reused from entry to entry, called as {@link java.util.zip.DeflaterOutputStream}
 * calls a {@link java.util.zip.Deflater}: the JDK's zlib behind an adapter, or {@link ClassicDeflater}.
 */
public interface RawDeflate {

    void setInput(byte[] input, int offset, int length);

    boolean needsInput();

    void finish();

    boolean finished();

    int deflate(byte[] output, int offset, int length);

    /** Ready for the next entry. */
    void reset();

    /** Frees native memory, if any. */
    default void end() {
    }
}
