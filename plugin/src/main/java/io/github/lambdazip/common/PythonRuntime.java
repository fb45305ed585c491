package io.github.lambdazip.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Lambda Python runtimes this plugin packages for, with the glibc each runs on. */
public enum PythonRuntime {
    PYTHON_3_9(9, new GlibcVersion(2, 26), 3425),
    PYTHON_3_10(10, new GlibcVersion(2, 26), 3439),
    PYTHON_3_11(11, new GlibcVersion(2, 26), 3495),
    PYTHON_3_12(12, new GlibcVersion(2, 34), 3531),
    PYTHON_3_13(13, new GlibcVersion(2, 34), 3571),
    PYTHON_3_14(14, new GlibcVersion(2, 34), 3627);

    private final int minor;
    private final GlibcVersion glibc;
    private final int bytecodeMagic;

    PythonRuntime(int minor, GlibcVersion glibc, int bytecodeMagic) {
        this.minor = minor;
        this.glibc = glibc;
        this.bytecodeMagic = bytecodeMagic;
    }

    /** The minor version, e.g. 12. */
    public int minor() {
        return minor;
    }

    /**
     * The number at the start of the release's {@code .pyc} files (CPython's {@code PYC_MAGIC_NUMBER}, final for each
     * minor version; it is followed by {@code \r\n}). A {@code .pyc} with another number is ignored by this runtime.
     */
    public int bytecodeMagic() {
        return bytecodeMagic;
    }

    /** The identifier AWS uses, e.g. {@code python3.12}. */
    public String id() {
        return "python3." + minor;
    }

    /** The Python version, e.g. {@code 3.12}. */
    public String pythonVersion() {
        return "3." + minor;
    }

    /** The CPython ABI tag of extension modules, e.g. {@code cpython-312}. */
    public String abiTag() {
        return "cpython-3" + minor;
    }

    /** The newest glibc the runtime's OS provides (Amazon Linux 2: 2.26, Amazon Linux 2023: 2.34). */
    public GlibcVersion glibc() {
        return glibc;
    }

    /** The build image used when none is configured. */
    public String defaultImage() {
        return "python:" + pythonVersion() + "-slim";
    }

    public static PythonRuntime fromId(String id) throws InvalidConfigurationException {
        for (PythonRuntime runtime : values()) {
            if (runtime.id().equals(id == null ? null : id.trim())) {
                return runtime;
            }
        }
        throw new InvalidConfigurationException(
                "runtime", "'" + id + "' is not a supported Lambda Python runtime",
                "use one of " + supported() + ", e.g. <runtime>python3.12</runtime>");
    }

    public static String supported() {
        return Arrays.stream(values()).map(PythonRuntime::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
