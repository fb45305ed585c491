package io.github.lambdazip.pep;

/**
 * A condition whose answer depends on the runtime's patch release (e.g. {@code python_full_version >= "3.12.4"}),
 * met in an environment that knows only the minor version. Not an error: whoever resolves asks the build image for
 * its full version and evaluates again with {@link MarkerEnvironment#withPythonFullVersion}.
 */
public final class PythonFullVersionNeededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String condition;

    public PythonFullVersionNeededException(String condition) {
        super("'" + condition + "' depends on the patch release of Python, which is not known yet");
        this.condition = condition;
    }

    /** The marker or version constraint as written. */
    public String condition() {
        return condition;
    }
}
