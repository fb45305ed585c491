package io.github.lambdazip.lock;

import io.github.lambdazip.pep.InvalidSpecifierException;
import io.github.lambdazip.pep.Version;
import io.github.lambdazip.pep.VersionSpecifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Poetry's version constraints as its lock and pyproject write them: {@code *}, {@code ^1.2}, {@code ~1.2},
 * PEP 440 clauses joined by commas or spaces, alternatives joined by {@code ||}, and a bare version meaning
 * {@code ==}. Used to choose between entries of one name and to read {@code python = "..."} conditions;
 * pre-releases are admitted, since the lock already chose the version. Unreadable text admits everything.
 */
final class PoetryConstraint {

    private PoetryConstraint() {}

    static boolean allows(String constraint, Version version) {
        if (constraint == null || constraint.isBlank()) {
            return true;
        }
        for (String alternative : constraint.split("\\|\\|?")) {
            if (allowsAll(alternative, version)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsAll(String clauses, Version version) {
        String joined = clauses.trim().replaceAll("(\\^|~=|~|===|==|!=|<=|>=|<|>)\\s+", "$1");
        for (String token : joined.split("[,\\s]+")) {
            if (token.isEmpty() || token.equals("*")) {
                continue;
            }
            try {
                for (String clause : pep440(token)) {
                    if (!VersionSpecifier.parse(clause).contains(version, true)) {
                        return false;
                    }
                }
            } catch (InvalidSpecifierException unreadable) {
                // a form this reader does not know: do not let it exclude the locked entry
            }
        }
        return true;
    }

    private static List<String> pep440(String token) throws InvalidSpecifierException {
        if (token.startsWith("^") || (token.startsWith("~") && !token.startsWith("~="))) {
            String value = token.substring(1);
            Version lower = Version.tryParse(value).orElseThrow(() -> new InvalidSpecifierException(token, 0, "bad"));
            List<BigInteger> release = lower.release();
            List<BigInteger> upper = new ArrayList<>();
            int bump;
            if (token.startsWith("^")) {
                bump = 0;
                while (bump < release.size() - 1 && release.get(bump).signum() == 0) {
                    bump++;
                }
            } else {
                bump = release.size() == 1 ? 0 : 1;
            }
            for (int i = 0; i < bump; i++) {
                upper.add(release.get(i));
            }
            upper.add(release.get(bump).add(BigInteger.ONE));
            StringBuilder bound = new StringBuilder();
            for (BigInteger part : upper) {
                bound.append(bound.length() == 0 ? "" : ".").append(part);
            }
            return List.of(">=" + value, "<" + bound);
        }
        if (Character.isDigit(token.charAt(0)) || token.startsWith("v")) {
            return List.of("==" + token);
        }
        return List.of(token);
    }
}
