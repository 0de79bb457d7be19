package dev.candor.telephony.sip.message;

import java.util.Map;

/** Standard reason phrases: RFC 3261 §21 plus 199, 204, 422, 488, 489, 491, 494 and 580. */
final class ReasonPhrases {
  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(181, "Call Is Being Forwarded"),
      Map.entry(182, "Queued"), Map.entry(183, "Session Progress"), Map.entry(199, "Early Dialog Terminated"),
      Map.entry(200, "OK"), Map.entry(202, "Accepted"), Map.entry(204, "No Notification"),
      Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"),
      Map.entry(302, "Moved Temporarily"), Map.entry(305, "Use Proxy"), Map.entry(380, "Alternative Service"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(413, "Request Entity Too Large"),
      Map.entry(414, "Request-URI Too Long"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Unsupported URI Scheme"), Map.entry(420, "Bad Extension"),
      Map.entry(421, "Extension Required"), Map.entry(422, "Session Interval Too Small"),
      Map.entry(423, "Interval Too Brief"), Map.entry(480, "Temporarily Unavailable"),
      Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(482, "Loop Detected"),
      Map.entry(483, "Too Many Hops"), Map.entry(484, "Address Incomplete"), Map.entry(485, "Ambiguous"),
      Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"), Map.entry(489, "Bad Event"), Map.entry(491, "Request Pending"),
      Map.entry(493, "Undecipherable"), Map.entry(494, "Security Agreement Required"),
      Map.entry(500, "Server Internal Error"), Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Server Time-out"), Map.entry(505, "Version Not Supported"),
      Map.entry(513, "Message Too Large"), Map.entry(580, "Precondition Failure"),
      Map.entry(600, "Busy Everywhere"), Map.entry(603, "Decline"),
      Map.entry(604, "Does Not Exist Anywhere"), Map.entry(606, "Not Acceptable"));

  private ReasonPhrases() {}

  static String of(int code) {
    String phrase = PHRASES.get(code);
    if (phrase != null) {
      return phrase;
    }
    return switch (code / 100) {
      case 1 -> "Provisional";
      case 2 -> "Success";
      case 3 -> "Redirection";
      case 4 -> "Client Error";
      case 5 -> "Server Error";
      case 6 -> "Global Failure";
      default -> throw new IllegalArgumentException("invalid status code: " + code + " (expected 100-699)");
    };
  }
}
