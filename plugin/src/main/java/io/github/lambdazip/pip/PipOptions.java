package io.github.lambdazip.pip;

import java.util.List;

/**
 * How pip finds packages. Folders in {@code findLinks} are as configured, relative to the project folder;
 * {@code pipArgs} are passed one argument each, never through a shell.
 */
public record PipOptions(
        String indexUrl,
        List<String> extraIndexUrls,
        List<String> findLinks,
        boolean noIndex,
        List<String> pipArgs,
        IndexCredentials credentials) {

    public PipOptions {
        extraIndexUrls = extraIndexUrls == null ? List.of() : List.copyOf(extraIndexUrls);
        findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
        pipArgs = pipArgs == null ? List.of() : List.copyOf(pipArgs);
    }

    /** These options for a build that must not reach any index: only the find-links folders and local paths. */
    public PipOptions offline() {
        return new PipOptions(null, List.of(), findLinks, true, pipArgs, null);
    }

    public static PipOptions defaults() {
        return new PipOptions(null, List.of(), List.of(), false, List.of(), null);
    }
}
