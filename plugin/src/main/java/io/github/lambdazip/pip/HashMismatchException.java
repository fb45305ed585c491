package io.github.lambdazip.pip;

import io.github.lambdazip.common.ProjectProblemException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * pip refused a downloaded or found file because its hash is not one the lock (or the requirements file's
 * {@code --hash} options) records: the file on the index or in a find-links folder is not the locked one.
 */
public class HashMismatchException extends ProjectProblemException {

    /**
     * One refused file, as pip reports it.
     *
     * @param requirement what pip was installing, e.g. {@code lzwords==1.0}
     * @param file the file it found, e.g. {@code lzwords-1.0-py3-none-any.whl}; empty when pip did not say
     * @param algorithm the hash algorithm, e.g. {@code sha256}
     * @param expected the hashes the lock allows
     * @param actual the file's hash
     */
    public record Mismatch(String requirement, String file, String algorithm, List<String> expected, String actual) {

        public Mismatch {
            expected = List.copyOf(expected);
        }

        /** The package's name, as the requirement starts. */
        public String name() {
            return requirement.split("[=<>!~;@\\s\\[]", 2)[0];
        }
    }

    private final List<Mismatch> mismatches;

    /** @param source the file whose hashes pip checked: the lock file (or a requirements file with --hash lines) */
    public HashMismatchException(String artifact, String source, List<Mismatch> mismatches) {
        super("pip refused " + mismatches.stream().map(Mismatch::name).collect(Collectors.joining(", "))
                        + " for '" + artifact + "': the files it found do not have the hashes " + source + " records"
                        + mismatches.stream().map(m -> System.lineSeparator() + "  " + m.requirement()
                                + (m.file().isEmpty() ? "" : " (" + m.file() + ")") + ": expected " + m.algorithm() + " "
                                + String.join(" or ", m.expected()) + ", got " + m.actual())
                                .collect(Collectors.joining()),
                "if " + source + " is right, the file on the index or in <findLinks> was swapped or damaged: remove it "
                        + "and fetch the released one; if the package was rebuilt on purpose, regenerate " + source
                        + " (uv lock, poetry lock, pipenv lock, or the tool that wrote it) and commit it");
        this.mismatches = List.copyOf(mismatches);
    }

    public List<Mismatch> mismatches() {
        return mismatches;
    }
}
