package dev.candor.telephony.call;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.media.Mixer;
import dev.candor.telephony.media.Participation;
import dev.candor.telephony.media.Registration;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins several legs through a {@link Mixer}, one mix per media clock tick: each participant hears
 * the sum of the participants its {@link Participation} lets it hear. A participant is either a leg
 * (it is heard through the audio it receives and hears through the audio it is sent) or the voice a leg
 * sends (Candor's prompts to a caller), which is heard but hears nothing. Changing settings never
 * redials anyone.
 */
public final class Conference implements AutoCloseable {
    private static final int MAX_QUEUED_FRAMES = 3;

    private final Mixer<String> mixer = new Mixer<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Registration tick;

    private static final class Member {
        final CallLeg leg;
        final boolean voiceOnly;
        final ArrayDeque<short[]> input = new ArrayDeque<>();

        Member(CallLeg leg, boolean voiceOnly) {
            this.leg = leg;
            this.voiceOnly = voiceOnly;
        }

        void offer(short[] frame) {
            synchronized (input) {
                if (input.size() >= MAX_QUEUED_FRAMES) {
                    input.pollFirst();
                }
                input.addLast(frame);
            }
        }

        short[] poll() {
            synchronized (input) {
                return input.pollFirst();
            }
        }
    }

    private Conference(MediaClock clock) {
        this.tick = clock.register(t -> mixOnce());
    }

    public static Conference start(MediaClock clock) {
        return new Conference(Objects.requireNonNull(clock, "clock"));
    }

    /** Adds a leg: what it receives is heard by others as allowed; what it should hear is sent to it. */
    public void join(String id, CallLeg leg, Participation<String> participation) {
        Member member = new Member(Objects.requireNonNull(leg, "leg"), false);
        mixer.add(id, participation);
        members.put(id, member);
        leg.tapIncoming(member::offer);
    }

    /** Adds the voice {@code leg} sends (its prompts) as a participant others may hear. */
    public void joinVoiceOf(String id, CallLeg leg) {
        Member member = new Member(Objects.requireNonNull(leg, "leg"), true);
        mixer.add(id, new Participation<>(true, false, java.util.Optional.empty()));
        members.put(id, member);
        leg.tapOutgoing(member::offer);
    }

    /** Changes several participants at once (a supervision mode): no tick sees half a change. */
    public void setAll(Map<String, Participation<String>> settings) {
        mixer.setAll(settings);
    }

    public Mixer<String> mixer() {
        return mixer;
    }

    /** Removes a participant and stops tapping its leg. */
    public void leave(String id) {
        Member member = members.remove(id);
        if (member == null) {
            return;
        }
        mixer.remove(id);
        if (member.voiceOnly) {
            member.leg.tapOutgoing(null);
        } else {
            member.leg.tapIncoming(null);
        }
    }

    private void mixOnce() {
        Map<String, short[]> in = new HashMap<>();
        members.forEach((id, member) -> {
            short[] frame = member.poll();
            if (frame != null) {
                in.put(id, frame);
            }
        });
        if (in.isEmpty()) {
            return;
        }
        Map<String, short[]> out = mixer.mix(in);
        members.forEach((id, member) -> {
            short[] frame = out.get(id);
            if (!member.voiceOnly && frame != null && mixer.participation(id).map(Participation::receives).orElse(false)) {
                member.leg.sendAudio(frame);
            }
        });
    }

    @Override
    public void close() {
        tick.close();
        for (String id : members.keySet().toArray(String[]::new)) {
            leave(id);
        }
    }
}
