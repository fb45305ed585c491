package io.github.lambdazip.pep;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values PEP 508 markers are evaluated against, plus the requested extras and dependency groups (PEP 508's
 * {@code extra}, PEP 751's {@code extras} and {@code dependency_groups}). {@link #lambda} gives the environment
 * of an AWS Lambda Python runtime; values not known at build time ({@code platform_release},
 * {@code platform_version}) are empty. Immutable: the {@code with} methods return a copy.
 *
 * <p>The runtime's patch release ({@code python_full_version}, {@code implementation_version}) is known only once
 * the build image is asked. Until then a condition that reads it is {@linkplain #decide decided} only when every
 * patch release of the minor version gives the same answer; otherwise {@link PythonFullVersionNeededException}
 * says the image must be asked. Most locks never need it: {@code requires-python = ">=3.9"} holds for every
 * 3.12.x, while {@code python_full_version >= "3.12.4"} does not.
 */
public final class MarkerEnvironment {

    /** The PEP 508 string variables, in the order the PEP lists them. */
    public static final List<String> VARIABLES = List.of("python_version", "python_full_version", "os_name",
            "sys_platform", "platform_release", "platform_system", "platform_version", "platform_machine",
            "platform_python_implementation", "implementation_name", "implementation_version");

    /** The variables that hold the patch release: unknown until the build image is asked. */
    public static final Set<String> FULL_VERSION_VARIABLES = Set.of("python_full_version", "implementation_version");

    /**
     * The patch releases tried while the full version is unknown. CPython's longest-lived minor versions end in
     * the low twenties (3.8.20, 3.9.2x); this leaves a wide margin and costs microseconds.
     */
    private static final int LAST_PATCH_TRIED = 99;

    private final Map<String, String> values;
    private final Set<String> extras;
    private final Set<String> dependencyGroups;
    private final boolean fullVersionKnown;

    private MarkerEnvironment(Map<String, String> values, Set<String> extras, Set<String> dependencyGroups,
            boolean fullVersionKnown) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.extras = Collections.unmodifiableSet(new TreeSet<>(extras));
        this.dependencyGroups = Collections.unmodifiableSet(new TreeSet<>(dependencyGroups));
        this.fullVersionKnown = fullVersionKnown;
    }

    /** A condition on an environment, decided by {@link #decide}. */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds(MarkerEnvironment environment) throws E;
    }

    /**
     * The environment of a Lambda function on {@code runtime} and {@code architecture}: Linux, CPython, the
     * runtime's {@code python_version}; its {@code python_full_version} is unknown until
     * {@link #withPythonFullVersion} gives the one the build image reports. No extras, no groups.
     */
    public static MarkerEnvironment lambda(PythonRuntime runtime, Architecture architecture) {
        Map<String, String> values = new TreeMap<>();
        values.put("python_version", runtime.pythonVersion());
        values.put("python_full_version", runtime.pythonVersion() + ".0");
        values.put("implementation_version", runtime.pythonVersion() + ".0");
        // placeholders: never read while unknown, see value()
        values.put("os_name", "posix");
        values.put("sys_platform", "linux");
        values.put("platform_system", "Linux");
        values.put("platform_release", "");
        values.put("platform_version", "");
        values.put("platform_machine", architecture.machine());
        values.put("platform_python_implementation", "CPython");
        values.put("implementation_name", "cpython");
        return new MarkerEnvironment(values, Set.of(), Set.of(), false);
    }

    /** An environment with the given values; variables not given are empty. */
    public static MarkerEnvironment of(Map<String, String> given) {
        Map<String, String> values = new TreeMap<>();
        for (String variable : VARIABLES) {
            values.put(variable, "");
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            requireKnown(entry.getKey());
            values.put(entry.getKey(), entry.getValue());
        }
        return new MarkerEnvironment(values, Set.of(), Set.of(), true);
    }

    /**
     * The full Python version the build image reports, e.g. {@code 3.12.7}; also sets
     * {@code implementation_version}, which is the same on CPython.
     */
    public MarkerEnvironment withPythonFullVersion(String fullVersion) {
        if (Version.tryParse(fullVersion).isEmpty()) {
            throw new IllegalArgumentException("not a Python version: " + fullVersion);
        }
        Map<String, String> copy = new TreeMap<>(values);
        copy.put("python_full_version", fullVersion.trim());
        copy.put("implementation_version", fullVersion.trim());
        return new MarkerEnvironment(copy, extras, dependencyGroups, true);
    }

    /** A copy with one variable changed. */
    public MarkerEnvironment with(String variable, String value) {
        requireKnown(variable);
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(variable, value);
        return new MarkerEnvironment(copy, extras, dependencyGroups,
                fullVersionKnown || FULL_VERSION_VARIABLES.contains(variable));
    }

    /** A copy whose requested extras are these, normalised (PEP 685). */
    public MarkerEnvironment withExtras(Collection<String> requested) {
        return new MarkerEnvironment(values, normalized(requested), dependencyGroups, fullVersionKnown);
    }

    /** A copy whose requested dependency groups are these, normalised. */
    public MarkerEnvironment withDependencyGroups(Collection<String> requested) {
        return new MarkerEnvironment(values, extras, normalized(requested), fullVersionKnown);
    }

    /**
     * A string variable's value; empty for one the environment does not know.
     *
     * @throws IllegalStateException for the patch release while it is unknown: read it inside {@link #decide}
     */
    public String value(String variable) {
        requireKnown(variable);
        if (!fullVersionKnown && FULL_VERSION_VARIABLES.contains(variable)) {
            throw new IllegalStateException(variable + " is not known yet: read it inside decide()");
        }
        return values.getOrDefault(variable, "");
    }

    /** Whether the build image has been asked for the full Python version. */
    public boolean fullVersionKnown() {
        return fullVersionKnown;
    }

    /** The Python version as far as it is known, for messages: {@code 3.12.7}, or {@code 3.12} before the image is asked. */
    public String pythonDescription() {
        return fullVersionKnown ? values.get("python_full_version") : values.get("python_version");
    }

    /**
     * Whether {@code condition} holds. While the patch release is unknown it is tried with every patch release of
     * the minor version, and the answer stands when all agree.
     *
     * @param text the condition as written, for {@link PythonFullVersionNeededException}
     * @throws PythonFullVersionNeededException the answer depends on the patch release, which is unknown
     */
    public <E extends Exception> boolean decide(String text, Condition<E> condition) throws E {
        if (fullVersionKnown) {
            return condition.holds(this);
        }
        String minor = values.get("python_version");
        boolean first = condition.holds(withPythonFullVersion(minor + ".0"));
        for (int patch = 1; patch <= LAST_PATCH_TRIED; patch++) {
            if (condition.holds(withPythonFullVersion(minor + "." + patch)) != first) {
                throw new PythonFullVersionNeededException(text);
            }
        }
        return first;
    }

    /** The string variables, sorted by name. */
    public Map<String, String> values() {
        return values;
    }

    /** Requested extras, normalised and sorted. */
    public Set<String> extras() {
        return extras;
    }

    /** Requested dependency groups, normalised and sorted. */
    public Set<String> dependencyGroups() {
        return dependencyGroups;
    }

    private static Set<String> normalized(Collection<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            out.add(Requirement.normalizeName(name));
        }
        return out;
    }

    private static void requireKnown(String variable) {
        if (!VARIABLES.contains(variable)) {
            throw new IllegalArgumentException("not a PEP 508 marker variable: " + variable);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarkerEnvironment other && values.equals(other.values) && extras.equals(other.extras)
                && dependencyGroups.equals(other.dependencyGroups) && fullVersionKnown == other.fullVersionKnown;
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + extras.hashCode() * 7 + dependencyGroups.hashCode();
    }

    /** One stable line: every variable sorted by name, then extras and groups, for logs and cache keys. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=')
                .append(fullVersionKnown || !FULL_VERSION_VARIABLES.contains(k) ? v : "unknown").append(' '));
        return out.append("extras=").append(extras).append(" dependency_groups=").append(dependencyGroups).toString();
    }
}
