package io.github.lambdazip.core;

import java.nio.file.Path;
import java.util.List;

/** One zip to verify: its name in reports, kind, handler (null for a layer) and the layer zips it runs with. */
public record VerifySubject(String name, ArtifactKind kind, String handler, Path zip, List<Path> layers) {

    public VerifySubject {
        layers = List.copyOf(layers);
    }
}
