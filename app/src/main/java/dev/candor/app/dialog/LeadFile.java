package dev.candor.app.dialog;

import dev.candor.app.config.ConfigException;
import dev.candor.dialog.qualification.Lead;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads one lead from a YAML or JSON file: {@code name}, {@code company}, {@code phone},
 * {@code interest}, {@code vip} (true/false), and optionally {@code gender}, {@code age},
 * {@code location} (kept for the person who takes the call; never used to score or route).
 */
public final class LeadFile {
    private static final Set<String> KEYS = Set.of("name", "company", "phone", "interest", "vip", "gender", "age",
            "location");

    private LeadFile() {
    }

    public static Lead read(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ConfigException.invalid("--lead", "\"" + file + "\"", "a readable lead file: " + e.getMessage());
        } catch (YAMLException e) {
            throw ConfigException.invalid("--lead", "\"" + file + "\"", "YAML or JSON with the lead's fields");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw ConfigException.invalid("--lead", "\"" + file + "\"", "a map of lead fields (name, company, phone, ...)");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw ConfigException.invalid("--lead", "\"" + key + "\"", "one of the lead fields " + KEYS);
            }
        }
        Object age = map.get("age");
        Integer years;
        try {
            years = age == null ? null : Integer.valueOf(String.valueOf(age).strip());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("--lead age", "\"" + age + "\"", "a whole number of years");
        }
        return new Lead(text(map, "name"), text(map, "company"), text(map, "phone"), text(map, "gender"), years,
                text(map, "location"), text(map, "interest"), Boolean.parseBoolean(text(map, "vip")));
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? "" : String.valueOf(v).strip();
    }
}
