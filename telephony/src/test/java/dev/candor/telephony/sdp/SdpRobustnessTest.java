package dev.candor.telephony.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.ParseResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SessionDescription#parse} returns errors as values for any text, and answering never throws. */
class SdpRobustnessTest {
  private static final List<AudioCodec> BOTH = List.of(AudioCodec.PCMU, AudioCodec.PCMA);

  private static void parseAndAnswer(String text) {
    ParseResult<SessionDescription> result = SessionDescription.parse(text);
    result.value().ifPresent(sdp -> {
      assertThat(OfferAnswer.answer(sdp, BOTH, "203.0.113.20", 40000, 1)).isNotNull();
      assertThat(SessionDescription.parse(sdp.toString()).orElseThrow()).isEqualTo(sdp);
    });
  }

  @Test
  void everyTruncationOfAnOfferParsesOrFailsWithoutThrowing() {
    String offer = SessionDescriptionTest.LINPHONE_OFFER;
    for (int i = 0; i <= offer.length(); i++) {
      parseAndAnswer(offer.substring(0, i));
      parseAndAnswer(offer.substring(i));
    }
  }

  @Test
  void randomlyMutatedOffersNeverThrow() {
    SplittableRandom random = new SplittableRandom(3264);
    String alphabet = " \n\r=:/0123456789amcov-";
    for (int round = 0; round < 5000; round++) {
      char[] chars = SessionDescriptionTest.LINPHONE_OFFER.toCharArray();
      for (int k = 0; k < 1 + random.nextInt(5); k++) {
        chars[random.nextInt(chars.length)] = random.nextBoolean()
            ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) random.nextInt(0x300);
      }
      parseAndAnswer(new String(chars));
    }
  }
}
