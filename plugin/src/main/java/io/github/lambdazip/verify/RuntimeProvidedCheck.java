package io.github.lambdazip.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * boto3, botocore and s3transfer shipped although every Lambda Python runtime provides them: often a 20+ MB
 * accident (a requirements file copied from a laptop), sometimes intended (a newer SDK than the runtime's). Each
 * is listed with its unzipped size as information: in the log and the reports, never failing the build.
 */
final class RuntimeProvidedCheck {

    /** The AWS SDK every Lambda Python runtime ships; reported when shipped again. */
    private static final List<String> DISTRIBUTIONS = List.of("boto3", "botocore", "s3transfer");

    /**
     * Every distribution the Python runtimes provide (PEP 503 names): the SDK and its dependencies. No
     * {@code DEPENDENCY_MISSING} for these; the one list to extend when the runtimes ship more.
     */
    static final Set<String> PROVIDED_DISTRIBUTIONS = Stream.concat(DISTRIBUTIONS.stream(),
            Stream.of("jmespath", "python-dateutil", "six", "urllib3")).collect(Collectors.toUnmodifiableSet());
    private static final Pattern SITE_PACKAGES = Pattern.compile("^python/lib/python3\\.\\d+/site-packages/");

    private final VerificationTarget target;

    RuntimeProvidedCheck(VerificationTarget target) {
        this.target = target;
    }

    /**
     * @param layer whether {@code contents} is a layer (its modules are under python/)
     */
    List<Finding> check(PackageContents contents, boolean layer, List<PackageContents> layers) throws IOException {
        List<Finding> findings = new ArrayList<>();
        report(contents, layer ? "" : null, findings);
        for (int i = 0; i < layers.size(); i++) {
            report(layers.get(i), "layer " + (i + 1) + ": ", findings);
        }
        return findings;
    }

    /** @param layerLabel null for a function's own zip (modules at the root), else how to name the layer */
    private void report(PackageContents contents, String layerLabel, List<Finding> findings) throws IOException {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> folders = new LinkedHashMap<>();
        for (String name : contents.names()) {
            String path = name;
            if (layerLabel != null) {
                Matcher site = SITE_PACKAGES.matcher(name);
                if (site.find()) {
                    path = name.substring(site.end());
                } else if (name.startsWith("python/")) {
                    path = name.substring("python/".length());
                } else {
                    continue;
                }
            }
            int slash = path.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String top = path.substring(0, slash);
            for (String distribution : DISTRIBUTIONS) {
                boolean code = top.equals(distribution);
                boolean metadata = top.startsWith(distribution + "-") && (top.endsWith(".dist-info") || top.endsWith(".egg-info"));
                if (code || metadata) {
                    sizes.computeIfAbsent(distribution, d -> new long[1])[0] += contents.size(name);
                    if (metadata) {
                        String version = top.substring(distribution.length() + 1, top.lastIndexOf('.'));
                        versions.put(distribution, version);
                    } else {
                        folders.put(distribution, name.substring(0, name.length() - path.length()) + top + "/");
                    }
                }
            }
        }
        for (String distribution : DISTRIBUTIONS) {
            if (!folders.containsKey(distribution)) {
                continue;
            }
            String version = versions.containsKey(distribution) ? " " + versions.get(distribution) : "";
            String where = (layerLabel == null || layerLabel.isEmpty() ? "" : layerLabel) + folders.get(distribution);
            findings.add(Finding.info(Rule.RUNTIME_PROVIDED_SHIPPED, where,
                    distribution + version + " is shipped (" + String.format("%,d", sizes.get(distribution)[0])
                            + " bytes unzipped) although the " + target.runtime().id() + " runtime provides "
                            + distribution + "; the package is that much larger unless a newer version is intended",
                    "drop " + distribution + " from the requirements unless the function needs a newer version than "
                            + "the runtime's (then keep it: this is for information only)"));
        }
    }
}
