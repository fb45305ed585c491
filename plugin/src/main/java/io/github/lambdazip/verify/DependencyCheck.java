package io.github.lambdazip.verify;

import io.github.lambdazip.pep.MarkerEnvironment;
import io.github.lambdazip.pep.PepSyntaxException;
import io.github.lambdazip.pep.PythonFullVersionNeededException;
import io.github.lambdazip.pep.Requirement;
import io.github.lambdazip.pep.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline {@code pip check}: every installed distribution's {@code Requires-Dist} (in its
 * {@code *.dist-info/METADATA}), with markers evaluated for the function's Lambda, must be satisfied by a
 * distribution installed in the package or its layers ({@code *.dist-info} or {@code *.egg-info}), or by one the
 * runtime provides. Installs that pip resolved pass; a package whose lock, layer split or hand-picked requirements
 * left a dependency out (requests without idna, bcrypt without cffi, which a source scan cannot see) does not.
 *
 * <p>pip does not record which extras a distribution was installed with, so requirements that apply only under
 * {@code extra == "…"} are not checked. Where the check cannot be sure (an unreadable requirement or marker, an
 * installed version that is not PEP 440) it warns at most or says nothing.
 */
final class DependencyCheck {

    private static final Pattern LAYER_SITE_PACKAGES = Pattern.compile("^python/lib/python3\\.\\d+/site-packages/");
    /** Headers come first; a METADATA file larger than this (a huge description) is counted but not read. */
    private static final long MAX_METADATA_BYTES = 8L << 20;

    private final MarkerEnvironment environment;

    DependencyCheck(VerificationTarget target) {
        this.environment = MarkerEnvironment.lambda(target.runtime(), target.architecture());
    }

    /** One installed distribution: how its place is named in findings, its names and version, its requirements. */
    private record Distribution(String file, Set<String> names, String name, String version, List<Declared> requires) {

        String described() {
            return version == null ? name : name + " " + version;
        }
    }

    /** A {@code Requires-Dist} value and its line in the metadata file. */
    private record Declared(int line, String text) {}

    /**
     * @param layer whether {@code contents} is a layer (its distributions are under python/)
     * @param layers the layers a function runs with (their requirements are checked too)
     * @param complete whether everything the function runs with is here: a function with all its layers. An
     *        unsatisfied requirement is an error then, a warning otherwise (another layer may provide it)
     */
    List<Finding> check(PackageContents contents, boolean layer, List<PackageContents> layers, boolean complete)
            throws IOException {
        List<Distribution> distributions = new ArrayList<>(installed(contents, layer ? "" : null));
        for (int i = 0; i < layers.size(); i++) {
            distributions.addAll(installed(layers.get(i), "layer " + (i + 1) + ": "));
        }
        Map<String, List<Distribution>> byName = new HashMap<>();
        for (Distribution distribution : distributions) {
            for (String name : distribution.names()) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(distribution);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Distribution distribution : distributions) {
            for (Declared declared : distribution.requires()) {
                check(distribution, declared, byName, layer, complete, findings);
            }
        }
        return findings;
    }

    private void check(Distribution requiring, Declared declared, Map<String, List<Distribution>> byName,
            boolean layer, boolean complete, List<Finding> findings) {
        Requirement requirement;
        try {
            requirement = Requirement.parse(declared.text());
            if (requirement.marker() != null && !requirement.marker().evaluate(environment)) {
                return;
            }
        } catch (PythonFullVersionNeededException patchReleaseDecides) {
            // A zip does not say which 3.N.x it runs on, and pip in the build image decided this already.
            return;
        } catch (PepSyntaxException e) {
            findings.add(new Finding(Rule.DEPENDENCY_MISSING, Severity.WARNING, requiring.file(), declared.line(),
                    requiring.described() + " declares a requirement this check cannot read ('" + declared.text()
                            + "': " + e.problem() + "), so it is not checked",
                    "nothing to do if pip installs the distribution without complaint; otherwise use a release "
                            + "whose metadata follows PEP 508"));
            return;
        }
        String wanted = requirement.normalizedName();
        List<Distribution> found = byName.getOrDefault(wanted, List.of());
        if (found.isEmpty()) {
            if (RuntimeProvidedCheck.PROVIDED_DISTRIBUTIONS.contains(wanted)) {
                return;
            }
            String where = complete ? "" : layer
                    ? " in this layer (the function or another layer it runs with may provide it)"
                    : " in the function or the layers given (a layer built elsewhere may provide it)";
            findings.add(finding(complete, requiring, declared,
                    requiring.described() + " requires " + requirement.withoutMarker() + ", which is not installed"
                            + where,
                    "add " + requirement.withoutMarker() + " to the requirements (or the lock file), or to the layer "
                            + "that should carry it"));
            return;
        }
        if (requirement.url() != null || satisfied(requirement, found)) {
            return;
        }
        Set<String> installed = new LinkedHashSet<>();
        for (Distribution distribution : found) {
            installed.add(distribution.described());
        }
        findings.add(finding(complete, requiring, declared,
                requiring.described() + " requires " + requirement.withoutMarker() + ", but "
                        + String.join(" and ", installed) + (installed.size() > 1 ? " are" : " is") + " installed",
                "require a version of " + requirement.name() + " that satisfies " + requirement.specifier()
                        + " in the requirements (or the lock file), or in the layer that carries it"));
    }

