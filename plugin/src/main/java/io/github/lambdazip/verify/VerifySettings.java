package io.github.lambdazip.verify;

import io.github.lambdazip.common.InvalidConfigurationException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user tells the checks beyond the target Lambda.
 *
 * @param providedModules top-level modules that layers built elsewhere provide (no {@code IMPORT_UNRESOLVED})
 * @param virtualModules modules that exist only at run time, registered by other code (like {@code six.moves});
 *        each covers its submodules, and a leading {@code *.} matches it under any package
 *        ({@code *.six.moves} covers {@code urllib3.packages.six.moves})
 * @param failOnWarning whether warnings fail the build; findings that are warnings only because they may be
 *        intended (a placeholder handler) are then reported as errors
 */
public record VerifySettings(Set<String> providedModules, Set<String> virtualModules, boolean failOnWarning) {

    public VerifySettings {
        providedModules = Set.copyOf(providedModules == null ? Set.of() : providedModules);
        virtualModules = Set.copyOf(virtualModules == null ? Set.of() : virtualModules);
    }

    public static VerifySettings of(Set<String> providedModules) {
        return new VerifySettings(providedModules, Set.of(), false);
    }

    /** The {@code virtualModules} setting: entries comma-separated, trimmed, each a dotted name (or *.name). */
    public static Set<String> parseVirtualModules(Iterable<String> values) throws InvalidConfigurationException {
        Set<String> modules = new TreeSet<>();
        for (String value : values) {
            for (String module : value.split(",")) {
                String trimmed = module.trim();
                if (!trimmed.isEmpty()) {
                    if (!trimmed.matches("(\\*\\.)?[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                        throw new InvalidConfigurationException("virtualModules",
                                "'" + trimmed + "' is not a dotted Python module name",
                                "list modules such as six.moves or *.six.moves (any package's), comma-separated");
                    }
                    modules.add(trimmed);
                }
            }
        }
        return modules;
    }
}
