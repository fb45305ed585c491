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
     * The zips a build wrote into {@code outputDirectory}; each function is checked with the layers of the same build
     * and the {@code extraLayers}.
     */
    public static List<VerifySubject> forBuild(List<ArtifactSpec> specs, Path outputDirectory, List<Path> extraLayers) {
        List<Path> layers = new ArrayList<>(extraLayers);
        for (ArtifactSpec spec : specs) {
            if (spec.kind() == ArtifactKind.LAYER) {
                layers.add(zipOf(spec, outputDirectory));
            }
        }
        List<VerifySubject> subjects = new ArrayList<>();
        for (ArtifactSpec spec : specs) {
            boolean function = spec.kind() == ArtifactKind.FUNCTION;
            subjects.add(new VerifySubject(spec.name(), spec.kind(), spec.handler(), zipOf(spec, outputDirectory),
                    function ? layers : List.of()));
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
