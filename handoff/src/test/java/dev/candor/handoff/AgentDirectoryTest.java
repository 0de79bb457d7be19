package dev.candor.handoff;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentDirectoryTest {
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final InstantSource clock = () -> now;
    private final AgentDirectory directory = new AgentDirectory(List.of(
            new AgentDirectory.AgentProfile("Alice", "sip:alice@127.0.0.1:5070", Set.of("sales")),
            new AgentDirectory.AgentProfile("Bob", "sip:bob@127.0.0.1:5072", Set.of("sales", "support")),
            new AgentDirectory.AgentProfile("Carol", "sip:carol@127.0.0.1:5074", Set.of("support"))),
            Duration.ofSeconds(30), clock);

    private List<String> names(Optional<String> skill) {
        return directory.candidates(skill).stream().map(AgentTarget::name).toList();
    }

    @Test
    void everyoneStartsAvailableInConfigurationOrder() {
        assertThat(names(Optional.empty())).containsExactly("Alice", "Bob", "Carol");
    }

    @Test
    void onlyAgentsWithTheSkillAreCandidates() {
        assertThat(names(Optional.of("support"))).containsExactly("Bob", "Carol");
    }

    @Test
    void longestIdleComesFirstAndWrapUpEndsByItself() {
        directory.callStarted("Alice");
        assertThat(names(Optional.empty())).containsExactly("Bob", "Carol");
        directory.callEnded("Alice");
        assertThat(directory.find("Alice").orElseThrow().availability()).isEqualTo(Availability.WRAP_UP);

        now = now.plusSeconds(10);
        directory.callStarted("Bob");
        directory.callEnded("Bob");
        now = now.plusSeconds(31);

        assertThat(directory.find("Alice").orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(names(Optional.of("sales"))).containsExactly("Alice", "Bob");
        assertThat(names(Optional.empty())).containsExactly("Carol", "Alice", "Bob");
    }

    @Test
    void awayAndOfflineAgentsAreNotOffered() {
        directory.set("Alice", Availability.AWAY);
        directory.set("Bob", Availability.OFFLINE);

        assertThat(names(Optional.empty())).containsExactly("Carol");
    }

    @Test
    void changesAreReportedToListeners() {
        List<AgentDirectory.AgentStatus> seen = new ArrayList<>();
        directory.onChange(seen::add);

        directory.set("Carol", Availability.AWAY);

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("Carol");
            assertThat(s.availability()).isEqualTo(Availability.AWAY);
        });
    }

    @Test
    void unknownAgentsAndOnCallByHandAreRejected() {
        assertThatThrownBy(() -> directory.set("Mallory", Availability.AWAY))
                .hasMessageContaining("unknown agent: Mallory");
        assertThatThrownBy(() -> directory.set("Alice", Availability.ON_CALL))
                .hasMessageContaining("on_call");
        assertThatThrownBy(() -> Availability.parse("busy")).hasMessageContaining("invalid availability: busy");
    }
}
