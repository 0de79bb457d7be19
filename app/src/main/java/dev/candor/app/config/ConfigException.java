package dev.candor.app.config;

import java.util.Objects;

/**
 * A configuration problem that stops start-up. The message is one line naming the key, the
 * offending value and what was expected, e.g. {@code invalid sip.port: 70000 (expected an integer
 * 1-65535)}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String expected;

    ConfigException(String message, String key, String value, String expected, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    /** {@code invalid KEY: VALUE (expected EXPECTED)}; {@code shownValue} is already rendered. */
    public static ConfigException invalid(String key, String shownValue, String expected) {
        return new ConfigException(
                "invalid " + key + ": " + shownValue + " (expected " + expected + ")",
                key, shownValue, expected, null);
    }

    /** {@code unknown configuration key: KEY (known keys under SECTION: ...)}. */
    static ConfigException unknownKey(String key, String knownKeysDescription) {
        return new ConfigException(
                "unknown configuration key: " + key + " (" + knownKeysDescription + ")",
                key, "", knownKeysDescription, null);
    }

    /** {@code cannot read config file PATH: REASON}; the key is {@code --config}. */
    static ConfigException unreadableFile(String file, String reason, Throwable cause) {
        return new ConfigException(
                "cannot read config file " + file + ": " + reason,
                "--config", file, "a readable YAML file of configuration keys", cause);
    }

    /** The dotted key at fault, e.g. {@code sip.port} or {@code handoff.agents[0].uri}. */
    public String key() {
        return key;
    }

    /** The offending value as shown in the message ({@code ""} when the key itself is wrong). */
    public String value() {
        return value;
    }

    /** What would have been accepted, e.g. {@code an integer 1-65535}. */
    public String expected() {
        return expected;
    }
}
