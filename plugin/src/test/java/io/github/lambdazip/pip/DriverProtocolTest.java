package io.github.lambdazip.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** driver.py and {@link DriverProtocol} spell the same protocol. */
class DriverProtocolTest {

    private static String driver() throws Exception {
        try (InputStream in = DriverProtocol.class.getResourceAsStream("driver.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String constant(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " = \"?([^\"\\s]+)\"?").matcher(script);
        assertTrue(matcher.find(), name + " is not defined in driver.py");
        return matcher.group(1);
    }

    @Test
    void driverScript_usesTheProtocolsValues() throws Exception {
        String script = driver();
        assertEquals(Integer.toString(DriverProtocol.MISMATCH_EXIT), constant(script, "MISMATCH_EXIT"));
        assertEquals(DriverProtocol.MISMATCH_MARKER, constant(script, "MISMATCH_MARKER"));
        assertEquals(DriverProtocol.INFO_PREFIX, constant(script, "INFO_PREFIX"));
    }

    @Test
    void mismatchLine_givesItsFields() {
        String line = DriverProtocol.MISMATCH_MARKER + " python=3.11 machine=aarch64";
        assertTrue(DriverProtocol.isMismatch(line));
        assertEquals("3.11", DriverProtocol.field(line, "python"));
        assertEquals("aarch64", DriverProtocol.field(line, "machine"));
        assertEquals("?", DriverProtocol.field(line, "glibc"));
    }
}
