package io.github.lambdazip.pip;

import io.github.lambdazip.common.ProjectProblemException;

/** The build image's Python or CPU is not the runtime's, so what it installs would not load on Lambda. */
public class ImageMismatchException extends ProjectProblemException {

    public ImageMismatchException(String image, String found, String wanted, String suggestion) {
        super("The image " + image + " has " + found + ", but the function needs " + wanted
                        + "; packages installed there would not load on Lambda",
                suggestion);
    }
}
