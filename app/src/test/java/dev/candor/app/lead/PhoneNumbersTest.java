package dev.candor.app.lead;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {
    private final PhoneNumbers us = new PhoneNumbers("1");
    private final PhoneNumbers none = new PhoneNumbers("");

    @Test
    void typedNumbersBecomeE164() {
        assertThat(none.normalise("+1 (555) 555-0142")).contains("+15555550142");
        assertThat(none.normalise("0044 20 7946 0000")).contains("+442079460000");
        assertThat(new PhoneNumbers("44").normalise("020 7946 0000")).contains("+442079460000");
        assertThat(us.normalise("555.555.0142")).contains("+15555550142");
        assertThat(none.normalise("555 555 0142")).as("no country code to assume").isEmpty();
        assertThat(none.normalise("+1555")).as("too short").isEmpty();
        assertThat(none.normalise("alice")).isEmpty();
    }

    @Test
    void theNumberOfASipOrTelUriOrNameAddr() {
        assertThat(none.fromUri("sip:+15550100002@127.0.0.1:5061")).contains("+15550100002");
        assertThat(none.fromUri("\"Dana\" <sip:+1-555-010-0002@trunk;user=phone>;tag=x")).contains("+15550100002");
        assertThat(none.fromUri("<tel:+15550100002>, <sip:alice@example.com>")).contains("+15550100002");
        assertThat(none.fromUri("sip:alice@example.com")).isEmpty();
        assertThat(none.fromUri(null)).isEmpty();
    }

    @Test
    void aBadCountryCodeIsNamed() {
        assertThatThrownBy(() -> new PhoneNumbers("1234")).hasMessageContaining("\"1234\"").hasMessageContaining("1-3 digits");
    }
}
