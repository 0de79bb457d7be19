package dev.candor.telephony.call;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A scripted SIP peer on one stream socket (TCP or TLS): writes raw bytes, reads one message at a time
 * by Content-Length. Reads time out with the socket's timeout, so a missing reply fails the test.
 */
final class StreamPeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    StreamPeer(Socket socket, int timeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(timeoutMillis);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next SIP message; CRLF keep-alive pongs before it are skipped. */
    SipMessage read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes");
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue;
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        head.write(body);
        byte[] all = head.toByteArray();
        SipParseResult result = SipParser.parse(all, 0, all.length, SipDecoderConfig.defaults());
        if (result instanceof SipParseResult.Parsed parsed) {
            return parsed.message();
        }
        throw new AssertionError("unparseable message from Candor: " + result + "\n" + headers);
    }

    /**
     * A response to {@code request} as a peer would write it: {@code statusLine} (e.g. {@code "486 Busy Here"}),
     * the request's Via, From, Call-ID and CSeq, its To with {@code toTag}, then {@code extraHeaders}
     * (whole lines without CRLF), no body.
     */
    static String response(SipRequest request, String statusLine, String toTag, String... extraHeaders) {
        StringBuilder out = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
        for (String via : request.headers().all("Via")) {
            out.append("Via: ").append(via).append("\r\n");
        }
        out.append("From: ").append(request.headers().first("From").orElseThrow()).append("\r\n")
                .append("To: ").append(request.headers().first("To").orElseThrow()).append(";tag=").append(toTag)
                .append("\r\n")
                .append("Call-ID: ").append(request.headers().first("Call-ID").orElseThrow()).append("\r\n")
                .append("CSeq: ").append(request.headers().first("CSeq").orElseThrow()).append("\r\n");
        for (String header : extraHeaders) {
            out.append(header).append("\r\n");
        }
        return out.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** The next {@code n} raw bytes (keep-alive pings included), or fewer if the connection closed. */
    String readRaw(int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** Whether the other side closed the connection: the next read sees end of stream (or a reset). */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !e.getClass().getSimpleName().contains("Timeout");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
