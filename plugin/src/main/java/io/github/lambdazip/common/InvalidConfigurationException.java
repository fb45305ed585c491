package io.github.lambdazip.common;

/** A configuration value is missing or wrong; {@link #element()} names the XML element at fault. */
public class InvalidConfigurationException extends ProjectProblemException {

    private final String element;

    public InvalidConfigurationException(String element, String problem, String fix) {
        super("Invalid <" + element + ">: " + problem, fix);
        this.element = element;
    }

    public String element() {
        return element;
    }
}
