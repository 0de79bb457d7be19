package dev.candor.speech.vad;

/**
 * The cheap measurements of one frame, taken for every frame by {@link FrameAnalyzer}.
 *
 * @param levelDb mean power in dB relative to a full-scale square wave (dBFS)
 * @param blockLevelsDb the same for each 5 ms block of the frame, in order
 */
record FrameFeatures(double levelDb, double[] blockLevelsDb) {

    static final int BLOCK_MILLIS = 5;

    /** Milliseconds from the frame's start to the first block at or above {@code thresholdDb}. */
    long firstSoundOffsetMillis(double thresholdDb) {
        for (int b = 0; b < blockLevelsDb.length; b++) {
            if (blockLevelsDb[b] >= thresholdDb) {
                return (long) b * BLOCK_MILLIS;
            }
        }
        return 0;
    }

    /** Milliseconds from the frame's start to the end of the last block at or above the threshold. */
    long lastSoundEndMillis(double thresholdDb) {
        for (int b = blockLevelsDb.length - 1; b >= 0; b--) {
            if (blockLevelsDb[b] >= thresholdDb) {
                return (long) (b + 1) * BLOCK_MILLIS;
            }
        }
        return (long) blockLevelsDb.length * BLOCK_MILLIS;
    }
}
