package io.github.lambdazip.maven;

import java.util.Map;

/** Every user property this plugin reads, in one place; all start with {@code lambdazip.}. */
final class Properties {

    static final String PREFIX = "lambdazip.";
    static final String SKIP = PREFIX + "skip";
    static final String PACKAGE_SKIP = PREFIX + "package.skip";
    static final String VERIFY_SKIP = PREFIX + "verify.skip";
    static final String ARCHITECTURE = PREFIX + "architecture";
    static final String ATTACH = PREFIX + "attach";
    static final String BUILD_CACHE_CHECK = PREFIX + "buildCacheCheck";
    static final String CACHE = PREFIX + "cache";
    static final String CACHE_DIRECTORY = PREFIX + "cacheDirectory";
    static final String COMPILE_BYTECODE = PREFIX + "compileBytecode";
    static final String DEFLATER = PREFIX + "deflater";
    static final String FAIL_ON_WARNING = PREFIX + "failOnWarning";
    static final String FILE = PREFIX + "file";
    static final String HANDLER = PREFIX + "handler";
    static final String IMAGE = PREFIX + "image";
    static final String IMPORT_CHECK = PREFIX + "importCheck";
    static final String IMPORT_CHECK_IMAGE = PREFIX + "importCheckImage";
    static final String IMPORT_CHECK_TIMEOUT = PREFIX + "importCheckTimeout";
    static final String INDEX_SERVER_ID = PREFIX + "indexServerId";
    static final String INDEX_URL = PREFIX + "indexUrl";
    static final String INSTALL_TIMEOUT = PREFIX + "installTimeout";
    static final String KEEP_DEPENDENCY_FILES = PREFIX + "keepDependencyFiles";
    static final String LAYERS = PREFIX + "layers";
    static final String LOCK_EXTRAS = PREFIX + "lockExtras";
    static final String LOCK_GROUPS = PREFIX + "lockGroups";
    static final String NO_INDEX = PREFIX + "noIndex";
    static final String OUTPUT_DIRECTORY = PREFIX + "outputDirectory";
    static final String PROVIDED_MODULES = PREFIX + "providedModules";
    static final String PULL_POLICY = PREFIX + "pullPolicy";
    static final String REPORT_DIRECTORY = PREFIX + "reportDirectory";
    static final String RUNTIME = PREFIX + "runtime";
    static final String THREADS = PREFIX + "threads";
    static final String VIRTUAL_MODULES = PREFIX + "virtualModules";

    /** The property of each setting that has one, so error messages can say how to set it on the command line. */
    private static final Map<String, String> BY_SETTING = Map.ofEntries(
            Map.entry("architecture", ARCHITECTURE), Map.entry("attach", ATTACH),
            Map.entry("buildCacheCheck", BUILD_CACHE_CHECK), Map.entry("cache", CACHE),
            Map.entry("cacheDirectory", CACHE_DIRECTORY), Map.entry("compileBytecode", COMPILE_BYTECODE),
            Map.entry("deflater", DEFLATER), Map.entry("failOnWarning", FAIL_ON_WARNING),
            Map.entry("file", FILE), Map.entry("handler", HANDLER), Map.entry("image", IMAGE),
            Map.entry("importCheck", IMPORT_CHECK), Map.entry("importCheckImage", IMPORT_CHECK_IMAGE),
            Map.entry("importCheckTimeout", IMPORT_CHECK_TIMEOUT),
            Map.entry("indexServerId", INDEX_SERVER_ID), Map.entry("indexUrl", INDEX_URL),
            Map.entry("installTimeout", INSTALL_TIMEOUT),
            Map.entry("lockExtras", LOCK_EXTRAS), Map.entry("lockGroups", LOCK_GROUPS), Map.entry("noIndex", NO_INDEX),
            Map.entry("outputDirectory", OUTPUT_DIRECTORY), Map.entry("providedModules", PROVIDED_MODULES),
            Map.entry("pullPolicy", PULL_POLICY), Map.entry("reportDirectory", REPORT_DIRECTORY),
            Map.entry("runtime", RUNTIME), Map.entry("threads", THREADS),
            Map.entry("virtualModules", VIRTUAL_MODULES));

    private Properties() {}

    /** The user property of a setting, or null when it has none. */
    static String of(String setting) {
        return BY_SETTING.get(setting);
    }
}
