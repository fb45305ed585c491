package io.github.lambdazip.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import io.github.lambdazip.docker.PullPolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** compile_bytecode.py and {@link BytecodeProtocol} spell the same protocol; .pyc names follow PEP 3147. */
class BytecodeProtocolTest {

    private static String script() throws Exception {
        try (InputStream in = BytecodeProtocol.class.getResourceAsStream("compile_bytecode.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String constant(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " = \"?([^\"\\s]+)\"?").matcher(script);
        assertTrue(matcher.find(), name + " is not defined in compile_bytecode.py");
        return matcher.group(1);
    }

    @Test
    void script_usesTheProtocolsValues() throws Exception {
        String script = script();
        assertEquals(Integer.toString(BytecodeProtocol.MISMATCH_EXIT), constant(script, "MISMATCH_EXIT"));
        assertEquals(Integer.toString(BytecodeProtocol.SYNTAX_EXIT), constant(script, "SYNTAX_EXIT"));
        assertEquals(BytecodeProtocol.MISMATCH_MARKER, constant(script, "MISMATCH_MARKER"));
        assertEquals(BytecodeProtocol.SYNTAX_MARKER, constant(script, "SYNTAX_MARKER"));
        assertEquals(BytecodeProtocol.SKIPPED_MARKER, constant(script, "SKIPPED_MARKER"));
        // PEP 552: bit 0 hash-based, bit 1 check the source; unchecked-hash is 0b01
        assertEquals("0b01", constant(script, "UNCHECKED_HASH"));
    }

    @Test
    void markerLine_keepsTabsInTheMessage() {
        assertArrayEquals(new String[] {BytecodeProtocol.SYNTAX_MARKER, "app.py", "3", "invalid\tsyntax"},
                BytecodeProtocol.fields(BytecodeProtocol.SYNTAX_MARKER + "\tapp.py\t3\tinvalid\tsyntax"));
    }

    @Test
    void pycName_isTheRuntimesCacheTagInPycache() {
        BytecodeRequest request = new BytecodeRequest("f", List.of(), "/var/task/", PythonRuntime.PYTHON_3_11,
                Architecture.X86_64, "img", PullPolicy.NEVER, false, Duration.ofMinutes(1), null);
        assertEquals("__pycache__/app.cpython-311.pyc", request.pycName("app.py"));
        assertEquals("python/pkg/__pycache__/mod.cpython-311.pyc", request.pycName("python/pkg/mod.py"));
    }
}
