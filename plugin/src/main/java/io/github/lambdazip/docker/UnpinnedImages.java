package io.github.lambdazip.docker;

import io.github.lambdazip.common.BuildLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A tag can point at other contents tomorrow: said once per image and JVM, as it threatens reproducibility. */
public final class UnpinnedImages {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private UnpinnedImages() {}

    /** Warns, the first time an image is used in this JVM, when it is not pinned to a digest. */
    public static void warnOnce(String image, BuildLog log) {
        if (!image.contains("@sha256:") && WARNED.add(image)) {
            log.warn("The image " + image + " is not pinned to a digest: the same build may install other files once "
                    + "the tag moves. Pin it, e.g. <image>" + image + "@sha256:…</image>, for builds that never change");
        }
    }
}
