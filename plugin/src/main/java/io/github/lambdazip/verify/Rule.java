package io.github.lambdazip.verify;

/** The checks; their names are the stable rule ids users see in reports and may filter on. */
public enum Rule {
    HANDLER_FORMAT,
    HANDLER_MODULE_MISSING,
    HANDLER_FUNCTION_MISSING,
    SIZE_UNZIPPED,
    SIZE_ZIPPED
}
