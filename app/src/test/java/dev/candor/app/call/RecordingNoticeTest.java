package dev.candor.app.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingNoticeTest {
    private static final String GREETING = "Hello, you're talking to Acme's AI assistant, not a person, "
            + "and you can ask for a person at any time. This call is recorded.";
    private static final String CONNECTING = "Of course. I'm connecting you to a person now.";

    @Test
    void aGreetingHeardInFullOwesNothing() {
        RecordingNotice notice = new RecordingNotice();
        assertThat(notice.beforeSaying(GREETING)).isEqualTo(GREETING);
        notice.playedInFull(GREETING);

        assertThat(notice.owed()).isFalse();
        assertThat(notice.beforeSaying(CONNECTING)).isEqualTo(CONNECTING);
    }

    @Test
    void aCallerWhoCutsTheGreetingOffHearsTheNoticeFirstInTheNextPrompt() {
        RecordingNotice notice = new RecordingNotice();
        notice.beforeSaying(GREETING);           // the caller presses 0 half a second in: never played in full

        assertThat(notice.owed()).isTrue();
        String next = notice.beforeSaying(CONNECTING);
        assertThat(next).isEqualTo("This call is recorded. " + CONNECTING);

        // Said sentence by sentence: the notice is its own first part.
        notice.playedInFull("This call is recorded.");
        assertThat(notice.owed()).isFalse();
        assertThat(notice.beforeSaying("Please hold.")).isEqualTo("Please hold.");
    }

    @Test
    void nothingIsOwedWhenTheCallIsNotRecorded() {
        RecordingNotice notice = new RecordingNotice();
        notice.beforeSaying("Hello, you're talking to Acme's AI assistant, not a person, and you can ask for a person at any time.");

        assertThat(notice.owed()).isFalse();
        assertThat(notice.beforeSaying(CONNECTING)).isEqualTo(CONNECTING);
    }
}
