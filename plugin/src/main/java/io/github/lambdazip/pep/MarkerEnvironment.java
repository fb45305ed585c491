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
 */
public final class MarkerEnvironment {

    /** The PEP 508 string variables, in the order the PEP lists them. */
    public static final List<String> VARIABLES = List.of("python_version", "python_full_version", "os_name",
            "sys_platform", "platform_release", "platform_system", "platform_version", "platform_machine",
            "platform_python_implementation", "implementation_name", "implementation_version");

    private final Map<String, String> values;
    private final Set<String> extras;
    private final Set<String> dependencyGroups;

    private MarkerEnvironment(Map<String, String> values, Set<String> extras, Set<String> dependencyGroups) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.extras = Collections.unmodifiableSet(new TreeSet<>(extras));
        this.dependencyGroups = Collections.unmodifiableSet(new TreeSet<>(dependencyGroups));
    }

    /**
     * The environment of a Lambda function on {@code runtime} and {@code architecture}: Linux, CPython, the
     * runtime's {@code python_version} and a {@code python_full_version} of {@code 3.N.0} until
     * {@link #withPythonFullVersion} gives the one the build image reports. No extras, no groups.
     */
    public static MarkerEnvironment lambda(PythonRuntime runtime, Architecture architecture) {
        Map<String, String> values = new TreeMap<>();
        values.put("python_version", runtime.pythonVersion());
        values.put("python_full_version", runtime.pythonVersion() + ".0");
        values.put("implementation_version", runtime.pythonVersion() + ".0");
        values.put("os_name", "posix");
        values.put("sys_platform", "linux");
        values.put("platform_system", "Linux");
        values.put("platform_release", "");
        values.put("platform_version", "");
        values.put("platform_machine", architecture.machine());
        values.put("platform_python_implementation", "CPython");
        values.put("implementation_name", "cpython");
        return new MarkerEnvironment(values, Set.of(), Set.of());
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
        return new MarkerEnvironment(values, Set.of(), Set.of());
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
        return new MarkerEnvironment(copy, extras, dependencyGroups);
    }

    /** A copy with one variable changed. */
    public MarkerEnvironment with(String variable, String value) {
        requireKnown(variable);
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(variable, value);
        return new MarkerEnvironment(copy, extras, dependencyGroups);
    }

    /** A copy whose requested extras are these, normalised (PEP 685). */
    public MarkerEnvironment withExtras(Collection<String> requested) {
        return new MarkerEnvironment(values, normalized(requested), dependencyGroups);
    }

    /** A copy whose requested dependency groups are these, normalised. */
    public MarkerEnvironment withDependencyGroups(Collection<String> requested) {
        return new MarkerEnvironment(values, extras, normalized(requested));
    }

    /** A string variable's value; empty for one the environment does not know. */
    public String value(String variable) {
        requireKnown(variable);
        return values.getOrDefault(variable, "");
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
                && dependencyGroups.equals(other.dependencyGroups);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + extras.hashCode() * 7 + dependencyGroups.hashCode();
    }

    /** One stable line: every variable sorted by name, then extras and groups, for logs and cache keys. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
        return out.append("extras=").append(extras).append(" dependency_groups=").append(dependencyGroups).toString();
    }
}
