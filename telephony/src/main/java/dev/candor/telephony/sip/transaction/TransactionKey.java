package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.Via;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies a transaction in a message (RFC 3261 §17.1.3, §17.2.3).
 *
 * @param branch the top Via branch; for an RFC 2543 request without the magic cookie, a stand-in made
 *     of Request-URI, Call-ID, From tag and CSeq number
 * @param sentBy the top Via sent-by, lower case (server transactions); empty for client transactions,
 *     whose branch Candor made unique itself
 * @param method the method that created the transaction: a CSeq method for responses, ACK counted as
 *     INVITE for requests
 */
public record TransactionKey(String branch, String sentBy, SipMethod method) {

    public TransactionKey {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(sentBy, "sentBy");
        Objects.requireNonNull(method, "method");
    }

    /** The key of the client transaction that sent {@code request}. */
    public static TransactionKey forClient(SipRequest request) {
        String branch = request.topVia().branch()
                .orElseThrow(() -> new IllegalArgumentException("request without a Via branch: " + request));
        return new TransactionKey(branch, "", request.cseq().method());
    }

    /**
     * §17.1.3: the client transaction a response belongs to, by the top Via branch and the CSeq method
     * (so the 200 to a CANCEL never reaches the INVITE's transaction). Empty without a branch.
     */
    public static Optional<TransactionKey> ofResponse(SipResponse response) {
        return response.topVia().branch().filter(b -> !b.isEmpty())
                .map(b -> new TransactionKey(b, "", response.cseq().method()));
    }

    /**
     * §17.2.3: the server transaction a request belongs to. A branch with the magic cookie is unique:
     * branch, sent-by and method (ACK as INVITE) decide. An RFC 2543 request is matched by its
     * Request-URI, Call-ID, From tag, CSeq number, method and top Via instead; the To tag is left out,
     * so that the ACK of a non-2xx (which carries the response's To tag) finds its INVITE.
     */
    public static TransactionKey forServer(SipRequest request) {
        return forServer(request, request.method());
    }

    /** As {@link #forServer(SipRequest)}, but for the transaction of {@code method} (a CANCEL looks for its INVITE). */
    public static TransactionKey forServer(SipRequest request, SipMethod method) {
        Via top = request.topVia();
        SipMethod matched = method.equals(SipMethod.ACK) ? SipMethod.INVITE : method;
        String sentBy = top.sentBy().toLowerCase(Locale.ROOT);
        Optional<String> branch = top.branch().filter(b -> b.startsWith(Via.MAGIC_COOKIE));
        if (branch.isPresent()) {
            return new TransactionKey(branch.get(), sentBy, matched);
        }
        String legacy = "rfc2543;" + top.branch().orElse("") + ";" + request.requestUri() + ";" + request.callId()
                + ";" + request.from().tag().orElse("") + ";" + request.cseq().sequence();
        return new TransactionKey(legacy, sentBy, matched);
    }

    /**
     * §8.2.2.2: the From tag, Call-ID and CSeq that make two requests "the same" for loop and merge
     * detection, whatever path they took.
     */
    static String mergeKey(SipMessage request) {
        return request.from().tag().orElse("") + "|" + request.callId() + "|" + request.cseq();
    }
}
