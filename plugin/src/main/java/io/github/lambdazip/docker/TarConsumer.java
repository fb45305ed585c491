package io.github.lambdazip.docker;

import io.github.lambdazip.common.LambdaZipException;
import java.io.IOException;
import java.io.InputStream;

/** Receives the tar stream of a folder copied out of a container. */
@FunctionalInterface
public interface TarConsumer {

    void accept(InputStream tar) throws IOException, LambdaZipException;
}
