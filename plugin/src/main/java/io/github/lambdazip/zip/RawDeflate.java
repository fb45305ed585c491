package io.github.lambdazip.zip;

import io.github.lambdazip.zip.deflate.ClassicDeflater;
import java.util.zip.Deflater;

/**
 * One raw deflate stream at a time, reused from entry to entry: the JDK's zlib, or the built-in encoder that writes
 * classic zlib's bytes whatever zlib the JVM links. The writer calls both the same way, as
 * {@link java.util.zip.DeflaterOutputStream} calls a {@link Deflater}.
 */
interface RawDeflate {

    void setInput(byte[] input, int offset, int length);

    boolean needsInput();

    void finish();

    boolean finished();

    int deflate(byte[] output, int offset, int length);

    /** Ready for the next entry. */
    void reset();

    /** Frees native memory, if any. */
    void end();

    static RawDeflate create(Encoder encoder, int level) {
        return encoder == Encoder.BUILT_IN ? new BuiltIn(new ClassicDeflater(level)) : new Jdk(new Deflater(level, true));
    }

    /** Which implementation writes the deflate streams. */
    enum Encoder {
        /** {@code java.util.zip.Deflater}: whatever zlib the JVM links. */
        JDK_ZLIB,
        /** {@link ClassicDeflater}: classic zlib's bytes in pure Java. */
        BUILT_IN
    }

    /** The JDK's zlib. */
    final class Jdk implements RawDeflate {
        private final Deflater deflater;

        Jdk(Deflater deflater) {
            this.deflater = deflater;
        }

        @Override
        public void setInput(byte[] input, int offset, int length) {
            deflater.setInput(input, offset, length);
        }

        @Override
        public boolean needsInput() {
            return deflater.needsInput();
        }

        @Override
        public void finish() {
            deflater.finish();
        }

        @Override
        public boolean finished() {
            return deflater.finished();
        }

        @Override
        public int deflate(byte[] output, int offset, int length) {
            return deflater.deflate(output, offset, length);
        }

        @Override
        public void reset() {
            deflater.reset();
        }

        @Override
        public void end() {
            deflater.end();
        }
    }

    /** The built-in encoder. */
    final class BuiltIn implements RawDeflate {
        private final ClassicDeflater deflater;

        BuiltIn(ClassicDeflater deflater) {
            this.deflater = deflater;
        }

        @Override
        public void setInput(byte[] input, int offset, int length) {
            deflater.setInput(input, offset, length);
        }

        @Override
        public boolean needsInput() {
            return deflater.needsInput();
        }

        @Override
        public void finish() {
            deflater.finish();
        }

        @Override
        public boolean finished() {
            return deflater.finished();
        }

        @Override
        public int deflate(byte[] output, int offset, int length) {
            return deflater.deflate(output, offset, length);
        }

        @Override
        public void reset() {
            deflater.reset();
        }

        @Override
        public void end() {
            // nothing native to free
        }
    }
}
