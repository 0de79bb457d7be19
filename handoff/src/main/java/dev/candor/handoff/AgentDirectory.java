package dev.candor.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The team: who the agents are, their skills and whether they can take a call. Availability is set
 * by people (available, away, offline) and by calls (on a call while bridged, wrap-up for a while
 * after). Routing picks the longest-idle available agent with the needed skill. Thread-safe.
 */
public final class AgentDirectory {
    private final Map<String, Entry> agents = new LinkedHashMap<>();
    private final Duration wrapUp;
    private final InstantSource clock;
    private final List<Consumer<AgentStatus>> listeners = new CopyOnWriteArrayList<>();

    /** A configured agent. */
    public record AgentProfile(String name, String uri, Set<String> skills) {
        public AgentProfile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
            skills = Set.copyOf(skills);
        }
    }

    /** An agent and their availability at one moment. */
    public record AgentStatus(String name, String uri, Set<String> skills, Availability availability,
                              Instant since, Optional<Instant> lastCallEndedAt) {
    }

    private static final class Entry {
        final AgentProfile profile;
        Availability availability = Availability.AVAILABLE;
        Instant since;
        Instant lastCallEnded;

        Entry(AgentProfile profile, Instant now) {
            this.profile = profile;
            this.since = now;
        }
    }

    public AgentDirectory(List<AgentProfile> profiles, Duration wrapUp, InstantSource clock) {
        this.wrapUp = Objects.requireNonNull(wrapUp, "wrapUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        for (AgentProfile profile : profiles) {
            if (agents.putIfAbsent(profile.name(), new Entry(profile, now)) != null) {
                throw new IllegalArgumentException("duplicate agent name: " + profile.name());
            }
        }
    }

    /** Called with an agent's new status whenever it changes. Must not block. */
    public void onChange(Consumer<AgentStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public synchronized List<AgentStatus> all() {
        return agents.values().stream().map(this::status).toList();
    }

    public synchronized Optional<AgentStatus> find(String name) {
        return Optional.ofNullable(agents.get(name)).map(this::status);
    }

    /**
     * Sets availability by hand (console or API). {@code on_call} is set by calls only.
     *
     * @throws IllegalArgumentException for an unknown agent or {@code on_call}
     */
    public void set(String name, Availability availability) {
        if (availability == Availability.ON_CALL) {
            throw new IllegalArgumentException("invalid availability: on_call (set by calls, not by hand)");
        }
        change(name, availability, false);
    }

    /** The agent was bridged to a caller. */
    public void callStarted(String name) {
        change(name, Availability.ON_CALL, false);
    }

    /** The agent's call ended: wrap-up, then available again without anyone acting. */
    public void callEnded(String name) {
        change(name, Availability.WRAP_UP, true);
    }

    /**
     * Available agents that have {@code skill} (any agent when empty), longest idle first: agents
     * who never had a call come before those whose last call ended earliest.
     */
    public synchronized List<AgentTarget> candidates(Optional<String> skill) {
        List<Entry> eligible = new ArrayList<>();
        for (Entry e : agents.values()) {
            if (effective(e) == Availability.AVAILABLE
                    && skill.map(s -> e.profile.skills().contains(s)).orElse(true)) {
                eligible.add(e);
            }
        }
        eligible.sort(Comparator.comparing((Entry e) -> e.lastCallEnded == null ? Instant.MIN : e.lastCallEnded));
        return eligible.stream().map(e -> new AgentTarget(e.profile.name(), e.profile.uri())).toList();
    }

    private void change(String name, Availability availability, boolean callEnded) {
        AgentStatus status;
        synchronized (this) {
            Entry e = agents.get(name);
            if (e == null) {
                throw new IllegalArgumentException("unknown agent: " + name + " (expected one of " + agents.keySet() + ")");
            }
            Instant now = clock.instant();
            e.availability = availability;
            e.since = now;
            if (callEnded) {
                e.lastCallEnded = now;
            }
            status = status(e);
        }
        listeners.forEach(l -> l.accept(status));
    }

    /** Wrap-up ends by itself once its time has passed. */
    private Availability effective(Entry e) {
        if (e.availability == Availability.WRAP_UP && !clock.instant().isBefore(e.since.plus(wrapUp))) {
            e.availability = Availability.AVAILABLE;
            e.since = e.since.plus(wrapUp);
        }
        return e.availability;
    }

    private AgentStatus status(Entry e) {
        Availability availability = effective(e);
        return new AgentStatus(e.profile.name(), e.profile.uri(), e.profile.skills(), availability, e.since,
                Optional.ofNullable(e.lastCallEnded));
    }
}
