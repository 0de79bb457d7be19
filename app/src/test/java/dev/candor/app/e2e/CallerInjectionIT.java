package dev.candor.app.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller whose user part, display name, dialled user, Call-ID and asserted identity are made of
 * {@code &}, {@code ;}, {@code ../}, {@code '--}, %-escaped CR/LF and NUL, and a quoted NUL in the
 * display name, over real UDP. Candor must take the call, store the text verbatim through SQL
 * parameters (the row round-trips, no other row or table changes), name the recording by its own call
 * id, keep every log line one escaped line, and never put the caller's text into the INVITE it sends
 * to the agent when the caller presses 0.
 */
class CallerInjectionIT {
    private static final int TELEPHONE_EVENT = 101;
    /** Words of the caller's text: none may appear in a dial string, escaped or not. */
    private static final List<String> CALLER_WORDS = List.of(
            "../", "passwd", "Robert", "DROP", "rm&", "'--", "reboot", "forged", "15550100666");
    /** The caller's separators, traversals, quotes and control characters: a log line may hold them only escaped. */
    private static final List<String> UNESCAPED = List.of(
            "../", ";rm", "rm&", "&reboot", "'--", "\"x\"", "); DROP", ";DROP", "\r", "\n", "\u0000");

    @TempDir
    Path tmp;

    private final Queue<ILoggingEvent> logged = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            logged.add(event);
        }
    };
    private Level candorLevelBefore;

    @BeforeEach
    void captureLogsAtDebug() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        Logger candor = (Logger) LoggerFactory.getLogger("dev.candor");
        candorLevelBefore = candor.getLevel();
        candor.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture);
        capture.stop();
        ((Logger) LoggerFactory.getLogger("dev.candor")).setLevel(candorLevelBefore);
    }

    @Test
    void hostileCallerTextIsStoredVerbatimButNeverReachesAFileNameALogLineOrADialString() throws Exception {
        try (RtpPeer media = new RtpPeer();
             DatagramSocket phone = udpSocket();
             DatagramSocket agentPhone = udpSocket();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentPhone.getLocalPort(), 5,
                     "recording.enabled=true")) {
            Path database = tmp.resolve("data").resolve("candor.db");
            TreeSet<String> tablesBefore = tables(database);
            InetSocketAddress sip = new InetSocketAddress(InetAddress.getLoopbackAddress(), candor.sipAddress().getPort());
            String local = "127.0.0.1:" + phone.getLocalPort();
            String fromUri = "sip:../../etc/passwd;rm&reboot=1'--%0D%0AINFO%20forged%00@" + local;
            String requestUri = "sip:candor&x=../..;DROP%0Acalls%00@127.0.0.1:" + sip.getPort();
            String callId = "inj'--../../x\"y<z>DROP@" + local;
            String fromTag = "t'1";
            String invite = "INVITE " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bKinj1;rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: \"Robert'); DROP TABLE calls;-- & ../../etc/passwd \\\u0000 \\\"x\\\"\" <" + fromUri
                    + ">;tag=" + fromTag + "\r\n"
                    + "To: <" + requestUri + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:phone@" + local + ">\r\n"
                    + "P-Asserted-Identity: \"rm -rf /; ../../x & y\" <sip:+15550100666;x=../&y@127.0.0.1>\r\n"
                    + "Content-Type: application/sdp\r\n";
            String sdp = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + media.port() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";
            send(phone, sip, invite + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);

            String ok = receive(phone, m -> m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1"), 15).text();
            assertThat(ok).startsWith("SIP/2.0 200");
            String toWithTag = header(ok, "To");
            String candorContact = header(ok, "Contact").replaceAll(".*<([^>]*)>.*", "$1");
            String dialog = "From: " + header(ok, "From") + "\r\nTo: " + toWithTag + "\r\nCall-ID: " + callId + "\r\n";
            send(phone, sip, "ACK " + candorContact + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local
                    + ";branch=z9hG4bKinj2\r\nMax-Forwards: 70\r\n" + dialog + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
            await().atMost(Duration.ofSeconds(15)).until(() -> media.received().size() >= 10);

            // Key 0: Candor calls the agent. Nothing the caller sent is in that INVITE.
            media.sendDtmf('0', TELEPHONE_EVENT);
            Received agentInvite = receive(agentPhone, m -> m.startsWith("INVITE "), 15);
            assertThat(agentInvite.text().lines().findFirst().orElseThrow())
                    .isEqualTo("INVITE sip:alice@127.0.0.1:" + agentPhone.getLocalPort() + " SIP/2.0");
            assertThat(agentInvite.text()).as("the INVITE to the agent")
                    .doesNotContain(callId).doesNotContain(CALLER_WORDS.toArray(String[]::new));
            busy(agentPhone, agentInvite);

            send(phone, sip, "BYE " + candorContact + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local
                    + ";branch=z9hG4bKinj3\r\nMax-Forwards: 70\r\n" + dialog + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
            assertThat(receive(phone, m -> m.contains("CSeq: 2 BYE"), 10).text()).startsWith("SIP/2.0 200");
            await().atMost(Duration.ofSeconds(10)).until(() -> candor.callStore().recentCalls(5).stream()
                    .anyMatch(c -> c.endedAt().isPresent()));
            await().atMost(Duration.ofSeconds(10)).until(() -> recordingStatus(database).filter(s -> !s.equals("recording")).isPresent());

            // SQL: the text is stored verbatim, found again by equality, and nothing else changed.
            List<CallRow> calls = candor.callStore().recentCalls(5);
            assertThat(calls).hasSize(1);
            CallRow call = calls.get(0);
            assertThat(call.fromUri()).isEqualTo(fromUri);
            assertThat(call.toUri()).isEqualTo(requestUri);
            assertThat(call.sipCallId()).isEqualTo(callId);
            assertThat(call.id()).matches("[0-9a-f-]{36}");
            assertThat(count(database, "SELECT count(*) FROM calls WHERE from_uri = ? AND sip_call_id = ?", fromUri, callId))
                    .isEqualTo(1);
            assertThat(count(database, "SELECT count(*) FROM calls")).isEqualTo(1);
            assertThat(tables(database)).isEqualTo(tablesBefore);

            // Files: only Candor's call id names the recording; no file anywhere carries caller text.
            String recordingFile = recordingFile(database).orElseThrow();
            assertThat(Path.of(recordingFile).getFileName().toString()).isEqualTo(call.id() + ".wav.enc");
            assertThat(Path.of(recordingFile).normalize().startsWith(tmp.resolve("data").toAbsolutePath())).isTrue();
            try (Stream<Path> files = Files.walk(tmp.resolve("data"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .allSatisfy(name -> assertThat(name).matches("[A-Za-z0-9._-]+"));
            }

            // Logs: the call was logged (so the check below saw caller text go by), every line escaped.
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : logged) {
                lines.add(event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
            }
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("INVITE from").contains("etc"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("incoming from"));
            for (String line : lines) {
                assertThat(line).as("log line %s", line).doesNotContain(UNESCAPED.toArray(String[]::new));
            }
        }
    }

    private static DatagramSocket udpSocket() throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private record Received(String text, InetSocketAddress sender) {
    }

    /** The first message that arrives within {@code seconds} and matches; others (100, 180, retransmissions) are skipped. */
    private static Received receive(DatagramSocket socket, Predicate<String> wanted, int seconds) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        byte[] buffer = new byte[65535];
        while (true) {
            int left = (int) Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                throw new AssertionError("no matching SIP message within " + seconds + " s");
            }
            socket.setSoTimeout(left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no matching SIP message within " + seconds + " s", e);
            }
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (wanted.test(message)) {
                return new Received(message, (InetSocketAddress) packet.getSocketAddress());
            }
        }
    }

    /** The agent's phone answers 486 Busy Here to Candor's INVITE. */
    private static void busy(DatagramSocket agentPhone, Received received) throws IOException {
        String invite = received.text();
        StringBuilder response = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        invite.lines().filter(l -> l.regionMatches(true, 0, "Via:", 0, 4)).forEach(l -> response.append(l).append("\r\n"));
        response.append("From: ").append(header(invite, "From")).append("\r\n")
                .append("To: ").append(header(invite, "To")).append(";tag=agent1\r\n")
                .append("Call-ID: ").append(header(invite, "Call-ID")).append("\r\n")
                .append("CSeq: ").append(header(invite, "CSeq")).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        send(agentPhone, received.sender(), response.toString());
    }

    private static String header(String message, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return message.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in\n" + message));
    }

    private static Connection open(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    private static TreeSet<String> tables(Path database) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (Connection c = open(database);
             ResultSet rs = c.createStatement().executeQuery("SELECT type || ' ' || name FROM sqlite_master")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long count(Path database, String sql, String... values) throws SQLException {
        try (Connection c = open(database); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Optional<String> recordingStatus(Path database) throws SQLException {
        return column(database, "SELECT status FROM recordings");
    }

    private static Optional<String> recordingFile(Path database) throws SQLException {
        return column(database, "SELECT file_path FROM recordings");
    }

    private static Optional<String> column(Path database, String sql) throws SQLException {
        try (Connection c = open(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }
}
