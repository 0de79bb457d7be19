package dev.candor.app.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void masksTheUserPartOfAPhoneNumber() {
        assertThat(Redaction.uri("sip:+15551234567@host")).isEqualTo("sip:+15******567@host");
    }

    @Test
    void aLogLineGetsTheMaskedUriWithSeparatorsTraversalsAndControlCharactersEscaped() {
        String hostile = "sip:../../etc/passwd;rm&x'--\r\nforged\u0000@127.0.0.1;transport=udp";

        String logged = Redaction.forLog(hostile);

        assertThat(logged).doesNotContain("../", ";", "&", "'", "\r", "\n", "\u0000")
                .startsWith("sip:..\\x2f")
                .endsWith("@127.0.0.1\\x3btransport=udp");
    }
}
