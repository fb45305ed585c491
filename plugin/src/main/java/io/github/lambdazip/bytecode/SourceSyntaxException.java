package io.github.lambdazip.bytecode;

import io.github.lambdazip.common.ProjectProblemException;
import java.util.List;

/**
 * The user's own code does not compile with the runtime's Python: Lambda would fail at the first import. Names
 * each file and line, as Python reports them.
 */
public final class SourceSyntaxException extends ProjectProblemException {

    /** One error: the file as the user knows it, the line (0 when Python gives none) and Python's message. */
    public record Problem(String file, int line, String message) {
        String describe() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private final List<Problem> problems;

    public SourceSyntaxException(String artifact, String python, List<Problem> problems) {
        super("'" + artifact + "' has code that " + python + " cannot compile, so importing it on Lambda would fail: "
                + String.join("; ", problems.stream().map(Problem::describe).toList()),
                "fix the syntax error" + (problems.size() == 1 ? "" : "s") + ": the code must be valid " + python
                        + ", the runtime's version (check <runtime> if it is meant for another)", null,
                "compileBytecode", "runtime");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
