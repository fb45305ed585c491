package io.github.lambdazip.verify;

/**
 * SipHash-c-d (Aumasson and Bernstein), 64-bit output, as CPython's {@code Python/pyhash.c} computes it: the key as
 * two 64-bit words, the message read as little-endian words, the length in the last byte of the final block.
 * CPython keys the source hash of hash-based {@code .pyc} files with the magic number ({@code _Py_KeyedHash}): with
 * SipHash-2-4 up to Python 3.10, SipHash-1-3 from 3.11.
 */
final class SipHash {

    private final int compressionRounds;
    private final int finalizationRounds;

    private SipHash(int compressionRounds, int finalizationRounds) {
        this.compressionRounds = compressionRounds;
        this.finalizationRounds = finalizationRounds;
    }

    static SipHash sip13() {
        return new SipHash(1, 3);
    }

    static SipHash sip24() {
        return new SipHash(2, 4);
    }

    long hash(long k0, long k1, byte[] data) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L,
                k1 ^ 0x7465646279746573L};
        int whole = data.length & ~7;
        for (int offset = 0; offset < whole; offset += 8) {
            absorb(v, littleEndian(data, offset, 8));
        }
        absorb(v, ((long) data.length << 56) | littleEndian(data, whole, data.length - whole));
        v[2] ^= 0xff;
        rounds(v, finalizationRounds);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private void absorb(long[] v, long m) {
        v[3] ^= m;
        rounds(v, compressionRounds);
        v[0] ^= m;
    }

    private static void rounds(long[] v, int count) {
        for (int i = 0; i < count; i++) {
            v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
            v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
            v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
        }
    }

    private static long littleEndian(byte[] data, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (data[offset + i] & 0xffL);
        }
        return value;
    }
}
