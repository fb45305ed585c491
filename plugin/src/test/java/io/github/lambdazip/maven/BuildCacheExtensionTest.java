package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.maven.buildcache.RunsMojos;
import org.junit.jupiter.api.Test;

/** The extension is seen from the call stack, and only there. */
class BuildCacheExtensionTest {

    @Test
    void onStack_withoutTheExtension_isEmpty() {
        assertTrue(BuildCacheExtension.onStack().isEmpty());
    }

    @Test
    void onStack_calledThroughTheExtensionsPackage_isFound() {
        Optional<BuildCacheExtension> found = RunsMojos.run(BuildCacheExtension::onStack);

        assertTrue(found.isPresent());
        // a class from a folder, not the extension's jar: no version to read
        assertEquals("unknown", found.get().version());
    }
}
