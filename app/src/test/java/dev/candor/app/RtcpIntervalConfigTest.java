package dev.candor.app;

import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigException;
import dev.candor.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code rtp.rtcp-interval-seconds}: read, validated, and handed to the SIP endpoint that opens every RTP session. */
class RtcpIntervalConfigTest {

    private static CandorConfig load(Map<String, String> env, String... sets) {
        return ConfigLoader.load(Optional.empty(), env, List.of(sets));
    }

    @Test
    void theDefaultIsTheRfc3550FiveSeconds() {
        CandorConfig config = load(Map.of());

        assertThat(config.rtp().rtcpIntervalSeconds()).isEqualTo(5);
        assertThat(CandorApplication.endpointConfig(config).rtcpInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSetValueReachesTheEndpointConfig() {
        assertThat(CandorApplication.endpointConfig(load(Map.of(), "rtp.rtcp-interval-seconds=12")).rtcpInterval())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(CandorApplication.endpointConfig(load(Map.of("CANDOR_RTP_RTCP_INTERVAL_SECONDS", "2")))
                .rtcpInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anIntervalOutsideOneToSixtySecondsStopsStartUpNamingTheKey() {
        for (String bad : List.of("0", "61", "-5", "five")) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> load(Map.of(), "rtp.rtcp-interval-seconds=" + bad));
            assertThat(e).as(bad).hasMessage("invalid rtp.rtcp-interval-seconds: \"" + bad
                    + "\" (expected an integer 1-60)");
        }
    }
}
