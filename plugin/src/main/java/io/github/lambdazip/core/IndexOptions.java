package io.github.lambdazip.core;

import java.util.List;

/**
 * Where pip finds packages: the index and extra indexes, folders of wheels and sdists (relative to the project),
 * {@code --no-index}, more pip arguments (one per element, no shell), and the index's credentials (null for none;
 * never printed).
 */
public record IndexOptions(
        String url,
        List<String> extraUrls,
        List<String> findLinks,
        boolean noIndex,
        List<String> pipArgs,
        String username,
        String password) {

    public IndexOptions {
        extraUrls = extraUrls == null ? List.of() : List.copyOf(extraUrls);
        findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
        pipArgs = pipArgs == null ? List.of() : List.copyOf(pipArgs);
    }

    public static IndexOptions none() {
        return new IndexOptions(null, List.of(), List.of(), false, List.of(), null, null);
    }

    @Override
    public String toString() {
        return "IndexOptions[url=" + url + ", extraUrls=" + extraUrls + ", findLinks=" + findLinks + ", noIndex="
                + noIndex + ", pipArgs=" + pipArgs + ", credentials=" + (username == null ? "none" : "****") + "]";
    }
}
