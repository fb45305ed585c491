package io.github.lambdazip.verify.binary;

import java.io.IOException;

/** Random access to a file's bytes, wherever they are (memory, disk). Reads past the end return fewer bytes. */
public interface ByteSource {

    long length();

    /** Reads up to {@code length} bytes at {@code offset}; never more than are there. */
    byte[] read(long offset, int length) throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                if (offset < 0 || offset >= bytes.length || length <= 0) {
                    return new byte[0];
                }
                int n = (int) Math.min(length, bytes.length - offset);
                byte[] out = new byte[n];
                System.arraycopy(bytes, (int) offset, out, 0, n);
                return out;
            }
        };
    }
}
