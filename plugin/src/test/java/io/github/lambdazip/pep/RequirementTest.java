package io.github.lambdazip.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"requests, requests", "Foo.Bar_baz, foo-bar-baz", "A__B--C, a-b-c", "zope.interface, zope-interface",
            "PyYAML, pyyaml", "a-._b, a-b"})
    void normalizeName_followsPep503(String name, String normal) {
        assertEquals(normal, Requirement.normalizeName(name));
    }

    @Test
    void parse_readsNameExtrasSpecifierAndMarker() throws Exception {
        Requirement r = Requirement.parse("Requests [Security, socks] >= 2.8.1, == 2.8.* ; python_version < \"3.12\"");
        assertEquals("Requests", r.name());
        assertEquals("requests", r.normalizedName());
        assertEquals(List.of("security", "socks"), r.extras());
        assertTrue(r.specifier().contains(Version.parse("2.8.1")));
        assertFalse(r.specifier().contains(Version.parse("2.9")));
        assertNull(r.url());
        MarkerEnvironment py311 = MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_11, Architecture.X86_64);
        assertTrue(r.marker().evaluate(py311));
        assertEquals("Requests[security,socks]>=2.8.1,==2.8.*", r.withoutMarker());
    }

    @Test
    void parse_readsTheBareAndParenthesisedForms() throws Exception {
        Requirement bare = Requirement.parse("boto3");
        assertTrue(bare.specifier().isEmpty());
        assertNull(bare.marker());
        assertEquals("boto3", bare.withoutMarker());
        Requirement old = Requirement.parse("PySocks (>=1.5.6,!=1.5.7)");
        assertEquals(SpecifierSet.parse(">=1.5.6,!=1.5.7"), old.specifier());
        Requirement markerOnly = Requirement.parse("colorama;sys_platform=='win32'");
        assertEquals("sys_platform=='win32'", markerOnly.marker().text());
    }

    @Test
    void parse_readsADirectUrlReference() throws Exception {
        Requirement r = Requirement.parse(
                "pip[tests] @ https://example.invalid/pip-1.3.1.zip#sha256=abc ; python_version >= \"3\"");
        assertEquals("pip", r.name());
        assertEquals("https://example.invalid/pip-1.3.1.zip#sha256=abc", r.url());
        assertEquals(List.of("tests"), r.extras());
        assertEquals("python_version >= \"3\"", r.marker().text().trim());
        assertEquals("pip[tests] @ https://example.invalid/pip-1.3.1.zip#sha256=abc", r.withoutMarker());
        assertEquals("lib @ file:///src/lib", Requirement.parse("lib@file:///src/lib").withoutMarker());
    }

    /** requirement | position | words the message must contain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "-foo | 0 | expected a project name",
            "foo[bar | 3 | missing ']'",
            "foo[b@r] | 4 | not an extra name",
            "foo >= | 4 | needs a version",
            "foo ==1.0 extra | 6 | not a PEP 440 version",
            "foo; python_version < | 21 | expected a variable or a quoted string",
            "foo @ | 5 | expected a URL",
            "foo @ https://x/y.whl; python_version > '3' | 21 | put a space",
            "foo @ https://x/y.whl;python_version>'3' | 21 | put a space",
            "foo (>=1.0 | 4 | missing ')'",
            "foo (>=1.0) bar | 12 | unexpected 'bar'"})
    void parse_failsNamingTheRequirementAndThePosition(String text, int position, String problem) {
        InvalidRequirementException error = assertThrows(InvalidRequirementException.class, () -> Requirement.parse(text));
        assertEquals(position, error.position(), error.getMessage());
        assertTrue(error.getMessage().startsWith("Invalid requirement '" + text + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }
}
