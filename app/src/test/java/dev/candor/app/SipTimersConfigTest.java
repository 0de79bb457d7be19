package dev.candor.app;

import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigException;
import dev.candor.app.config.ConfigLoader;
import dev.candor.telephony.sip.transaction.TimerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code sip.timers.*}: the transaction timers T1, T2 and T4, read, validated and handed to the SIP endpoint. */
class SipTimersConfigTest {

    private static CandorConfig load(Map<String, String> env, String... sets) {
        return ConfigLoader.load(Optional.empty(), env, List.of(sets));
    }

    @Test
    void theDefaultsAreRfc3261s() {
        assertThat(CandorApplication.endpointConfig(load(Map.of())).timers()).isEqualTo(TimerSettings.defaults());
    }

    @Test
    void setValuesReachTheEndpoint() {
        TimerSettings timers = CandorApplication.endpointConfig(load(Map.of("CANDOR_SIP_TIMERS_T4_MILLIS", "2500"),
                "sip.timers.t1-millis=250", "sip.timers.t2-millis=2000")).timers();

        assertThat(timers).isEqualTo(new TimerSettings(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMillis(2500)));
        assertThat(timers.timeout()).as("Timers B, F, H, J: 64 x T1").isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void t2ShorterThanT1StopsStartUpNamingTheKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load(Map.of(), "sip.timers.t1-millis=1000", "sip.timers.t2-millis=500"));

        assertThat(e).hasMessage("invalid sip.timers.t2-millis: \"500\" (expected at least sip.timers.t1-millis (1000))");
    }

    @Test
    void aT1OutsideItsRangeIsRefused() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(Map.of(), "sip.timers.t1-millis=0"));

        assertThat(e).hasMessageStartingWith("invalid sip.timers.t1-millis: \"0\" (expected an integer 50-10000");
    }
}
