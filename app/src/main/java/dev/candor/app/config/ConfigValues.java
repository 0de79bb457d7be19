package dev.candor.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts raw values (from YAML, or text from the environment and {@code --set}) to the types
 * keys expect, with errors naming the key, the value and the expectation.
 */
final class ConfigValues {

    private static final int MAX_SHOWN_CHARS = 80;

    private ConfigValues() {
    }

    static String text(String key, Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw == null) {
            return "";
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Double) {
            return raw.toString();
        }
        throw ConfigException.invalid(key, show(raw, ConfigKey.isSecretName(key)),
                "text, got " + typeName(raw) + "; quote the value");
    }

    /**
     * A list of text: a YAML list of scalars, or one text with entries separated by commas (the form
     * environment variables and {@code --set} give). Blank entries are dropped; null is empty.
     */
    static List<String> textList(String key, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof String s) {
            String body = s.strip();
            if (body.startsWith("[") && body.endsWith("]")) {
                body = body.substring(1, body.length() - 1);
            }
            return java.util.Arrays.stream(body.split(","))
                    .map(String::strip)
                    .filter(e -> !e.isEmpty())
                    .toList();
        }
        if (raw instanceof List<?> items) {
            java.util.ArrayList<String> entries = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (item instanceof Map || item instanceof List || item == null) {
                    throw ConfigException.invalid(key + "[" + i + "]", show(item, false),
                            "text, got " + typeName(item));
                }
                String entry = item.toString().strip();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
            return List.copyOf(entries);
        }
        throw ConfigException.invalid(key, show(raw, false), "a list, or text separated by commas, got "
                + typeName(raw));
    }

    static int integer(String key, Object raw, int min, int max) {
        String expected = "an integer " + min + "-" + max;
        long value;
        if (raw instanceof Integer || raw instanceof Long) {
            value = ((Number) raw).longValue();
        } else if (raw instanceof String s) {
            try {
                value = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(key, show(raw, false), expected);
            }
        } else {
            throw ConfigException.invalid(key, show(raw, false), expected + ", got " + typeName(raw));
        }
        if (value < min || value > max) {
            throw ConfigException.invalid(key, show(raw, false), expected);
        }
        return (int) value;
    }

    static double number(String key, Object raw, double min, double max) {
        String expected = "a number " + plain(min) + "-" + plain(max);
        double value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Double) {
            value = ((Number) raw).doubleValue();
        } else if (raw instanceof String s) {
            try {
                value = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(key, show(raw, false), expected);
            }
        } else {
            throw ConfigException.invalid(key, show(raw, false), expected + ", got " + typeName(raw));
        }
        if (!(value >= min && value <= max)) {
            throw ConfigException.invalid(key, show(raw, false), expected);
        }
        return value;
    }

    static boolean bool(String key, Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw ConfigException.invalid(key, show(raw, false), "true or false");
        }
        throw ConfigException.invalid(key, show(raw, false), "true or false, got " + typeName(raw));
    }

    /** A value as shown in error messages: text in double quotes, one line, secrets masked. */
    static String show(Object raw, boolean secret) {
        if (secret) {
            return "\"" + ConfigPrinter.MASK + "\"";
        }
        String shown;
        if (raw instanceof String s) {
            shown = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        } else {
            shown = String.valueOf(raw);
        }
        shown = shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return shown.length() > MAX_SHOWN_CHARS ? shown.substring(0, MAX_SHOWN_CHARS) + "..." : shown;
    }

    /** The YAML-level type of a value, for "got a list" style messages. */
    static String typeName(Object raw) {
        if (raw == null) {
            return "nothing (null)";
        }
        if (raw instanceof String) {
            return "text";
        }
        if (raw instanceof Boolean) {
            return "a boolean";
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof java.math.BigInteger) {
            return "an integer";
        }
        if (raw instanceof Number) {
            return "a decimal number";
        }
        if (raw instanceof List) {
            return "a list";
        }
        if (raw instanceof Map) {
            return "a map";
        }
        if (raw instanceof java.util.Date) {
            return "a date";
        }
        return "a " + raw.getClass().getSimpleName();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
