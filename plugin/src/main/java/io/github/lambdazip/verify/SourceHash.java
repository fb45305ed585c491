package io.github.lambdazip.verify;

import io.github.lambdazip.common.PythonRuntime;

/**
 * The source hash a hash-based {@code .pyc} (PEP 552) records, as the runtime computes it:
 * {@code _imp.source_hash(_RAW_MAGIC_NUMBER, source)}, CPython's keyed SipHash with the four magic bytes
 * (the number and {@code \r\n}, read little-endian) as the first key word and 0 as the second, written
 * little-endian.
 */
final class SourceHash {

    private SourceHash() {}

    /** The four bytes a runtime's {@code .pyc} files start with, as the little-endian number Python keys with. */
    static long rawMagic(PythonRuntime runtime) {
        return (runtime.bytecodeMagic() & 0xffffL) | ((long) '\r' << 16) | ((long) '\n' << 24);
    }

    static byte[] of(PythonRuntime runtime, byte[] source) {
        SipHash sip = runtime.minor() >= 11 ? SipHash.sip13() : SipHash.sip24();
        long hash = sip.hash(rawMagic(runtime), 0, source);
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hash >>> (8 * i));
        }
        return out;
    }
}
