package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.TransferListener;
import dev.candor.telephony.sip.message.SipFrag;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.transaction.ClientTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One REFER sent inside a leg's dialog (RFC 3515) and the implicit subscription it creates: the REFER's
 * client transaction (retransmitted per Timer E until a final response, Timer F gives up), then the
 * NOTIFYs ({@code Event: refer}, a {@code message/sipfrag} body) each answered 200, until a final status
 * or {@code Subscription-State: terminated}. Runs on the SIP thread; the listener hears about it on the
 * leg's event thread.
 */
final class ReferTransfer {
    private static final Logger log = LoggerFactory.getLogger(ReferTransfer.class);
    /** How long Candor waits, once the REFER is accepted, for the NOTIFY with the final status. */
    static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(120);

    /** RFC 3515's subscription, named as in RFC 6665 §4.1.2: pending until accepted, then active. */
    enum State { REFERRING, ACTIVE, TERMINATED }

    private final SipLeg leg;
    private final SipUri target;
    private final TransferListener listener;
    private State state = State.REFERRING;
    private long referCseq;
    private SipScheduler.Cancellable outcomeTimer;

    ReferTransfer(SipLeg leg, SipUri target, TransferListener listener) {
        this.leg = Objects.requireNonNull(leg, "leg");
        this.target = Objects.requireNonNull(target, "target");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    State state() {
        return state;
    }

    /** Sends the REFER: Refer-To the target, Referred-By Candor's side of the dialog (RFC 3892). */
    void start() {
        SipUserAgent ua = leg.ua;
        SipRequest refer = leg.newInDialogRequest(SipMethod.REFER)
                .header("Refer-To", "<" + target + ">")
                .header("Referred-By", "<" + leg.localParty.uri() + ">")
                .header("Contact", "<" + ua.contactUri() + ">")
                .build();
        referCseq = refer.cseq().sequence();
        InetSocketAddress destination = leg.inDialogDestination();
        log.info("call {}: REFER to {}", leg.id(), target);
        ua.sendRequest(refer, destination, new ClientTransactionUser() {
            @Override
            public void onResponse(SipResponse response) {
                onReferResponse(response);
            }

            @Override
            public void onTimeout(TransactionTimer timer) {
                if (state == State.REFERRING) {
                    finish("REFER timed out", l -> l.onRefused(408));
                }
            }
        });
    }

    private void onReferResponse(SipResponse response) {
        if (response.statusCode() < 200) {
            return;
        }
        if (state != State.REFERRING) {
            return; // a retransmitted final response, or a NOTIFY got here first
        }
        int status = response.statusCode();
        if (response.isSuccess()) {
            activate(status);
        } else {
            finish("REFER refused with " + status, l -> l.onRefused(status));
        }
    }

    private void activate(int status) {
        state = State.ACTIVE;
        leg.runOnEvents(() -> listener.onAccepted(status));
        outcomeTimer = leg.ua.scheduler().schedule(() -> {
            if (state == State.ACTIVE) {
                finish("no final NOTIFY within " + OUTCOME_TIMEOUT, l -> l.onFailed(408));
            }
        }, OUTCOME_TIMEOUT);
    }

    /** A NOTIFY in the leg's dialog while this transfer is the leg's subscription. */
    void onNotify(SipRequest notify, InetSocketAddress source) {
        SipUserAgent ua = leg.ua;
        Optional<String> event = notify.headers().first("Event");
        if (event.isEmpty() || !eventPackage(event.get()).equals("refer")) {
            // RFC 6665 §4.1.3: an event package the subscriber did not subscribe to.
            ua.respond(notify, source, SipResponse.to(notify, 489).withHeader("Allow-Events", "refer"));
            return;
        }
        Optional<String> id = eventParameter(event.get(), "id");
        if (id.isPresent() && !id.get().equals(Long.toString(referCseq))) {
            ua.respond(notify, source, SipResponse.to(notify, 481));
            return;
        }
        ua.respond(notify, source, SipResponse.to(notify, 200));
        if (state == State.TERMINATED) {
            return;
        }
        if (state == State.REFERRING) {
            // The NOTIFY overtook the 202 (RFC 3515 §2.4.4 allows either order): the REFER was accepted.
            activate(202);
        }
        Optional<SipFrag> frag = notify.contentType().orElse("").toLowerCase(Locale.ROOT).startsWith("message/sipfrag")
                ? SipFrag.parse(new String(notify.body(), StandardCharsets.UTF_8)).value()
                : Optional.empty();
        boolean terminated = subscriptionState(notify).equals("terminated");
        if (frag.isPresent() && frag.get().isProvisional()) {
            int status = frag.get().statusCode();
            leg.runOnEvents(() -> listener.onTrying(status));
        } else if (frag.isPresent() && frag.get().isSuccess()) {
            int status = frag.get().statusCode();
            finish("transfer target answered " + status, l -> l.onSucceeded(status));
            leg.leaveAfterTransfer();
            return;
        } else if (frag.isPresent()) {
            int status = frag.get().statusCode();
            finish("transfer target answered " + status, l -> l.onFailed(status));
            return;
        }
        if (terminated) {
            finish("subscription terminated without a final status", l -> l.onFailed(0));
        }
    }

    private void finish(String why, java.util.function.Consumer<TransferListener> report) {
        state = State.TERMINATED;
        if (outcomeTimer != null) {
            outcomeTimer.cancel();
        }
        log.info("call {}: transfer to {}: {}", leg.id(), target, why);
        leg.runOnEvents(() -> report.accept(listener));
    }

    /** {@code refer;id=3} → {@code refer} (RFC 6665 §8.2.1: the event type, case-insensitive here). */
    static String eventPackage(String event) {
        int semicolon = event.indexOf(';');
        return (semicolon < 0 ? event : event.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static Optional<String> eventParameter(String header, String name) {
        String[] parts = header.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase(name)) {
                return Optional.of(kv.length == 2 ? kv[1].strip() : "");
            }
        }
        return Optional.empty();
    }

    /** {@code active;expires=60} → {@code active}; empty text when the header is missing. */
    private static String subscriptionState(SipRequest notify) {
        return eventPackage(notify.headers().first("Subscription-State").orElse(""));
    }
}
