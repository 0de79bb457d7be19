package dev.candor.telephony.sdp;

import java.util.Objects;

/** The outcome of an offer/answer step. */
public sealed interface Negotiation {

  /** Agreed: the SDP to send (or the answer received) and the media parameters to use. */
  record Accepted(SessionDescription sdp, MediaParameters media) implements Negotiation {
    public Accepted {
      Objects.requireNonNull(sdp, "sdp");
      Objects.requireNonNull(media, "media");
    }
  }

  /** No acceptable media; a UAS answers 488 Not Acceptable Here with this reason. */
  record NotAcceptable(String reason) implements Negotiation {
    public NotAcceptable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
