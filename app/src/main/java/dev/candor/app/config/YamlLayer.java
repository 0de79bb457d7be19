package dev.candor.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads YAML configuration safely (SnakeYAML {@link SafeConstructor}: maps, lists and scalars
 * only, never arbitrary types; no duplicate keys; bounded aliases, nesting and size) and flattens
 * nested or dotted maps into one value per {@link ConfigKey}.
 */
final class YamlLayer {

    static final String DEFAULTS_RESOURCE = "candor-defaults.yaml";
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private YamlLayer() {
    }

    /** A fresh, safe SnakeYAML instance (instances are not thread-safe). */
    static Yaml safeYaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setAllowRecursiveKeys(false);
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(20);
        loader.setCodePointLimit(MAX_CODE_POINTS);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setIndent(2);
        dumper.setIndicatorIndent(2);
        dumper.setIndentWithIndicator(true);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader);
    }

    /** Parses one YAML document of text; throws {@link YAMLException} when it is not YAML. */
    static Object parse(String text) {
        return safeYaml().load(new StringReader(text));
    }

    /** The built-in defaults, one value for every key. */
    static Map<ConfigKey, Object> readDefaults() {
        ClassLoader loader = YamlLayer.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            Map<ConfigKey, Object> values = flatten(safeYaml().load(in), "built-in defaults");
            for (ConfigKey key : ConfigKey.values()) {
                if (!values.containsKey(key)) {
                    throw new IllegalStateException(DEFAULTS_RESOURCE + " has no entry for " + key.key());
                }
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    /** The keys set in a configuration file; an empty file sets none. */
    static Map<ConfigKey, Object> readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw ConfigException.unreadableFile(file.toString(), "is a directory, expected a YAML file", null);
        }
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = safeYaml().load(reader);
        } catch (IOException e) {
            throw ConfigException.unreadableFile(file.toString(), describe(e), e);
        } catch (YAMLException e) {
            throw ConfigException.unreadableFile(file.toString(), describe(e), e);
        }
        try {
            return flatten(document, file.toString());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unreadableFile(file.toString(), e.getMessage(), e);
        }
    }

    /**
     * Flattens a parsed document: nested maps ({@code sip: {port: 5060}}) and dotted keys
     * ({@code sip.port: 5060}) both name {@code sip.port}. Unknown keys are errors.
     *
     * @throws IllegalArgumentException when the document is not a map at the top level
     */
    static Map<ConfigKey, Object> flatten(Object document, String source) {
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        if (document == null) {
            return values;
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a map of configuration keys at the top level of "
                    + source + ", got " + ConfigValues.typeName(document));
        }
        flattenInto("", map, values);
        return values;
    }

    private static void flattenInto(String prefix, Map<?, ?> map, Map<ConfigKey, Object> values) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                String where = prefix.isEmpty() ? "the top level" : prefix;
                throw ConfigException.invalid(prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix,
                        ConfigValues.show(entry.getKey(), false), "text keys at " + where);
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            var key = ConfigKey.find(path);
            if (key.isPresent()) {
                values.put(key.get(), entry.getValue());
            } else if (ConfigKey.isSection(path)) {
                flattenSection(path, entry.getValue(), values);
            } else {
                throw ConfigException.unknownKey(path, ConfigKey.describeKnownKeysNear(path));
            }
        }
    }

    private static void flattenSection(String path, Object value, Map<ConfigKey, Object> values) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> section)) {
            throw ConfigException.invalid(path, ConfigValues.show(value, false),
                    "a map of " + path + ".* keys, got " + ConfigValues.typeName(value));
        }
        flattenInto(path, section, values);
    }

    /** One line describing why YAML or a file could not be read. */
    static String describe(Exception e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1)
                    + ", column " + (marked.getProblemMark().getColumn() + 1);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        String firstLine = message.lines().findFirst().orElse("");
        String type = e.getClass().getSimpleName();
        return firstLine.isEmpty() ? type : type + ": " + firstLine;
    }
}
