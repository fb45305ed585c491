package io.github.lambdazip.lock;

import io.github.lambdazip.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One small project, "greeter", locked in each format, against the wheels of
 * {@code src/test/python-packages/lock-wheelhouse} (written by {@code make-lock-wheels.py}): {@code lzgreet 1.0}
 * and its dependency {@code lzwords 1.0}, plus {@code lzx86 1.0} on x86_64 only and {@code lzarm 1.0} on aarch64
 * only. The wheelhouse also holds {@code lzgreet 1.1} and {@code lzwords 2.0}, which pip would take if it resolved
 * anything itself. Every hash is the sha256 of the wheel in the wheelhouse.
 */
public final class GreeterLocks {

    public static final Path WHEELHOUSE = Path.of("src/test/python-packages/lock-wheelhouse").toAbsolutePath();

    /** What an x86_64 function installs from any of the locks, and what an arm64 one does. */
    public static final List<String> X86_64 = List.of("lzgreet==1.0", "lzwords==1.0", "lzx86==1.0");
    public static final List<String> ARM64 = List.of("lzarm==1.0", "lzgreet==1.0", "lzwords==1.0");

    /** The four lock formats; each {@link #write}s its lock and, for uv and Poetry, the pyproject.toml beside it. */
    public enum Format {
        PYLOCK("pylock.toml"), UV("uv.lock"), POETRY("poetry.lock"), PIPFILE("Pipfile.lock");

        private final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    private GreeterLocks() {}

    /** Writes the lock of {@code format} (and its pyproject.toml, if the format reads one) into {@code dir}. */
    public static Path write(Path dir, Format format) {
        switch (format) {
            case PYLOCK -> TestFiles.write(dir, "pylock.toml", pylock());
            case UV -> {
                TestFiles.write(dir, "pyproject.toml", pyproject());
                TestFiles.write(dir, "uv.lock", uvLock());
            }
            case POETRY -> {
                TestFiles.write(dir, "pyproject.toml", pyproject());
                TestFiles.write(dir, "poetry.lock", poetryLock(dir.resolve("pyproject.toml")));
            }
            case PIPFILE -> TestFiles.write(dir, "Pipfile.lock", pipfileLock());
        }
        return dir.resolve(format.fileName());
    }

