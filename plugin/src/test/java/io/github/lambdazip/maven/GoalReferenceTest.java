package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * docs/goals/*.md are the goal reference pages, made from the plugin descriptor (itself made from the Mojos'
 * Javadoc): every parameter with its property, default and {@code @since}. The test fails when a page is out of
 * date; {@code -Dlambdazip.updateGoalDocs=true} rewrites them.
 */
class GoalReferenceTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path DOCS = Path.of("../docs/goals");

    @Test
    void goalPages_matchTheDescriptor() throws Exception {
        Document plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        NodeList mojos = plugin.getElementsByTagName("mojo");
        int pages = 0;
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            String page = render(mojo);
            Path file = DOCS.resolve(goal + ".md");
            if (Boolean.getBoolean("lambdazip.updateGoalDocs")) {
                Files.createDirectories(DOCS);
                Files.writeString(file, page, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(file), file + " is missing; run with -Dlambdazip.updateGoalDocs=true");
            assertEquals(page, Files.readString(file, StandardCharsets.UTF_8),
                    file + " is out of date; run with -Dlambdazip.updateGoalDocs=true");
            pages++;
        }
        assertEquals(2, pages, "a page for package and for verify");
        String help = Files.readString(DOCS.resolve("package.md"));
        assertTrue(help.contains("python:3.12-slim") && !help.contains("python:-slim"), "no angle brackets lost in the image default: " + help);
    }

    private static String render(Element mojo) {
        String goal = text(mojo, "goal");
        Map<String, String[]> configuration = new HashMap<>();
        Element config = (Element) mojo.getElementsByTagName("configuration").item(0);
        if (config != null) {
            for (Node node = config.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    String value = element.getTextContent().trim();
                    String property = value.startsWith("${") ? value.substring(2, value.length() - 1) : "";
                    configuration.put(element.getTagName(), new String[] {property, element.getAttribute("default-value")});
                }
            }
        }
        StringBuilder page = new StringBuilder();
        page.append("# lambda-zip:").append(goal).append("\n\n");
        page.append("<!-- Made from the plugin descriptor by GoalReferenceTest; edit the Mojo's Javadoc instead. -->\n\n");
        page.append(markdown(text(mojo, "description"))).append("\n\n");
        String phase = text(mojo, "phase");
        page.append("- Default phase: ").append(phase.isEmpty() ? "none" : "`" + phase + "`").append("\n");
        page.append("- Needs a project: ").append(text(mojo, "requiresProject").equals("false") ? "no" : "yes")
                .append("\n- Thread-safe: ").append(text(mojo, "threadSafe").equals("true") ? "yes" : "no")
                .append("\n- Since: ").append(orDash(text(mojo, "since"))).append("\n\n");
        page.append("| parameter | type | property | default | since | description |\n");
        page.append("| --- | --- | --- | --- | --- | --- |\n");
        NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                .getElementsByTagName("parameter");
        List<Element> sorted = new java.util.ArrayList<>();
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            if (text(parameter, "editable").equals("true")) {
                sorted.add(parameter);
            }
        }
        sorted.sort(java.util.Comparator.comparing(p -> text(p, "name")));
        for (Element parameter : sorted) {
            String name = text(parameter, "name");
            String[] configured = configuration.getOrDefault(name, new String[] {"", ""});
            String type = text(parameter, "type");
            page.append("| `").append(name).append("` | `").append(type.substring(type.lastIndexOf('.') + 1))
                    .append("` | ").append(configured[0].isEmpty() ? "–" : "`" + configured[0] + "`")
                    .append(" | ").append(configured[1].isEmpty() ? "–" : "`" + configured[1] + "`")
                    .append(" | ").append(orDash(text(parameter, "since")))
                    .append(" | ").append(markdown(text(parameter, "description")).replace("\n", " ").replace("|", "\\|"))
                    .append(" |\n");
        }
        return page.toString();
    }

    private static String markdown(String html) {
        return html.replaceAll("<code>(.*?)</code>", "`$1`").replaceAll("<[^>]+>", "").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"").replaceAll("[ \t]*\n[ \t]*", " ")
                .trim();
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "–" : value;
    }

    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        return "";
    }
}
