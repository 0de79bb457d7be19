package dev.candor.telephony.call;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * SIP over streams next to UDP: TCP on the same port as UDP, and TLS (SIPS) on its own port when a
 * PKCS#12 keystore is given; without one, TLS only on the connections Candor opens.
 *
 * @param tcpEnabled listen on TCP too (and use it for {@code transport=tcp} targets)
 * @param idleTimeout stream connections without traffic for this long are closed
 * @param tlsPort the TLS port (usually 5061; 0 picks a free one); without a keystore only named in Via
 * @param keystore the PKCS#12 file with the certificate and key; empty makes TLS connect-only (Candor opens
 *     TLS connections but does not listen)
 * @param keystorePassword the keystore's password; never printed (see {@link #toString()})
 * @param maxConnections open TCP (and, separately, TLS) connections at most; more are closed when
 *     accepted, except from trusted addresses
 * @param maxConnectionsPerSource open TCP (and, separately, TLS) connections accepted from one source
 *     address at most; more from it are closed when accepted, except from trusted addresses
 * @param trustStore the PKCS#12 or JKS file of CA certificates that TLS connections Candor opens must
 *     lead to; empty for the JVM's default trust store
 * @param trustStorePassword the trust store's password; never printed
 */
public record StreamTransports(boolean tcpEnabled, Duration idleTimeout, int tlsPort, Optional<Path> keystore,
                               String keystorePassword, int maxConnections, int maxConnectionsPerSource,
                               Optional<Path> trustStore, String trustStorePassword) {
    /** The default cap on open connections per stream transport. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The default cap on connections from one source address per stream transport. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 100;

    public StreamTransports {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("invalid idle timeout: " + idleTimeout + " (expected > 0)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("invalid maxConnections: " + maxConnections + " (expected >= 1)");
        }
        if (maxConnectionsPerSource < 1) {
            throw new IllegalArgumentException("invalid maxConnectionsPerSource: " + maxConnectionsPerSource
                    + " (expected >= 1)");
        }
        if (tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("invalid TLS port: " + tlsPort + " (expected 0–65535)");
        }
    }

    public StreamTransports(boolean tcpEnabled, Duration idleTimeout, int tlsPort, Optional<Path> keystore,
                            String keystorePassword, int maxConnections, int maxConnectionsPerSource) {
        this(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, maxConnections, maxConnectionsPerSource,
                Optional.empty(), "");
    }

    public StreamTransports(boolean tcpEnabled, Duration idleTimeout, int tlsPort, Optional<Path> keystore,
                            String keystorePassword, int maxConnections) {
        this(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, maxConnections,
                DEFAULT_MAX_CONNECTIONS_PER_SOURCE);
    }

    public StreamTransports(boolean tcpEnabled, Duration idleTimeout, int tlsPort, Optional<Path> keystore,
                            String keystorePassword) {
        this(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, DEFAULT_MAX_CONNECTIONS);
    }

    /** TCP on, idle connections closed after 5 minutes, no TLS. */
    public static StreamTransports defaults() {
        return new StreamTransports(true, Duration.ofMinutes(5), 5061, Optional.empty(), "");
    }

    /** UDP only. */
    public static StreamTransports udpOnly() {
        return new StreamTransports(false, Duration.ofMinutes(5), 5061, Optional.empty(), "");
    }

    public StreamTransports withTls(Path keystore, String password, int port) {
        return new StreamTransports(tcpEnabled, idleTimeout, port, Optional.of(keystore), password, maxConnections,
                maxConnectionsPerSource, trustStore, trustStorePassword);
    }

    /** TLS connections Candor opens trust the CAs in {@code store} (PKCS#12 or JKS) instead of the JVM's. */
    public StreamTransports withTrustStore(Path store, String password) {
        return new StreamTransports(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, maxConnections,
                maxConnectionsPerSource, Optional.of(store), password);
    }

    public StreamTransports withIdleTimeout(Duration timeout) {
        return new StreamTransports(tcpEnabled, timeout, tlsPort, keystore, keystorePassword, maxConnections,
                maxConnectionsPerSource, trustStore, trustStorePassword);
    }

    public StreamTransports withMaxConnections(int max) {
        return new StreamTransports(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, max,
                maxConnectionsPerSource, trustStore, trustStorePassword);
    }

    public StreamTransports withMaxConnectionsPerSource(int max) {
        return new StreamTransports(tcpEnabled, idleTimeout, tlsPort, keystore, keystorePassword, maxConnections, max,
                trustStore, trustStorePassword);
    }

    @Override
    public String toString() {
        return "StreamTransports[tcpEnabled=" + tcpEnabled + ", idleTimeout=" + idleTimeout + ", tlsPort=" + tlsPort
                + ", keystore=" + keystore + ", keystorePassword=****, maxConnections=" + maxConnections
                + ", maxConnectionsPerSource=" + maxConnectionsPerSource + ", trustStore=" + trustStore
                + ", trustStorePassword=****]";
    }
}
