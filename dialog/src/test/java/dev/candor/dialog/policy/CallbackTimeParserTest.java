package dev.candor.dialog.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackTimeParserTest {
    /** Monday 23 November 2026, 10:00 in New York. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("America/New_York"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tomorrow at 3 pm|2026-11-24T15:00",
            "tomorrow at three|2026-11-24T15:00",
            "tuesday at 10am|2026-11-24T10:00",
            "friday morning|2026-11-27T09:00",
            "this afternoon|2026-11-23T14:00",
            "at 4:30 pm|2026-11-23T16:30",
            "in two hours|2026-11-23T12:00",
            "in 30 minutes|2026-11-23T10:30",
            "next week|2026-11-30T10:00",
            "december 3rd at 9 am|2026-12-03T09:00",
            "the 5th of january|2027-01-05T10:00",
            "monday at noon|2026-11-30T12:00",
            "at 9|2026-11-24T09:00"})
    void namedTimesBecomeDateTimesInTheCallersZone(String said, String expected) {
        assertThat(CallbackTimeParser.parse(said, NOW)).hasValue(
                java.time.LocalDateTime.parse(expected).atZone(NOW.getZone()));
    }

    @ParameterizedTest
    @CsvSource({"we have 40 agents", "sometime maybe", "i don't know"})
    void wordsWithoutATimeGiveNothing(String said) {
        assertThat(CallbackTimeParser.parse(said, NOW)).isEmpty();
    }
}
