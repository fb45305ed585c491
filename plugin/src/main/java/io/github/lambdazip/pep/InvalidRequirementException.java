package io.github.lambdazip.pep;

/** A dependency specification that is not a PEP 508 requirement. */
public class InvalidRequirementException extends PepSyntaxException {

    public InvalidRequirementException(String requirement, int position, String problem) {
        super("Invalid requirement", requirement, position, problem,
                "write it as PEP 508 describes, e.g. requests[socks]>=2.31,<3; python_version >= \"3.9\" "
                        + "or name @ https://host/name-1.0-py3-none-any.whl");
    }
}
