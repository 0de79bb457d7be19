package dev.candor.telephony.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4566 parsing and writing. */
class SessionDescriptionTest {

  static final String LINPHONE_OFFER = """
      v=0
      o=- 3912345678 3912345679 IN IP4 192.0.2.10
      s=Talk
      c=IN IP4 192.0.2.10
      b=AS:380
      t=0 0
      a=ice-pwd:whatever
      m=audio 7078 RTP/AVP 96 0 8 101
      a=rtpmap:96 opus/48000/2
      a=fmtp:96 useinbandfec=1
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-16
      a=ptime:20
      a=rtcp-fb:* trr-int 1000
      m=video 9078 RTP/AVP 97
      c=IN IP6 2001:db8::20
      a=rtpmap:97 VP8/90000
      a=sendonly
      """;

  @Test
  void parsesOriginConnectionMediaAndAttributesFromLfOnlyText() {
    SessionDescription sdp = SessionDescription.parse(LINPHONE_OFFER).orElseThrow();

    assertThat(sdp.originUser()).isEqualTo("-");
    assertThat(sdp.sessionId()).isEqualTo(3912345678L);
    assertThat(sdp.sessionVersion()).isEqualTo(3912345679L);
    assertThat(sdp.sessionName()).isEqualTo("Talk");
    assertThat(sdp.connectionAddress()).isEqualTo("192.0.2.10");
    assertThat(sdp.media()).hasSize(2);
    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.formats()).containsExactly(96, 0, 8, 101);
    assertThat(audio.rtpMap(96)).contains(new RtpMap(96, "opus", 48000, 2));
    assertThat(audio.effectiveRtpMap(8)).contains(new RtpMap(8, "PCMA", 8000, 1));
    assertThat(audio.fmtp()).containsEntry(101, "0-16").containsEntry(96, "useinbandfec=1");
    assertThat(audio.ptime()).isEqualTo(OptionalInt.of(20));
    assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
    assertThat(audio.otherAttributes()).containsExactly("rtcp-fb:* trr-int 1000");
    assertThat(audio.connectionAddress()).isNull();
    MediaDescription video = sdp.media().get(1);
    assertThat(video.connectionAddress()).isEqualTo("2001:db8::20");
    assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
  }

  @Test
  void serialisesWithCrlfAndParsesBackToTheSameValue() {
    SessionDescription sdp = SessionDescription.parse(LINPHONE_OFFER).orElseThrow();
    String wire = sdp.toString();

    assertThat(wire).startsWith("v=0\r\no=- 3912345678 3912345679 IN IP4 192.0.2.10\r\ns=Talk\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n");
    assertThat(wire).contains("m=audio 7078 RTP/AVP 96 0 8 101\r\na=rtpmap:96 opus/48000/2\r\n");
    assertThat(wire).contains("m=video 9078 RTP/AVP 97\r\nc=IN IP6 2001:db8::20\r\n");
    assertThat(wire.replace("\r\n", "")).doesNotContain("\n");
    assertThat(SessionDescription.parse(wire).orElseThrow()).isEqualTo(sdp);
  }

  @Test
  void sessionLevelDirectionAppliesToMediaWithoutTheirOwn() {
    SessionDescription sdp = SessionDescription.parse("v=0\no=a 1 1 IN IP4 h\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
        + "a=recvonly\nm=audio 4000 RTP/AVP 0\nm=audio 4002 RTP/AVP 0\na=inactive\n").orElseThrow();

    assertThat(sdp.media()).extracting(MediaDescription::direction).containsExactly(Direction.RECVONLY, Direction.INACTIVE);
  }

  @Test
  void connectionAddressDropsMulticastTtl() {
    SessionDescription sdp = SessionDescription.parse("v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\nc=IN IP4 224.2.1.1/127\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n")
        .orElseThrow();

    assertThat(sdp.connectionAddress()).isEqualTo("224.2.1.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "v=1\no=a 1 1 IN IP4 h\nc=IN IP4 1.2.3.4\nm=audio 1 RTP/AVP 0",
      "v=0\nc=IN IP4 1.2.3.4\nm=audio 1 RTP/AVP 0",
      "v=0\no=a 1 1 IN IP4 h\ns=-\nm=audio 4000 RTP/AVP 0",
      "v=0\no=a 1 1 IN IP4 h\ns=-\nc=IN IP4 1.2.3.4\nm=audio 99999 RTP/AVP 0",
      "v=0\no=a 1 1 IN IP4 h\ns=-\nc=IN XX 1.2.3.4\nm=audio 4000 RTP/AVP 0",
      "v=0\no=a x 1 IN IP4 h\ns=-\nc=IN IP4 1.2.3.4\nm=audio 4000 RTP/AVP 0",
      "v=0\no=a 1 1 IN IP4 h\ns=-\nc=IN IP4 1.2.3.4\nm=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU"})
  void rejectsSdpWithoutTheEssentials(String text) {
    assertThat(SessionDescription.parse(text).error()).isPresent();
  }

  @Test
  void inactiveAudioWithPortZeroNeedsNoConnection() {
    assertThat(SessionDescription.parse("v=0\no=a 1 1 IN IP4 h\ns=-\nt=0 0\nm=audio 0 RTP/AVP 0\n").isOk()).isTrue();
  }

  @Test
  void rtpMapAndDirectionBasics() {
    assertThat(RtpMap.parse("101 telephone-event/8000").orElseThrow()).hasToString("101 telephone-event/8000");
    assertThat(RtpMap.parse("96 opus/48000/2").orElseThrow().channels()).isEqualTo(2);
    assertThat(RtpMap.parse("300 x/8000").isOk()).isFalse();
    assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.RECVONLY.reverse()).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.SENDRECV.reverse()).isEqualTo(Direction.SENDRECV);
    assertThat(Direction.INACTIVE.attribute()).isEqualTo("inactive");
    assertThat(AudioCodec.PCMA.payloadType()).isEqualTo(8);
    assertThat(AudioCodec.PCMU.clockRateHz()).isEqualTo(8000);
  }
}
