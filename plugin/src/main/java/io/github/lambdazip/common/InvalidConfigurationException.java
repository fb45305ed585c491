package io.github.lambdazip.common;

/** A configuration value is missing or wrong; {@link #element()} names the XML element at fault. */
public class InvalidConfigurationException extends ProjectProblemException {

    private final String element;

    /** @param alsoAbout other settings the fix names */
    public InvalidConfigurationException(String element, String problem, String fix, String... alsoAbout) {
        super("Invalid <" + element + ">: " + problem, fix, null, concat(element, alsoAbout));
        this.element = element;
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    public String element() {
        return element;
    }
}
