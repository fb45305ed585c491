package io.github.lambdazip.verify;

import io.github.lambdazip.common.PythonRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operating system under a Lambda Python runtime, as far as native code sees it: Amazon Linux 2 for
 * python3.9 to 3.11, Amazon Linux 2023 for python3.12 and later. It knows which shared libraries the OS provides
 * (so a module may need them without shipping them), which it may or may not provide (a warning, never an error),
 * the newest {@code GLIBCXX_}/{@code CXXABI_} versions of its libstdc++, and Lambda's {@code LD_LIBRARY_PATH}.
 *
 * <p>Sources (docs/verify-goal.md lists them for users): the glibc family and libgcc_s, libstdc++ and libz are in
 * auditwheel's manylinux policy, which every manylinux wheel may rely on, and in both OSes; the X11, GL and GLib
 * libraries the policy also allows are not installed in Lambda's images, so they stay missing. Amazon Linux 2023
 * has OpenSSL 3 ({@code libssl.so.3}, {@code libcrypto.so.3}: amazonlinux/amazon-linux-2023#625 shows them in the
 * AL2023 minimal image and in Lambda's AL2023 images, aws/aws-lambda-base-images#482 too); it has no
 * {@code libcrypt.so.1} by default (libxcrypt-compat is not installed: amazonlinux/amazon-linux-2023#182,
 * aws/aws-lambda-base-images#137) and glibc 2.34 there is built without the old {@code libnsl.so.1}.
 */
enum SystemLibraries {

    AMAZON_LINUX_2("Amazon Linux 2", 24, 11,
            union(Set.of("libnsl.so.1", "libcrypt.so.1")),
            Map.of("libssl.so.10", "Amazon Linux 2 has OpenSSL 1.0.2 (libssl.so.10), but whether Lambda's image keeps "
                            + "it is not documented",
                    "libcrypto.so.10", "Amazon Linux 2 has OpenSSL 1.0.2 (libcrypto.so.10), but whether Lambda's image "
                            + "keeps it is not documented",
                    "libatomic.so.1", "the manylinux policy allows libatomic, but Lambda's images are not documented to "
                            + "have it",
                    "libexpat.so.1", "the manylinux policy allows libexpat, but Lambda's images are not documented to "
                            + "have it")),
    AMAZON_LINUX_2023("Amazon Linux 2023", 29, 13,
            union(Set.of("libssl.so.3", "libcrypto.so.3")),
            Map.of("libcrypt.so.1", "Amazon Linux 2023 moved to libxcrypt (libcrypt.so.2) and does not install "
                            + "libxcrypt-compat, which holds libcrypt.so.1",
                    "libcrypt.so.2", "Amazon Linux 2023's libxcrypt has it, but Lambda's minimal AL2023 image may not "
                            + "install libxcrypt",
                    "libnsl.so.1", "glibc 2.34 on Amazon Linux 2023 is built without the old libnsl.so.1",
                    "libatomic.so.1", "the manylinux policy allows libatomic, but Lambda's images are not documented to "
                            + "have it",
                    "libexpat.so.1", "the manylinux policy allows libexpat, but Lambda's images are not documented to "
                            + "have it"));

    /** Lambda's {@code LD_LIBRARY_PATH} for the Python runtimes (the aws-lambda-base-images Dockerfiles). */
    static final List<String> LD_LIBRARY_PATH = List.of("/var/lang/lib", "/lib64", "/usr/lib64", "/var/runtime",
            "/var/runtime/lib", "/var/task", "/var/task/lib", "/opt/lib");

    private final String osName;
    private final int glibcxxMinor;
    private final int cxxabiMinor;
    private final Set<String> provided;
    private final Map<String, String> uncertain;

    SystemLibraries(String osName, int glibcxxMinor, int cxxabiMinor, Set<String> provided,
            Map<String, String> uncertain) {
        this.osName = osName;
        this.glibcxxMinor = glibcxxMinor;
        this.cxxabiMinor = cxxabiMinor;
        this.provided = provided;
        this.uncertain = uncertain;
    }

    static SystemLibraries of(PythonRuntime runtime) {
        return runtime.compareTo(PythonRuntime.PYTHON_3_12) < 0 ? AMAZON_LINUX_2 : AMAZON_LINUX_2023;
    }

    private static Set<String> union(Set<String> extra) {
        java.util.HashSet<String> all = new java.util.HashSet<>(Common.LIBRARIES);
        all.addAll(extra);
        return Set.copyOf(all);
    }

    /** What both OSes have (a holder, since enum constants are built before the enum's static fields). */
    private static final class Common {
        static final Set<String> LIBRARIES = Set.of(
                "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1",
                "libresolv.so.2", "libanl.so.1", "libBrokenLocale.so.1", "libgcc_s.so.1", "libstdc++.so.6",
                "libz.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "linux-vdso.so.1");
    }

    String osName() {
        return osName;
    }

    /** True when the OS (or the runtime's own /var/lang/lib, for libpython) certainly has the library. */
    boolean provides(String library) {
        return provided.contains(library) || library.startsWith("libpython3");
    }

    /** Why the OS may or may not have the library, or null when that is known either way. */
    String uncertainty(String library) {
        return uncertain.get(library);
    }

    /** The newest {@code GLIBCXX_3.4.x} its libstdc++ defines: x. */
    int glibcxxMinor() {
        return glibcxxMinor;
    }

    /** The newest {@code CXXABI_1.3.x} its libstdc++ defines: x. */
    int cxxabiMinor() {
        return cxxabiMinor;
    }

    /** The GCC whose libstdc++ the OS ships, for messages. */
    String libstdcxxOrigin() {
        return this == AMAZON_LINUX_2 ? "GCC 7, libstdc++.so.6.0.24" : "GCC 11, libstdc++.so.6.0.29";
    }
}
