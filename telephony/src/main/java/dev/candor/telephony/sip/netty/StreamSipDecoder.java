package dev.candor.telephony.sip.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a SIP byte stream (TCP or TLS) into messages by Content-Length (RFC 3261 §18.3). Emits one
 * {@code byte[]} per complete message, however the bytes arrived: split over many reads or several
 * in one read. Parsing is the pure {@code SipParser}'s job, as for datagrams.
 *
 * <p>On a stream the Content-Length is the only frame boundary, so a message without one, with an
 * unreadable or negative one, with two that disagree, or larger than {@code maxMessageBytes} leaves
 * the stream unframeable: the decoder emits one {@link FramingError}, discards everything after it
 * and expects the handler to close the connection. A Content-Length larger than the body that follows
 * simply waits for more bytes; the idle timeout closes such a connection.
 *
 * <p>CRLF between messages are skipped (RFC 3261 §7.5); a double CRLF keep-alive ping is answered
 * with a single CRLF pong (RFC 5626 §4.4.1).
 */
final class StreamSipDecoder extends ByteToMessageDecoder {
    /** The stream cannot be framed; the connection must be closed. */
    record FramingError(String reason) { }

    private static final byte[] PONG = {'\r', '\n'};

    private final int maxMessageBytes;
    private boolean failed;
    /** Bytes after the reader index already searched for the end of the headers. */
    private int scannedBytes;
    /** The length of the frame being received once its headers are complete, else -1. */
    private int pendingFrameBytes = -1;

    StreamSipDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("invalid maxMessageBytes: " + maxMessageBytes + " (expected >= 1)");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (pendingFrameBytes < 0) {
            skipKeepAlives(ctx, in);
            if (!in.isReadable()) {
                return;
            }
            if (!cutHeaders(in, out)) {
                return;
            }
        }
        if (in.readableBytes() < pendingFrameBytes) {
            return; // wait for the rest of the body
        }
        byte[] frame = new byte[pendingFrameBytes];
        in.readBytes(frame);
        pendingFrameBytes = -1;
        scannedBytes = 0;
        out.add(frame);
    }

    /**
     * Finds the end of the headers and the frame length. Bytes already scanned in earlier reads are
     * not scanned again, so a peer dripping one byte at a time costs linear, not quadratic, work.
     * Returns whether the frame length is known.
     */
    private boolean cutHeaders(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int searchEnd = start + Math.min(in.readableBytes(), maxMessageBytes);
        int from = start + Math.max(0, scannedBytes - 3);
        int headerEnd = endOfHeaders(in, from, searchEnd);
        if (headerEnd < 0) {
            scannedBytes = searchEnd - start;
            if (in.readableBytes() >= maxMessageBytes) {
                fail(in, out, "header section longer than " + maxMessageBytes + " bytes");
            }
            return false; // wait for the rest of the headers
        }
        String headers = in.toString(start, headerEnd - start, StandardCharsets.ISO_8859_1);
        long contentLength = contentLength(headers);
        if (contentLength < 0) {
            fail(in, out, contentLength == MISSING ? "no Content-Length on a stream (RFC 3261 §18.3)"
                    : "invalid or conflicting Content-Length on a stream");
            return false;
        }
        long total = (long) headerEnd - start + contentLength;
        if (total > maxMessageBytes) {
            fail(in, out, "message of " + total + " bytes (expected at most " + maxMessageBytes + ")");
            return false;
        }
        pendingFrameBytes = (int) total;
        return true;
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new FramingError(reason));
    }

    private static void skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
        int skipped = 0;
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\r' && b != '\n') {
                break;
            }
            in.skipBytes(1);
            skipped++;
        }
        if (skipped >= 4) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
        }
    }

    /** Index just after the empty line that ends the headers (CRLF CRLF or LF LF), or -1. */
    static int endOfHeaders(ByteBuf in, int start, int end) {
        for (int i = start; i < end; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            if (i + 1 < end && in.getByte(i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < end && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static final long MISSING = -1;
    private static final long INVALID = -2;

    /**
     * The Content-Length in a header section ({@code Content-Length} or compact {@code l}); MISSING or
     * INVALID. Folded continuation lines never start a header, so they are skipped.
     */
    static long contentLength(String headers) {
        long found = MISSING;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return INVALID;
            }
            long n = Long.parseLong(value);
            if (found != MISSING && found != n) {
                return INVALID;
            }
            found = n;
        }
        return found;
    }

}
