package dev.candor.telephony.media;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one participant takes part in a {@link Mixer}: whether the others can hear it
 * ({@code sends}), whether it hears anything ({@code receives}), and optionally whom alone it hears.
 *
 * @param sends     its frames go into the other participants' mixes
 * @param receives  it gets a mix of the others; when false it gets silence
 * @param hearsOnly when present, the only participants it hears (each still has to send); when
 *                  empty, it hears every sending participant
 * @param <K>       the participant id type
 */
public record Participation<K>(boolean sends, boolean receives, Optional<Set<K>> hearsOnly) {

    public Participation {
        hearsOnly = Objects.requireNonNull(hearsOnly, "hearsOnly").map(Set::copyOf);
    }

    /** Talks and hears every other participant: a plain conference member. */
    public static <K> Participation<K> full() {
        return new Participation<>(true, true, Optional.empty());
    }

    /** Hears every other participant, heard by nobody: a silent monitor. */
    public static <K> Participation<K> listening() {
        return new Participation<>(false, true, Optional.empty());
    }

    /** Talks, and hears only the given participants. */
    public static <K> Participation<K> hearingOnly(Set<K> ids) {
        return new Participation<>(true, true, Optional.of(ids));
    }

    /** Neither heard nor hearing: present in the mixer, out of the conversation. */
    public static <K> Participation<K> detached() {
        return new Participation<>(false, false, Optional.empty());
    }

    /** Whether this participant's mix includes {@code other}, provided {@code other} sends. */
    public boolean hears(K other) {
        return receives && hearsOnly.map(ids -> ids.contains(other)).orElse(true);
    }
}
