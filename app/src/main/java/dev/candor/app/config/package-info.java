/**
 * Candor's configuration: the immutable {@link dev.candor.app.config.CandorConfig} tree, the
 * {@link dev.candor.app.config.ConfigLoader} that layers built-in defaults
 * ({@code candor-defaults.yaml}), one YAML file, {@code CANDOR_} environment variables and
 * {@code --set key=value} overrides, and the {@link dev.candor.app.config.ConfigPrinter} that
 * shows the effective configuration with secrets masked.
 *
 * <p>Every key has a default; unknown keys are errors; every error is a one-line
 * {@link dev.candor.app.config.ConfigException} naming the key, the value and what was expected.
 * This package reads configuration only: it never starts listeners, opens databases or logs secrets.
 */
package dev.candor.app.config;
