package dev.candor.app.call;

import dev.candor.app.live.LiveCalls;
import dev.candor.speech.vad.EndpointDetector;
import dev.candor.speech.vad.TurnEvent;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.Speaker;
import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.handoff.AgentTarget;
import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.media.PlaybackListener;
import dev.candor.speech.tts.SentenceSplitter;
import dev.candor.telephony.sip.ua.SerialExecutor;
import dev.candor.app.storage.TurnLatency;
import dev.candor.dialog.HandoffReason;
import dev.candor.speech.asr.RecognitionEvent;
import dev.candor.speech.asr.RecognitionListener;
import dev.candor.speech.asr.RecognitionStream;
import dev.candor.speech.asr.RecognizerFactory;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One call, from the caller's INVITE to the last BYE: answers, plays what the conversation says one
 * utterance after another, passes key presses to the conversation, carries out handoffs and records
 * everything as it happens. Methods are synchronised: leg events, playback completions and agent
 * events arrive on different threads.
 */
public final class CallSession implements CallLegListener {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);


    private final CallLeg leg;
    private final Conversation conversation;
    private final CallStore store;
    private final LiveCalls live;
    private final Prompts prompts;
    private final Handoffs handoffs;
    private final Executor worker;
    private final Clock clock;
    private final RecognitionStream speech;
    /** When the endpointer last heard the caller stop speaking (media thread writes, others read). */
    private final java.util.concurrent.atomic.AtomicReference<Instant> callerSpeechEnded =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** The timing of the reply being prepared; taken by the next {@link #say}. */
    private TurnLatency replyLatency = TurnLatency.none();

    /**
     * Runs the conversation, one event at a time in arrival order, on the worker pool and outside this
     * session's lock: with a language model a turn can take seconds, and neither the SIP thread nor the
     * media clock may wait for it.
     */
    private final Executor dialog;
    /** Caller turns handed to the conversation so far; a reply to an older one is stale. Under the lock. */
    private long turns;
    private final Deque<AgentAction> pending = new ArrayDeque<>();
    /** Tasks waiting for the queue to be played out ({@link SessionOutput#whenPlayed}). */
    private final List<Runnable> whenPlayed = new java.util.ArrayList<>();
    /** What Candor is saying now (its turn), or null; volatile for the media thread's barge-in. */
    private volatile Utterance speaking;
    /** Synthesises a reply's later sentences one after another while the first plays. */
    private final Executor synthesis;
    private final CallServices services;
    private final Output output = new Output();
    private HandoffFlow flow;
    private CallLeg agentLeg;
    private Supervisor supervisor;
    private boolean takenOver;
    private volatile boolean handingOff;
    private volatile boolean bargedIn;
    /** Only ever touched on the leg's media thread. */
    private final EndpointDetector endpointer = new EndpointDetector();
    private boolean ended;
    private long establishedNanos;
    private boolean firstPromptLogged;
    private final RecordingNotice recordingNotice = new RecordingNotice();
    private dev.candor.app.recording.CallRecorder.Active recording = dev.candor.app.recording.CallRecorder.Active.NONE;

    public CallSession(CallLeg leg, Conversation conversation, CallServices services) {
        this.leg = Objects.requireNonNull(leg, "leg");
        this.services = Objects.requireNonNull(services, "services");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.store = services.store();
        this.live = services.live();
        this.prompts = services.prompts();
        this.handoffs = services.handoffs();
        this.worker = services.workers();
        this.clock = services.clock();
        this.dialog = new SerialExecutor(worker);
        this.synthesis = new SerialExecutor(worker);
        this.speech = services.recognizers().map(this::openRecognition).orElse(null);
    }

    /** What a call session may say that is the same on every call, to synthesise once at start-up. */
    public static List<String> fixedPrompts() {
        return List.of(HandoffFlow.CALLBACK_OFFER, HandoffFlow.TRANSFER_NOTICE, ASR_UNAVAILABLE_NOTICE);
    }

    static final String ASR_UNAVAILABLE_NOTICE =
            "I can't understand speech on this line, so I'm connecting you to a person.";

    /** Feeds the caller's audio to a recognizer on the shared pool; finals become utterances. */
    private RecognitionStream openRecognition(RecognizerFactory factory) {
        try {
            return services.recognition().open(leg.id(), factory.create(8000), new RecognitionListener() {
                @Override
                public void onEvent(RecognitionEvent event) {
                    if (event instanceof RecognitionEvent.Final fin && !fin.text().isBlank()) {
                        Instant heard = clock.instant();
                        worker.execute(() -> onUtterance(fin.text(), fin.confidence(), heard));
                    }
                }

                @Override
                public void onError(RuntimeException error) {
                    log.warn("call {}: speech recognition failed: {}", leg.id(), error.toString());
                    worker.execute(CallSession.this::onSpeechWithoutRecognizer);
                }
            });
        } catch (IllegalStateException e) {
            // Every recognizer is busy: this call goes on without speech recognition (DTMF, handoff).
            log.warn("call {}: no speech recognition for this call: {}", leg.id(), e.getMessage());
            return null;
        }
    }

    /** Records the new call and answers it. Called on the leg's event thread. */
    public synchronized void begin() {
        store.createCall(new CallRecord(leg.id(), Direction.INBOUND, leg.remoteUri(),
                leg.localUri(), leg.sipCallId(), clock.instant()));
        log.info("call {}: incoming from {}", leg.id(), Redaction.forLog(leg.remoteUri()));
        live.started(leg.id(), Redaction.uri(leg.remoteUri()), clock.instant());
        services.sessions().add(leg.id(), this);
        leg.ring();
        leg.answer();
    }

    /**
     * An outbound call Candor placed (its row in {@code calls} written by whoever dialled) was answered:
     * tracked from now on like an inbound call; {@link #onEstablished} then starts the conversation.
     */
    public synchronized void beginAnswered() {
        log.info("call {}: outbound call to {} answered", leg.id(), Redaction.uri(leg.remoteUri()));
        live.started(leg.id(), Redaction.uri(leg.remoteUri()), clock.instant());
        services.sessions().add(leg.id(), this);
    }

    @Override
    public synchronized void onEstablished(CallLeg leg) {
        establishedNanos = System.nanoTime();
        store.markAnswered(leg.id(), clock.instant());
        recording = services.recorder().start(leg);
        converse(null, TurnLatency.none());
    }

    /** Passes {@code event} (or the start of the call, when null) to the conversation and performs its answer. */
    private void converse(CallerEvent event, TurnLatency latency) {
        long turn = ++turns;
        dialog.execute(() -> {
            boolean[] decided = {false};
            // A streamed reply (language model) offers each sentence as soon as it is written: it plays
            // while the rest is written. Once the caller has moved on (a newer turn), the rest is not wanted.
            Conversation.ActionSink early = action -> {
                synchronized (this) {
                    if (ended || handingOff || takenOver || turn != turns) {
                        return false;
                    }
                    if (!decided[0]) {
                        decided[0] = true;
                        replyLatency = latency.withDecided(clock.instant());
                    }
                    perform(List.of(action));
                    return true;
                }
            };
            List<AgentAction> actions = event == null ? conversation.start(early) : conversation.onEvent(event, early);
            synchronized (this) {
                actions = keepRecords(actions);
                if (!ended && !handingOff && !takenOver) {
                    if (!decided[0]) {
                        replyLatency = latency.withDecided(clock.instant());
                    }
                    // An answer to a turn the caller has already moved past is not said. The opening always
                    // is, unless part of it (with the disclosure, which comes first) already played.
                    boolean stale = turn != turns && (event != null || decided[0]);
                    perform(stale ? actions.stream().filter(a -> !(a instanceof AgentAction.Say)).toList() : actions);
                }
            }
        });
    }

    @Override
    public void onAudio(CallLeg leg, short[] frame) {
        // Barge-in: the caller started talking while Candor talks. Cut Candor off here, on the media
        // thread, at once; the interrupted turn is recorded when its playback reports it stopped.
        List<TurnEvent> turnEvents = endpointer.accept(frame);
        if (turnEvents.stream().anyMatch(e -> e instanceof TurnEvent.SpeechStarted)
                && !handingOff && leg.playback().isPlaying()) {
            bargedIn = true;
            stopSpeaking();
            // The rest of a reply still being streamed is not wanted either.
            worker.execute(this::supersedeTurn);
        }
        if (turnEvents.stream().anyMatch(e -> e instanceof TurnEvent.SpeechEnded)) {
            callerSpeechEnded.set(clock.instant());
            if (speech == null && !handingOff) {
                // The caller spoke and nothing can understand them: a person must.
                worker.execute(this::onSpeechWithoutRecognizer);
            }
        }
        RecognitionStream s = speech;
        if (s != null && !handingOff) {
            s.offer(frame);
        }
    }

    /** The caller spoke over Candor: whatever the conversation still streams for the current turn is stale. */
    private synchronized void supersedeTurn() {
        turns++;
    }

    /** The caller talks but there is no speech recognition: hand them to a person, saying why. */
    private synchronized void onSpeechWithoutRecognizer() {
        if (ended || handingOff || takenOver) {
            return;
        }
        pending.clear();
        stopSpeaking();
        perform(List.of(new AgentAction.Say(ASR_UNAVAILABLE_NOTICE), new AgentAction.Handoff(
                HandoffReason.ASR_UNAVAILABLE, "A caller spoke, but speech recognition is not available on this "
                        + "line, so nothing they said was understood. Handed over because Candor cannot "
                        + "understand speech here.")));
    }

    private synchronized void onUtterance(String text, double confidence, Instant heard) {
        if (ended || handingOff) {
            return;
        }
        TurnLatency latency = TurnLatency.none()
                .withCallerSpeechEnded(callerSpeechEnded.getAndSet(null)).withTranscript(heard);
        store.endTurn(store.startTurn(leg.id(), Speaker.CALLER, text, clock.instant()), clock.instant(), false);
        live.turn(leg.id(), "caller", text, clock.instant());
        pending.clear();
        stopSpeaking();
        converse(new CallerEvent.Utterance(text, Math.max(0, Math.min(1, confidence))), latency);
    }

    @Override
    public synchronized void onDtmf(CallLeg leg, char digit) {
        if (ended) {
            return;
        }
        if (takenOver) {
            return;
        }
        if (handingOff) {
            flow.onDtmf(digit);
            return;
        }
        log.info("call {}: DTMF {}", leg.id(), digit);
        // A key press interrupts whatever Candor is saying.
        pending.clear();
        stopSpeaking();
        converse(new CallerEvent.Dtmf(digit), TurnLatency.none().withTranscript(clock.instant()));
    }

    /** The caller's side sent an RTCP report about Candor's audio: keep it with the call. */
    @Override
    public void onMediaReport(CallLeg leg, MediaStatistics statistics) {
        statistics.remote().ifPresent(r -> worker.execute(() -> store.recordRemoteReport(leg.id(), r.fractionLost(),
                r.cumulativeLost(), r.jitterMillis())));
    }

    @Override
    public synchronized void onEnded(CallLeg leg, EndReason reason) {
        if (ended) {
            return;
        }
        ended = true;
        recording.stop();
        pending.clear();
        if (flow != null) {
            flow.onCallEnded();
        }
        if (supervisor != null) {
            supervisor.callEnded();
        }
        services.sessions().remove(leg.id());
        if (speech != null) {
            speech.close();
        }
        MediaStatistics.Reception reception = leg.mediaStatistics().reception();
        if (reception.packetsReceived() > 0) {
            store.recordReception(leg.id(), reception.packetsReceived(), reception.cumulativeLost(),
                    reception.jitterMillis());
        }
        store.markEnded(leg.id(), clock.instant(), reason.code());
        live.ended(leg.id(), reason.code(), clock.instant());
        // The conversation's last word (qualification, score) is kept although nothing more can be said.
        dialog.execute(() -> {
            List<AgentAction> last = conversation.onEvent(new CallerEvent.Hangup());
            synchronized (this) {
                keepRecords(last);
            }
        });
    }

    /**
     * Carries out at once, whatever the state of the call, what the conversation decided that does not
     * wait for speech: decisions, qualification, score, do-not-call and callbacks. A caller who says
     * "stop calling me" and hangs up while Candor acknowledges it is still on the do-not-call list, and a
     * call the caller ends keeps its score. Returns the steps that happen in order on the line: what is
     * said, a handoff, the end of the call.
     */
    private List<AgentAction> keepRecords(List<AgentAction> actions) {
        List<AgentAction> steps = new java.util.ArrayList<>();
        for (AgentAction action : actions) {
            if (action instanceof AgentAction.MarkDoNotCall dnc) {
                services.doNotCall().add(leg.remoteUri(), Optional.of(leg.id()), dnc.reason(), clock.instant());
                decide("do_not_call", dnc.reason(), Map.of());
            } else if (action instanceof AgentAction.RecordQualification qualification) {
                decide("qualification", "recorded", qualification.slots());
            } else if (action instanceof AgentAction.ScheduleCallback callback) {
                services.callbacks().add(Optional.of(leg.id()), leg.remoteUri(), callback.when().toInstant(),
                        callback.note(), clock.instant());
                decide("callback_scheduled", "caller_request", Map.of("dueAt", callback.when().toString(),
                        "note", callback.note()));
            } else if (action instanceof AgentAction.RecordScore score) {
                decide("score", String.valueOf(score.score()), Map.of("reasons", score.reasons()));
            } else if (action instanceof AgentAction.Decision decision) {
                decide(decision.kind(), decision.reason(), Map.of("details", decision.details()));
            } else {
                steps.add(action);
            }
        }
        return steps;
    }

    private void perform(List<AgentAction> actions) {
        pending.addAll(actions);
        runPending();
    }

    /** Carries out pending actions in order; a Say pauses the queue until it has been played. */
    private void runPending() {
        while (!ended && speaking == null && !pending.isEmpty()) {
            AgentAction action = pending.poll();
            if (action instanceof AgentAction.Say say) {
                say(say.text());
            } else if (action instanceof AgentAction.Handoff handoff) {
                handOff(handoff);
            } else if (action instanceof AgentAction.EndCall end) {
                decide("end_call", end.reason(), Map.of());
                leg.hangup();
            } else {
                keepRecords(List.of(action));
            }
        }
        if (!ended && speaking == null && pending.isEmpty() && !whenPlayed.isEmpty()) {
            List<Runnable> due = List.copyOf(whenPlayed);
            whenPlayed.clear();
            due.forEach(Runnable::run);
        }
    }

    /**
     * One thing Candor says: a turn, spoken as one prompt when it is cached (the greeting, fixed
     * prompts), otherwise sentence by sentence, the first playing while the rest are synthesised.
     */
    private static final class Utterance {
        final long turn;
        final List<String> parts;
        final List<String> spoken = new java.util.ArrayList<>();
        int finishedParts;
        boolean over;
        /** Set by whoever stops Candor talking (any thread): later sentences are then not played. */
        volatile boolean cancelled;

        Utterance(long turn, List<String> parts) {
            this.turn = turn;
            this.parts = parts;
        }
    }

    /** Stops whatever Candor is saying, including sentences still being synthesised. Any thread. */
    private void stopSpeaking() {
        Utterance u = speaking;
        if (u != null) {
            u.cancelled = true;
        }
        leg.playback().cancelAll();
    }

    private void say(String requested) {
        String text = recordingNotice.beforeSaying(requested);
        List<String> parts = prompts.cached(text) ? List.of(text) : SentenceSplitter.split(text);
        if (parts.isEmpty()) {
            parts = List.of(text);
        }
        short[] first = prompts.pcm(parts.get(0));
        TurnLatency latency = replyLatency.withSynthesised(clock.instant());
        replyLatency = TurnLatency.none(); // only the first thing said in a reply answers the caller
        long turn = store.startTurn(leg.id(), Speaker.CANDOR, text, clock.instant());
        live.turn(leg.id(), "candor", text, clock.instant());
        Utterance utterance = new Utterance(turn, parts);
        speaking = utterance;
        playPart(utterance, 0, first, latency);
        for (int i = 1; i < parts.size(); i++) {
            int index = i;
            String sentence = parts.get(i);
            synthesis.execute(() -> {
                if (utterance.cancelled) {
                    return;
                }
                short[] pcm = prompts.pcm(sentence);
                synchronized (this) {
                    if (!utterance.cancelled && !utterance.over && speaking == utterance) {
                        playPart(utterance, index, pcm, TurnLatency.none());
                    }
                }
            });
        }
        if (pending.peek() instanceof AgentAction.Handoff handoff) {
            // Ring the agent while the caller hears that they are being connected.
            pending.poll();
            handOff(handoff);
        }
    }

    private void playPart(Utterance utterance, int index, short[] pcm, TurnLatency latency) {
        int totalFrames = (pcm.length + 159) / 160;
        boolean first = index == 0 && !firstPromptLogged;
        if (index == 0) {
            firstPromptLogged = true;
        }
        long since = establishedNanos;
        leg.playback().play(pcm, new PlaybackListener() {
            @Override
            public void started(long id) {
                if (latency.decided().isPresent()) {
                    TurnLatency sent = latency.withFirstAudio(clock.instant());
                    worker.execute(() -> {
                        store.recordLatency(utterance.turn, sent);
                        services.metrics().record(sent);
                    });
                }
                if (first) {
                    log.info("call {}: greeting's first frame taken {} ms after the ACK", leg.id(),
                            (System.nanoTime() - since) / 1_000_000);
                }
            }

            @Override
            public void finished(long id, int framesPlayed, boolean completed) {
                // Called on the media clock thread: hand over at once.
                worker.execute(() -> onPartFinished(utterance, index, framesPlayed, totalFrames, completed));
            }
        });
    }

    private synchronized void onPartFinished(Utterance u, int index, int framesPlayed, int totalFrames,
                                             boolean completed) {
        if (u.over) {
            return;
        }
        if (completed) {
            recordingNotice.playedInFull(u.parts.get(index));
            u.spoken.add(u.parts.get(index));
            u.finishedParts++;
            if (u.finishedParts < u.parts.size()) {
                return; // the next sentence is playing, or still being synthesised
            }
            store.endTurn(u.turn, clock.instant(), false);
        } else {
            List<String> heard = new java.util.ArrayList<>(u.spoken);
            heard.add(spokenPart(u.parts.get(index), framesPlayed, totalFrames));
            store.interruptTurn(u.turn, clock.instant(), String.join(" ", heard).trim());
            if (bargedIn) {
                bargedIn = false;
                decide("barge_in", "caller_spoke", Map.of("framesPlayed", framesPlayed));
            }
        }
        u.over = true;
        if (speaking == u) {
            speaking = null;
            runPending();
        }
    }

    private void handOff(AgentAction.Handoff handoff) {
        handingOff = true;
        flow = HandoffFlow.start(this, leg, services, output, handoff);
    }

    private void decide(String kind, String reason, Map<String, ?> details) {
        store.addDecision(leg.id(), kind, reason, details, clock.instant());
        live.decision(leg.id(), kind, reason, clock.instant());
    }

    /**
     * The words of {@code text} the caller heard before being interrupted, estimated from the share of
     * its audio played (speech is spoken at a roughly even rate); at least one word once anything played.
     */
    static String spokenPart(String text, int framesPlayed, int totalFrames) {
        String[] words = text.trim().split("\\s+");
        if (framesPlayed <= 0 || totalFrames <= 0) {
            return "";
        }
        int heard = (int) Math.max(1, Math.round(words.length * Math.min(1.0, framesPlayed / (double) totalFrames)));
        return String.join(" ", java.util.Arrays.copyOf(words, heard));
    }

    /** What the handoff flow may do to this call; always called with this session's lock held. */
    private final class Output implements SessionOutput {
        @Override
        public void say(String text) {
            pending.add(new AgentAction.Say(text));
            runPending();
        }

        @Override
        public void whenPlayed(Runnable task) {
            whenPlayed.add(task);
            runPending();
        }

        @Override
        public void endCall(String reason) {
            pending.add(new AgentAction.EndCall(reason));
            runPending();
        }

        @Override
        public void decide(String kind, String reason, Map<String, ?> details) {
            CallSession.this.decide(kind, reason, details);
        }

        @Override
        public void status(String status, Optional<String> agent) {
            live.status(leg.id(), status, agent, clock.instant());
        }

        @Override
        public void agentConnected(CallLeg agent) {
            agentLeg = agent;
        }

        @Override
        public boolean ended() {
            return ended;
        }
    }

    /**
     * A supervisor asks to listen, whisper, barge in or take over. The first request dials their phone
     * (on the calling thread: call it from an application thread); later ones only change the mix.
     *
     * @return {@code dialing} or {@code applied}
     * @throws IllegalStateException when the request makes no sense now (whisper while Candor talks,
     *     another supervisor already on the call, the call over)
     */
    public String supervise(String supervisorName, String phoneUri, SupervisionMode mode) {
        Supervisor dialNow;
        synchronized (this) {
            if (ended) {
                throw new IllegalStateException("the call has ended");
            }
            if (mode == SupervisionMode.WHISPER && agentLeg == null) {
                throw new IllegalStateException("whisper is not offered while Candor handles the call");
            }
            if (supervisor != null) {
                if (!supervisor.name().equals(supervisorName)) {
                    throw new IllegalStateException("supervisor " + supervisor.name() + " is already on this call");
                }
                supervisor.change(mode);
                return "applied";
            }
            supervisor = new Supervisor(this, supervisorName, leg, Optional.ofNullable(agentLeg),
                    services.mediaClock(), new SupervisorEvents());
            dialNow = supervisor;
        }
        decide("supervision_requested", mode.code(), Map.of("supervisor", supervisorName));
        try {
            dialNow.dial(handoffs, phoneUri, mode);
        } catch (IllegalArgumentException e) {
            synchronized (this) {
                supervisor = null;
            }
            throw e;
        }
        return "dialing";
    }

    /** What the supervisor's side reports; called with this session's lock held. */
    private final class SupervisorEvents implements Supervisor.Listener {
        @Override
        public void modeApplied(String name, SupervisionMode mode) {
            live.status(leg.id(), "supervised:" + mode.code(), Optional.ofNullable(agentLeg).map(a -> agentName()),
                    clock.instant());
            decide("supervision", mode.code(), Map.of("supervisor", name));
            if (mode == SupervisionMode.TAKE_OVER && !takenOver) {
                takenOver = true;
                handingOff = true;
                pending.clear();
                if (agentLeg == null) {
                    stopSpeaking();
                }
                decide("handoff", "supervisor_takeover", Map.of("supervisor", name));
            }
        }

        @Override
        public void supervisorLeft(String name, boolean tookOver) {
            supervisor = null;
            if (ended) {
                return;
            }
            decide("supervision_ended", tookOver ? "supervisor_hung_up_after_takeover" : "supervisor_hung_up",
                    Map.of("supervisor", name));
            if (tookOver) {
                leg.hangup();
            } else {
                live.status(leg.id(), agentLeg != null ? "with_agent" : "candor", Optional.empty(), clock.instant());
            }
        }
    }

    private String agentName() {
        return services.live().find(leg.id()).flatMap(dev.candor.app.live.LiveCall::agent).orElse("agent");
    }
}
