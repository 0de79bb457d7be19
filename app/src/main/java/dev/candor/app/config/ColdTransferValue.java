package dev.candor.app.config;

import dev.candor.dialog.HandoffReason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code handoff.cold-transfer}: a map from handoff reason to the external SIP URI a caller with
 * that reason is transferred to by REFER, given either as parsed YAML (from a file) or as the text of a
 * YAML flow mapping (from the environment or {@code --set 'handoff.cold-transfer={vip: "sip:a@pbx"}'}).
 */
final class ColdTransferValue {

    private static final String KEY = ConfigKey.HANDOFF_COLD_TRANSFER.key();
    private static final String SHAPE = "a map from handoff reason to sip: URI, e.g. {vip: \"sip:accounts@pbx.example.com\"}";

    private ColdTransferValue() {
    }

    static Map<String, String> read(Object raw) {
        Object value = raw instanceof String text ? parseText(text) : raw;
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw ConfigException.invalid(KEY, ConfigValues.show(raw, false),
                    SHAPE + ", got " + ConfigValues.typeName(value));
        }
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String reason = String.valueOf(entry.getKey()).strip();
            if (Arrays.stream(HandoffReason.values()).noneMatch(r -> r.code().equals(reason))) {
                throw ConfigException.invalid(KEY + "." + reason, ConfigValues.show(entry.getValue(), false),
                        "a handoff reason as key, one of " + reasons());
            }
            String at = KEY + "." + reason;
            String uri = ConfigValues.text(at, entry.getValue()).strip();
            if (!AgentListValue.isSipUri(uri)) {
                throw ConfigException.invalid(at, ConfigValues.show(entry.getValue(), false), "a sip: or sips: URI");
            }
            targets.put(reason, uri);
        }
        return Map.copyOf(targets);
    }

    private static String reasons() {
        return Arrays.stream(HandoffReason.values()).map(HandoffReason::code).collect(Collectors.joining(", "));
    }

    private static Object parseText(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return YamlLayer.parse(text);
        } catch (YAMLException e) {
            throw ConfigException.invalid(KEY, ConfigValues.show(text, false),
                    SHAPE + " in YAML flow syntax; " + YamlLayer.describe(e));
        }
    }
}
