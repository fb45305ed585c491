package io.github.lambdazip.zip;

import io.github.lambdazip.zip.deflate.RawDeflate;
import java.util.zip.Deflater;

/** The JDK's zlib as a {@link RawDeflate}: whatever zlib the JVM links. */
final class JdkDeflate implements RawDeflate {

    private final Deflater deflater;

    JdkDeflate(Deflater deflater) {
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
