package dev.candor.dialog.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which model to use and how long to wait for it.
 *
 * @param provider {@code openai} (any OpenAI-compatible server) or {@code ollama}
 * @param baseUrl  e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434}
 * @param apiKey   the key, usually from the environment; may be empty for local servers
 * @param timeout  how long a turn may wait before the built-in policy answers instead (2.5 s default)
 */
public record LlmSettings(String provider, String baseUrl, String model, String apiKey, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2500);
    public static final List<String> PROVIDERS = List.of("openai", "ollama");

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("invalid provider: " + provider + " (expected openai or ollama)");
        }
    }

    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "****") + ", timeout=" + timeout + "]";
    }
}
