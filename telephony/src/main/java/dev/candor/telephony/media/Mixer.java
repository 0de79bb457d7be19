package dev.candor.telephony.media;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A conference mixer: once per media tick, {@link #mix} gives every participant the sum of the
 * frames of the participants it hears, never its own voice, clipped to ±{@value #MAX_AMPLITUDE}.
 *
 * <p>Who hears whom is only settings, one {@link Participation} per participant: {@code sends},
 * {@code receives} and an optional set of ids it alone hears. Participant P hears Q when Q ≠ P,
 * Q sends, P receives, and P's {@code hearsOnly} set is absent or contains Q. A participant that
 * does not receive gets a silent frame; a participant without an input frame this tick (nothing
 * decoded yet, a lost packet not concealed) counts as silence.
 *
 * <p>The supervisor operations are presets of these settings, applied by {@link Supervision} to a
 * caller, an agent (a person, or Candor itself) and a supervisor:
 *
 * <table>
 *   <caption>What each leg hears</caption>
 *   <tr><th>mode</th><th>caller hears</th><th>agent hears</th><th>supervisor hears</th></tr>
 *   <tr><td>{@link Supervision#LISTEN}</td><td>agent</td><td>caller</td><td>caller, agent</td></tr>
 *   <tr><td>{@link Supervision#WHISPER}</td><td>agent</td><td>caller, supervisor</td><td>caller, agent</td></tr>
 *   <tr><td>{@link Supervision#BARGE}</td><td>agent, supervisor</td><td>caller, supervisor</td>
 *       <td>caller, agent</td></tr>
 *   <tr><td>{@link Supervision#TAKE_OVER}</td><td>supervisor</td><td>nobody</td><td>caller</td></tr>
 * </table>
 *
 * Switching modes only replaces settings: participants stay, nobody is redialled.
 *
 * <p>Threads: {@link #mix} runs on the media clock; {@link #add}, {@link #set}, {@link #setAll} and
 * {@link #remove}
 * may be called from any thread (a console request) and take effect from the next mix. The
 * settings are an immutable snapshot swapped under a lock, so a mix never sees half a change.
 *
 * @param <K> the participant id type, e.g. a call leg id
 */
public final class Mixer<K> {

    /** Largest magnitude of a mixed sample; the sum is clipped symmetrically. */
    public static final int MAX_AMPLITUDE = 32767;

    private final int frameSamples;
    private final Object lock = new Object();
    private volatile Map<K, Participation<K>> participants = Map.of();

    /** A mixer of 20 ms frames at 8 kHz. */
    public Mixer() {
        this(PlaybackQueue.FRAME_SAMPLES);
    }

    /** @param frameSamples samples in every input and output frame */
    public Mixer(int frameSamples) {
        if (frameSamples <= 0) {
            throw new IllegalArgumentException("invalid frame size: " + frameSamples + " samples (expected above 0)");
        }
        this.frameSamples = frameSamples;
    }

    /** Adds a full participant: it talks and hears everyone. */
    public void add(K id) {
        add(id, Participation.full());
    }

    /**
     * Adds a participant with the given settings.
     *
     * @throws IllegalArgumentException if the id is already taking part
     */
    public void add(K id, Participation<K> participation) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(participation, "participation");
        synchronized (lock) {
            if (participants.containsKey(id)) {
                throw new IllegalArgumentException("participant already in the mixer: " + id);
            }
            update(id, participation);
        }
    }

    /**
     * Changes a participant's settings, e.g. to switch from listen to whisper.
     *
     * @throws IllegalArgumentException if the id is not taking part
     */
    public void set(K id, Participation<K> participation) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(participation, "participation");
        setAll(Map.of(id, participation));
    }

    /**
     * Changes several participants' settings at once: no mix sees some changed and others not, so
     * a switch from whisper to listen never lets the caller hear the supervisor for a tick.
     *
     * @throws IllegalArgumentException if an id is not taking part; then nothing changes
     */
    public void setAll(Map<K, Participation<K>> settings) {
        Objects.requireNonNull(settings, "settings");
        synchronized (lock) {
            Map<K, Participation<K>> next = new LinkedHashMap<>(participants);
            for (Map.Entry<K, Participation<K>> entry : settings.entrySet()) {
                K id = Objects.requireNonNull(entry.getKey(), "id");
                if (!next.containsKey(id)) {
                    throw new IllegalArgumentException("no such participant: " + id + " (expected one of "
                            + participants.keySet() + ")");
                }
                next.put(id, Objects.requireNonNull(entry.getValue(), "participation"));
            }
            participants = Collections.unmodifiableMap(next);
        }
    }

    /** Takes a participant out; nobody hears it any more. Returns whether it was taking part. */
    public boolean remove(K id) {
        synchronized (lock) {
            if (!participants.containsKey(id)) {
                return false;
            }
            Map<K, Participation<K>> next = new LinkedHashMap<>(participants);
            next.remove(id);
            participants = Collections.unmodifiableMap(next);
            return true;
        }
    }

    /** The settings of a participant, if it takes part. */
    public Optional<Participation<K>> participation(K id) {
        return Optional.ofNullable(participants.get(id));
    }

    /** The participants, in the order they were added. */
    public Set<K> participants() {
        return participants.keySet();
    }

    /**
     * Mixes one tick.
     *
     * @param framesIn this tick's frame from each participant; absent ones count as silence, frames
     *                 from ids not taking part are ignored
     * @return a new frame for every participant, in the order they were added
     * @throws IllegalArgumentException if an input frame does not have the mixer's frame size
     */
    public Map<K, short[]> mix(Map<K, short[]> framesIn) {
        Objects.requireNonNull(framesIn, "framesIn");
        Map<K, Participation<K>> settings = participants;
        Map<K, short[]> out = new LinkedHashMap<>(settings.size() * 2);
        int[] sum = new int[frameSamples];
        for (Map.Entry<K, Participation<K>> listener : settings.entrySet()) {
            Arrays.fill(sum, 0);
            for (Map.Entry<K, Participation<K>> speaker : settings.entrySet()) {
                K speakerId = speaker.getKey();
                if (speakerId.equals(listener.getKey()) || !speaker.getValue().sends()
                        || !listener.getValue().hears(speakerId)) {
                    continue;
                }
                short[] frame = framesIn.get(speakerId);
                if (frame != null) {
                    add(sum, requireFrame(speakerId, frame));
                }
            }
            out.put(listener.getKey(), clip(sum));
        }
        return out;
    }

    private void update(K id, Participation<K> participation) {
        Map<K, Participation<K>> next = new LinkedHashMap<>(participants);
        next.put(id, participation);
        participants = Collections.unmodifiableMap(next);
    }

    private short[] requireFrame(K id, short[] frame) {
        if (frame.length != frameSamples) {
            throw new IllegalArgumentException("invalid frame from " + id + ": " + frame.length
                    + " samples (expected " + frameSamples + ")");
        }
        return frame;
    }

    private static void add(int[] sum, short[] frame) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += frame[i];
        }
    }

    private static short[] clip(int[] sum) {
        short[] out = new short[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (short) Math.max(-MAX_AMPLITUDE, Math.min(MAX_AMPLITUDE, sum[i]));
        }
        return out;
    }
}
