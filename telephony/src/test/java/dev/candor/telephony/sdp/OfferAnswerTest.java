package dev.candor.telephony.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3264 offer/answer for G.711 and RFC 4733 telephone-event. */
class OfferAnswerTest {
  private static final List<AudioCodec> BOTH = List.of(AudioCodec.PCMU, AudioCodec.PCMA);

  private static SessionDescription sdp(String mediaSection) {
    return SessionDescription.parse("v=0\no=alice 2890844526 2890844526 IN IP4 198.51.100.7\ns=-\n"
        + "c=IN IP4 198.51.100.7\nt=0 0\n" + mediaSection).orElseThrow();
  }

  private static Negotiation.Accepted accepted(Negotiation n) {
    assertThat(n).isInstanceOf(Negotiation.Accepted.class);
    return (Negotiation.Accepted) n;
  }

  @Test
  void picksTheFirstSupportedCodecInTheCallersOrder() {
    Negotiation.Accepted pcma = accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 8 0\n"), BOTH, "203.0.113.20", 40000, 7));
    Negotiation.Accepted pcmu = accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0 8\n"), List.of(AudioCodec.PCMA, AudioCodec.PCMU), "203.0.113.20", 40000, 7));

    assertThat(pcma.media().codec()).isEqualTo(AudioCodec.PCMA);
    assertThat(pcma.sdp().media().get(0).formats()).containsExactly(8);
    assertThat(pcmu.media().codec()).isEqualTo(AudioCodec.PCMU);
  }

  @Test
  void skipsUnsupportedCodecsAndMatchesDynamicRtpMapsByName() {
    Negotiation.Accepted a = accepted(OfferAnswer.answer(
        sdp("m=audio 49170 RTP/AVP 96 18 97\na=rtpmap:96 opus/48000/2\na=rtpmap:18 G729/8000\na=rtpmap:97 pcma/8000\n"),
        BOTH, "203.0.113.20", 40000, 7));

    assertThat(a.media().codec()).isEqualTo(AudioCodec.PCMA);
    assertThat(a.media().codecPayloadType()).isEqualTo(97);
    assertThat(a.sdp().toString()).contains("m=audio 40000 RTP/AVP 97\r\na=rtpmap:97 PCMA/8000\r\n");
  }

  @Test
  void telephoneEventIsCarriedWithTheOfferersPayloadType() {
    Negotiation.Accepted a = accepted(OfferAnswer.answer(
        sdp("m=audio 49170 RTP/AVP 0 96\na=rtpmap:96 telephone-event/8000\na=fmtp:96 0-15\n"),
        BOTH, "203.0.113.20", 40000, 7));

    assertThat(a.media().telephoneEventPayloadType()).isEqualTo(96);
    assertThat(a.sdp().toString()).contains("m=audio 40000 RTP/AVP 0 96\r\n", "a=rtpmap:96 telephone-event/8000\r\n",
        "a=fmtp:96 0-16\r\n", "a=ptime:20\r\n", "a=sendrecv\r\n");
  }

  @Test
  void noTelephoneEventWhenNotOffered() {
    Negotiation.Accepted a = accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0\n"), BOTH, "203.0.113.20", 40000, 7));

    assertThat(a.media().telephoneEventPayloadType()).isEqualTo(-1);
    assertThat(a.sdp().toString()).doesNotContain("telephone-event");
  }

  @Test
  void onlyG729IsNotAcceptable() {
    Negotiation n = OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 18\na=rtpmap:18 G729/8000\n"), BOTH, "203.0.113.20", 40000, 7);

    assertThat(n).isInstanceOfSatisfying(Negotiation.NotAcceptable.class,
        r -> assertThat(r.reason()).contains("no common codec", "G729"));
  }

  @Test
  void offerWithoutAudioIsNotAcceptable() {
    Negotiation n = OfferAnswer.answer(sdp("m=video 49170 RTP/AVP 31\nm=audio 0 RTP/AVP 0\n"), BOTH, "203.0.113.20", 40000, 7);

    assertThat(n).isInstanceOfSatisfying(Negotiation.NotAcceptable.class,
        r -> assertThat(r.reason()).contains("no audio stream"));
  }

  @Test
  void directionIsReversed() {
    assertThat(accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0\na=sendonly\n"), BOTH, "h", 40000, 7))
        .media().direction()).isEqualTo(Direction.RECVONLY);
    assertThat(accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0\na=recvonly\n"), BOTH, "h", 40000, 7))
        .sdp().media().get(0).direction()).isEqualTo(Direction.SENDONLY);
    assertThat(accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0\na=inactive\n"), BOTH, "h", 40000, 7))
        .media().direction()).isEqualTo(Direction.INACTIVE);
  }

