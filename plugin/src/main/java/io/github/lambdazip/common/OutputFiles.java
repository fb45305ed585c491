package io.github.lambdazip.common;

import java.nio.file.Path;

/**
 * The one place that names what the plugin writes for a function or layer: {@code <name>.zip}, its
 * {@code .sha256} ({@code sha256sum} format) and {@code .base64sha256} (Terraform's form) beside it.
 */
public record OutputFiles(Path zip) {

    /** The manifest every packaging run writes beside the zips. */
    public static final String MANIFEST = "manifest.json";

    public static OutputFiles of(Path outputDirectory, String name) {
        return new OutputFiles(outputDirectory.resolve(name + ".zip"));
    }

    public Path sha256File() {
        return zip.resolveSibling(zip.getFileName() + ".sha256");
    }

    public Path base64File() {
        return zip.resolveSibling(zip.getFileName() + ".base64sha256");
    }
}
