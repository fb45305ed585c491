package io.github.lambdazip.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierSetTest {

    /** candidate | specifiers | matches by default (pre-releases only when a clause names one). */
    @ParameterizedTest(name = "{0} in [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            // == and !=, with trailing zeros, local labels and prefix matches
            "2.0 | ==2 | true", "2.0 | ==2.0.0 | true", "2.0+local | ==2.0 | true", "2.0 | ==2.0+local | false",
            "2.0+local | ==2.0+local | true", "2.0+other | ==2.0+local | false",
            "2.1 | ==2.* | true", "3.0 | ==2.* | false", "2 | ==2.0.* | true", "2.0.1 | ==2.0.* | true",
            "2.1 | ==2.0.* | false", "1!2.0 | ==2.* | false", "2.0+local | ==2.0.* | true", "2.0.post1 | ==2.0.* | true",
            "2.0 | !=2.0 | false", "2.0+local | !=2.0 | false", "2.0.1 | !=2.0 | true", "2.1.3 | !=2.1.* | false",
            "2.2 | !=2.1.* | true",
            // ~= edge cases
            "2.2 | ~=2.2 | true", "2.9.1 | ~=2.2 | true", "3.0 | ~=2.2 | false", "2.1 | ~=2.2 | false",
            "2.2.post3 | ~=2.2 | true", "2.2.1 | ~=2.2.0 | true", "2.3 | ~=2.2.0 | false", "2.2.0 | ~=2.2.0 | true",
            "2.2.1 | ~=2.2.0.0 | false", "1!2.2 | ~=2.2 | false", "2.2+local | ~=2.2 | true",
            "1.4.5 | ~=1.4.5a4 | true", "1.5.0 | ~=1.4.5a4 | false", "1.4.5b1 | ~=1.4.5a4 | true",
            "2.3 | ~=2.2.post3 | true", "2.2 | ~=2.2.post3 | false", "3.0 | ~=2.2.post3 | false",
            // < and > do not admit pre/post/local releases of the version they name
            "1.9 | <2 | true", "2.0rc1 | <2 | false", "2.0.dev1 | <2 | false", "1.9rc1 | <2 | false",
            "2.0a1 | <2.0b1 | true", "2.1 | >2 | true", "2.0.1 | >2 | true", "2.0.post1 | >2 | false",
            "2.0.post1 | >2.0.post0 | true", "2.0+local | >2 | false", "2.0 | >2 | false",
            "2.0+local | <=2.0 | true", "2.0+local | >=2.0 | true", "1.0 | <=1.0 | true",
            // pre-releases only when named
            "1.0a1 | >=1.0a1 | true", "1.0a2 | >=1.0 | false", "1.0.dev1 | >=1.0.dev0 | true", "1.0.dev1 | >=0.9 | false",
            "2.0b2 | >=2.0b1,<2.1 | true", "2.0b2 | >=1.0,<2.1 | false", "2.0b2 | >=1.0,!=2.0b1 | false",
            "2.0b1 | ==2.0b1 | true",
            // ===
            "1.0 | ===1.0 | true", "1.0.0 | ===1.0 | false", "1.0 | ===1.0+x | false",
            // sets
            "1.0 | '' | true", "1.0a1 | '' | false", "1.5 | >=1.0,<2.0,!=1.5 | false", "1.6 | >=1.0, <2.0, !=1.5 | true",
            "1.6 | ' >= 1.0 ,< 2.0 ' | true", "2.0 | >=1.0,<2.0 | false"})
    void contains_followsPep440(String candidate, String specifiers, boolean expected) throws Exception {
        assertEquals(expected, SpecifierSet.parse(specifiers).contains(Version.parse(candidate)));
    }

    @Test
    void contains_admitsPreReleasesWhenAsked() throws Exception {
        assertTrue(SpecifierSet.parse(">=1.0").contains(Version.parse("1.1a1"), true));
        assertTrue(SpecifierSet.parse("<2").contains(Version.parse("1.9rc1"), true));
        assertFalse(SpecifierSet.parse("<2").contains(Version.parse("2.0rc1"), true),
                "<2 never admits pre-releases of 2 itself");
        assertTrue(SpecifierSet.parse("").contains(Version.parse("1.0a1"), true));
        assertFalse(SpecifierSet.parse(">=2.0b1").contains(Version.parse("2.0b2"), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"~=1", ">=1.0.*", "~=1.0.*", "<1.0+local", "~=1.0+local", "==", "=>1.0", ">=1.0,,<2",
            "1.0", ">=abc", "==1.0.dev1.*", "==1.0+x.*", ">= 1.0 <2"})
    void parse_rejectsInvalidSpecifiers(String text) {
        InvalidSpecifierException error = assertThrows(InvalidSpecifierException.class, () -> SpecifierSet.parse(text));
        assertTrue(error.getMessage().startsWith("Invalid version specifier '" + text + "'"), error.getMessage());
    }

    @Test
    void parse_pointsAtTheFailingClause() {
        InvalidSpecifierException error = assertThrows(InvalidSpecifierException.class,
                () -> SpecifierSet.parse(">=1.0,~=2"));
        assertEquals(8, error.position(), "the version 2 of the second clause");
    }

    @Test
    void equals_comparesClausesAsVersionsInAnyOrder() throws Exception {
        assertEquals(SpecifierSet.parse(">=1.0,<2"), SpecifierSet.parse("<2.0, >=1"));
        assertNotEquals(SpecifierSet.parse("==1.2.*"), SpecifierSet.parse("==1.2.0.*"));
        assertNotEquals(SpecifierSet.parse(">=1.0"), SpecifierSet.parse(">1.0"));
        assertEquals(">=1.0,<2", SpecifierSet.parse(" >= 1.0 , < 2 ").toString());
        assertTrue(SpecifierSet.parse(">=1.0rc1").namesPreRelease());
        assertFalse(SpecifierSet.parse("!=1.0rc1").namesPreRelease());
    }
}
