package io.github.lambdazip.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerTest {

    private static MarkerEnvironment lambda(String runtime, String architecture) throws Exception {
        return MarkerEnvironment.lambda(PythonRuntime.fromId(runtime), Architecture.fromId(architecture));
    }

    /** marker | runtime | architecture | expected. */
    @ParameterizedTest(name = "[{1} {2}] {0} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "python_version < \"3.12\" | python3.11 | x86_64 | true",
            "python_version < \"3.12\" | python3.12 | x86_64 | false",
            "python_version < '3.12' | python3.13 | x86_64 | false",
            "python_version<'3.12' | python3.9 | arm64 | true",
            "python_version >= \"3.9\" | python3.9 | x86_64 | true",
            // compared as versions, not strings: \"3.11\" > \"3.9\" only as versions
            "python_version > \"3.9\" | python3.11 | x86_64 | true",
            "python_version == \"3.*\" | python3.11 | x86_64 | true",
            "python_version ~= \"3.10\" | python3.12 | x86_64 | true",
            "python_version ~= \"3.10\" | python3.9 | x86_64 | false",
            "python_full_version >= \"3.11.0\" | python3.11 | x86_64 | true",
            // the patch release is unknown before the image is asked; these hold for every one of them
            "python_full_version >= \"3.11.1\" | python3.12 | x86_64 | true",
            "python_full_version < \"3.11.1\" | python3.12 | x86_64 | false",
            "python_full_version == \"3.11.*\" | python3.11 | x86_64 | true",
            "python_full_version >= \"3.12.0a1\" | python3.12 | x86_64 | true",
            "implementation_version >= \"3.12\" | python3.12 | x86_64 | true",
            // reversed operands
            "\"3.12\" > python_version | python3.11 | x86_64 | true",
            "\"3.12\" > python_version | python3.12 | x86_64 | false",
            "'3.10' <= python_version | python3.10 | x86_64 | true",
            // architecture
            "platform_machine == \"aarch64\" | python3.12 | arm64 | true",
            "platform_machine == \"aarch64\" | python3.12 | x86_64 | false",
            "platform_machine == 'x86_64' | python3.12 | x86_64 | true",
            "platform_machine != \"aarch64\" | python3.12 | x86_64 | true",
            // the rest of the Lambda environment
            "sys_platform == \"linux\" and os_name == \"posix\" | python3.12 | x86_64 | true",
            "platform_system == \"Linux\" and implementation_name == \"cpython\" | python3.12 | x86_64 | true",
            "platform_python_implementation == \"CPython\" | python3.12 | x86_64 | true",
            "sys_platform == \"win32\" | python3.12 | x86_64 | false",
            "sys_platform == \"darwin\" or platform_system == \"Windows\" | python3.12 | x86_64 | false",
            "platform_release >= \"5\" | python3.12 | x86_64 | false",
            "platform_version == \"\" | python3.12 | x86_64 | true",
            // legacy dotted names
            "os.name == \"posix\" and sys.platform == \"linux\" | python3.12 | x86_64 | true",
            "platform.machine == \"aarch64\" | python3.12 | arm64 | true",
            // and binds tighter than or
            "sys_platform == \"linux\" or sys_platform == \"win32\" and python_version < \"3.9\" | python3.11 | x86_64 | true",
            "(sys_platform == \"linux\" or sys_platform == \"win32\") and python_version < \"3.9\" | python3.11 | x86_64 | false",
            "python_version < \"3.9\" and sys_platform == \"win32\" or platform_machine == \"aarch64\" | python3.11 | arm64 | true",
            "python_version < \"3.9\" and (sys_platform == \"win32\" or platform_machine == \"aarch64\") | python3.11 | arm64 | false",
            "((python_version >= \"3.10\")) and ( platform_machine == \"x86_64\" ) | python3.11 | x86_64 | true",
            // in / not in
            "\"linux\" in sys_platform | python3.12 | x86_64 | true",
            "\"lin\" in sys_platform | python3.12 | x86_64 | true",
            "\"win\" not in sys_platform | python3.12 | x86_64 | true",
            "'aarch64' in 'x86_64 aarch64' | python3.12 | x86_64 | true",
            "platform_machine in \"x86_64 amd64\" | python3.12 | x86_64 | true",
            "platform_machine not in \"x86_64 amd64\" | python3.12 | arm64 | true",
            // ===
            "platform_machine === \"x86_64\" | python3.12 | x86_64 | true",
            "python_version === \"3.12\" | python3.12 | x86_64 | true",
            "python_version === \"3.12.0\" | python3.12 | x86_64 | false",
            // strings that are not versions compare as strings
            "platform_machine < \"y\" | python3.12 | x86_64 | true",
            "os_name >= \"posix\" | python3.12 | x86_64 | true"})
    void evaluate_followsPep508(String marker, String runtime, String architecture, boolean expected) throws Exception {
        assertEquals(expected, Marker.parse(marker).evaluate(lambda(runtime, architecture)), marker);
    }

    /** marker | requested extras (comma-separated) | expected. */
    @ParameterizedTest(name = "{0} with [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "extra == \"x\" | x | true",
            "extra == \"x\" | '' | false",
            "extra == 'x' | y | false",
            "extra == \"x\" | y,x | true",
            "extra != \"x\" | '' | true",
            "extra != \"x\" | x | false",
            "extra == \"Dev_Tools\" | dev-tools | true",
            "extra == \"dev.tools\" | Dev_Tools | true",
            "\"x\" == extra | x | true",
            "extra == \"a\" and extra == \"b\" | a,b | true",
            "extra == \"a\" or extra == \"b\" | b | true",
            "python_version < \"3.12\" and extra == \"x\" | x | true",
            "extra == 'extra-7-project-cpu' | extra-7-project-cpu | true",
            "\"x\" in extras | x | true",
            "\"x\" in extras | y | false",
            "\"X\" in extras | x | true",
            "\"x\" not in extras | y | true"})
    void evaluate_treatsExtrasAsTheRequestedSet(String marker, String extras, boolean expected) throws Exception {
        MarkerEnvironment environment = lambda("python3.11", "x86_64")
                .withExtras(extras.isEmpty() ? List.of() : List.of(extras.split(",")));
        assertEquals(expected, Marker.parse(marker).evaluate(environment), marker);
    }

    @Test
    void evaluate_readsDependencyGroupsAsASet() throws Exception {
        MarkerEnvironment environment = lambda("python3.12", "arm64").withDependencyGroups(List.of("Lambda_Runtime"));
        assertTrue(Marker.parse("'lambda-runtime' in dependency_groups").evaluate(environment));
        assertFalse(Marker.parse("'dev' in dependency_groups").evaluate(environment));
        assertTrue(Marker.parse("'dev' not in dependency_groups and platform_machine == 'aarch64'").evaluate(environment));
    }

    @Test
    void evaluate_usesTheProbedFullVersion() throws Exception {
        MarkerEnvironment probed = lambda("python3.12", "x86_64").withPythonFullVersion("3.12.7");
        assertTrue(Marker.parse("python_full_version >= \"3.12.5\"").evaluate(probed));
        assertTrue(Marker.parse("implementation_version == \"3.12.7\"").evaluate(probed));
        assertFalse(Marker.parse("python_full_version >= \"3.12.5\"").evaluate(lambda("python3.12", "x86_64")
                .withPythonFullVersion("3.12.4")));
    }

    @Test
    void evaluate_asksForThePatchReleaseOnlyWhenTheAnswerDependsOnIt() throws Exception {
        MarkerEnvironment unknown = lambda("python3.12", "x86_64");
        PythonFullVersionNeededException needed = assertThrows(PythonFullVersionNeededException.class,
                () -> Marker.parse("python_full_version >= '3.12.5'").evaluate(unknown));
        assertEquals("python_full_version >= '3.12.5'", needed.condition());
        assertThrows(PythonFullVersionNeededException.class,
                () -> Marker.parse("implementation_version != '3.12.1'").evaluate(unknown));
        // decided as a whole: the other side settles it for every patch release
        assertFalse(Marker.parse("python_full_version >= '3.12.5' and sys_platform == 'win32'").evaluate(unknown));
        assertTrue(Marker.parse("sys_platform == 'linux' or python_full_version >= '3.12.5'").evaluate(unknown));
        assertTrue(Marker.parse("python_full_version >= '3.12.5' or python_version >= '3.12'").evaluate(unknown));
    }

    /** marker | position | words the message must contain. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "python_version < | 16 | expected a variable or a quoted string",
            "python_versio < \"3\" | 0 | unknown variable 'python_versio'",
            "python_version < \"3.12 | 17 | unterminated string",
            "(python_version < \"3.12\" | 24 | missing ')'",
            "python_version < \"3.12\" and | 27 | got the end",
            "python_version not \"3\" | 15 | 'not' must be followed by 'in'",
            "python_version \"3\" | 15 | expected an operator",
            "python_version < \"3.12\" xor 1 | 24 | unexpected 'xor 1'",
            "python_version = \"3\" | 15 | expected an operator",
            "`  ` | 2 | got the end",
            "and python_version < \"3\" | 0 | unknown variable 'and'"})
    void parse_failsNamingTheMarkerAndThePosition(String marker, int position, String problem) {
        InvalidMarkerException error = assertThrows(InvalidMarkerException.class, () -> Marker.parse(marker));
        assertEquals(marker, error.text());
        assertEquals(position, error.position(), error.getMessage());
        assertTrue(error.getMessage().contains("'" + marker + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("at position " + position), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    @Test
    void evaluate_refusesComparisonsNoOperatorDefines() throws Exception {
        MarkerEnvironment environment = lambda("python3.12", "x86_64");
        InvalidMarkerException tilde = assertThrows(InvalidMarkerException.class,
                () -> Marker.parse("python_version >= '3' and platform_machine ~= 'x86'").evaluate(environment));
        assertEquals(26, tilde.position());
        assertTrue(tilde.getMessage().contains("needs versions on both sides"), tilde.getMessage());
        assertThrows(InvalidMarkerException.class, () -> Marker.parse("extras == 'x'").evaluate(environment));
        assertThrows(InvalidMarkerException.class, () -> Marker.parse("'x' < extras").evaluate(environment));
        assertThrows(InvalidMarkerException.class, () -> Marker.parse("extra == os_name").evaluate(environment));
    }

    @Test
    void text_isTheMarkerAsWritten() throws Exception {
        assertEquals("python_version<'3.12'", Marker.parse("python_version<'3.12'").toString());
    }
}
