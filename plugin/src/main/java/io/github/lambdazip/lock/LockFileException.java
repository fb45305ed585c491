package io.github.lambdazip.lock;

import io.github.lambdazip.common.ProjectProblemException;
import java.nio.file.Path;

/**
 * A dependency file that cannot be read or honoured: malformed TOML or JSON, an unknown lock version, a marker
 * that does not parse, an entry that cannot be installed. The message starts with the file and, where known, the
 * line ({@code uv.lock:12: ...}); {@link #fix()} says what to do.
 */
public class LockFileException extends ProjectProblemException {

    private final Path file;
    private final int line;

    public LockFileException(Path file, int line, String problem, String fix) {
        this(file, line, problem, fix, null);
    }

    public LockFileException(Path file, int line, String problem, String fix, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, fix, cause);
        this.file = file;
        this.line = line;
    }

    /** The dependency file at fault. */
    public Path file() {
        return file;
    }

    /** One-based line of the problem, or -1 when it is not at one line. */
    public int line() {
        return line;
    }
}
