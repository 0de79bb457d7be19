package dev.candor.telephony.sip.auth;

import dev.candor.telephony.sip.limits.FloodLimits;
import dev.candor.telephony.sip.limits.SourceRateLimiter;
import dev.candor.telephony.sip.limits.TrustedAddresses;
import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.NameAddr;
import dev.candor.telephony.sip.message.ParseResult;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The registrar for agents' phones (RFC 3261 §10.3) with Digest authentication (RFC 7616, RFC 8760).
 * {@link #handle} turns one REGISTER into its response; {@link #lookup} tells the application where a
 * user's phones are. Pure apart from the injected clock and randomness; synchronized, because the
 * SIP thread registers while the application looks up.
 *
 * <p>Scanners learn nothing: a REGISTER without credentials is challenged before the user is even
 * looked at, and an unknown user gets exactly the 403 a known user with a wrong password gets (the
 * digest is computed against a dummy HA1 for unknown users, so the work done is the same). A source
 * address that fails too often gets that same 403 without any check until its ban ends.
 */
public final class Registrar {
    private static final String ALLOWED_QOP = "auth";

    private final RegistrarSettings settings;
    private final Map<String, StoredCredential> users;
    private final InstantSource clock;
    private final NonceService nonces;
    private final SourceRateLimiter failures;
    private final String opaque;
    private final RandomGenerator random;
    private final Map<DigestAlgorithm, String> dummyHa1 = new HashMap<>();
    private final Map<String, Map<String, Binding>> bindings = new HashMap<>();
    private long authenticated;
    private long rejected;

    public Registrar(RegistrarSettings settings, List<StoredCredential> credentials, InstantSource clock,
                     RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        Map<String, StoredCredential> byUser = new LinkedHashMap<>();
        for (StoredCredential c : credentials) {
            if (byUser.put(c.user(), c) != null) {
                throw new IllegalArgumentException("duplicate registrar user: " + c.user());
            }
        }
        this.users = Map.copyOf(byUser);
        this.nonces = new NonceService(clock, random, settings.nonceLifetime(), 10_000);
        double refillPerSecond = settings.failuresBeforeBan() / (double) Math.max(1, settings.failureBan().toSeconds());
        this.failures = new SourceRateLimiter(new FloodLimits(refillPerSecond, settings.failuresBeforeBan(), 1,
                settings.failureBan(), 10_000, TrustedAddresses.none()), clock);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        this.opaque = HexFormat.of().formatHex(bytes);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            random.nextBytes(bytes);
            dummyHa1.put(algorithm, algorithm.hash(HexFormat.of().formatHex(bytes)));
        }
    }

    public RegistrarSettings settings() {
        return settings;
    }

    /** The live bindings of {@code user}, in the order they were registered; empty for unknown users. */
    public synchronized List<Binding> lookup(String user) {
        Map<String, Binding> forUser = bindings.get(user);
        if (forUser == null) {
            return List.of();
        }
        Instant now = clock.instant();
        forUser.values().removeIf(b -> !b.isLive(now));
        return List.copyOf(forUser.values());
    }

    /** Users with at least one live binding. */
    public synchronized List<String> registeredUsers() {
        Instant now = clock.instant();
        return bindings.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(b -> b.isLive(now)))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** REGISTERs that authenticated. */
    public synchronized long authenticated() {
        return authenticated;
    }

    /** REGISTERs refused with 403 (wrong password, unknown user, replay, or a banned source). */
    public synchronized long rejected() {
        return rejected;
    }

    /**
     * The response to one REGISTER from {@code source}, with a To tag (RFC 3261 §8.2.6.2). The tag is
     * random, so it says nothing about the user.
     */
    public synchronized SipResponse handle(SipRequest register, InetSocketAddress source) {
        SipResponse response = decide(register, source);
        byte[] tag = new byte[8];
        random.nextBytes(tag);
        return response.withToTag(HexFormat.of().formatHex(tag));
    }

    private SipResponse decide(SipRequest register, InetSocketAddress source) {
        if (failures.isBanned(source.getAddress())) {
            rejected++;
            return forbidden(register);
        }
        Optional<String> header = register.headers().all("Authorization").stream()
                .filter(v -> DigestCredentials.parse(v).value().map(c -> c.realm().equals(settings.realm())).orElse(false))
                .findFirst();
        if (header.isEmpty()) {
            return challenge(register, false);
        }
        DigestCredentials credentials = DigestCredentials.parse(header.get()).orElseThrow();
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWire(credentials.algorithm());
        if (algorithm.isEmpty() || !settings.algorithms().contains(algorithm.get()) || !credentials.qop().equalsIgnoreCase(ALLOWED_QOP) || credentials.cnonce().isEmpty()
                || credentials.nc() == 0) {
            return challenge(register, false);
        }
        NonceService.Validity validity = nonces.check(credentials.nonce());
        if (validity == NonceService.Validity.STALE) {
            return challenge(register, true);
        }
        if (validity == NonceService.Validity.INVALID || !credentials.opaque().equals(opaque)) {
            return fail(register, source);
        }
        if (!matchesRequestUri(credentials.uri(), register.requestUri())) {
            return SipResponse.to(register, 400, "Authorization uri does not match the Request-URI");
        }
        StoredCredential user = users.get(credentials.username());
        String ha1 = user == null ? null : user.ha1().get(algorithm.get());
        boolean known = ha1 != null;
        String expected = algorithm.get().response(known ? ha1 : dummyHa1.get(algorithm.get()), credentials.nonce(),
                credentials.ncText(), credentials.cnonce(), register.method().name(), credentials.uri());
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credentials.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!known || !match || !toUser(register).equals(Optional.of(credentials.username()))) {
            return fail(register, source);
        }
        if (!nonces.acceptCount(credentials.nonce(), credentials.nc())) {
            return fail(register, source); // a replayed nonce count
        }
        authenticated++;
        return updateBindings(register, credentials.username(), source);
    }

    private SipResponse challenge(SipRequest register, boolean stale) {
        String nonce = nonces.issue();
        SipResponse response = SipResponse.to(register, 401);
        for (DigestAlgorithm algorithm : settings.algorithms()) {
            response = response.withHeader("WWW-Authenticate",
                    DigestChallenge.of(settings.realm(), nonce, opaque, algorithm.wireName(), stale).toString());
        }
        return response;
    }

    private SipResponse fail(SipRequest register, InetSocketAddress source) {
        failures.check(source.getAddress());
        rejected++;
        return forbidden(register);
    }

    private static SipResponse forbidden(SipRequest register) {
        return SipResponse.to(register, 403);
    }

    private static boolean matchesRequestUri(String uri, SipUri requestUri) {
        return SipUri.parse(uri).value().map(u -> u.equals(requestUri) || u.toString().equalsIgnoreCase(requestUri.toString()))
                .orElse(false);
    }

    private static Optional<String> toUser(SipRequest register) {
        return Optional.ofNullable(register.to().uri().user());
    }

    /** RFC 3261 §10.3 steps 6-8, for an authenticated user. */
    private SipResponse updateBindings(SipRequest register, String user, InetSocketAddress source) {
        Instant now = clock.instant();
        Map<String, Binding> current = bindings.computeIfAbsent(user, u -> new LinkedHashMap<>());
        current.values().removeIf(b -> !b.isLive(now));
        List<String> contacts = register.headers().all("Contact");
        Optional<Long> headerExpires = register.headers().first("Expires").map(Registrar::seconds);
        if (headerExpires.isPresent() && headerExpires.get() < 0) {
            return SipResponse.to(register, 400, "Bad Expires");
        }
        long cseq = register.cseq().sequence();
        String callId = register.callId();
        if (contacts.contains("*")) {
            if (contacts.size() != 1 || headerExpires.orElse(-1L) != 0) {
                return SipResponse.to(register, 400, "Wildcard Contact needs Expires: 0 and no other Contact");
            }
            for (Binding b : current.values()) {
                if (b.callId().equals(callId) && cseq <= b.cseq()) {
                    return SipResponse.to(register, 500, "Out of order REGISTER");
                }
            }
            current.clear();
            return ok(register, List.of(), now);
        }
        List<Binding> updates = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        for (String value : contacts) {
            ParseResult<NameAddr> parsed = NameAddr.parse(value);
            if (parsed.value().isEmpty()) {
                return SipResponse.to(register, 400, "Bad Contact");
            }
            NameAddr contact = parsed.orElseThrow();
            long expires = contact.parameter("expires").map(Registrar::seconds)
                    .orElse(headerExpires.orElse(settings.defaultExpires().toSeconds()));
            if (expires < 0) {
                return SipResponse.to(register, 400, "Bad expires parameter");
            }
            if (expires > 0 && expires < settings.minExpires().toSeconds()) {
                return SipResponse.to(register, 423)
                        .withHeader("Min-Expires", Long.toString(settings.minExpires().toSeconds()));
            }
            String key = contact.uri().toString();
            Binding existing = current.get(key);
            if (existing != null && existing.callId().equals(callId) && cseq <= existing.cseq()) {
                return SipResponse.to(register, 500, "Out of order REGISTER");
            }
            if (expires == 0) {
                removals.add(key);
            } else {
                long granted = Math.min(expires, settings.maxExpires().toSeconds());
                updates.add(new Binding(user, contact.uri(), source, now.plusSeconds(granted), callId, cseq));
            }
        }
        long added = updates.stream().filter(b -> !current.containsKey(b.contact().toString())).count();
        if (current.size() - removals.size() + added > settings.maxBindingsPerUser()) {
            return SipResponse.to(register, 403, "Too many contacts");
        }
        removals.forEach(current::remove);
        updates.forEach(b -> current.put(b.contact().toString(), b));
        return ok(register, List.copyOf(current.values()), now);
    }

    private static SipResponse ok(SipRequest register, List<Binding> live, Instant now) {
        SipResponse response = SipResponse.to(register, 200);
        for (Binding b : live) {
            response = response.withHeader("Contact", "<" + b.contact() + ">;expires=" + b.remainingSeconds(now));
        }
        return response;
    }

    /** A delta-seconds value, or -1 when it is not one (RFC 3261 §25.1; large values are capped). */
    private static long seconds(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Math.min(Long.parseLong(t), 0xffffffffL);
    }
}
