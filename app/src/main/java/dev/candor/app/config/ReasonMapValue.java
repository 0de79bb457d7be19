package dev.candor.app.config;

import dev.candor.dialog.HandoffReason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a map keyed by handoff reason ({@code handoff.cold-transfer}, {@code handoff.skills}), given either
 * as parsed YAML (from a file) or as the text of a YAML flow mapping (from the environment or
 * {@code --set 'handoff.skills={high_value: enterprise}'}). Errors name the key, the reason and what
 * was expected.
 */
final class ReasonMapValue {

    private ReasonMapValue() {
    }

    /**
     * @param valid    accepts a value (already stripped)
     * @param expected what a value must be, for the error message
     * @param shape    what the whole map must look like, for the error message
     */
    static Map<String, String> read(ConfigKey configKey, Object raw, Predicate<String> valid, String expected,
                                    String shape) {
        String key = configKey.key();
        Object value = raw instanceof String text ? parseText(key, text, shape) : raw;
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw ConfigException.invalid(key, ConfigValues.show(raw, false), shape + ", got " + ConfigValues.typeName(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String reason = String.valueOf(entry.getKey()).strip();
            String at = key + "." + reason;
            if (Arrays.stream(HandoffReason.values()).noneMatch(r -> r.code().equals(reason))) {
                throw ConfigException.invalid(at, ConfigValues.show(entry.getValue(), false),
                        "a handoff reason as key, one of " + reasons());
            }
            String text = ConfigValues.text(at, entry.getValue()).strip();
            if (!valid.test(text)) {
                throw ConfigException.invalid(at, ConfigValues.show(entry.getValue(), false), expected);
            }
            out.put(reason, text);
        }
        return Map.copyOf(out);
    }

    private static String reasons() {
        return Arrays.stream(HandoffReason.values()).map(HandoffReason::code).collect(Collectors.joining(", "));
    }

    private static Object parseText(String key, String text, String shape) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return YamlLayer.parse(text);
        } catch (YAMLException e) {
            throw ConfigException.invalid(key, ConfigValues.show(text, false),
                    shape + " in YAML flow syntax; " + YamlLayer.describe(e));
        }
    }
}
