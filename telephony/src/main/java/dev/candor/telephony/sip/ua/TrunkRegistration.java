package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.limits.LogSafe;
import dev.candor.telephony.sip.message.CSeq;
import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.NameAddr;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.transaction.ClientTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionLayer;
import dev.candor.telephony.sip.transaction.TransactionTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Candor's registration at its trunk (RFC 3261 §10.2): REGISTER with Digest authentication, refreshed
 * before the granted expiry, retried with exponential backoff after a failure. One Call-ID and an
 * increasing CSeq across refreshes (§10.2.4). Runs on the SIP thread; {@link #status()} is safe from any.
 *
 * <p>Refresh: at 80 % of the granted expiry, but at least 30 s before it ends (half-way for expiries
 * of a minute or less). A 423 Interval Too Brief is retried at once with its Min-Expires (§10.3).
 */
public final class TrunkRegistration {
    private static final Logger log = LoggerFactory.getLogger(TrunkRegistration.class);

    /**
     * @param registrar the registrar's URI, e.g. {@code sip:trunk.example.com;transport=tcp}
     * @param user Candor's user at the trunk: the address of record is {@code sip:user@registrar-host}
     * @param expiry the expiry Candor asks for
     * @param retryMin the first backoff after a failure; doubled on every further failure
     * @param retryMax the longest backoff
     */
    public record Settings(SipUri registrar, String user, Duration expiry, Duration retryMin, Duration retryMax) {
        public Settings {
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(user, "user");
            if (user.isBlank()) {
                throw new IllegalArgumentException("invalid trunk user: blank (expected a user name)");
            }
            if (expiry.toSeconds() < 1) {
                throw new IllegalArgumentException("invalid registration expiry: " + expiry + " (expected >= 1 s)");
            }
            if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
                throw new IllegalArgumentException("invalid retry backoff: " + retryMin + " to " + retryMax
                        + " (expected 0 < min <= max)");
            }
        }
    }

    /** Where the registration stands. */
    public enum State { REGISTERING, REGISTERED, FAILED, STOPPED }

    /**
     * @param state where the registration stands
     * @param registeredUntil when the current binding ends, if the trunk granted one
     * @param lastError what went wrong last (cleared by success)
     * @param lastErrorAt when it went wrong (cleared with it)
     * @param consecutiveFailures failures since the last success
     */
    public record Status(State state, Optional<Instant> registeredUntil, Optional<String> lastError,
                         Optional<Instant> lastErrorAt, int consecutiveFailures) { }

    private final SipUserAgent ua;
    private final Settings settings;
    private final InetSocketAddress destination;
    private final InstantSource clock;
    private final String callId;
    private final String fromTag;
    private final NameAddr addressOfRecord;
    private long cseq;
    private long requestedSeconds;
    private int authAttempts;
    private int intervalRetries;
    private int failures;
    /** The REGISTER in flight (or last sent) and its client transaction. */
    private SipRequest current;
    private TransactionLayer.Client transaction;
    private SipScheduler.Cancellable timer = () -> { };
    private boolean stopped;
    /** Set while the Expires: 0 REGISTER of {@link #unregister()} is under way; completed when it ends. */
    private CompletableFuture<Void> unregistered;
    private volatile Status status = new Status(State.REGISTERING, Optional.empty(), Optional.empty(),
            Optional.empty(), 0);

    TrunkRegistration(SipUserAgent ua, Settings settings, InetSocketAddress destination, InstantSource clock) {
        this.ua = Objects.requireNonNull(ua, "ua");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callId = ua.newCallId();
        this.fromTag = ua.newTag();
        this.requestedSeconds = settings.expiry().toSeconds();
        SipUri registrar = settings.registrar();
        this.addressOfRecord = NameAddr.of(new SipUri(registrar.scheme(), settings.user(), registrar.host(), -1,
                java.util.Map.of(), java.util.Map.of()));
    }

    public Status status() {
        return status;
    }

    /** On the SIP thread: sends the first REGISTER. */
    void start() {
        sendRegister(null, null);
    }

    /**
     * On the SIP thread: stops refreshing and, if a binding is live, removes it with a REGISTER whose
     * Expires is 0 (§10.2.2), answering one challenge. The future completes when that transaction ends,
     * however it ends.
     */
    CompletableFuture<Void> unregister() {
        if (stopped || unregistered != null) {
            return unregistered != null ? unregistered : CompletableFuture.completedFuture(null);
        }
        timer.cancel();
        if (transaction != null) {
            transaction.terminate();
        }
        boolean live = status.registeredUntil().map(u -> u.isAfter(clock.instant())).orElse(false);
        if (!live) {
            stop();
            return CompletableFuture.completedFuture(null);
        }
        unregistered = new CompletableFuture<>();
        requestedSeconds = 0;
        authAttempts = 0;
        sendRegister(null, null);
        return unregistered;
    }

    private void finishUnregistering(Optional<String> error) {
        stop();
        status = new Status(State.STOPPED, error.isEmpty() ? Optional.empty() : status.registeredUntil(), error,
                error.isEmpty() ? Optional.empty() : Optional.of(clock.instant()), failures);
        unregistered.complete(null);
    }

    /** On the SIP thread: stops refreshing (the binding runs out at the trunk). */
    void stop() {
        stopped = true;
        timer.cancel();
        if (transaction != null) {
            transaction.terminate();
        }
        status = new Status(State.STOPPED, status.registeredUntil(), status.lastError(), status.lastErrorAt(),
                failures);
    }

    private void sendRegister(String authHeader, DigestCredentials credentials) {
        if (stopped) {
            return;
        }
        SipUri contact = ua.contactUri();
        Optional<String> transport = settings.registrar().parameter("transport");
        if (transport.isPresent()) {
            contact = contact.withParameter("transport", transport.get());
        }
        SipRequest.Builder builder = SipRequest.builder(SipMethod.REGISTER, settings.registrar())
                .header("Via", ua.newVia().toString())
                .header("Max-Forwards", "70")
                .header("From", addressOfRecord.withTag(fromTag).toString())
                .header("To", addressOfRecord.toString())
                .header("Call-ID", callId)
                .header("CSeq", CSeq.of(++cseq, SipMethod.REGISTER).toString())
                .header("Contact", "<" + contact + ">")
                .header("Expires", Long.toString(requestedSeconds))
                .header("User-Agent", ua.settings().userAgent());
        ua.outboundRoute().ifPresent(route -> builder.header("Route", route));
        if (authHeader != null) {
            builder.header(authHeader, credentials.toString());
        }
        SipRequest register = builder.build();
        current = register;
        // §17.1.2.2: the transaction retransmits on Timer E (T1 doubling to T2, UDP only); Timer F gives
        // up after 64 × T1.
        transaction = ua.sendRequest(register, destination, new ClientTransactionUser() {
            @Override
            public void onResponse(SipResponse response) {
                TrunkRegistration.this.onResponse(response, register);
            }

            @Override
            public void onTimeout(TransactionTimer timer) {
                if (!stopped && register == current) {
                    fail("no response from the registrar (Timer " + timer + ")");
                }
            }
        });
        if (!status.state().equals(State.REGISTERED)) {
            status = new Status(State.REGISTERING, status.registeredUntil(), status.lastError(),
                    status.lastErrorAt(), failures);
        }
    }

    private void onResponse(SipResponse response, SipRequest register) {
        if (stopped || register != current || response.statusCode() < 200) {
            return; // provisional, or a final response to a REGISTER superseded meanwhile
        }
        int code = response.statusCode();
        if (unregistered != null) {
            if ((code == 401 || code == 407) && retryWithCredentials(response, register)) {
                return;
            }
            finishUnregistering(code < 300 ? Optional.empty()
                    : Optional.of("unregistering: " + code + " " + LogSafe.text(response.reasonPhrase())));
            return;
        }
        if (code >= 200 && code < 300) {
            onRegistered(response);
        } else if ((code == 401 || code == 407) && retryWithCredentials(response, register)) {
            return;
        } else if (code == 423 && minExpires(response).isPresent() && intervalRetries < 3) {
            requestedSeconds = minExpires(response).get();
            intervalRetries++;
            authAttempts = 0;
            sendRegister(null, null);
        } else {
            fail(code + " " + LogSafe.text(response.reasonPhrase()));
        }
    }

    private boolean retryWithCredentials(SipResponse response, SipRequest register) {
        Optional<DigestClient> client = ua.trunkCredentials();
        Optional<DigestChallenge> challenge = DigestClient.chooseChallenge(response);
        if (client.isEmpty() || challenge.isEmpty() || (authAttempts > 0 && !challenge.get().stale())
                || authAttempts >= 3) {
            return false;
        }
        authAttempts++;
        DigestCredentials credentials = client.get().answer(challenge.get(), SipMethod.REGISTER.name(),
                register.requestUri().toString(), 1);
        sendRegister(DigestClient.credentialsHeader(response.statusCode()), credentials);
        return true;
    }

    private void onRegistered(SipResponse response) {
        long granted = grantedSeconds(response);
        authAttempts = 0;
        intervalRetries = 0;
        failures = 0;
        Instant until = clock.instant().plusSeconds(granted);
        status = new Status(State.REGISTERED, Optional.of(until), Optional.empty(), Optional.empty(), 0);
        log.info("registered at trunk {} for {} s", LogSafe.text(settings.registrar().host()), granted);
        Duration refresh = refreshDelay(granted);
        timer = ua.scheduler().schedule(() -> sendRegister(null, null), refresh);
    }

    private void fail(String error) {
        if (unregistered != null) {
            finishUnregistering(Optional.of("unregistering: " + error));
            return;
        }
        failures++;
        authAttempts = 0;
        intervalRetries = 0;
        Duration backoff = backoff(failures, settings.retryMin(), settings.retryMax());
        status = new Status(State.FAILED, status.registeredUntil().filter(u -> u.isAfter(clock.instant())),
                Optional.of(error), Optional.of(clock.instant()), failures);
        log.warn("registration at trunk {} failed: {} (attempt {}, retrying in {} s)",
                LogSafe.text(settings.registrar().host()), error, failures, backoff.toSeconds());
        timer = ua.scheduler().schedule(() -> sendRegister(null, null), backoff);
    }

    /** The expiry the registrar granted to Candor's Contact (§10.2.4), else Expires, else what was asked. */
    private long grantedSeconds(SipResponse response) {
        String ours = ua.contactUri().host() + ":" + ua.contactUri().port();
        for (NameAddr contact : response.contacts()) {
            Optional<String> expires = contact.parameter("expires");
            if (expires.isPresent() && (contact.uri().host() + ":" + contact.uri().port()).equals(ours)) {
                Optional<Long> seconds = seconds(expires.get());
                if (seconds.isPresent()) {
                    return seconds.get();
                }
            }
        }
        return response.headers().first("Expires").flatMap(TrunkRegistration::seconds).orElse(requestedSeconds);
    }

    private static Optional<Long> minExpires(SipResponse response) {
        return response.headers().first("Min-Expires").flatMap(TrunkRegistration::seconds);
    }

    private static Optional<Long> seconds(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(v));
    }

    /** When to refresh a binding granted for {@code seconds}: 80 %, but at least 30 s early; half for short ones. */
    static Duration refreshDelay(long seconds) {
        if (seconds <= 60) {
            return Duration.ofMillis(Math.max(1000, seconds * 500));
        }
        return Duration.ofSeconds(Math.min(seconds * 8 / 10, seconds - 30));
    }

    /** {@code min × 2^(failures-1)}, capped at {@code max}. */
    static Duration backoff(int failures, Duration min, Duration max) {
        int shift = Math.min(failures - 1, 20);
        Duration d = min.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }
}
