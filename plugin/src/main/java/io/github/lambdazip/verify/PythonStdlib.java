package io.github.lambdazip.verify;

import io.github.lambdazip.common.PythonRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The top-level standard library modules of each runtime's Python: CPython 3.11's own list
 * ({@code sys.stdlib_module_names}), adjusted by what other versions added or removed (PEP 594 and PEP 632
 * removals in 3.12 and 3.13, {@code tomllib} in 3.11, {@code annotationlib} and {@code compression} in 3.14).
 */
final class PythonStdlib {

    private static final Set<String> BASE = load();
    private static final Set<String> ADDED_IN_3_11 = Set.of("tomllib", "_tomllib", "_typing");
    private static final Set<String> REMOVED_IN_3_12 = Set.of("asynchat", "asyncore", "distutils", "imp", "smtpd");
    private static final Set<String> REMOVED_IN_3_13 = Set.of("aifc", "audioop", "cgi", "cgitb", "chunk", "crypt",
            "imghdr", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau",
            "telnetlib", "uu", "xdrlib", "lib2to3", "_crypt", "_msi");
    private static final Set<String> ADDED_IN_3_12 = Set.of("_pydatetime", "_pylong", "_wmi");
    private static final Set<String> ADDED_IN_3_13 = Set.of("_pyrepl", "_interpreters", "_interpqueues",
            "_interpchannels", "_suggestions", "_colorize", "_opcode_metadata", "_android_support", "_ios_support",
            "_apple_support");
    private static final Set<String> ADDED_IN_3_14 = Set.of("annotationlib", "compression", "_zstd", "_remote_debugging",
            "_hmac", "_types", "_pydatetime");

    private PythonStdlib() {}

    static boolean contains(PythonRuntime runtime, String topLevel) {
        return modules(runtime).contains(topLevel);
    }

    static Set<String> modules(PythonRuntime runtime) {
        Set<String> modules = new HashSet<>(BASE);
        int minor = Integer.parseInt(runtime.pythonVersion().substring(2));
        if (minor < 11) {
            modules.removeAll(ADDED_IN_3_11);
        }
        if (minor >= 12) {
            modules.removeAll(REMOVED_IN_3_12);
            modules.addAll(ADDED_IN_3_12);
        }
        if (minor >= 13) {
            modules.removeAll(REMOVED_IN_3_13);
            modules.addAll(ADDED_IN_3_13);
        }
        if (minor >= 14) {
            modules.addAll(ADDED_IN_3_14);
        }
        return modules;
    }

    private static Set<String> load() {
        try (InputStream in = PythonStdlib.class.getResourceAsStream("stdlib-3.11.txt")) {
            Set<String> names = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
