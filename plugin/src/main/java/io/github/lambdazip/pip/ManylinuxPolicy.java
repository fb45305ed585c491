package io.github.lambdazip.pip;

import io.github.lambdazip.common.GlibcVersion;
import java.nio.charset.StandardCharsets;

/**
 * The {@code _manylinux} module pip consults (PEP 600) to decide which manylinux wheels the platform accepts.
 * It caps them at the Lambda runtime's glibc, whatever glibc the build image has; source builds stay allowed.
 */
final class ManylinuxPolicy {

    private ManylinuxPolicy() {}

    static byte[] moduleFor(GlibcVersion ceiling) {
        String source = "# Written by lambda-zip-maven-plugin: wheels must run on the Lambda runtime's glibc.\n"
                + "GLIBC_CEILING = (" + ceiling.major() + ", " + ceiling.minor() + ")\n"
                + "\n"
                + "\n"
                + "def manylinux_compatible(major, minor, arch):\n"
                + "    return (major, minor) <= GLIBC_CEILING\n";
        return source.getBytes(StandardCharsets.UTF_8);
    }
}
