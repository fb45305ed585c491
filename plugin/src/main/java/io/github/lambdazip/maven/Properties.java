package io.github.lambdazip.maven;

/** Every user property this plugin reads, in one place; all start with {@code lambdazip.}. */
final class Properties {

    static final String PREFIX = "lambdazip.";
    static final String SKIP = PREFIX + "skip";
    static final String PACKAGE_SKIP = PREFIX + "package.skip";
    static final String VERIFY_SKIP = PREFIX + "verify.skip";

    private Properties() {}
}
