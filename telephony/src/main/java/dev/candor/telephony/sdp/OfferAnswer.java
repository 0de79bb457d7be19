package dev.candor.telephony.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The RFC 3264 offer/answer model for one audio stream with G.711 and telephone-event (RFC 4733).
 * Pure functions; Candor's SDP always puts {@code c=} at session level, uses {@code a=ptime:20} and
 * {@code a=fmtp:<pt> 0-16} for events.
 */
public final class OfferAnswer {
  static final String TELEPHONE_EVENT = "telephone-event";
  static final String EVENTS_FMTP = "0-16";
  static final int PTIME_MILLIS = 20;

  private OfferAnswer() {}

  /**
   * Answers {@code offer} (RFC 3264 §6): accepts the first active RTP audio stream with the first
   * codec in the offerer's order that is in {@code supported}, carries telephone-event with the
   * offerer's payload type when offered, reverses the direction and rejects every other stream with
   * port 0.
   */
  public static Negotiation answer(SessionDescription offer, List<AudioCodec> supported, String localAddress,
      int localRtpPort, long sessionId) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(supported, "supported");
    checkLocal(localAddress, localRtpPort);
    int index = firstActiveAudio(offer);
    if (index < 0) {
      return new Negotiation.NotAcceptable("no audio stream in offer (expected m=audio <port> RTP/AVP)");
    }
    MediaDescription audio = offer.media().get(index);
    String remote = offer.connectionAddressFor(audio);
    if (remote == null) {
      return new Negotiation.NotAcceptable("no connection address (c=) for the audio stream");
    }
    Optional<Choice> choice = choose(audio, supported);
    if (choice.isEmpty()) {
      return new Negotiation.NotAcceptable("no common codec: offered " + describe(audio)
          + " (supported " + supported + ")");
    }
    int events = telephoneEvent(audio);
    Direction direction = audio.direction().reverse();
    if (isHoldAddress(remote)) {
      direction = direction.withoutSending();
    }
    MediaDescription answered = audioLine(audio.protocol(), localRtpPort, choice.get(), events, direction);
    List<MediaDescription> media = new ArrayList<>();
    for (int i = 0; i < offer.media().size(); i++) {
      media.add(i == index ? answered : offer.media().get(i).rejected());
    }
    SessionDescription sdp = new SessionDescription("candor", sessionId, sessionId, localAddress, "Candor",
        localAddress, media);
    return new Negotiation.Accepted(sdp, new MediaParameters(choice.get().codec(), choice.get().payloadType(),
        events, remote, audio.port(), direction));
  }

  /**
   * Candor's own offer: one sendrecv RTP/AVP audio stream with {@code codecs} in order of
   * preference and telephone-event under {@code telephoneEventPayloadType} (-1 for none).
   */
  public static SessionDescription offer(List<AudioCodec> codecs, int telephoneEventPayloadType,
      String localAddress, int localRtpPort, long sessionId) {
    if (codecs.isEmpty()) {
      throw new IllegalArgumentException("no codecs to offer (expected at least one)");
    }
    if (telephoneEventPayloadType != -1 && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
      throw new IllegalArgumentException("invalid telephone-event payload type: " + telephoneEventPayloadType
          + " (expected 96-127 or -1)");
    }
    checkLocal(localAddress, localRtpPort);
    List<Integer> formats = new ArrayList<>();
    List<RtpMap> maps = new ArrayList<>();
    for (AudioCodec codec : codecs) {
      formats.add(codec.payloadType());
      maps.add(codec.rtpMap(codec.payloadType()));
    }
    Map<Integer, String> fmtp = new LinkedHashMap<>();
    if (telephoneEventPayloadType >= 0) {
      formats.add(telephoneEventPayloadType);
      maps.add(new RtpMap(telephoneEventPayloadType, TELEPHONE_EVENT, 8000, 1));
      fmtp.put(telephoneEventPayloadType, EVENTS_FMTP);
    }
    MediaDescription audio = new MediaDescription("audio", localRtpPort, "RTP/AVP", formats, maps, fmtp,
        Direction.SENDRECV, null, OptionalInt.of(PTIME_MILLIS), List.of());
    return new SessionDescription("candor", sessionId, sessionId, localAddress, "Candor", localAddress, List.of(audio));
  }

  /**
   * Checks the answer to Candor's {@code offer} (RFC 3264 §7): same number of m-lines, the audio
   * stream not rejected, and a codec that was offered.
   */
  public static Negotiation acceptAnswer(SessionDescription offer, SessionDescription answer) {
    int index = firstActiveAudio(offer);
    if (index < 0) {
      return new Negotiation.NotAcceptable("our offer has no active audio stream");
    }
    if (answer.media().size() != offer.media().size()) {
      return new Negotiation.NotAcceptable("answer has " + answer.media().size() + " m-lines (expected "
          + offer.media().size() + ")");
    }
    MediaDescription ours = offer.media().get(index);
    MediaDescription theirs = answer.media().get(index);
    if (theirs.port() == 0 || !theirs.isRtpAudio()) {
      return new Negotiation.NotAcceptable("answer rejected the audio stream");
    }
    Optional<Choice> choice = chooseAnswered(ours, theirs);
    if (choice.isEmpty()) {
      return new Negotiation.NotAcceptable("answer chose no codec we offered: " + describe(theirs));
    }
    String remote = answer.connectionAddressFor(theirs);
    if (remote == null) {
      return new Negotiation.NotAcceptable("no connection address (c=) in the answer");
    }
    int events = telephoneEvent(theirs);
    if (events >= 0 && telephoneEvent(ours) != events) {
      events = -1;
    }
    Direction direction = theirs.direction().reverse();
    if (isHoldAddress(remote)) {
      direction = direction.withoutSending();
    }
    return new Negotiation.Accepted(answer, new MediaParameters(choice.get().codec(), choice.get().payloadType(),
        events, remote, theirs.port(), direction));
  }

  private record Choice(AudioCodec codec, int payloadType) {}

  private static int firstActiveAudio(SessionDescription sdp) {
    for (int i = 0; i < sdp.media().size(); i++) {
      MediaDescription m = sdp.media().get(i);
      if (m.isRtpAudio() && m.port() != 0) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Choice> choose(MediaDescription offered, List<AudioCodec> supported) {
    for (int pt : offered.formats()) {
      Optional<AudioCodec> codec = codecOf(offered, pt);
      if (codec.isPresent() && supported.contains(codec.get())) {
        return Optional.of(new Choice(codec.get(), pt));
      }
    }
    return Optional.empty();
  }

  private static Optional<Choice> chooseAnswered(MediaDescription ours, MediaDescription theirs) {
    for (int pt : theirs.formats()) {
      Optional<AudioCodec> codec = codecOf(theirs, pt);
      if (codec.isPresent() && ours.formats().contains(pt) && codecOf(ours, pt).equals(codec)) {
        return Optional.of(new Choice(codec.get(), pt));
      }
    }
    return Optional.empty();
  }

  private static Optional<AudioCodec> codecOf(MediaDescription m, int pt) {
    return m.effectiveRtpMap(pt)
        .filter(map -> map.clockRate() == 8000 && map.channels() == 1)
        .flatMap(map -> AudioCodec.forEncoding(map.encoding()));
  }

  private static int telephoneEvent(MediaDescription m) {
    for (int pt : m.formats()) {
      if (m.rtpMap(pt).filter(map -> map.matches(TELEPHONE_EVENT, 8000)).isPresent()) {
        return pt;
      }
    }
    return -1;
  }

  private static MediaDescription audioLine(String protocol, int port, Choice choice, int events, Direction direction) {
    List<Integer> formats = new ArrayList<>(List.of(choice.payloadType()));
    List<RtpMap> maps = new ArrayList<>(List.of(choice.codec().rtpMap(choice.payloadType())));
    Map<Integer, String> fmtp = new LinkedHashMap<>();
    if (events >= 0) {
      formats.add(events);
      maps.add(new RtpMap(events, TELEPHONE_EVENT, 8000, 1));
      fmtp.put(events, EVENTS_FMTP);
    }
    return new MediaDescription("audio", port, protocol, formats, maps, fmtp, direction, null,
        OptionalInt.of(PTIME_MILLIS), List.of());
  }

  /** RFC 3264 §8.4 (and RFC 2543 practice): a zero address means "do not send to me". */
  private static boolean isHoldAddress(String address) {
    return address.equals("0.0.0.0") || address.equals("::");
  }

  private static String describe(MediaDescription m) {
    List<String> out = new ArrayList<>();
    for (int pt : m.formats()) {
      out.add(m.effectiveRtpMap(pt).map(RtpMap::toString).orElse(Integer.toString(pt)));
    }
    return out.toString();
  }

  private static void checkLocal(String localAddress, int localRtpPort) {
    Objects.requireNonNull(localAddress, "localAddress");
    if (localRtpPort < 1 || localRtpPort > 65535) {
      throw new IllegalArgumentException("invalid RTP port: " + localRtpPort + " (expected 1-65535)");
    }
  }
}
