package io.github.lambdazip.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedDependenciesTest {

    private static final List<LockedPackage> PACKAGES = List.of(
            LockedPackage.locked("six", "1.16.0", List.of("sha256:bb", "sha256:aa", "sha256:bb"), PackageSource.index(null),
                    "uv.lock"),
            LockedPackage.locked("lib", "0.3.0", List.of(), PackageSource.editable("libs/lib", null), "uv.lock"),
            LockedPackage.locked("tool", null, List.of("sha256:cc"),
                    PackageSource.url("https://artifacts.example/tool-1.0.tar.gz", "python"), "uv.lock"),
            LockedPackage.locked("sdk", "1.4.0", List.of(), PackageSource.vcs("git", "https://host/sdk.git", "abc123", null),
                    "uv.lock"),
            LockedPackage.locked("wheel", "2.0", List.of("sha256:dd"), PackageSource.path("../dist/wheel-2.0-py3-none-any.whl",
                    null), "uv.lock"));

    @Test
    void pipRequirements_isOneSortedLinePerPackageWhateverTheInputOrder() {
        List<LockedPackage> shuffled = new ArrayList<>(PACKAGES);
        Collections.reverse(shuffled);
        ResolvedDependencies a = new ResolvedDependencies(Path.of("uv.lock"), DependencyFileKind.UV_LOCK, PACKAGES, true,
                List.of());
        ResolvedDependencies b = new ResolvedDependencies(Path.of("uv.lock"), DependencyFileKind.UV_LOCK, shuffled, true,
                List.of());
        assertEquals("# uv lock file uv.lock, resolved\n"
                + "./libs/lib\n"
                + "sdk @ git+https://host/sdk.git@abc123\n"
                + "six==1.16.0 --hash=sha256:aa --hash=sha256:bb\n"
                + "tool @ https://artifacts.example/tool-1.0.tar.gz#subdirectory=python --hash=sha256:cc\n"
                + "../dist/wheel-2.0-py3-none-any.whl --hash=sha256:dd\n", a.pipRequirements());
        assertEquals(a.pipRequirements(), b.pipRequirements());
        assertEquals(a, b);
        assertTrue(a.pipRequirements(p -> "/lambdazip/" + p).contains("\n/lambdazip/libs/lib\n"));
        assertEquals(List.of("lib", "wheel"), a.localPackages().stream().map(LockedPackage::name).toList());
        assertFalse(a.hashesComplete());
    }

    @Test
    void hashesComplete_whenEveryPackageHasOne() {
        ResolvedDependencies complete = new ResolvedDependencies(Path.of("pylock.toml"), DependencyFileKind.PYLOCK,
                List.of(PACKAGES.get(0), PACKAGES.get(2)), true, List.of());
        assertTrue(complete.hashesComplete());
        assertFalse(new ResolvedDependencies(Path.of("pylock.toml"), DependencyFileKind.PYLOCK, List.of(), true,
                List.of()).hashesComplete(), "nothing to check is not a checked set");
    }

    @Test
    void constructor_refusesTwoEntriesForOneName() {
        assertThrows(IllegalArgumentException.class, () -> new ResolvedDependencies(Path.of("uv.lock"),
                DependencyFileKind.UV_LOCK, List.of(PACKAGES.get(0), PACKAGES.get(0)), true, List.of()));
    }

    @Test
    void toString_isTheLogLine() {
        assertEquals("six==1.16.0 (from uv.lock)", PACKAGES.get(0).toString());
        assertEquals("sdk==1.4.0 (from uv.lock)", PACKAGES.get(3).toString());
        assertEquals("tool @ https://artifacts.example/tool-1.0.tar.gz#subdirectory=python (from uv.lock)",
                PACKAGES.get(2).toString());
        assertEquals("requests>=2 (from pyproject.toml)",
                LockedPackage.unpinned("requests", "requests>=2", "pyproject.toml").toString());
    }
}
