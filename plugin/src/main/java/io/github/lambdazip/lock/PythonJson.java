package io.github.lambdazip.lock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The text Python's {@code json.dumps(value, sort_keys=True)} writes for a parsed TOML value: keys sorted,
 * {@code ", "} and {@code ": "} separators, non-ASCII escaped. Poetry hashes that text into its
 * {@code content-hash}, so the bytes must match. Floats are written as Python does for the usual cases; TOML
 * dates, which Python cannot serialise either, never occur in the hashed sections.
 */
final class PythonJson {

    private PythonJson() {}

    static String dumps(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                string(keys.get(i), out);
                out.append(": ");
                write(value.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            int i = 0;
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(it.next(), out);
            }
            out.append(']');
        } else if (value.isBoolean()) {
            out.append(value.booleanValue() ? "true" : "false");
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(pythonFloat(value.doubleValue()));
        } else {
            string(value.asText(), out);
        }
    }

    private static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return Long.toString((long) d) + ".0";
        }
        String java = Double.toString(d);
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        String exponent = java.substring(e + 1);
        String sign = exponent.startsWith("-") ? "-" : "+";
        String digits = exponent.replace("-", "");
        return java.substring(0, e).replaceAll("\\.0$", "") + "e" + sign + (digits.length() < 2 ? "0" + digits : digits);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
