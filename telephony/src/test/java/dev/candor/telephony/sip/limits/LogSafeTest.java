package dev.candor.telephony.sip.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void crLfAndNulCannotForgeALogLine() {
        assertThat(LogSafe.text("alice\r\nINFO forged\0")).isEqualTo("alice\\x0d\\x0aINFO forged\\x00");
    }

    @Test
    void shellAndQuerySeparatorsAreEscaped() {
        assertThat(LogSafe.text("1000&rm;x|y`z`$HOME<a>\"'")).doesNotContain("&", ";", "|", "`", "$", "<", ">", "\"", "'")
                .isEqualTo("1000\\x26rm\\x3bx\\x7cy\\x60z\\x60\\x24HOME\\x3ca\\x3e\\x22\\x27");
    }

    @Test
    void pathTraversalLosesItsSlash() {
        assertThat(LogSafe.text("../../etc/passwd")).isEqualTo("..\\x2f..\\x2fetc/passwd").doesNotContain("../");
    }

    @Test
    void ordinaryCallerIdsAndUrisPassUnchanged() {
        assertThat(LogSafe.text("sip:+4930123456@example.org:5060")).isEqualTo("sip:+4930123456@example.org:5060");
        assertThat(LogSafe.text("Zoë Müller")).isEqualTo("Zoë Müller");
    }

    @Test
    void longValuesAreCut() {
        assertThat(LogSafe.text("x".repeat(10_000))).hasSizeLessThan(LogSafe.MAX_CHARS + 30).endsWith("(10000 chars)");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
