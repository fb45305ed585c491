package io.github.lambdazip.pip;

import io.github.lambdazip.common.ProjectProblemException;
import java.util.List;

/** pip exited with an error; the message carries the command (secrets masked), exit code and output tail. */
public class PipInstallFailedException extends ProjectProblemException {

    /** @param explanation what the plugin knows of the cause (the glibc ceiling), or null */
    public PipInstallFailedException(String artifact, String command, int exitCode, List<String> lastLines,
            String explanation) {
        super("pip install failed for '" + artifact + "' with exit code " + exitCode + System.lineSeparator()
                        + "  command: " + command + System.lineSeparator()
                        + "  last lines of its output:" + System.lineSeparator()
                        + "    " + String.join(System.lineSeparator() + "    ", lastLines)
                        + (explanation == null ? "" : System.lineSeparator() + "  " + explanation),
                "fix the requirement pip names above (a typo, a version that does not exist for this Python and "
                        + "platform, or an index that is not reachable); try the same command locally in the build "
                        + "image to iterate faster");
    }
}
