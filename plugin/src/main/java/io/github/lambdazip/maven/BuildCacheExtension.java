package io.github.lambdazip.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The Apache Maven Build Cache Extension, when it runs this goal. The signal is the call stack: with the extension
 * loaded (from {@code .mvn/extensions.xml}, a POM's {@code <extensions>} or {@code maven.ext.class.path}), Maven 3.9+
 * runs every mojo through the extension's {@code BuildCacheMojosExecutionStrategy}, so one of its classes is on the
 * stack of {@code execute()}. Nothing has to be declared or configured for this to hold, and it is false when the
 * extension is declared but inactive (Maven before 3.9 never calls it).
 *
 * @param version the extension's version, read from its jar; {@code "unknown"} when it cannot be read
 */
record BuildCacheExtension(String version) {

    static final String PACKAGE = "org.apache.maven.buildcache.";
    private static final String POM_PROPERTIES =
            "META-INF/maven/org.apache.maven.extensions/maven-build-cache-extension/pom.properties";

    /** The extension running the current mojo, found on this thread's stack, or empty. */
    static Optional<BuildCacheExtension> onStack() {
        Optional<Class<?>> strategy = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type.getName().startsWith(PACKAGE)).findFirst());
        return strategy.map(type -> new BuildCacheExtension(versionOf(type)));
    }

    /**
     * Whether this version scans the files of a {@code pom}-packaged module: 1.2.0 to 1.2.2 hash only such a module's
     * POM, so no source file can ever be part of its key.
     */
    boolean scansPomModules() {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            return major > 1 || (major == 1 && (minor > 2 || (minor == 2 && patch >= 3)));
        } catch (NumberFormatException e) {
            return true; // a version we cannot read is a newer scheme, not an old release
        }
    }

    private static String versionOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return "unknown";
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return "unknown";
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry entry = file.getEntry(POM_PROPERTIES);
                if (entry == null) {
                    return "unknown";
                }
                try (InputStream in = file.getInputStream(entry)) {
                    java.util.Properties properties = new java.util.Properties();
                    properties.load(in);
                    return properties.getProperty("version", "unknown");
                }
            }
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return "unknown";
        }
    }
}
