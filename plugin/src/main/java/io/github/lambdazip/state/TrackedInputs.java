package io.github.lambdazip.state;

import io.github.lambdazip.common.OutputFiles;
import io.github.lambdazip.stage.StagedTree;

/**
 * What decides one zip: its name, every setting that changes its bytes or its checks as text, and its staged
 * files; and where it is written.
 */
public record TrackedInputs(String name, String settings, StagedTree tree, OutputFiles outputs) {}
