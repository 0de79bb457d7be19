package dev.candor.app.call;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The call sessions in progress, by call id, so that the console can act on a live call. */
public final class CallSessions {
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();

    void add(String callId, CallSession session) {
        sessions.put(callId, session);
    }

    void remove(String callId) {
        sessions.remove(callId);
    }

    public Optional<CallSession> find(String callId) {
        return Optional.ofNullable(sessions.get(callId));
    }

    public int size() {
        return sessions.size();
    }
}
