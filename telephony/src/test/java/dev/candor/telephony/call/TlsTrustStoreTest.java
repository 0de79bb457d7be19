package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS connections Candor opens (a call to a {@code sips:} URI) verify the server: its chain must lead
 * to the configured private trust store (else the JVM's default CAs) and its certificate must name the
 * host Candor connected to. The certificates are made by {@code keytool} in the test: a private CA,
 * a server it signs for 127.0.0.1, the same key signed for another name, and a self-signed stranger.
 * Without a keystore of its own Candor still opens TLS connections (connect-only), verified the same way.
 */
class TlsTrustStoreTest {
    private static final int TIMEOUT_MILLIS = 5000;
    private static final String PASSWORD = "pw-" + ThreadLocalRandom.current().nextInt(1_000_000);

    @TempDir
    static Path dir;

    private static Path trustStore;
    private static KeyStore caSigned;
    private static KeyStore wrongName;
    private static KeyStore stranger;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
    private final MediaClock clock = MediaClock.start();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private SipEndpoint endpoint;

    @BeforeAll
    static void makeCertificates() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not found at " + keytool);
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        keytool(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Candor Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-validity", "2", "-keystore", server.toString());
        keytool(keytool, "-certreq", "-alias", "server", "-keystore", server.toString(),
                "-file", dir.resolve("server.csr").toString());
        keytool(keytool, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile",
                dir.resolve("server.csr").toString(), "-outfile", dir.resolve("server.crt").toString(),
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
        keytool(keytool, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile",
                dir.resolve("server.csr").toString(), "-outfile", dir.resolve("other.crt").toString(),
                "-ext", "SAN=dns:other.example.com", "-validity", "2");
        keytool(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", dir.resolve("stranger.p12").toString());

        KeyStore caStore = load(ca);
        Certificate caCert = caStore.getCertificate("ca");
        // The private trust store, as JKS (the server keystores are PKCS#12: both formats are read).
        KeyStore trust = KeyStore.getInstance("JKS");
        trust.load(null, null);
        trust.setCertificateEntry("candor-test-ca", caCert);
        trustStore = dir.resolve("trust.jks");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        KeyStore serverStore = load(server);
        Key key = serverStore.getKey("server", PASSWORD.toCharArray());
        caSigned = withChain(key, certificate("server.crt"), caCert);
        wrongName = withChain(key, certificate("other.crt"), caCert);
        stranger = load(dir.resolve("stranger.p12"));
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        clock.close();
        callbacks.shutdownNow();
    }

    @Test
    void aServerSignedByThePrivateCaIsAcceptedAndGetsTheInvite() throws Exception {
        start(StreamTransports.defaults().withTls(dir.resolve("server.p12"), PASSWORD, 0)
                .withTrustStore(trustStore, PASSWORD));
        try (SSLServerSocket far = tlsServer(caSigned)) {
            call(far);
            try (SSLSocket socket = (SSLSocket) far.accept(); StreamPeer bob = new StreamPeer(socket, TIMEOUT_MILLIS)) {
                socket.startHandshake();
                SipRequest invite = (SipRequest) bob.read();
                assertThat(invite.method().name()).isEqualTo("INVITE");
                assertThat(invite.topVia().transport()).isEqualTo("TLS");
            }
        }
    }

    @Test
    void withoutAKeystoreTlsIsConnectOnlyAndThePeerAnswersOverCandorsConnection() throws Exception {
        start(StreamTransports.defaults().withTrustStore(trustStore, PASSWORD));
        assertThat(endpoint.tlsAddress()).as("nothing listens for TLS without a keystore").isEmpty();
        CompletableFuture<EndReason> ended = new CompletableFuture<>();
        try (SSLServerSocket far = tlsServer(caSigned)) {
            endpoint.call("sips:bob@127.0.0.1:" + far.getLocalPort(), "candor", new CallLegListener() {
                @Override
                public void onEnded(CallLeg leg, EndReason reason) {
                    ended.complete(reason);
                }
            }, Duration.ofSeconds(10));
            try (SSLSocket socket = (SSLSocket) far.accept(); StreamPeer bob = new StreamPeer(socket, TIMEOUT_MILLIS)) {
                socket.startHandshake();
                SipRequest invite = (SipRequest) bob.read();
                assertThat(invite.topVia().transport()).isEqualTo("TLS");
                assertThat(invite.headers().first("Contact")).hasValueSatisfying(c -> assertThat(c).contains("transport=tls"));

                // The answer comes back over the connection Candor opened, and so does the ACK for it.
                bob.write(StreamPeer.response(invite, "486 Busy Here", "bob-1"));
                SipRequest ack = (SipRequest) bob.read();
                assertThat(ack.method().name()).isEqualTo("ACK");
                assertThat(ended.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();

                // A request from the peer over that connection is answered on it too.
                bob.write("OPTIONS sip:candor@127.0.0.1 SIP/2.0\r\n"
                        + "Via: SIP/2.0/TLS 127.0.0.1:" + far.getLocalPort() + ";branch=z9hG4bK-opt-1\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sips:bob@127.0.0.1>;tag=b1\r\nTo: <sips:candor@127.0.0.1>\r\n"
                        + "Call-ID: options-over-tls\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
                SipResponse options = (SipResponse) bob.read();
                assertThat(options.statusCode()).isEqualTo(200);
                assertThat(options.headers().first("Call-ID")).contains("options-over-tls");
            }
        }
    }

    @Test
    void withoutAKeystoreTheServerIsStillVerified() throws Exception {
        start(StreamTransports.defaults().withTrustStore(trustStore, PASSWORD));
        assertHandshakeRefused(stranger);
    }

    @Test
    void aSelfSignedServerTheTrustStoreDoesNotKnowIsRefused() throws Exception {
        start(StreamTransports.defaults().withTls(dir.resolve("server.p12"), PASSWORD, 0)
                .withTrustStore(trustStore, PASSWORD));
        assertHandshakeRefused(stranger);
    }

    @Test
    void aServerSignedByThePrivateCaForAnotherNameIsRefused() throws Exception {
        start(StreamTransports.defaults().withTls(dir.resolve("server.p12"), PASSWORD, 0)
                .withTrustStore(trustStore, PASSWORD));
        assertHandshakeRefused(wrongName);
    }

    @Test
    void withoutATrustStoreThePrivateCaIsNotTrusted() throws Exception {
        start(StreamTransports.defaults().withTls(dir.resolve("server.p12"), PASSWORD, 0));
        assertHandshakeRefused(caSigned);
    }

    @Test
    void anUnreadableTrustStoreStopsStartUpNamingTheFileButNotThePassword() throws Exception {
        Path broken = dir.resolve("broken.jks");
        Files.write(broken, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> start(StreamTransports.defaults().withTls(dir.resolve("server.p12"), PASSWORD, 0)
                .withTrustStore(broken, "trust-s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.jks").hasMessageNotContaining("trust-s3cret");
    }

    private void assertHandshakeRefused(KeyStore serverKey) throws Exception {
        try (SSLServerSocket far = tlsServer(serverKey)) {
            call(far);
            try (SSLSocket socket = (SSLSocket) far.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                // Candor rejects the certificate with an alert: the handshake (or the first read) fails
                // and no SIP message ever arrives.
                assertThatThrownBy(() -> {
                    socket.startHandshake();
                    int read = socket.getInputStream().read();
                    throw new AssertionError("Candor sent data after a handshake it should refuse: " + read);
                }).isInstanceOf(SSLException.class);
            }
        }
    }

    private void start(StreamTransports transports) throws InterruptedException {
        SipEndpointConfig config = new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 19, 4096,
                List.of(AudioCodec.PCMU, AudioCodec.PCMA)).withTransports(transports);
        endpoint = SipEndpoint.start(config, clock, callbacks, leg -> {
            leg.reject(486);
            return new CallLegListener() { };
        });
    }

    private void call(SSLServerSocket far) {
        endpoint.call("sips:bob@127.0.0.1:" + far.getLocalPort(), "candor", new CallLegListener() { },
                Duration.ofSeconds(10));
    }

    private static SSLServerSocket tlsServer(KeyStore serverKey) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKey, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    private static void keytool(Path keytool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Certificate certificate(String file) throws Exception {
        try (InputStream in = new FileInputStream(dir.resolve(file).toFile())) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore withChain(Key key, Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, PASSWORD.toCharArray(), chain);
        return store;
    }
}
