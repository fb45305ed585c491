package io.github.lambdazip.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Turns the byte frames of a container's output into lines, keeping the last few for error messages. */
final class LineSplitter {

    private final Consumer<String> sink;
    private final int keep;
    private final Deque<String> last = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();

    LineSplitter(Consumer<String> sink, int keep) {
        this.sink = sink;
        this.keep = keep;
    }

    synchronized void accept(byte[] payload) {
        partial.append(new String(payload, StandardCharsets.UTF_8));
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            emit(partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
    }

    synchronized void flush() {
        if (partial.length() > 0) {
            emit(partial.toString());
            partial.setLength(0);
        }
    }

    synchronized List<String> lastLines() {
        return new ArrayList<>(last);
    }

    private void emit(String line) {
        String clean = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        sink.accept(clean);
        last.addLast(clean);
        if (last.size() > keep) {
            last.removeFirst();
        }
    }
}
