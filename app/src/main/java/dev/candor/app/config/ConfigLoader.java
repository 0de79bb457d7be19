package dev.candor.app.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the effective {@link CandorConfig} from four layers, lowest first:
 * <ol>
 *   <li>built-in defaults ({@code candor-defaults.yaml} on the classpath);</li>
 *   <li>the optional YAML file (nested maps {@code sip: {port: 5060}} or dotted keys
 *       {@code sip.port: 5060});</li>
 *   <li>{@code CANDOR_} environment variables, one per key: upper-case, {@code .} and {@code -}
 *       become {@code _} ({@code CANDOR_SIP_PORT} for {@code sip.port}); unknown ones are ignored
 *       with a warning;</li>
 *   <li>{@code --set key=value} strings in order, later ones winning; {@code handoff.agents} takes
 *       a YAML flow sequence.</li>
 * </ol>
 * Unknown keys and invalid values throw {@link ConfigException}.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** Variables read by the {@code candor} launcher script, not configuration keys. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("CANDOR_JAVA_OPTS", "CANDOR_HOME");

    private ConfigLoader() {
    }

    /**
     * Loads the configuration.
     *
     * @param file the YAML file given with {@code --config}, if any
     * @param env  the process environment (pass {@code System.getenv()}; tests pass a map)
     * @param sets the {@code --set key=value} arguments in command-line order
     * @throws ConfigException naming the key, value and expectation of the first problem found
     */
    public static CandorConfig load(Optional<Path> file, Map<String, String> env, List<String> sets) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(sets, "sets");
        Map<ConfigKey, Object> values = new EnumMap<>(YamlLayer.readDefaults());
        file.ifPresent(f -> values.putAll(YamlLayer.readFile(f)));
        values.putAll(fromEnvironment(env));
        for (String set : sets) {
            applySet(Objects.requireNonNull(set, "set"), values);
        }
        return ConfigBinder.bind(values);
    }

    /** The built-in defaults alone: no file, no environment, no overrides. */
    public static CandorConfig defaults() {
        return load(Optional.empty(), Map.of(), List.of());
    }

    private static Map<ConfigKey, Object> fromEnvironment(Map<String, String> env) {
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        env.keySet().stream()
                .filter(name -> name.startsWith(ConfigKey.ENV_PREFIX))
                .sorted()
                .forEach(name -> ConfigKey.findByEnvName(name).ifPresentOrElse(
                        key -> values.put(key, env.get(name)),
                        () -> warnUnknown(name)));
        return values;
    }

    private static void warnUnknown(String name) {
        if (!LAUNCHER_VARIABLES.contains(name)) {
            LOG.warn("ignoring environment variable {}: no configuration key matches it", name);
        }
    }

    private static void applySet(String set, Map<ConfigKey, Object> values) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw ConfigException.invalid("--set", ConfigValues.show(set, false), "key=value");
        }
        String name = set.substring(0, eq).strip();
        ConfigKey key = ConfigKey.find(name).orElseThrow(
                () -> ConfigException.unknownKey(name, ConfigKey.describeKnownKeysNear(name)));
        values.put(key, set.substring(eq + 1));
    }
}
