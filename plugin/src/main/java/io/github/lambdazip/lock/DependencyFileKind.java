package io.github.lambdazip.lock;

import java.nio.file.Path;
import java.util.Locale;

/** The kinds of dependency file {@code <requirements>} accepts, told apart by file name. */
public enum DependencyFileKind {
    /** A pip requirements file ({@code requirements*.txt}, {@code *.in} or any other name): pip reads it as today. */
    REQUIREMENTS("requirements file"),
    /** PEP 751: {@code pylock.toml} or {@code pylock.<name>.toml}. */
    PYLOCK("PEP 751 lock file"),
    /** uv's {@code uv.lock}. */
    UV_LOCK("uv lock file"),
    /** Poetry's {@code poetry.lock}, read with the {@code pyproject.toml} beside it. */
    POETRY_LOCK("Poetry lock file"),
    /** Pipenv's {@code Pipfile.lock}. */
    PIPFILE_LOCK("Pipenv lock file"),
    /** A {@code pyproject.toml} without lock: its PEP 621 dependencies, unpinned. */
    PYPROJECT("pyproject.toml without lock");

    private final String description;

    DependencyFileKind(String description) {
        this.description = description;
    }

    /**
     * The kind of the named file. Names that look like an unsupported lock or project file ({@code Pipfile},
     * {@code pdm.lock}, another {@code .toml}) are refused rather than handed to pip as requirements.
     */
    public static DependencyFileKind of(Path file) throws LockFileException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("pylock.toml") || lower.matches("pylock\\.[^.]+\\.toml")) {
            return PYLOCK;
        }
        switch (lower) {
            case "uv.lock":
                return UV_LOCK;
            case "poetry.lock":
                return POETRY_LOCK;
            case "pipfile.lock":
                return PIPFILE_LOCK;
            case "pyproject.toml":
                return PYPROJECT;
            case "pipfile":
                throw new LockFileException(file, -1, "a Pipfile lists dependencies without locking them",
                        "run 'pipenv lock' and name the Pipfile.lock in <requirements>");
            default:
                break;
        }
        if (lower.endsWith(".toml") || lower.endsWith(".lock")) {
            throw new LockFileException(file, -1, "'" + name + "' is not a dependency file this plugin reads",
                    "name a requirements*.txt, pylock.toml, pylock.<name>.toml, uv.lock, poetry.lock, Pipfile.lock "
                            + "or pyproject.toml in <requirements>; other tools can export one of these (e.g. "
                            + "'pdm export -f pylock' or 'pdm export -f requirements')");
        }
        return REQUIREMENTS;
    }

    /** Whether pip reads the file itself ({@code pip -r}), so there is nothing to resolve here. */
    public boolean passthrough() {
        return this == REQUIREMENTS;
    }

    /** {@code uv lock file uv.lock}, for messages. */
    public String describe(Path file) {
        return description + " " + file.getFileName();
    }
}
