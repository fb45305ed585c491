package io.github.lambdazip.maven;

/** Every user property this plugin reads, in one place; all start with {@code lambdazip.}. */
final class Properties {

    static final String PREFIX = "lambdazip.";
    static final String SKIP = PREFIX + "skip";
    static final String PACKAGE_SKIP = PREFIX + "package.skip";
    static final String VERIFY_SKIP = PREFIX + "verify.skip";
    static final String ARCHITECTURE = PREFIX + "architecture";
    static final String ATTACH = PREFIX + "attach";
    static final String CACHE = PREFIX + "cache";
    static final String CACHE_DIRECTORY = PREFIX + "cacheDirectory";
    static final String FAIL_ON_WARNING = PREFIX + "failOnWarning";
    static final String FILE = PREFIX + "file";
    static final String HANDLER = PREFIX + "handler";
    static final String IMAGE = PREFIX + "image";
    static final String IMPORT_CHECK = PREFIX + "importCheck";
    static final String IMPORT_CHECK_IMAGE = PREFIX + "importCheckImage";
    static final String INDEX_SERVER_ID = PREFIX + "indexServerId";
    static final String INDEX_URL = PREFIX + "indexUrl";
    static final String INSTALL_TIMEOUT = PREFIX + "installTimeout";
    static final String LAYERS = PREFIX + "layers";
    static final String NO_INDEX = PREFIX + "noIndex";
    static final String OUTPUT_DIRECTORY = PREFIX + "outputDirectory";
    static final String PROVIDED_MODULES = PREFIX + "providedModules";
    static final String PULL_POLICY = PREFIX + "pullPolicy";
    static final String REPORT_DIRECTORY = PREFIX + "reportDirectory";
    static final String RUNTIME = PREFIX + "runtime";
    static final String THREADS = PREFIX + "threads";
    static final String VIRTUAL_MODULES = PREFIX + "virtualModules";

    private Properties() {}
}
