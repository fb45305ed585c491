package io.github.lambdazip.verify;

import java.util.Set;

/**
 * Shared libraries a Lambda Python runtime provides, so a native module may need them without shipping them.
 * It starts from the manylinux policy's list (the glibc family, libgcc_s, libstdc++), keeps what Amazon
 * Linux 2 and 2023 Lambda images have, and leaves out the X11/GL/GLib libraries the policy allows but the
 * Lambda images do not install.
 */
final class SystemLibraries {

    private static final Set<String> PROVIDED = Set.of(
            "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1",
            "libresolv.so.2", "libnsl.so.1", "libcrypt.so.1", "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1",
            "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "linux-vdso.so.1");

    private SystemLibraries() {}

    static boolean provides(String library) {
        return PROVIDED.contains(library) || library.startsWith("libpython3");
    }
}
