package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VoskJsonTest {

    private final VoskJson json = new VoskJson();

    @Test
    void readsAPartial() {
        assertThat(json.partial("{\n  \"partial\" : \"hello wor\"\n}"))
                .contains(new RecognitionEvent.Partial("hello wor"));
    }

    @Test
    void readsThePartialsWordsWhenPartialWordsAreEnabled() {
        String partial = """
                {
                  "partial" : "hello wor",
                  "partial_result" : [{
                      "conf" : 0.750000,
                      "end" : 0.600000,
                      "start" : 0.300000,
                      "word" : "hello"
                    }]
                }""";

        RecognitionEvent.Partial heard = json.partial(partial).orElseThrow();

        assertThat(heard.text()).isEqualTo("hello wor");
        assertThat(heard.words()).containsExactly(new Word("hello", 0.75, 300, 600));
    }

    @Test
    void anEmptyPartialIsNoEvent() {
        assertThat(json.partial("{\"partial\" : \"\"}")).isEmpty();
    }

    @Test
    void readsAFinalWithWordsConfidenceAndMediaTimes() {
        String result =
                """
                {
                    "result" : [{
                            "conf" : 1.000000,
                            "end" : 1.110000,
                            "start" : 0.870000,
                            "word" : "hello"
                        }, {
                            "conf" : 0.800000,
                            "end" : 1.530000,
                            "start" : 1.110000,
                            "word" : "world"
                        }],
                    "text" : "hello world"
                }
                """;

        RecognitionEvent.Final event = json.finalResult(result, 0, 2000).orElseThrow();

        assertThat(event.text()).isEqualTo("hello world");
        assertThat(event.confidence()).isCloseTo(0.9, within(1e-9));
        assertThat(event.startMillis()).isEqualTo(870);
        assertThat(event.endMillis()).isEqualTo(1530);
        assertThat(event.words())
                .containsExactly(new Word("hello", 1.0, 870, 1110), new Word("world", 0.8, 1110, 1530));
    }

    @Test
    void aFinalWithoutWordTimesSpansTheSegmentWithZeroConfidence() {
        RecognitionEvent.Final event =
                json.finalResult("{\"text\" : \"yes\"}", 1200, 2400).orElseThrow();

        assertThat(event).isEqualTo(new RecognitionEvent.Final("yes", 0, 1200, 2400, java.util.List.of()));
    }

    @Test
    void anEmptyFinalIsNoEvent() {
        assertThat(json.finalResult("{\"text\" : \"\"}", 0, 100)).isEmpty();
    }

    @Test
    void malformedJsonFailsQuotingIt() {
        assertThatThrownBy(() -> json.partial("{\"partial\": "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{\"partial\": ");
    }

    @Test
    void aWordWithoutTimesFailsNamingTheWord() {
        assertThatThrownBy(() -> json.finalResult("{\"result\":[{\"word\":\"hi\"}],\"text\":\"hi\"}", 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"hi\"");
    }
}
