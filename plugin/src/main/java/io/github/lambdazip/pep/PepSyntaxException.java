package io.github.lambdazip.pep;

import io.github.lambdazip.common.ProjectProblemException;

/**
 * A version, specifier, marker or requirement that does not follow its PEP: carries the offending text and the
 * zero-based position where reading failed, so a message can point at it.
 */
public abstract class PepSyntaxException extends ProjectProblemException {

    private final String text;
    private final int position;
    private final String problem;

    protected PepSyntaxException(String what, String text, int position, String problem, String fix) {
        super(what + " '" + text + "' " + (position >= 0 ? "at position " + position + ": " : ": ") + problem, fix);
        this.text = text;
        this.position = position;
        this.problem = problem;
    }

    /** The whole text that was being read. */
    public String text() {
        return text;
    }

    /** What is wrong, without the text and position. */
    public String problem() {
        return problem;
    }

    /** Zero-based index into {@link #text()} where reading failed, or -1 when the problem is not at one place. */
    public int position() {
        return position;
    }
}
