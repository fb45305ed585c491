package io.github.lambdazip.verify;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Python handler string, {@code module.path.function}, split the way the Lambda Python runtime splits it:
 * the function is after the last dot and the module path may use dots or slashes.
 */
public record HandlerSpec(String handler, String module, String function) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static Optional<HandlerSpec> parse(String handler) {
        if (handler == null) {
            return Optional.empty();
        }
        int dot = handler.lastIndexOf('.');
        if (dot <= 0 || dot == handler.length() - 1) {
            return Optional.empty();
        }
        String module = handler.substring(0, dot).replace('/', '.');
        String function = handler.substring(dot + 1);
        if (!IDENTIFIER.matcher(function).matches()) {
            return Optional.empty();
        }
        for (String part : module.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new HandlerSpec(handler, module, function));
    }

    /** {@code a/b.py} for module {@code a.b}. */
    public String modulePath() {
        return module.replace('.', '/') + ".py";
    }

    /** {@code a/b/__init__.py} for module {@code a.b}. */
    public String packageInitPath() {
        return module.replace('.', '/') + "/__init__.py";
    }

    /** The first part of the module path, the name Python reports in "No module named ...". */
    public String topLevelModule() {
        int dot = module.indexOf('.');
        return dot < 0 ? module : module.substring(0, dot);
    }
}
