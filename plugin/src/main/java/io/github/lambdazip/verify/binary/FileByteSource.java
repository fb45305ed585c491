package io.github.lambdazip.verify.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random access to a file on disk; reads only what is asked for. */
public final class FileByteSource implements ByteSource {

    private final Path file;
    private final long length;

    public FileByteSource(Path file) throws IOException {
        this.file = file;
        this.length = java.nio.file.Files.size(file);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public byte[] read(long offset, int wanted) throws IOException {
        if (offset < 0 || offset >= length || wanted <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(wanted, length - offset);
        ByteBuffer buffer = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip();
        buffer.get(out);
        return out;
    }
}
