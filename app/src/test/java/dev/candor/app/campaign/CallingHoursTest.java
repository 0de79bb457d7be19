package dev.candor.app.campaign;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calling hours are read in each lead's own time zone. */
class CallingHoursTest {
    private static final CallingHours WEEKDAYS_9_TO_5 = CallingHours.parse("09:00-17:00", "mon-fri");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void oneInstantIsInsideTheHoursForOneLeadAndOutsideForAnother() {
        Instant monday1500Utc = Instant.parse("2026-11-23T15:00:00Z"); // 10:00 New York, 00:00 Tuesday Tokyo

        assertThat(WEEKDAYS_9_TO_5.allows(monday1500Utc, NEW_YORK)).isTrue();
        assertThat(WEEKDAYS_9_TO_5.allows(monday1500Utc, LONDON)).isTrue();
        assertThat(WEEKDAYS_9_TO_5.allows(monday1500Utc, TOKYO)).isFalse();
        assertThat(WEEKDAYS_9_TO_5.nextOpening(monday1500Utc, TOKYO)).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void theEndIsExclusiveAndWeekendsWaitForMonday() {
        Instant friday1700London = Instant.parse("2026-11-27T17:00:00Z");

        assertThat(WEEKDAYS_9_TO_5.allows(friday1700London.minusSeconds(1), LONDON)).isTrue();
        assertThat(WEEKDAYS_9_TO_5.allows(friday1700London, LONDON)).isFalse();
        assertThat(WEEKDAYS_9_TO_5.nextOpening(friday1700London, LONDON)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void daylightSavingTimeMovesTheOpeningInUtc() {
        // New York is UTC-4 until 1 November 2026 and UTC-5 after.
        assertThat(WEEKDAYS_9_TO_5.nextOpening(Instant.parse("2026-10-30T03:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-10-30T13:00:00Z"));
        assertThat(WEEKDAYS_9_TO_5.nextOpening(Instant.parse("2026-11-02T03:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void daysAndHoursParseOrNameTheProblem() {
        assertThat(CallingHours.parseDays("sat-mon")).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY,
                DayOfWeek.MONDAY);
        assertThat(CallingHours.parseDays("all")).hasSize(7);
        assertThat(new CallingHours(LocalTime.of(9, 0), LocalTime.NOON, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                .describeDays()).isEqualTo("mon,fri");
        assertThatThrownBy(() -> CallingHours.parse("17:00-09:00", "mon-fri")).hasMessageContaining("17:00-09:00")
                .hasMessageContaining("expected a start before the end");
        assertThatThrownBy(() -> CallingHours.parse("9am-5pm", "mon-fri")).hasMessageContaining("\"9am-5pm\"")
                .hasMessageContaining("HH:MM-HH:MM");
        assertThatThrownBy(() -> CallingHours.parseDays("weekdays")).hasMessageContaining("\"weekdays\"");
    }
}
