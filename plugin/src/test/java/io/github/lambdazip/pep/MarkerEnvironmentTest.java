package io.github.lambdazip.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MarkerEnvironmentTest {

    @Test
    void lambda_describesTheLambdaRuntimeOnEachArchitecture() {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("python_version", "3.12"), Map.entry("python_full_version", "3.12.0"),
                Map.entry("implementation_version", "3.12.0"), Map.entry("os_name", "posix"),
                Map.entry("sys_platform", "linux"), Map.entry("platform_system", "Linux"),
                Map.entry("platform_release", ""), Map.entry("platform_version", ""),
                Map.entry("platform_machine", "aarch64"), Map.entry("platform_python_implementation", "CPython"),
                Map.entry("implementation_name", "cpython")));
        assertEquals(expected, MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_12, Architecture.ARM64).values());
        assertEquals("x86_64",
                MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_9, Architecture.X86_64).value("platform_machine"));
        assertEquals("3.9", MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_9, Architecture.X86_64).value("python_version"));
    }

    @Test
    void with_returnsChangedCopiesAndNormalisesNames() {
        MarkerEnvironment base = MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_13, Architecture.X86_64);
        MarkerEnvironment probed = base.withPythonFullVersion("3.13.2").withExtras(List.of("Fast_JSON"))
                .withDependencyGroups(List.of("Lambda.Runtime"));
        assertEquals("3.13.2", probed.value("python_full_version"));
        assertEquals("3.13.2", probed.value("implementation_version"));
        assertEquals(Set.of("fast-json"), probed.extras());
        assertEquals(Set.of("lambda-runtime"), probed.dependencyGroups());
        assertThrows(IllegalStateException.class, () -> base.value("python_full_version"),
                "the original is unchanged, its patch release unknown");
        assertFalse(base.fullVersionKnown());
        assertTrue(probed.fullVersionKnown());
        assertEquals("3.13", base.pythonDescription());
        assertEquals("3.13.2", probed.pythonDescription());
        assertNotEquals(base, probed);
        assertEquals(base, MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_13, Architecture.X86_64));
        assertThrows(IllegalArgumentException.class, () -> base.withPythonFullVersion("three"));
        assertThrows(IllegalArgumentException.class, () -> base.with("python_versions", "3"));
        assertEquals("", MarkerEnvironment.of(Map.of("os_name", "nt")).value("sys_platform"));
    }

    @Test
    void toString_isOneStableLine() {
        String line = MarkerEnvironment.lambda(PythonRuntime.PYTHON_3_12, Architecture.X86_64)
                .withExtras(List.of("b", "a")).toString();
        assertEquals("implementation_name=cpython implementation_version=unknown os_name=posix platform_machine=x86_64 "
                + "platform_python_implementation=CPython platform_release= platform_system=Linux platform_version= "
                + "python_full_version=unknown python_version=3.12 sys_platform=linux extras=[a, b] dependency_groups=[]",
                line);
    }
}
