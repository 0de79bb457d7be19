package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Garbage and a malformed INVITE sent to the SIP port in the middle of a call do not disturb it. */
class BadInputDuringCallIT {
    private static final int PCMA = 8;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void garbageIsDroppedMalformedInviteGets400AndTheCallGoesOn() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10)) {
            InetSocketAddress sip = new InetSocketAddress(InetAddress.getLoopbackAddress(), candor.sipAddress().getPort());
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml", sip.getHostString() + ":" + sip.getPort(),
                    "-s", "candor", "-p", String.valueOf(Sipp.freeUdpPort()), "-d", "4000",
                    "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);

            byte[] garbage = {0x16, 0x03, 0x01, 0x00, (byte) 0xFF, 'h', 'e', 'l', 'l', 'o', 0, 0, 0};
            attacker.send(new DatagramPacket(garbage, garbage.length, sip));
            byte[] malformed = ("INVITE sip:candor@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + attacker.getLocalPort() + ";branch=z9hG4bKbad1\r\n"
                    + "Max-Forwards: banana\r\n"
                    + "From: <sip:mallory@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:candor@127.0.0.1>\r\n"
                    + "Call-ID: malformed-1@127.0.0.1\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            attacker.send(new DatagramPacket(malformed, malformed.length, sip));

            attacker.setSoTimeout(5000);
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            attacker.receive(reply);
            String response = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("SIP/2.0 400").contains("Call-ID: malformed-1@127.0.0.1");
            await().atMost(Duration.ofSeconds(5)).until(() -> candor.endpoint().droppedDatagrams() >= 1);
            assertThat(candor.endpoint().answeredBadRequests()).isGreaterThanOrEqualTo(1);

            // The call goes on: audio keeps coming, and the caller's BYE ends it normally.
            int before = caller.received().size();
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.received().size() >= before + 25);
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();
            assertThat(caller.received()).allSatisfy(r -> assertThat(r.packet().payloadType()).isEqualTo(PCMA));

            await().atMost(Duration.ofSeconds(5)).until(() -> candor.callStore().recentCalls(5).stream()
                    .anyMatch(c -> c.endedAt().isPresent()));
            CallRow call = candor.callStore().recentCalls(5).get(0);
            assertThat(call.endReason()).contains("remote_hangup");
            assertThat(candor.callStore().recentCalls(5)).hasSize(1);
        }
    }
}
