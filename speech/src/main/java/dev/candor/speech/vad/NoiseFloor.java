package dev.candor.speech.vad;

/**
 * The line's noise level in dB, tracked from frames that are not speech: it falls quickly to
 * quieter frames and rises slowly to louder ones, and can be reset to a measured noise level.
 */
final class NoiseFloor {

    /** Per-frame smoothing toward a quieter frame: about 100 ms to follow a drop. */
    private static final double FALL = 0.2;
    /** Per-frame smoothing toward a louder frame: about 1 s to follow a rise. */
    private static final double RISE = 0.02;

    private double levelDb;

    NoiseFloor(double initialDb) {
        this.levelDb = initialDb;
    }

    double levelDb() {
        return levelDb;
    }

    /** Moves the floor toward a frame that is not speech. */
    void follow(double frameDb) {
        levelDb += (frameDb < levelDb ? FALL : RISE) * (frameDb - levelDb);
    }

    /** Sets the floor to a level measured as noise. */
    void reset(double noiseDb) {
        levelDb = noiseDb;
    }
}
