package dev.candor.telephony.sip.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * Builds the TLS contexts for SIPS: the server side from a PKCS#12 keystore, the client side (the
 * connections Candor opens, e.g. to a {@code sips:} trunk) trusting the JVM's default CAs or a private
 * trust store. Passwords never leave these methods and never appear in an error.
 */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() { }

    /** The server and client contexts. */
    public record Pair(SslContext server, SslContext client) { }

    /**
     * The server presents the keystore's key; the client trusts the JVM's default CAs.
     *
     * @throws IllegalArgumentException naming the file (never the password) when it cannot be read
     */
    public static Pair fromPkcs12(Path keystore, char[] password) {
        return fromPkcs12(keystore, password, Optional.empty(), new char[0]);
    }

    /**
     * The server presents the keystore's key; the client trusts {@code trustStore} (PKCS#12 or JKS,
     * whichever the file is) when given, else the JVM's default CAs.
     *
     * @throws IllegalArgumentException naming the file at fault (never a password) when it cannot be read
     */
    public static Pair fromPkcs12(Path keystore, char[] password, Optional<Path> trustStore, char[] trustPassword) {
        SslContext server;
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            server = SslContextBuilder.forServer(kmf).protocols(PROTOCOLS).build();
        } catch (IOException | GeneralSecurityException e) {
            throw cannotLoad("TLS keystore", keystore, e);
        }
        return new Pair(server, client(trustStore, trustPassword));
    }

    /**
     * The client context. The server's chain must lead to a trusted CA, and its certificate must name
     * the host Candor connected to (a DNS or IP subjectAltName, checked as HTTPS does: RFC 2818 §3.1,
     * which RFC 5922 §7.2 builds on); either failure ends the handshake.
     *
     * @param trustStore a PKCS#12 or JKS file of trusted certificates; empty for the JVM's default CAs
     * @throws IllegalArgumentException naming the file (never the password) when it cannot be read
     */
    public static SslContext client(Optional<Path> trustStore, char[] trustPassword) {
        SslContextBuilder builder = SslContextBuilder.forClient().protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm("HTTPS");
        try {
            if (trustStore.isPresent()) {
                KeyStore trusted = KeyStore.getInstance(trustStore.get().toFile(), trustPassword);
                if (trusted.size() == 0) {
                    throw new IllegalArgumentException("the TLS trust store " + trustStore.get()
                            + " holds no certificates (expected the CA certificates to trust)");
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                builder.trustManager(tmf);
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw cannotLoad("TLS trust store", trustStore.orElse(Path.of("(JVM default)")), e);
        }
    }

    private static IllegalArgumentException cannotLoad(String what, Path file, Exception e) {
        return new IllegalArgumentException("cannot load the " + what + " " + file + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
}
