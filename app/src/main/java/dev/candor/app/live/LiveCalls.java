package dev.candor.app.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The calls in progress and their events. Call sessions report; the console reads snapshots and
 * subscribes to events. Subscribers are called on the reporting thread and must not block (the
 * console's SSE clients only queue a write).
 */
public final class LiveCalls {
    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);
    private static final int MAX_TRANSCRIPT_LINES = 200;

    private final Map<String, MutableCall> calls = new ConcurrentHashMap<>();
    private final List<Consumer<LiveEvent>> subscribers = new CopyOnWriteArrayList<>();

    private static final class MutableCall {
        final String id;
        final String caller;
        final Instant startedAt;
        String status = "candor";
        String agent;
        String handoffReason;
        String summary;
        final List<LiveCall.Line> transcript = new ArrayList<>();

        MutableCall(String id, String caller, Instant startedAt) {
            this.id = id;
            this.caller = caller;
            this.startedAt = startedAt;
        }

        synchronized LiveCall snapshot() {
            return new LiveCall(id, caller, startedAt, status, Optional.ofNullable(agent),
                    Optional.ofNullable(handoffReason), Optional.ofNullable(summary), List.copyOf(transcript));
        }
    }

    /** Stops receiving events when closed. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public Subscription subscribe(Consumer<LiveEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public List<LiveCall> snapshot() {
        return calls.values().stream().map(MutableCall::snapshot)
                .sorted(Comparator.comparing(LiveCall::startedAt)).toList();
    }

    public Optional<LiveCall> find(String id) {
        return Optional.ofNullable(calls.get(id)).map(MutableCall::snapshot);
    }

    public void started(String id, String maskedCaller, Instant at) {
        calls.put(id, new MutableCall(id, maskedCaller, at));
        publish(new LiveEvent("call_started", id, Optional.empty(), at, Map.of("caller", maskedCaller)));
    }

    public void turn(String id, String speaker, String text, Instant at) {
        MutableCall call = calls.get(id);
        if (call == null) {
            return;
        }
        synchronized (call) {
            call.transcript.add(new LiveCall.Line(speaker, text, at));
            if (call.transcript.size() > MAX_TRANSCRIPT_LINES) {
                call.transcript.remove(0);
            }
        }
        publish(event("turn", call, at, Map.of("speaker", speaker, "text", text)));
    }

    public void status(String id, String status, Optional<String> agent, Instant at) {
        MutableCall call = calls.get(id);
        if (call == null) {
            return;
        }
        synchronized (call) {
            call.status = status;
            agent.ifPresent(a -> call.agent = a);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        agent.ifPresent(a -> data.put("agent", a));
        publish(event("status", call, at, data));
    }

    public void decision(String id, String kind, String reason, Instant at) {
        MutableCall call = calls.get(id);
        if (call == null) {
            return;
        }
        if (kind.equals("handoff")) {
            synchronized (call) {
                call.handoffReason = reason;
            }
        }
        publish(event("decision", call, at, Map.of("kind", kind, "reason", reason)));
    }

    /** The summary prepared for the person who takes the call. */
    public void handoffSummary(String id, String summary) {
        MutableCall call = calls.get(id);
        if (call != null) {
            synchronized (call) {
                call.summary = summary;
            }
        }
    }

    public void ended(String id, String reason, Instant at) {
        MutableCall call = calls.remove(id);
        if (call != null) {
            publish(event("call_ended", call, at, Map.of("reason", reason)));
        }
    }

    private static LiveEvent event(String type, MutableCall call, Instant at, Map<String, Object> data) {
        String agent;
        synchronized (call) {
            agent = call.agent;
        }
        return new LiveEvent(type, call.id, Optional.ofNullable(agent), at, data);
    }

    private void publish(LiveEvent event) {
        for (Consumer<LiveEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                log.warn("a live event subscriber failed; removing it", e);
                subscribers.remove(subscriber);
            }
        }
    }
}
