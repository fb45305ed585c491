package io.github.lambdazip.core;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.pip.RequirementsScanner;
import io.github.lambdazip.stage.SourceStager;
import io.github.lambdazip.stage.StagedEntry;
import io.github.lambdazip.stage.StagedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files on this machine whose contents decide a request's zips: every file staged from a source folder, and
 * every file an install reads (the requirements file, the files it names with {@code -r}/{@code -c}, local archives,
 * the contents of {@code --find-links} folders). A build cache that keys a build on files must see each of them;
 * the settings that decide the zips besides files are not listed here.
 */
public final class LocalInputs {

    /** One file and why it counts: {@code role} is {@code source} or {@code requirements}. */
    public record InputFile(Path path, String artifact, String role) {}

    private LocalInputs() {}

    /**
     * Lists the input files of every function and layer of a valid request (as {@link LambdaZipPackager} accepted
     * it), sorted by path; a file two artifacts share is listed for each.
     */
    public static List<InputFile> of(PackageRequest request) throws LambdaZipException, IOException {
        List<InputFile> files = new ArrayList<>();
        for (ArtifactSpec spec : request.artifacts()) {
            StagedTree tree = new StagedTree();
            SourceStager stager = new SourceStager(BuildLog.silent());
            for (String source : spec.sources()) {
                Path folder = RequestValidator.resolve(request.baseDirectory(), source, "source");
                stager.stage(folder, "", JobStager.excludes(spec, request.keepDependencyFiles()),
                        "<source> " + source, tree);
            }
            for (StagedEntry entry : tree.entries()) {
                files.add(new InputFile(entry.source().toAbsolutePath().normalize(), spec.name(), "source"));
            }
            if (spec.requirements() != null) {
                Path requirements = RequestValidator.resolve(request.baseDirectory(), spec.requirements(),
                        "requirements");
                for (Path file : new RequirementsScanner().scan(requirements, request.baseDirectory(),
                        request.dependencies().index().findLinks()).files().values()) {
                    files.add(new InputFile(file.toAbsolutePath().normalize(), spec.name(), "requirements"));
                }
            }
        }
        files.sort(Comparator.comparing(InputFile::path).thenComparing(InputFile::artifact));
        return files;
    }
}
