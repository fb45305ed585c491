package io.github.lambdazip.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This plugin's version, part of every build's settings: a new plugin version rebuilds every zip once. */
final class PluginVersion {

    static final String VALUE = load();

    private PluginVersion() {}

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("plugin.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
