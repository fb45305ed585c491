package io.github.lambdazip.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lambdazip.pep.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoetryConstraintTest {

    @ParameterizedTest(name = "{1} in [{0}] -> {2}")
    @CsvSource(delimiter = ';', value = {
            "^1.2.3 ; 1.9.0 ; true", "^1.2.3 ; 2.0.0 ; false", "^1.2.3 ; 1.2.2 ; false", "^0.2.3 ; 0.2.9 ; true",
            "^0.2.3 ; 0.3.0 ; false", "^0.0.3 ; 0.0.4 ; false", "^0 ; 0.9 ; true", "^0 ; 1.0 ; false",
            "~1.2.3 ; 1.2.9 ; true", "~1.2.3 ; 1.3.0 ; false", "~1 ; 1.9 ; true", "~1 ; 2.0 ; false",
            "~=1.2 ; 1.9 ; true", "* ; 0.1 ; true", "'' ; 0.1 ; true", "1.24.4 ; 1.24.4 ; true", "1.24.4 ; 1.26.4 ; false",
            ">=1.25.4,<1.27 ; 1.26.18 ; true", ">=1.25.4,<1.27 ; 2.0.7 ; false", ">=1.25.4 <2.1 ; 2.0.7 ; true",
            ">= 1.25.4, < 2.1 ; 2.1.0 ; false", ">=4.6.0,<4.7.0 || >4.7.0 ; 4.7.0 ; false",
            ">=4.6.0,<4.7.0 || >4.7.0 ; 4.12.2 ; true", "1.2.* ; 1.2.7 ; true", "<2.0a.0 ; 1.0 ; true"})
    void allows_readsPoetrysConstraintSyntax(String constraint, String version, boolean expected) throws Exception {
        assertEquals(expected, PoetryConstraint.allows(constraint, Version.parse(version)));
    }
}
