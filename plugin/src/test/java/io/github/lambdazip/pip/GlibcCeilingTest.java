package io.github.lambdazip.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.GlibcVersion;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GlibcCeilingTest {

    @Test
    void wheelTags_giveTheLowestGlibcTheyAskFor() {
        assertEquals(new GlibcVersion(2, 17),
                GlibcCeiling.lowestManylinux("numpy-2.0.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"));
        assertEquals(new GlibcVersion(2, 28), GlibcCeiling.lowestManylinux("x-1.0-cp311-cp311-manylinux_2_28_aarch64.whl"));
        assertEquals(new GlibcVersion(2, 5), GlibcCeiling.lowestManylinux("x-1.0-cp36-cp36m-manylinux1_x86_64.whl"));
        assertEquals(new GlibcVersion(2, 12), GlibcCeiling.lowestManylinux("x-1.0-cp36-cp36m-manylinux2010_x86_64.whl"));
        assertNull(GlibcCeiling.lowestManylinux("purehelper-1.0-py3-none-any.whl"));
    }

    @Test
    void noCandidate_namesTheWheelAboveTheCeiling() {
        var files = new TreeMap<String, Path>();
        files.put("wheels/fast_math-2.0-cp311-cp311-manylinux_2_28_x86_64.whl", Path.of("/w/a.whl"));
        files.put("wheels/other-1.0-cp311-cp311-manylinux_2_28_x86_64.whl", Path.of("/w/b.whl"));
        InstallInputs inputs = new InstallInputs(Path.of("/p"), files, "requirements.txt", List.of("wheels"));
        String explanation = GlibcCeiling.noCandidateExplanation(List.of(
                "ERROR: Could not find a version that satisfies the requirement fast-math==2.0 (from versions: none)",
                "ERROR: No matching distribution found for fast-math==2.0"), PythonRuntime.PYTHON_3_11, inputs);
        assertTrue(explanation.startsWith("a wheel exists for manylinux_2_28 (fast_math-2.0-cp311-cp311-manylinux_2_28"
                + "_x86_64.whl), above python3.11's glibc 2.26"), explanation);
        assertTrue(!explanation.contains("other-1.0"), explanation);
        assertNull(GlibcCeiling.noCandidateExplanation(List.of("ERROR: some other failure"), PythonRuntime.PYTHON_3_11,
                inputs));
    }

    @Test
    void sourceBuildInANewerImage_namesAnImageThatMatchesLambda() {
        assertEquals(new GlibcVersion(2, 36),
                GlibcCeiling.imageGlibc("lambda-zip: build image has Python 3.11 on x86_64 (glibc 2.36)"));
        assertEquals("fastmath", GlibcCeiling.sourceBuild("  Building wheel for fastmath (setup.py): started"));
        String warning = GlibcCeiling.sourceBuildWarning("fastmath", "python:3.11-slim", new GlibcVersion(2, 36),
                PythonRuntime.PYTHON_3_11, Architecture.ARM64);
        assertTrue(warning.contains("glibc 2.36 is newer than 2.26"), warning);
        assertTrue(warning.contains("<image>public.ecr.aws/sam/build-python3.11:latest-arm64</image>"), warning);
    }
}
