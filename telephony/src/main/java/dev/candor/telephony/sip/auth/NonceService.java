package dev.candor.telephony.sip.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces that cost no memory until they are used (RFC 7616 §3.3, §5.4):
 * <pre>
 *   nonce = hex( issued-at millis (8 bytes) | random (8 bytes) | HMAC-SHA-256(key, first 16 bytes)[0..16) )
 * </pre>
 * A nonce is valid when its MAC checks out and it is younger than the lifetime; an old one is stale
 * (the client retries with the new nonce, RFC 7616 §3.3 {@code stale=true}). Replay protection: once
 * a request authenticated with a nonce, later requests must carry a strictly higher nonce count.
 * Only authenticated nonces are remembered, at most {@code maxTracked}; when one must be forgotten,
 * every nonce issued before it is treated as stale from then on, so forgetting never reopens a replay.
 */
public final class NonceService {
    /** What a nonce from the network is worth. */
    public enum Validity { VALID, STALE, INVALID }

    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 16 + MAC_BYTES;

    private final byte[] key;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Duration lifetime;
    private final int maxTracked;
    private final Map<String, Long> highestCount;
    private long forgottenIssuedUpTo = Long.MIN_VALUE;

    public NonceService(InstantSource clock, RandomGenerator random, Duration lifetime, int maxTracked) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (maxTracked < 1) {
            throw new IllegalArgumentException("invalid maxTracked: " + maxTracked + " (expected >= 1)");
        }
        this.maxTracked = maxTracked;
        this.key = new byte[32];
        random.nextBytes(key);
        this.highestCount = new LinkedHashMap<>(64, 0.75f, true);
    }

    public synchronized String issue() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.millis());
        b.putLong(random.nextLong());
        b.put(mac(Arrays.copyOf(b.array(), 16)));
        return HexFormat.of().formatHex(b.array());
    }

    public synchronized Validity check(String nonce) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(nonce);
        } catch (IllegalArgumentException e) {
            return Validity.INVALID;
        }
        if (bytes.length != NONCE_BYTES
                || !MessageDigest.isEqual(mac(Arrays.copyOf(bytes, 16)), Arrays.copyOfRange(bytes, 16, NONCE_BYTES))) {
            return Validity.INVALID;
        }
        long issuedAt = ByteBuffer.wrap(bytes).getLong();
        Instant now = clock.instant();
        if (issuedAt <= forgottenIssuedUpTo || Instant.ofEpochMilli(issuedAt).plus(lifetime).isBefore(now)) {
            return Validity.STALE;
        }
        return Validity.VALID;
    }

    /**
     * Records that a request authenticated with {@code nonce} and count {@code nc}; false (a replay)
     * when that count, or a higher one, was seen before.
     */
    public synchronized boolean acceptCount(String nonce, long nc) {
        Long highest = highestCount.get(nonce);
        if (highest != null && nc <= highest) {
            return false;
        }
        highestCount.put(nonce, nc);
        while (highestCount.size() > maxTracked) {
            String eldest = highestCount.keySet().iterator().next();
            highestCount.remove(eldest);
            long issuedAt = ByteBuffer.wrap(HexFormat.of().parseHex(eldest)).getLong();
            forgottenIssuedUpTo = Math.max(forgottenIssuedUpTo, issuedAt);
        }
        return true;
    }

    /** Nonces remembered for replay protection (bounded by {@code maxTracked}). */
    public synchronized int tracked() {
        return highestCount.size();
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