  @Test
  void oldStyleHoldWithZeroAddressIsAcceptedWithoutSending() {
    SessionDescription hold = SessionDescription.parse(
        "v=0\no=a 1 2 IN IP4 h\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 49170 RTP/AVP 0\n").orElseThrow();
    SessionDescription holdSendonly = SessionDescription.parse(
        "v=0\no=a 1 2 IN IP4 h\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 49170 RTP/AVP 0\na=recvonly\n").orElseThrow();

    assertThat(accepted(OfferAnswer.answer(hold, BOTH, "h", 40000, 7)).media().direction()).isEqualTo(Direction.RECVONLY);
    assertThat(accepted(OfferAnswer.answer(holdSendonly, BOTH, "h", 40000, 7)).media().direction()).isEqualTo(Direction.INACTIVE);
  }

  @Test
  void mediaLevelConnectionWinsOverSessionLevel() {
    Negotiation.Accepted a = accepted(OfferAnswer.answer(
        sdp("m=audio 49170 RTP/AVP 0\nc=IN IP6 2001:db8::7\n"), BOTH, "203.0.113.20", 40000, 7));
    Negotiation.Accepted b = accepted(OfferAnswer.answer(sdp("m=audio 49170 RTP/AVP 0\n"), BOTH, "203.0.113.20", 40000, 7));

    assertThat(a.media().remoteAddress()).isEqualTo("2001:db8::7");
    assertThat(b.media().remoteAddress()).isEqualTo("198.51.100.7");
    assertThat(b.media().remotePort()).isEqualTo(49170);
  }

  @Test
  void answerKeepsEveryMLineAndRejectsTheOthersWithPortZero() {
    Negotiation.Accepted a = accepted(OfferAnswer.answer(
        sdp("m=video 51372 RTP/AVP 31\nm=audio 49170 RTP/AVP 0\nm=audio 49172 RTP/AVP 8\n"), BOTH, "203.0.113.20", 40000, 7));

    assertThat(a.sdp().media()).extracting(MediaDescription::port).containsExactly(0, 40000, 0);
    assertThat(a.sdp().media().get(0).formats()).containsExactly(31);
    assertThat(a.sdp().toString()).contains("m=video 0 RTP/AVP 31\r\n");
    assertThat(a.sdp().connectionAddress()).isEqualTo("203.0.113.20");
    assertThat(SessionDescription.parse(a.sdp().toString()).orElseThrow()).isEqualTo(a.sdp());
  }

  @Test
  void ownOfferListsCodecsAndTelephoneEvent() {
    SessionDescription offer = OfferAnswer.offer(List.of(AudioCodec.PCMA, AudioCodec.PCMU), 101, "203.0.113.20", 40000, 99);

    assertThat(offer.toString()).isEqualTo("v=0\r\no=candor 99 99 IN IP4 203.0.113.20\r\ns=Candor\r\n"
        + "c=IN IP4 203.0.113.20\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
    assertThatThrownBy(() -> OfferAnswer.offer(List.of(), 101, "h", 4000, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OfferAnswer.offer(BOTH, 50, "h", 4000, 1)).hasMessageContaining("50");
  }

  @Test
  void ownOfferAnsweredByAnotherAnswererIsAccepted() {
    SessionDescription offer = OfferAnswer.offer(BOTH, 101, "203.0.113.20", 40000, 99);
    Negotiation.Accepted theirs = accepted(OfferAnswer.answer(offer, List.of(AudioCodec.PCMA), "198.51.100.7", 5004, 5));

    Negotiation.Accepted ours = accepted(OfferAnswer.acceptAnswer(offer, theirs.sdp()));

    assertThat(ours.media().codec()).isEqualTo(AudioCodec.PCMA);
    assertThat(ours.media().telephoneEventPayloadType()).isEqualTo(101);
    assertThat(ours.media().remoteAddress()).isEqualTo("198.51.100.7");
    assertThat(ours.media().remotePort()).isEqualTo(5004);
    assertThat(ours.media().direction()).isEqualTo(Direction.SENDRECV);
  }

  @Test
  void answerWithACodecWeDidNotOfferIsNotAcceptable() {
    SessionDescription offer = OfferAnswer.offer(List.of(AudioCodec.PCMU), 101, "203.0.113.20", 40000, 99);

    assertThat(OfferAnswer.acceptAnswer(offer, sdp("m=audio 5004 RTP/AVP 8\n"))).isInstanceOf(Negotiation.NotAcceptable.class);
    assertThat(OfferAnswer.acceptAnswer(offer, sdp("m=audio 0 RTP/AVP 0\n"))).isInstanceOf(Negotiation.NotAcceptable.class);
    assertThat(OfferAnswer.acceptAnswer(offer, sdp("m=audio 5004 RTP/AVP 0\nm=video 0 RTP/AVP 31\n")))
        .isInstanceOf(Negotiation.NotAcceptable.class);
    assertThat(accepted(OfferAnswer.acceptAnswer(offer, sdp("m=audio 5004 RTP/AVP 0\na=sendonly\n"))).media().direction())
        .isEqualTo(Direction.RECVONLY);
  }
}
