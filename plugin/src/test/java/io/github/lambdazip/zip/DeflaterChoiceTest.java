package io.github.lambdazip.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.zip.deflate.ClassicDeflater;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class DeflaterChoiceTest {

    @Test
    void canary_acceptsTheBuiltInEncoder_andRefusesAnotherDeflateStream() {
        assertTrue(DeflaterChoice.matchesReference(new ClassicDeflater(6), 6));
        // Standing in for a foreign zlib: a valid deflate stream of the same data, but not classic zlib's level 6.
        for (Deflater foreign : new Deflater[] {new Deflater(5, true), filtered()}) {
            try {
                assertFalse(DeflaterChoice.matchesReference(new JdkDeflate(foreign), 6));
            } finally {
                foreign.end();
            }
        }
    }

    private static Deflater filtered() {
        Deflater deflater = new Deflater(6, true);
        deflater.setStrategy(Deflater.FILTERED);
        return deflater;
    }

    @Test
    void auto_fallsBackToTheBuiltInEncoder_whenTheCanaryFails() {
        DeflaterChoice.Choice foreign = DeflaterChoice.choose(DeflaterChoice.Mode.AUTO, () -> false);
        assertTrue(foreign.builtInEncoder());
        assertTrue(foreign.worthInfo());
        assertTrue(foreign.reason().contains("differs from classic zlib"), foreign.reason());
        DeflaterChoice.Choice classic = DeflaterChoice.choose(DeflaterChoice.Mode.AUTO, () -> true);
        assertFalse(classic.builtInEncoder());
        assertEquals("JDK zlib matches the reference (classic zlib)", classic.reason());
        assertTrue(DeflaterChoice.choose(DeflaterChoice.Mode.JAVA, () -> true).builtInEncoder());
        assertFalse(DeflaterChoice.choose(DeflaterChoice.Mode.NATIVE, () -> false).builtInEncoder());
    }

    @Test
    void unknownMode_namesTheSetting() {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> DeflaterChoice.Mode.fromId("zopfli"));
        assertEquals("deflater", error.element());
        assertEquals(DeflaterChoice.Mode.JAVA, assertDoesNotThrowMode("Java"));
    }

    private static DeflaterChoice.Mode assertDoesNotThrowMode(String id) {
        try {
            return DeflaterChoice.Mode.fromId(id);
        } catch (InvalidConfigurationException e) {
            throw new AssertionError(e);
        }
    }
}
