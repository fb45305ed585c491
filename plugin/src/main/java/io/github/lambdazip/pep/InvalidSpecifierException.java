package io.github.lambdazip.pep;

/** A version specifier that is not valid under PEP 440. */
public class InvalidSpecifierException extends PepSyntaxException {

    public InvalidSpecifierException(String text, int position, String problem) {
        super("Invalid version specifier", text, position, problem,
                "write specifiers as PEP 440 describes, e.g. >=1.2,<2, ~=1.4.2, ==1.2.* or !=1.3.0");
    }
}
