package io.github.lambdazip.verify;

/** The checks; their names are the stable rule ids users see in reports and may filter on. */
public enum Rule {
    HANDLER_FORMAT,
    HANDLER_MODULE_MISSING,
    HANDLER_FUNCTION_MISSING,
    HANDLER_PLACEHOLDER,
    IMPORT_UNRESOLVED,
    NATIVE_PLATFORM,
    NATIVE_ARCH,
    NATIVE_ABI,
    NATIVE_GLIBC,
    NATIVE_GLIBCXX,
    NATIVE_LIB_MISSING,
    FILE_PERMISSIONS,
    SIZE_UNZIPPED,
    SIZE_ZIPPED,
    ZIP_UNSAFE_PATH,
    ZIP_DUPLICATE,
    ZIP_CORRUPT,
    ZIP_AMBIGUOUS,
    RUNTIME_PROVIDED_SHIPPED,
    DEPENDENCY_MISSING,
    IMPORT_FAILED
}
