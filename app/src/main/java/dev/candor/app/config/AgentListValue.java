package dev.candor.app.config;

import dev.candor.app.config.CandorConfig.Agent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code handoff.agents}: a YAML list of {@code {name, uri, skills}} maps, given either as
 * parsed YAML (from a file) or as the text of a YAML flow sequence (from the environment or
 * {@code --set 'handoff.agents=[{name: Bob, uri: "sip:bob@10.0.0.5"}]'}).
 */
final class AgentListValue {

    private static final String KEY = ConfigKey.HANDOFF_AGENTS.key();
    private static final String SHAPE = "a list of {name, uri, skills}";
    private static final Set<String> FIELDS = Set.of("name", "uri", "skills");

    private AgentListValue() {
    }

    static List<Agent> read(Object raw) {
        Object value = raw instanceof String text ? parseText(text) : raw;
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw ConfigException.invalid(KEY, ConfigValues.show(raw, false),
                    SHAPE + ", got " + ConfigValues.typeName(value));
        }
        List<Agent> agents = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Agent agent = agent(KEY + "[" + i + "]", items.get(i));
            if (!names.add(agent.name())) {
                throw ConfigException.invalid(KEY + "[" + i + "].name", ConfigValues.show(agent.name(), false),
                        "a name no other agent has");
            }
            agents.add(agent);
        }
        return agents;
    }

    private static Object parseText(String text) {
        try {
            return YamlLayer.parse(text);
        } catch (YAMLException e) {
            throw ConfigException.invalid(KEY, ConfigValues.show(text, false),
                    SHAPE + " in YAML flow syntax; " + YamlLayer.describe(e));
        }
    }

    private static Agent agent(String at, Object item) {
        if (!(item instanceof Map<?, ?> fields)) {
            throw ConfigException.invalid(at, ConfigValues.show(item, false),
                    "a map with name, uri and skills, got " + ConfigValues.typeName(item));
        }
        for (Object field : fields.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ConfigException.unknownKey(at + "." + field,
                        "known keys under " + KEY + "[]: name, uri, skills");
            }
        }
        String name = ConfigValues.text(at + ".name", fields.get("name")).strip();
        if (name.isEmpty()) {
            throw ConfigException.invalid(at + ".name", ConfigValues.show(fields.get("name"), false),
                    "a non-empty agent name");
        }
        String uri = ConfigValues.text(at + ".uri", fields.get("uri")).strip();
        if (!isSipUri(uri)) {
            throw ConfigException.invalid(at + ".uri", ConfigValues.show(fields.get("uri"), false),
                    "a sip: or sips: URI");
        }
        return new Agent(name, uri, skills(at + ".skills", fields.get("skills")));
    }

    private static List<String> skills(String at, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            throw ConfigException.invalid(at, ConfigValues.show(raw, false),
                    "a list of skill names, got " + ConfigValues.typeName(raw));
        }
        List<String> skills = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String skill = ConfigValues.text(at + "[" + i + "]", items.get(i)).strip();
            if (skill.isEmpty()) {
                throw ConfigException.invalid(at + "[" + i + "]", ConfigValues.show(items.get(i), false),
                        "a non-empty skill name");
            }
            skills.add(skill);
        }
        return skills;
    }

    /** {@code sip:} or {@code sips:} (any case) followed by at least one non-blank character. */
    static boolean isSipUri(String uri) {
        String rest;
        if (uri.regionMatches(true, 0, "sips:", 0, 5)) {
            rest = uri.substring(5);
        } else if (uri.regionMatches(true, 0, "sip:", 0, 4)) {
            rest = uri.substring(4);
        } else {
            return false;
        }
        return !rest.isEmpty() && rest.chars().noneMatch(Character::isWhitespace);
    }
}
