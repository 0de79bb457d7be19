package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing escapes {@link SipParser#parse} as an exception: every truncation of every fixture (and
 * of the RFC 4475/5118 vectors when present), random bytes, and fixtures with random bytes flipped.
 */
class SipParserRobustnessTest {
  private static final SipDecoderConfig CONFIG = SipDecoderConfig.defaults();

  private static List<byte[]> corpus() throws IOException {
    List<byte[]> corpus = new ArrayList<>();
    Fixtures.ALL.forEach(name -> corpus.add(Fixtures.bytes(name)));
    String dir = System.getProperty("candor.sipVectors");
    if (dir != null && Files.isDirectory(Path.of(dir))) {
      try (Stream<Path> files = Files.walk(Path.of(dir))) {
        for (Path p : files.filter(p -> p.toString().endsWith(".dat")).toList()) {
          corpus.add(Files.readAllBytes(p));
        }
      }
    }
    return corpus;
  }

  private static int parse(byte[] data, int offset, int length) {
    SipParseResult result = SipParser.parse(data, offset, length, CONFIG);
    assertThat(result).isNotNull();
    if (result instanceof SipParseResult.Parsed parsed) {
      // a parsed message's typed accessors and serialisation must not throw either
      SipMessage m = parsed.message();
      m.vias();
      m.from();
      m.to();
      m.cseq();
      m.maxForwards();
      m.contacts();
      m.toBytes();
      return 1;
    }
    ((SipParseResult.Invalid) result).response().ifPresent(SipResponse::toBytes);
    return 0;
  }

  @Test
  void everyTruncationOfEveryMessageParsesOrFailsWithoutThrowing() throws IOException {
    int parsedCount = 0;
    int total = 0;
    for (byte[] message : corpus()) {
      for (int length = 0; length <= message.length; length++) {
        parsedCount += parse(message, 0, length);
        parsedCount += parse(message, message.length - length, length);
        total += 2;
      }
    }
    assertThat(total).isGreaterThan(5000);
    assertThat(parsedCount).as("full messages and body truncations still parse").isPositive();
  }

  @Test
  void randomBytesNeverThrow() {
    SplittableRandom random = new SplittableRandom(20260101L);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      for (int j = 0; j < junk.length; j++) {
        junk[j] = (byte) random.nextInt(256);
      }
      parse(junk, 0, junk.length);
    }
  }

  @Test
  void fixturesWithRandomlyMutatedBytesNeverThrow() throws IOException {
    SplittableRandom random = new SplittableRandom(42L);
    byte[] alphabet = " \t\r\n:;,<>\"\\@[]%=/?0Zz\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (byte[] message : corpus()) {
      for (int round = 0; round < 300; round++) {
        byte[] copy = message.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          copy[random.nextInt(copy.length)] = random.nextBoolean()
              ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
        }
        parse(copy, 0, copy.length);
      }
    }
  }
}
