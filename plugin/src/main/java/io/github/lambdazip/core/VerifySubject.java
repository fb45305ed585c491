package io.github.lambdazip.core;

import io.github.lambdazip.common.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One zip to verify: its name in reports, kind, handler (null for a layer) and the layer zips it runs with. */
public record VerifySubject(String name, ArtifactKind kind, String handler, Path zip, List<Path> layers) {

    public VerifySubject {
        layers = List.copyOf(layers);
    }

    /**
     * The zips a build wrote into {@code outputDirectory}; each function is checked with its layers of the same build
     * (every layer when it names none) and the {@code extraLayers}.
     */
    public static List<VerifySubject> forBuild(List<ArtifactSpec> specs, Path outputDirectory, List<Path> extraLayers) {
        List<VerifySubject> subjects = new ArrayList<>();
        for (ArtifactSpec spec : specs) {
            List<Path> layers = new ArrayList<>(extraLayers);
            if (spec.kind() == ArtifactKind.FUNCTION) {
                for (ArtifactSpec layer : specs) {
                    boolean named = spec.layers().isEmpty() || spec.layers().contains(layer.name());
                    if (layer.kind() == ArtifactKind.LAYER && named) {
                        layers.add(zipOf(layer, outputDirectory));
                    }
                }
            }
            subjects.add(new VerifySubject(spec.name(), spec.kind(), spec.handler(), zipOf(spec, outputDirectory),
                    spec.kind() == ArtifactKind.FUNCTION ? layers : List.of()));
        }
        return subjects;
    }

    /** One zip made anywhere: a function when a handler is given, else a layer; named after the file. */
    public static VerifySubject forZip(Path zip, String handler, List<Path> layers) {
        String file = zip.getFileName().toString();
        String name = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        boolean function = handler != null && !handler.isBlank();
        return new VerifySubject(name, function ? ArtifactKind.FUNCTION : ArtifactKind.LAYER,
                function ? handler.trim() : null, zip, layers);
    }

    private static Path zipOf(ArtifactSpec spec, Path outputDirectory) {
        return OutputFiles.of(outputDirectory, spec.name()).zip();
    }
}
