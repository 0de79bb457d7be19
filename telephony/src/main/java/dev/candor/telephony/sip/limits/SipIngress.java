package dev.candor.telephony.sip.limits;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipResponse;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every transport does with one framed message (a datagram, or a stream frame cut by
 * Content-Length): rate-limit its source, parse it, and decide. A banned source's bytes are not even
 * parsed; a limited request gets 503 with Retry-After; a malformed request whose headers allow it gets
 * 400 (or 505); everything else malformed is dropped and counted. Pure apart from the limiter's clock.
 */
public final class SipIngress {
    /** The decision for one message. */
    public sealed interface Outcome {
        /** Pass the message to the user agent. */
        record Deliver(SipMessage message) implements Outcome { }

        /** Send this response back to the source and do nothing else. */
        record Reply(SipResponse response, Reason reason) implements Outcome { }

        /** Ignore the message. */
        record Drop(Reason reason, String detail) implements Outcome { }
    }

    /** Why a message was answered by the transport or dropped. */
    public enum Reason { MALFORMED, RATE_LIMITED, BANNED }

    private final SipDecoderConfig decoderConfig;
    private final SourceRateLimiter limiter;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong answeredBadRequests = new AtomicLong();
    private final AtomicLong answeredRateLimited = new AtomicLong();

    public SipIngress(SipDecoderConfig decoderConfig, SourceRateLimiter limiter) {
        this.decoderConfig = Objects.requireNonNull(decoderConfig, "decoderConfig");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    public SipDecoderConfig decoderConfig() {
        return decoderConfig;
    }

    public SourceRateLimiter limiter() {
        return limiter;
    }

    public Outcome accept(byte[] data, int offset, int length, InetSocketAddress source) {
        SourceRateLimiter.Decision decision = limiter.check(source.getAddress());
        if (decision == SourceRateLimiter.Decision.BANNED) {
            dropped.incrementAndGet();
            return new Outcome.Drop(Reason.BANNED, "source banned");
        }
        SipParseResult result = SipParser.parse(data, offset, length, decoderConfig);
        if (result instanceof SipParseResult.Parsed parsed) {
            if (decision == SourceRateLimiter.Decision.ALLOW) {
                return new Outcome.Deliver(parsed.message());
            }
            if (parsed.message() instanceof SipRequest request && !request.method().equals(SipMethod.ACK)) {
                answeredRateLimited.incrementAndGet();
                return new Outcome.Reply(SipResponse.to(request, 503)
                        .withHeader("Retry-After", Long.toString(limiter.limits().retryAfterSeconds())),
                        Reason.RATE_LIMITED);
            }
            dropped.incrementAndGet();
            return new Outcome.Drop(Reason.RATE_LIMITED, "over the rate limit");
        }
        SipParseResult.Invalid invalid = (SipParseResult.Invalid) result;
        if (invalid.response().isPresent() && decision == SourceRateLimiter.Decision.ALLOW) {
            answeredBadRequests.incrementAndGet();
            return new Outcome.Reply(invalid.response().get(), Reason.MALFORMED);
        }
        dropped.incrementAndGet();
        return new Outcome.Drop(Reason.MALFORMED, invalid.error().reason());
    }

    /** Messages dropped: malformed beyond answering, from a banned source, or limited non-requests. */
    public long dropped() {
        return dropped.get();
    }

    /** Malformed requests answered with 400 (or 505). */
    public long answeredBadRequests() {
        return answeredBadRequests.get();
    }

    /** Requests answered 503 because their source was over the rate limit. */
    public long answeredRateLimited() {
        return answeredRateLimited.get();
    }
}