    /** {@code sha256:<hex>} of a wheel in the wheelhouse. */
    public static String hash(String wheel) {
        try {
            return "sha256:" + TestFiles.sha256Hex(WHEELHOUSE.resolve(wheel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(String wheel) {
        return hash(wheel).substring("sha256:".length());
    }

    private static String wheel(String name) {
        return name + "-1.0-py3-none-any.whl";
    }

    /** Poetry 2 and uv both read PEP 621's [project]. */
    static String pyproject() {
        return """
                [project]
                name = "greeter"
                version = "0.1.0"
                requires-python = ">=3.9"
                dependencies = [
                    "lzgreet==1.0",
                    "lzx86==1.0 ; platform_machine == 'x86_64'",
                    "lzarm==1.0 ; platform_machine == 'aarch64'",
                ]
                """;
    }

    static String pylock() {
        StringBuilder lock = new StringBuilder("""
                lock-version = "1.0"
                environments = ["sys_platform == 'linux'"]
                requires-python = ">=3.9"
                created-by = "lambdazip-test"
                """);
        for (String[] p : new String[][] {{"lzarm", "platform_machine == 'aarch64'"}, {"lzgreet", null},
                {"lzwords", null}, {"lzx86", "platform_machine == 'x86_64'"}}) {
            lock.append("\n[[packages]]\nname = \"").append(p[0]).append("\"\nversion = \"1.0\"\n");
            if (p[1] != null) {
                lock.append("marker = \"").append(p[1]).append("\"\n");
            }
            if (p[0].equals("lzgreet")) {
                lock.append("dependencies = [{ name = \"lzwords\" }]\n");
            }
            lock.append("index = \"https://pypi.org/simple\"\nwheels = [\n    { name = \"").append(wheel(p[0]))
                    .append("\", url = \"https://files.example/").append(wheel(p[0])).append("\", hashes = { sha256 = \"")
                    .append(hex(wheel(p[0]))).append("\" } },\n]\n");
        }
        return lock.toString();
    }

    static String uvLock() {
        StringBuilder lock = new StringBuilder("""
                version = 1
                revision = 2
                requires-python = ">=3.9"

                [[package]]
                name = "greeter"
                version = "0.1.0"
                source = { virtual = "." }
                dependencies = [
                    { name = "lzarm", marker = "platform_machine == 'aarch64'" },
                    { name = "lzgreet" },
                    { name = "lzx86", marker = "platform_machine == 'x86_64'" },
                ]

                [package.metadata]
                requires-dist = [
                    { name = "lzarm", marker = "platform_machine == 'aarch64'", specifier = "==1.0" },
                    { name = "lzgreet", specifier = "==1.0" },
                    { name = "lzx86", marker = "platform_machine == 'x86_64'", specifier = "==1.0" },
                ]
                """);
        for (String name : List.of("lzarm", "lzgreet", "lzwords", "lzx86")) {
            lock.append("\n[[package]]\nname = \"").append(name).append("""
                    "
                    version = "1.0"
                    source = { registry = "https://pypi.org/simple" }
                    """);
            if (name.equals("lzgreet")) {
                lock.append("dependencies = [\n    { name = \"lzwords\" },\n]\n");
            }
            lock.append("wheels = [\n    { url = \"https://files.example/").append(wheel(name)).append("\", hash = \"")
                    .append(hash(wheel(name))).append("\", size = ").append(size(wheel(name))).append(" },\n]\n");
        }
        return lock.toString();
    }

    static String poetryLock(Path pyproject) {
        StringBuilder lock = new StringBuilder(
                "# This file is automatically @generated by Poetry 2.1.1 and should not be changed by hand.\n");
        for (String[] p : new String[][] {{"lzarm", "platform_machine == \\\"aarch64\\\""}, {"lzgreet", null},
                {"lzwords", null}, {"lzx86", "platform_machine == \\\"x86_64\\\""}}) {
            lock.append("\n[[package]]\nname = \"").append(p[0]).append("""
                    "
                    version = "1.0"
                    description = "lambda-zip lock test package"
                    optional = false
                    python-versions = "*"
                    groups = ["main"]
                    """);
            if (p[1] != null) {
                lock.append("markers = \"").append(p[1]).append("\"\n");
            }
            lock.append("files = [\n    {file = \"").append(wheel(p[0])).append("\", hash = \"")
                    .append(hash(wheel(p[0]))).append("\"},\n]\n");
            if (p[0].equals("lzgreet")) {
                lock.append("\n[package.dependencies]\nlzwords = \">=1.0\"\n");
            }
        }
        String contentHash;
        try {
            contentHash = PoetryContentHash.of(LockDocument.toml(pyproject).root()).iterator().next();
        } catch (IOException | LockFileException e) {
            throw new IllegalStateException(e);
        }
        lock.append("\n[metadata]\nlock-version = \"2.1\"\npython-versions = \">=3.9\"\ncontent-hash = \"")
                .append(contentHash).append("\"\n");
        return lock.toString();
    }

    static String pipfileLock() {
        StringBuilder lock = new StringBuilder("""
                {
                    "_meta": {
                        "hash": {
                            "sha256": "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
                        },
                        "pipfile-spec": 6,
                        "requires": {
                            "python_version": "3.11"
                        },
                        "sources": [
                            {
                                "name": "pypi",
                                "url": "https://pypi.org/simple",
                                "verify_ssl": true
                            }
                        ]
                    },
                    "default": {""");
        String[][] packages = {{"lzarm", "platform_machine == 'aarch64'"}, {"lzgreet", null}, {"lzwords", null},
                {"lzx86", "platform_machine == 'x86_64'"}};
        for (int i = 0; i < packages.length; i++) {
            String[] p = packages[i];
            lock.append(i == 0 ? "\n" : ",\n").append("        \"").append(p[0]).append("\": {\n")
                    .append("            \"hashes\": [\n                \"").append(hash(wheel(p[0])))
                    .append("\"\n            ],\n            \"index\": \"pypi\",\n");
            if (p[1] != null) {
                lock.append("            \"markers\": \"").append(p[1]).append("\",\n");
            }
            lock.append("            \"version\": \"==1.0\"\n        }");
        }
        return lock.append("\n    },\n    \"develop\": {}\n}\n").toString();
    }

    private static long size(String wheel) {
        try {
            return Files.size(WHEELHOUSE.resolve(wheel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
