package io.github.lambdazip.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    /** PEP 440's order, from the oldest; includes every kind of segment and the local-label rules. */
    private static final List<String> ORDERED = List.of(
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3", "1.0",
            "1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2", "1.2+123abc", "1.2+123abc456", "1.2+abc",
            "1.2+abc123", "1.2+abc123def", "1.2+1234.abc", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456",
            "1.10", "2.0", "2014.04", "1!0.1", "1!1.0b2.post345.dev456", "1!1.0", "1!1.0.post456", "2!0.0.dev0");

    @Test
    void compareTo_followsPep440Order() throws Exception {
        List<Version> expected = new ArrayList<>();
        for (String text : ORDERED) {
            expected.add(Version.parse(text));
        }
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(440));
        Collections.sort(shuffled);
        assertEquals(ORDERED, shuffled.stream().map(Version::original).toList());
        for (int i = 1; i < expected.size(); i++) {
            assertTrue(expected.get(i - 1).compareTo(expected.get(i)) < 0, ORDERED.get(i - 1) + " < " + ORDERED.get(i));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.0.0a1, 1.0.0a1", "1.0a1, 1.0a1", "1.0alpha1, 1.0a1", "1.0-ALPHA-1, 1.0a1", "1.0.beta.2, 1.0b2",
            "1.0c1, 1.0rc1", "1.0pre1, 1.0rc1", "1.0preview1, 1.0rc1", "1.0_RC_1, 1.0rc1", "1.0a, 1.0a0",
            "1.0-post1, 1.0.post1", "1.0post, 1.0.post0", "1.0-1, 1.0.post1", "1.0.rev4, 1.0.post4", "1.0r4, 1.0.post4",
            "1.0-dev, 1.0.dev0", "1.0dev3, 1.0.dev3", "v1.0, 1.0", "V2, 2", "' 1.0 ', 1.0", "0!1.0, 1.0", "1!2.0, 1!2.0",
            "1.0+Ubuntu-1, 1.0+ubuntu.1", "1.0+abc_def.2, 1.0+abc.def.2", "01.002, 1.2", "1.0rc1.post2.dev3, 1.0rc1.post2.dev3"})
    void parse_normalisesEverySpellingPep440Allows(String text, String normal) throws Exception {
        assertEquals(normal, Version.parse(text).toString());
    }

    @Test
    void equals_ignoresTrailingZerosAndSpelling() throws Exception {
        assertEquals(Version.parse("1.0.0a1"), Version.parse("1.0a1"));
        assertEquals(Version.parse("1.0-post1"), Version.parse("1.0.post1"));
        assertEquals(Version.parse("1"), Version.parse("1.0.0.0"));
        assertEquals(Version.parse("1.0").hashCode(), Version.parse("1.0.0").hashCode());
        assertNotEquals(Version.parse("1.0"), Version.parse("1.0+local"));
        assertNotEquals(Version.parse("1.0"), Version.parse("1!1.0"));
        assertEquals(Version.parse("1.0+ABC.1"), Version.parse("1.0+abc-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1.0.", ".1", "1..0", "1.0+", "1.0+a..b", "1.0.x", "1.0-+x", "1.0 2", "1.0a1b1",
            "1.0++x", "-1.0"})
    void parse_rejectsWhatIsNotAVersion(String text) {
        InvalidVersionException error = assertThrows(InvalidVersionException.class, () -> Version.parse(text));
        assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
        assertTrue(Version.tryParse(text).isEmpty());
    }

    @Test
    void kinds_areReportedAsPep440DefinesThem() throws Exception {
        assertTrue(Version.parse("1.0a1").isPreRelease());
        assertTrue(Version.parse("1.0.dev1").isPreRelease(), "a dev release counts as a pre-release");
        assertTrue(Version.parse("1.0.post1.dev1").isPreRelease());
        assertFalse(Version.parse("1.0.post1").isPreRelease());
        assertTrue(Version.parse("1.0.post1").isPostRelease());
        assertFalse(Version.parse("1.0+local").isPreRelease());
        assertEquals("ubuntu.1", Version.parse("1.0+ubuntu-1").local());
        assertEquals("1.0rc1", Version.parse("1.0rc1+x").publicVersion().toString());
        assertEquals("1!1.0", Version.parse("1!1.0rc1.post2.dev3+x").baseVersion().toString());
        assertEquals("1.0-post1", Version.parse(" 1.0-post1 ").original());
    }
}
