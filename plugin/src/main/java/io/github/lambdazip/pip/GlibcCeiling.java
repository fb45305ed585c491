package io.github.lambdazip.pip;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.GlibcVersion;
import io.github.lambdazip.common.PythonRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words for the two ways the runtime's glibc ceiling shows up during an install: a package built from source in an
 * image whose glibc is newer than Lambda's, and a package with no wheel at or below the ceiling.
 */
final class GlibcCeiling {

    private static final Pattern IMAGE_GLIBC = Pattern.compile("\\(glibc (\\d+)\\.(\\d+)\\)");
    private static final Pattern BUILDING = Pattern.compile("Building wheel for (\\S+)");
    private static final Pattern NO_CANDIDATE = Pattern.compile("No matching distribution found for ([A-Za-z0-9._-]+)");
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_|manylinux(1|2010|2014)_");

    private GlibcCeiling() {}

    /** The glibc the driver found in the image, from its {@code (glibc 2.36)} line; null when the line has none. */
    static GlibcVersion imageGlibc(String driverLine) {
        Matcher matcher = IMAGE_GLIBC.matcher(driverLine);
        return matcher.find() ? new GlibcVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)))
                : null;
    }

    /** The package pip starts to build from source on this line, or null. */
    static String sourceBuild(String pipLine) {
        Matcher matcher = BUILDING.matcher(pipLine);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String sourceBuildWarning(String pkg, String image, GlibcVersion imageGlibc, PythonRuntime runtime,
            Architecture architecture) {
        return "Building " + pkg + " from source in " + image + ", whose glibc " + imageGlibc + " is newer than "
                + runtime.glibc() + " on Lambda's " + runtime.id() + ": the result may call glibc functions Lambda "
                + "lacks (the NATIVE_GLIBC check will say). An image that matches Lambda builds it safely: <image>"
                + samBuildImage(runtime, architecture) + "</image>";
    }

    /** AWS's SAM build image for the runtime, Amazon Linux based, with Lambda's glibc. */
    static String samBuildImage(PythonRuntime runtime, Architecture architecture) {
        return "public.ecr.aws/sam/build-" + runtime.id() + ":latest-" + architecture.id();
    }

    /**
     * Why pip found no candidate, when the glibc ceiling can be the reason; null when pip's output names no missing
     * distribution. Wheels of that name in the find-links folders are named with their tags.
     */
    static String noCandidateExplanation(List<String> pipLines, PythonRuntime runtime, InstallInputs inputs) {
        String missing = null;
        for (String line : pipLines) {
            Matcher matcher = NO_CANDIDATE.matcher(line);
            if (matcher.find()) {
                missing = matcher.group(1).split("[=<>!~;\\[]")[0];
            }
        }
        if (missing == null) {
            return null;
        }
        String wanted = normalize(missing);
        List<String> above = new ArrayList<>();
        for (String file : inputs.files().keySet()) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (!name.endsWith(".whl") || !normalize(name.split("-")[0]).equals(wanted)) {
                continue;
            }
            GlibcVersion lowest = lowestManylinux(name);
            if (lowest != null && lowest.compareTo(runtime.glibc()) > 0) {
                above.add("a wheel exists for manylinux_" + lowest.major() + "_" + lowest.minor() + " (" + name
                        + "), above " + runtime.id() + "'s glibc " + runtime.glibc());
            }
        }
        String ceiling = "pip takes only wheels for glibc " + runtime.glibc() + " or older (" + runtime.id()
                + " on Lambda), so a release that ships only newer manylinux wheels has no candidate";
        return above.isEmpty() ? ceiling : String.join("; ", above) + ". " + ceiling;
    }

    /** The lowest glibc any manylinux tag of a wheel file name asks for, or null for a wheel without one. */
    static GlibcVersion lowestManylinux(String wheel) {
        Matcher matcher = MANYLINUX.matcher(wheel);
        GlibcVersion lowest = null;
        while (matcher.find()) {
            GlibcVersion version = matcher.group(3) == null
                    ? new GlibcVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)))
                    : switch (matcher.group(3)) {
                        case "1" -> new GlibcVersion(2, 5);
                        case "2010" -> new GlibcVersion(2, 12);
                        default -> new GlibcVersion(2, 17);
                    };
            if (lowest == null || version.compareTo(lowest) < 0) {
                lowest = version;
            }
        }
        return lowest;
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
    }
}