    /** Whether an installed copy satisfies the specifier; a version this check cannot read counts as satisfying. */
    private static boolean satisfied(Requirement requirement, List<Distribution> found) {
        for (Distribution distribution : found) {
            Optional<Version> version = distribution.version() == null ? Optional.empty()
                    : Version.tryParse(distribution.version());
            // pip check admits pre-releases of an installed distribution
            if (version.isEmpty() || requirement.specifier().contains(version.get(), true)) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(boolean complete, Distribution requiring, Declared declared, String message,
            String fix) {
        return new Finding(Rule.DEPENDENCY_MISSING, complete ? Severity.ERROR : Severity.WARNING, requiring.file(),
                declared.line(), message, fix);
    }

    /**
     * The distributions installed in a package: {@code *.dist-info} and {@code *.egg-info} folders at its root, or
     * for a layer under {@code python/} and {@code python/lib/python3.x/site-packages/}.
     *
     * @param layerLabel null for a function's own files, "" for a layer checked alone, else how to name the layer
     */
    private static List<Distribution> installed(PackageContents contents, String layerLabel) throws IOException {
        Map<String, String> folders = new TreeMap<>();
        for (String entry : contents.names()) {
            String path = entry;
            if (layerLabel != null) {
                Matcher site = LAYER_SITE_PACKAGES.matcher(entry);
                if (site.find()) {
                    path = entry.substring(site.end());
                } else if (entry.startsWith("python/")) {
                    path = entry.substring("python/".length());
                } else {
                    continue;
                }
            }
            int slash = path.indexOf('/');
            String top = slash < 0 ? path : path.substring(0, slash);
            if (top.endsWith(".dist-info") || top.endsWith(".egg-info")) {
                folders.putIfAbsent(entry.substring(0, entry.length() - path.length()) + top, top);
            }
        }
        List<Distribution> distributions = new ArrayList<>();
        for (Map.Entry<String, String> folder : folders.entrySet()) {
            distributions.add(read(contents, layerLabel, folder.getKey(), folder.getValue()));
        }
        return distributions;
    }

    private static Distribution read(PackageContents contents, String layerLabel, String folder, String top)
            throws IOException {
        boolean distInfo = top.endsWith(".dist-info");
        String stem = top.substring(0, top.lastIndexOf('.'));
        int dash = stem.indexOf('-');
        String name = dash < 0 ? stem : stem.substring(0, dash);
        String version = dash < 0 ? null : stem.substring(dash + 1);
        // an old-style egg-info is one file, the PKG-INFO itself
        String metadata = contents.contains(folder) ? folder : folder + (distInfo ? "/METADATA" : "/PKG-INFO");
        Set<String> names = new LinkedHashSet<>();
        names.add(Requirement.normalizeName(name));
        List<Declared> requires = new ArrayList<>();
        if (contents.contains(metadata) && contents.size(metadata) <= MAX_METADATA_BYTES) {
            List<String> lines = headerLines(contents.read(metadata));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int colon = line.indexOf(':');
                if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                    continue;
                }
                String value = line.substring(colon + 1).trim();
                switch (line.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
                    case "name" -> {
                        name = value;
                        names.add(Requirement.normalizeName(value));
                    }
                    case "version" -> version = value;
                    // an egg-info's PKG-INFO never lists requirements (they are in requires.txt, not read)
                    case "requires-dist" -> {
                        if (distInfo) {
                            requires.add(new Declared(i + 1, value));
                        }
                    }
                    default -> { }
                }
            }
        }
        String file = (layerLabel == null ? "" : layerLabel) + metadata;
        return new Distribution(file, names, name, version == null || version.isEmpty() ? null : version, requires);
    }

    /**
     * The header lines of a METADATA or PKG-INFO file, up to the blank line before its description (any of
     * {@code \n}, {@code \r\n}, {@code \r} ends a line). A reader, not a regular expression: this runs on every
     * build over every installed distribution, in a JVM that has not compiled the regex engine yet.
     */
    static List<String> headerLines(byte[] metadata) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(new String(metadata, StandardCharsets.UTF_8)))) {
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
