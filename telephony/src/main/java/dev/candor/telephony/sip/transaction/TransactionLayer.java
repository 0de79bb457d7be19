package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.CancelTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.PassToTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionEffect.ReportTimeout;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.Terminate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The transaction layer: the tables of client and server transactions, matching (§17.1.3, §17.2.3),
 * and the adapter that carries out what the state machines ask for. Timers run on one
 * {@link TimerService}. Everything happens on the SIP thread; nothing here is thread-safe.
 */
public final class TransactionLayer {
    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

    private final TimerService timerService;
    private final MessageSender sender;
    private final TimerSettings settings;
    private final Map<TransactionKey, Client> clients = new HashMap<>();
    private final Map<TransactionKey, Server> servers = new HashMap<>();
    /** Live server transactions by From tag, Call-ID and CSeq (§8.2.2.2 merged requests). */
    private final Map<String, Server> serversByRequest = new HashMap<>();

    public TransactionLayer(TimerService timerService, MessageSender sender, TimerSettings settings) {
        this.timerService = Objects.requireNonNull(timerService, "timerService");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public TimerSettings settings() {
        return settings;
    }

    // ---- client side ----

    /**
     * Starts a client transaction for {@code request} (INVITE or non-INVITE; never ACK, which has no
     * transaction) and sends it to {@code destination}.
     */
    public Client sendRequest(SipRequest request, InetSocketAddress destination, ClientTransactionUser user) {
        Transaction transaction = request.method().equals(SipMethod.INVITE)
                ? new InviteClientTransaction(request, settings)
                : new NonInviteClientTransaction(request, settings);
        Client client = new Client(transaction, destination, Objects.requireNonNull(user, "user"));
        if (clients.containsKey(transaction.key())) {
            throw new IllegalStateException("a client transaction with branch " + transaction.key().branch()
                    + " and method " + transaction.key().method() + " already exists");
        }
        clients.put(transaction.key(), client);
        client.run(transaction.start());
        return client;
    }

    /**
     * §17.1.3: gives {@code response} to its client transaction. Returns false when none matches (a
     * stray response, which §18.1.2 says to discard).
     */
    public boolean receiveResponse(SipResponse response) {
        Optional<Client> client = TransactionKey.ofResponse(response).map(clients::get);
        if (client.isEmpty()) {
            return false;
        }
        client.get().step(new TransactionEvent.ResponseReceived(response));
        return true;
    }

    // ---- server side ----

    /**
     * §17.2.3: gives {@code request} to the server transaction it matches. Returns true when the
     * transaction took it (a retransmission, answered again or absorbed; the ACK of a non-2xx); false
     * when it matches none, or is an ACK the TU must see (one matching an INVITE in Accepted).
     */
    public boolean receiveRequest(SipRequest request) {
        Server server = servers.get(TransactionKey.forServer(request));
        if (server == null) {
            return false;
        }
        List<TransactionEffect> effects = server.transaction.step(new TransactionEvent.RequestReceived(request));
        server.run(effects);
        return effects.stream().noneMatch(e -> e instanceof PassToTransactionUser);
    }

    /**
     * §8.2.2.2: true if {@code request} has no To tag and the From tag, Call-ID and CSeq of a live
     * server transaction, but is not part of it (it took another path): the core answers 482.
     */
    public boolean isMerged(SipRequest request) {
        if (request.to().tag().isPresent() || request.method().equals(SipMethod.ACK)) {
            return false;
        }
        Server same = serversByRequest.get(TransactionKey.mergeKey(request));
        return same != null && !same.transaction.isTerminated()
                && !same.transaction.key().equals(TransactionKey.forServer(request));
    }

    /**
     * Starts a server transaction for a new request (not ACK); its responses go to
     * {@code responseDestination} (§18.2.2).
     */
    public Server createServer(SipRequest request, InetSocketAddress responseDestination) {
        Transaction transaction = request.method().equals(SipMethod.INVITE)
                ? new InviteServerTransaction(request, settings)
                : new NonInviteServerTransaction(request, settings);
        Server server = new Server(transaction, responseDestination);
        servers.put(transaction.key(), server);
        serversByRequest.putIfAbsent(TransactionKey.mergeKey(request), server);
        server.run(transaction.start());
        return server;
    }

    /** The live server transaction with {@code key}: how a CANCEL finds its INVITE (§9.2). */
    public Optional<Server> findServer(TransactionKey key) {
        return Optional.ofNullable(servers.get(key));
    }

    /** Transactions not yet terminated. */
    public int size() {
        return clients.size() + servers.size();
    }

    /** One running transaction with its peer and timers: carries out the effects of its steps. */
    private abstract class Running {
        final Transaction transaction;
        final InetSocketAddress peer;
        private final Map<TransactionTimer, Runnable> timers = new EnumMap<>(TransactionTimer.class);

        Running(Transaction transaction, InetSocketAddress peer) {
            this.transaction = transaction;
            this.peer = Objects.requireNonNull(peer, "peer");
        }

        void step(TransactionEvent event) {
            run(transaction.step(event));
        }

        void run(List<TransactionEffect> effects) {
            for (TransactionEffect effect : effects) {
                if (effect instanceof SendRequest send) {
                    sender.send(send.request(), peer);
                } else if (effect instanceof SendResponse send) {
                    sender.send(send.response(), peer);
                } else if (effect instanceof PassToTransactionUser pass) {
                    passToTu(pass.message());
                } else if (effect instanceof ReportTimeout timeout) {
                    log.debug("{} transaction {} timed out (Timer {})", transaction.key().method(),
                            transaction.key().branch(), timeout.timer());
                    reportTimeout(timeout.timer());
                } else if (effect instanceof StartTimer start) {
                    startTimer(start);
                } else if (effect instanceof CancelTimer cancel) {
                    Runnable running = timers.remove(cancel.timer());
                    if (running != null) {
                        running.run();
                    }
                } else if (effect instanceof Terminate) {
                    timers.values().forEach(Runnable::run);
                    timers.clear();
                    forget();
                }
            }
        }

        private void startTimer(StartTimer start) {
            if (transaction.isTerminated()) {
                return; // the TU terminated the transaction while it was passed a message
            }
            Runnable previous = timers.remove(start.timer());
            if (previous != null) {
                previous.run();
            }
            TransactionTimer timer = start.timer();
            timers.put(timer, timerService.schedule(() -> {
                timers.remove(timer);
                try {
                    step(new TransactionEvent.TimerFired(timer));
                } catch (RuntimeException e) {
                    log.error("{} transaction {}: Timer {} failed", transaction.key().method(),
                            transaction.key().branch(), timer, e);
                }
            }, start.delay()));
        }

        abstract void passToTu(SipMessage message);

        abstract void reportTimeout(TransactionTimer timer);

        abstract void forget();
    }

    /** A client transaction, as its TU holds it. */
    public final class Client extends Running {
        private final ClientTransactionUser user;

        private Client(Transaction transaction, InetSocketAddress destination, ClientTransactionUser user) {
            super(transaction, destination);
            this.user = user;
        }

        public SipRequest request() {
            return transaction.request();
        }

        public Enum<?> state() {
            return transaction.state();
        }

        /**
         * The TU gives up on the transaction (for example §9.1: no final response 64 × T1 after its
         * CANCEL): no more retransmissions, and later responses are strays.
         */
        public void terminate() {
            step(new TransactionEvent.TuTerminate());
        }

        @Override
        void passToTu(SipMessage message) {
            user.onResponse((SipResponse) message);
        }

        @Override
        void reportTimeout(TransactionTimer timer) {
            user.onTimeout(timer);
        }

        @Override
        void forget() {
            clients.remove(transaction.key(), this);
        }
    }

    /** A server transaction, as the UAS core and its legs hold it. */
    public final class Server extends Running {

        private Server(Transaction transaction, InetSocketAddress responseDestination) {
            super(transaction, responseDestination);
        }

        public SipRequest request() {
            return transaction.request();
        }

        public Enum<?> state() {
            return transaction.state();
        }

        public boolean isTerminated() {
            return transaction.isTerminated();
        }

        /** True while an INVITE transaction has sent no final response (a CANCEL can still end it, §9.2). */
        public boolean isProceeding() {
            return transaction.state() == InviteServerTransaction.State.PROCEEDING
                    || transaction.state() == NonInviteServerTransaction.State.TRYING
                    || transaction.state() == NonInviteServerTransaction.State.PROCEEDING;
        }

        /** Sends {@code response} through the transaction (§17.2.1, §17.2.2). */
        public void respond(SipResponse response) {
            step(new TransactionEvent.TuResponse(response));
        }

        @Override
        void passToTu(SipMessage message) {
            // Only an ACK matching an Accepted INVITE gets here; receiveRequest tells the core to route it.
        }

        @Override
        void reportTimeout(TransactionTimer timer) {
            // Timer H: the ACK for a failure response never came. The call already ended; nothing to undo.
        }

        @Override
        void forget() {
            servers.remove(transaction.key(), this);
            serversByRequest.remove(TransactionKey.mergeKey(transaction.request()), this);
        }
    }
}
