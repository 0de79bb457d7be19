package dev.candor.dialog.qualification;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same conversations with the lead's name, gender, age and location swapped give the same score
 * and the same routing (handoff reason or none, end reason).
 */
class LeadScoreFlipTest {
    private static final List<Lead> PEOPLE = List.of(
            new Lead("Dana Reyes", "Reyes Logistics", "+15555550142", "female", 41, "Austin, Texas", "asked about our software", false),
            new Lead("Mohammed Al-Sayed", "Reyes Logistics", "+15555550142", "male", 67, "Bradford, England", "asked about our software", false),
            new Lead("Nguyen Thi Lan", "Reyes Logistics", "+15555550142", "non-binary", 23, "Hanoi, Vietnam", "asked about our software", false),
            new Lead("", "Reyes Logistics", "+15555550142", "", null, "", "asked about our software", false));

    static Stream<List<String>> conversations() {
        return Stream.of(
                List.of("yes", "we need to answer sales calls after hours", "about 20 people", "i decide",
                        "around $3000 a month", "as soon as possible", "yes", "tomorrow at 10 am", "no that's all"),
                List.of("yes", "we want better lead qualification", "it is too expensive", "my boss decides", "bye"),
                List.of("yes", "we have 300 agents"),
                List.of("not now", "thursday afternoon"),
                List.of("yes", "can i speak to a representative"));
    }

    @ParameterizedTest
    @MethodSource("conversations")
    void swappingProtectedAttributesChangesNeitherScoreNorRouting(List<String> lines) {
        List<String> outcomes = PEOPLE.stream().map(lead -> outcome(lead, lines)).distinct().toList();

        assertThat(outcomes).as("outcomes for the same words from different people").hasSize(1);
    }

    private static String outcome(Lead lead, List<String> lines) {
        ScriptedCall call = ScriptedCall.of(Scenario.outbound(lead));
        call.start();
        lines.forEach(call::say);
        call.send(new dev.candor.dialog.CallerEvent.Hangup());
        Optional<AgentAction.RecordScore> score = call.all().stream().filter(a -> a instanceof AgentAction.RecordScore)
                .map(a -> (AgentAction.RecordScore) a).findFirst();
        String handoff = call.all().stream().filter(a -> a instanceof AgentAction.Handoff)
                .map(a -> ((AgentAction.Handoff) a).reason().code()).findFirst().orElse("none");
        String end = call.all().stream().filter(a -> a instanceof AgentAction.EndCall)
                .map(a -> ((AgentAction.EndCall) a).reason()).findFirst().orElse("none");
        return "score=" + score.map(s -> s.score() + " " + s.reasons()).orElse("none") + " handoff=" + handoff + " end=" + end;
    }
}
