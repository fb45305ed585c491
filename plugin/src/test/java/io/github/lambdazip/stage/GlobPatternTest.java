package io.github.lambdazip.stage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

    @Test
    void doubleStar_matchesAtAnyDepthIncludingRoot() {
        GlobPattern tests = GlobPattern.of("**/tests/**");
        assertTrue(tests.matches("tests/test_app.py"));
        assertTrue(tests.matches("pkg/tests/test_app.py"));
        assertTrue(tests.matches("a/b/tests/c/d.py"));
        assertFalse(tests.matches("pkg/tests_util.py"));
        assertFalse(tests.matches("pkg/contests/x.py"));
    }

    @Test
    void singleStar_staysWithinOneFolder() {
        GlobPattern markdown = GlobPattern.of("*.md");
        assertTrue(markdown.matches("README.md"));
        assertFalse(markdown.matches("docs/README.md"));
        assertTrue(GlobPattern.of("**/*.md").matches("docs/README.md"));
    }

    @Test
    void trailingSlash_meansEverythingBelow() {
        GlobPattern docs = GlobPattern.of("docs/");
        assertTrue(docs.matches("docs/a/b.txt"));
        assertFalse(docs.matches("src/docs/a.txt"));
    }

    @Test
    void questionMarkAndLiterals_areExact() {
        assertTrue(GlobPattern.of("v?.txt").matches("v1.txt"));
        assertFalse(GlobPattern.of("v?.txt").matches("v10.txt"));
        assertFalse(GlobPattern.of("a.b").matches("axb"));
        assertTrue(GlobPattern.of("\\conf\\*.ini").matches("conf/x.ini"));
        assertTrue(GlobPattern.of("pyproject.toml").matches("pyproject.toml"));
        assertFalse(GlobPattern.of("pyproject.toml").matches("pyproject.toml.bak"));
        assertFalse(GlobPattern.of("pyproject.toml").matches("src/pyproject.toml"));
    }

    /** What a name must start with is checked before the regular expression: these are the edges of that. */
    @Test
    void literalStart_decidesNothingTheExpressionWouldNot() {
        assertTrue(GlobPattern.of("requirements*.txt").matches("requirements-dev.txt"));
        assertTrue(GlobPattern.of("requirements*.txt").matches("requirements.txt"));
        assertFalse(GlobPattern.of("requirements*.txt").matches("lib/requirements.txt"));
        assertFalse(GlobPattern.of("requirements*.txt").matches("requirement.txt"));
        assertTrue(GlobPattern.of("build/**").matches("build"), "a trailing /** also matches the folder itself");
        assertTrue(GlobPattern.of("build/").matches("build/x/y.py"));
        assertFalse(GlobPattern.of("build/**").matches("builds/x.py"));
        assertTrue(GlobPattern.of("a/**/b.py").matches("a/b.py"));
        assertFalse(GlobPattern.of("a/**/b.py").matches("ab.py"));
        assertTrue(GlobPattern.of("?.py").matches("x.py"));
    }

    @Test
    void wildcardSlashes_belongToTheWildcard_soLiteralEndsNeverRejectAMatch() {
        assertTrue(GlobPattern.of("a/**").matches("a"));
        assertTrue(GlobPattern.of("a/**").matches("a/b/c"));
        assertFalse(GlobPattern.of("a/**").matches("ab"));
        assertTrue(GlobPattern.of("**/b.py").matches("b.py"));
        assertTrue(GlobPattern.of("a/**/b.py").matches("a/b.py"));
        assertTrue(GlobPattern.of("a/**/b.py").matches("a/x/y/b.py"));
        assertFalse(GlobPattern.of("a/**/b.py").matches("a/xb.py"));
        assertTrue(GlobPattern.of("*").matches("x"));
        assertTrue(GlobPattern.of("**").matches("x/y"));
        assertTrue(GlobPattern.of("ab*ab").matches("abab"));
        assertFalse(GlobPattern.of("ab*ab").matches("aba"));
    }

    @Test
    void dependencyFiles_matchAtTheRootOnly() {
        GlobPattern requirements = GlobPattern.of("requirements*.txt");
        assertTrue(requirements.matches("requirements.txt"));
        assertTrue(requirements.matches("requirements-dev.txt"));
        assertFalse(requirements.matches("pkg/requirements.txt"));
        assertFalse(requirements.matches("xrequirements.txt"));
        assertFalse(requirements.matches("requirements.txt.bak"));
        assertTrue(GlobPattern.of("uv.lock").matches("uv.lock"));
        assertFalse(GlobPattern.of("uv.lock").matches("uv.locks"));
        assertTrue(GlobPattern.of("pylock.*.toml").matches("pylock.dev.toml"));
        assertFalse(GlobPattern.of("pylock.*.toml").matches("pylock.toml"));
    }
}
