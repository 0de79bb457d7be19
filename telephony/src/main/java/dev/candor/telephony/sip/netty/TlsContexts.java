package dev.candor.telephony.sip.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the TLS contexts for SIPS from a PKCS#12 keystore. The password never leaves this method. */
public final class TlsContexts {
    private TlsContexts() { }

    /** The server and client contexts: the server presents the keystore's key; the client trusts the JDK's CAs. */
    public record Pair(SslContext server, SslContext client) { }

    /**
     * @throws IllegalArgumentException naming the file (never the password) when it cannot be read
     */
    public static Pair fromPkcs12(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SslContext server = SslContextBuilder.forServer(kmf).protocols("TLSv1.3", "TLSv1.2").build();
            SslContext client = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2").build();
            return new Pair(server, client);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS keystore " + keystore + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }
}
