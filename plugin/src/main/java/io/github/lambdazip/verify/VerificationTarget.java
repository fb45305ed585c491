package io.github.lambdazip.verify;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;

/** The Lambda a package must run on. */
public record VerificationTarget(PythonRuntime runtime, Architecture architecture) {}
