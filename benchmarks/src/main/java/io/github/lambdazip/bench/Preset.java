package io.github.lambdazip.bench;

/** The synthetic trees: many small text modules, dist-info metadata, a few large semi-compressible binaries. */
enum Preset {
    SMALL(2_000, 1, 16, 1, 3),
    MEDIUM(15_000, 1, 16, 4, 5),
    LARGE(40_000, 1, 7, 10, 8);

    final int textFiles;
    final int minKb;
    final int maxKb;
    final int binaries;
    final int binaryMb;

    Preset(int textFiles, int minKb, int maxKb, int binaries, int binaryMb) {
        this.textFiles = textFiles;
        this.minKb = minKb;
        this.maxKb = maxKb;
        this.binaries = binaries;
        this.binaryMb = binaryMb;
    }
}
