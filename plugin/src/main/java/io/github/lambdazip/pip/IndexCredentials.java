package io.github.lambdazip.pip;

/** A user name and password for the package index; never printed. */
public record IndexCredentials(String username, String password) {

    @Override
    public String toString() {
        return "IndexCredentials[****]";
    }
}
