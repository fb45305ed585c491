package io.github.lambdazip.verify.binary;

/** What a file's first bytes say it is. */
public enum BinaryKind {
    ELF,
    PE,
    MACH_O,
    OTHER;

    public static BinaryKind of(byte[] head) {
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return ELF;
        }
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return PE;
        }
        if (head.length >= 4) {
            int big = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
            int little = Integer.reverseBytes(big);
            for (int magic : new int[] {0xfeedface, 0xfeedfacf}) {
                if (big == magic || little == magic) {
                    return MACH_O;
                }
            }
            // 0xcafebabe is also a Java class file; a fat Mach-O has a small architecture count after it.
            if (big == 0xcafebabe && head.length >= 8 && head[4] == 0 && head[5] == 0 && head[6] == 0 && (head[7] & 0xff) < 20) {
                return MACH_O;
            }
        }
        return OTHER;
    }
}
