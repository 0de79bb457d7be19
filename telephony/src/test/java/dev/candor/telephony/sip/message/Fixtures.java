package dev.candor.telephony.sip.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Realistic SIP messages under src/test/resources/sip, read as bytes. */
final class Fixtures {
  static final List<String> ALL = List.of("invite.sip", "options.sip", "bye.sip", "cancel.sip", "ok200.sip");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sip/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /sip/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A message written with LF line ends in the test, sent with CRLF. */
  static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }
}
