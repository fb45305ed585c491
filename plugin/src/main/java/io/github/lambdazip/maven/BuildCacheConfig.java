package io.github.lambdazip.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What this plugin needs to know of a {@code .mvn/maven-build-cache-config.xml}: whether it enables the cache, the
 * input globs, includes and excludes, how it scans this plugin's configuration, which of this plugin's
 * {@code package} parameters it reconciles, which executions it runs on a hit ({@code <runAlways>}, as
 * {@code artifactId:goal}, {@code artifactId:*} for a whole plugin), and which folders of {@code target/} it restores. Elements are matched by
 * local name, so every version of the file's namespace reads the same.
 */
record BuildCacheConfig(
        boolean enabled,
        String glob,
        List<Include> includes,
        List<Exclude> excludes,
        PluginScan pluginScan,
        Set<String> reconciled,
        Set<String> runAlways,
        List<AttachedOutput> attachedOutputs) {

    static final String PLUGIN_ARTIFACT_ID = "lambda-zip-maven-plugin";
    static final String PLUGIN_GROUP_ID = "io.github.lambdazip";

    /** {@code <input><global><includes><include>}: a path relative to each module, walked with a glob. */
    record Include(String path, String glob, boolean recursive, boolean includeHidden) {}

    /** {@code <input><global><excludes><exclude>}: a path relative to each module, and a glob within it. */
    record Exclude(String path, String glob) {}

    /** {@code <attachedOutputs><dirNames><dirName>}: a folder relative to the build directory, zipped with a glob. */
    record AttachedOutput(String path, String glob) {}

    /** How the extension scans this plugin's configuration for paths. */
    enum PluginScan {
        /** Every value of the configuration that names an existing path (the extension's default). */
        ALL,
        /** {@code <dirScan mode="skip">}: none. */
        SKIP,
        /** A {@code <dirScan>} with tag includes or excludes: taken as scanning none of ours, to be safe. */
        FILTERED
    }

    /** The extension's defaults, which apply when there is no configuration file. */
    static BuildCacheConfig defaults() {
        return new BuildCacheConfig(true, "*", List.of(), List.of(), PluginScan.ALL, Set.of(), Set.of(), List.of());
    }

    static BuildCacheConfig read(Path file) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        Element configuration = child(root, "configuration");
        String enabledText = text(child(configuration, "enabled"));
        boolean enabled = enabledText == null || Boolean.parseBoolean(enabledText);

        Element global = child(child(root, "input"), "global");
        String glob = text(child(global, "glob"));
        List<Include> includes = new ArrayList<>();
        for (Element include : children(child(global, "includes"), "include")) {
            includes.add(new Include(text(include) == null ? "" : text(include), blankToNull(include.getAttribute("glob")),
                    !"false".equals(include.getAttribute("recursive")),
                    "true".equals(include.getAttribute("includeHidden"))));
        }
        List<Exclude> excludes = new ArrayList<>();
        for (Element exclude : children(child(global, "excludes"), "exclude")) {
            String excludeGlob = blankToNull(exclude.getAttribute("glob"));
            excludes.add(new Exclude(text(exclude) == null ? "" : text(exclude), excludeGlob == null ? "**" : excludeGlob));
        }

        PluginScan scan = PluginScan.ALL;
        for (Element plugin : children(child(child(root, "input"), "plugins"), "plugin")) {
            if (isThisPlugin(plugin)) {
                Element dirScan = child(plugin, "dirScan");
                if (dirScan != null) {
                    if ("skip".equals(dirScan.getAttribute("mode"))) {
                        scan = PluginScan.SKIP;
                    } else if (child(dirScan, "includes") != null || child(dirScan, "excludes") != null) {
                        scan = PluginScan.FILTERED;
                    }
                }
            }
        }

        Set<String> reconciled = new TreeSet<>();
        Element reconcile = child(child(root, "executionControl"), "reconcile");
        for (Element plugin : children(child(reconcile, "plugins"), "plugin")) {
            if (isThisPlugin(plugin) && "package".equals(plugin.getAttribute("goal"))) {
                for (Element property : children(child(plugin, "reconciles"), "reconcile")) {
                    if (!property.getAttribute("propertyName").isBlank()) {
                        reconciled.add(property.getAttribute("propertyName").trim());
                    }
                }
            }
        }

        Set<String> runAlways = new TreeSet<>();
        Element always = child(child(root, "executionControl"), "runAlways");
        for (Element plugin : children(child(always, "plugins"), "plugin")) {
            runAlways.add(plugin.getAttribute("artifactId") + ":*");
        }
        for (Element list : children(child(always, "goalsLists"), "goalsList")) {
            for (Element goal : children(child(list, "goals"), "goal")) {
                runAlways.add(list.getAttribute("artifactId") + ":" + text(goal));
            }
        }

        List<AttachedOutput> outputs = new ArrayList<>();
        for (Element dirName : children(child(child(configuration, "attachedOutputs"), "dirNames"), "dirName")) {
            String dirGlob = blankToNull(dirName.getAttribute("glob"));
            outputs.add(new AttachedOutput(text(dirName) == null ? "" : text(dirName), dirGlob == null ? "*" : dirGlob));
        }
        return new BuildCacheConfig(enabled, glob == null ? "*" : glob, includes, excludes, scan, reconciled, runAlways,
                outputs);
    }

    private static boolean isThisPlugin(Element plugin) {
        String groupId = plugin.getAttribute("groupId");
        return PLUGIN_ARTIFACT_ID.equals(plugin.getAttribute("artifactId"))
                && (groupId.isBlank() || PLUGIN_GROUP_ID.equals(groupId));
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    /** An element's trimmed text, or null when it is missing or empty. */
    private static String text(Element element) {
        return element == null ? null : blankToNull(element.getTextContent());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
