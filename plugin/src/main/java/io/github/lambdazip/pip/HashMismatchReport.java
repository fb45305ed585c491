package io.github.lambdazip.pip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads pip's report of files whose hashes do not match the requirements, line by line as pip prints it:
 * <pre>
 * ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. …
 *     lzwords==1.0 from file:///…/lzwords-1.0-py3-none-any.whl (from -r … (line 1)):
 *         Expected sha256 0000…
 *         Expected     or 1111…
 *              Got        af7d…
 * </pre>
 */
final class HashMismatchReport {

    static final String HEAD = "DO NOT MATCH THE HASHES";

    private static final Pattern PACKAGE = Pattern.compile("^ {4}(\\S.*?)(?: from (\\S+))?(?: \\(from .*\\))?:$");
    private static final Pattern EXPECTED = Pattern.compile("^\\s+Expected\\s+(\\w+) ([0-9a-fA-F]+)$");
    private static final Pattern GOT = Pattern.compile("^\\s+Got\\s+([0-9a-fA-F]+)$");

    private final List<HashMismatchException.Mismatch> mismatches = new ArrayList<>();
    private boolean inReport;
    private String requirement;
    private String file;
    private String algorithm;
    private final List<String> expected = new ArrayList<>();

    void accept(String line) {
        if (line.contains(HEAD)) {
            inReport = true;
            return;
        }
        if (!inReport) {
            return;
        }
        Matcher matcher;
        if ((matcher = PACKAGE.matcher(line)).matches()) {
            requirement = matcher.group(1).trim();
            String url = matcher.group(2);
            String path = url == null ? "" : url.split("#", 2)[0];
            file = path.substring(path.lastIndexOf('/') + 1);
            expected.clear();
            algorithm = null;
        } else if ((matcher = EXPECTED.matcher(line)).matches() && requirement != null) {
            if (!matcher.group(1).equals("or")) {
                algorithm = matcher.group(1);
                expected.clear();
            }
            expected.add(matcher.group(2));
        } else if ((matcher = GOT.matcher(line)).matches() && algorithm != null) {
            mismatches.add(new HashMismatchException.Mismatch(requirement, file, algorithm, expected,
                    matcher.group(1)));
            expected.clear();
            algorithm = null;
        }
    }

    /** The refused files pip named; empty when it reported none. */
    List<HashMismatchException.Mismatch> mismatches() {
        return List.copyOf(mismatches);
    }
}
