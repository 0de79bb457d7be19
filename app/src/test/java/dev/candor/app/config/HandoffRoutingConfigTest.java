package dev.candor.app.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code handoff.skills}, {@code handoff.wrap-up-seconds}, {@code handoff.max-wait-seconds}, {@code handoff.position-interval-seconds}. */
class HandoffRoutingConfigTest {

    @Test
    void defaultsRouteToAnyAgentWithThirtySecondsOfWrapUpAndTwoMinutesInLine() {
        CandorConfig.Handoff h = ConfigLoader.defaults().handoff();
        assertThat(h.skills()).isEmpty();
        assertThat(h.wrapUpSeconds()).isEqualTo(30);
        assertThat(h.maxWaitSeconds()).isEqualTo(120);
        assertThat(h.positionIntervalSeconds()).isEqualTo(30);
    }

    @Test
    void skillsAndTimesAreSetFromTheCommandLine() {
        CandorConfig.Handoff h = ConfigLoader.load(Optional.empty(), Map.of("CANDOR_HANDOFF_MAX_WAIT_SECONDS", "45"),
                List.of("handoff.skills={high_value: enterprise, sensitive_topic: legal}",
                        "handoff.wrap-up-seconds=0", "handoff.position-interval-seconds=15")).handoff();
        assertThat(h.skills()).containsExactlyInAnyOrderEntriesOf(Map.of("high_value", "enterprise",
                "sensitive_topic", "legal"));
        assertThat(h.wrapUpSeconds()).isZero();
        assertThat(h.maxWaitSeconds()).isEqualTo(45);
        assertThat(h.positionIntervalSeconds()).isEqualTo(15);
    }

    @Test
    void anUnknownReasonOrABadSkillNamesTheKey() {
        ConfigException reason = failure("handoff.skills={highvalue: enterprise}");
        assertThat(reason.key()).isEqualTo("handoff.skills.highvalue");
        assertThat(reason.getMessage()).contains("high_value");

        ConfigException skill = failure("handoff.skills={vip: \"key accounts; DROP\"}");
        assertThat(skill.key()).isEqualTo("handoff.skills.vip");
        assertThat(skill.getMessage()).contains("a skill name");
    }

    @Test
    void timesOutOfRangeNameTheKeyAndTheRange() {
        ConfigException e = failure("handoff.max-wait-seconds=5");
        assertThat(e.key()).isEqualTo("handoff.max-wait-seconds");
        assertThat(e.getMessage()).contains("10").contains("3600");
    }

    private static ConfigException failure(String... sets) {
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(), List.of(sets)));
    }
}
