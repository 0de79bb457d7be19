package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.MAX_COUNT;
import static dev.candor.telephony.rtcp.WireFormat.decodeText;
import static dev.candor.telephony.rtcp.WireFormat.encodeText;
import static dev.candor.telephony.rtcp.WireFormat.padded;
import static dev.candor.telephony.rtcp.WireFormat.readUint32;
import static dev.candor.telephony.rtcp.WireFormat.requireEncodable;
import static dev.candor.telephony.rtcp.WireFormat.requireRange;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;
import static dev.candor.telephony.rtcp.WireFormat.requireUint32;
import static dev.candor.telephony.rtcp.WireFormat.writeHeader;
import static dev.candor.telephony.rtcp.WireFormat.writeUint32;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source description (RFC 3550 §6.5): for each source a chunk of items, each item a type and up
 * to 255 bytes of UTF-8 text.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |    type (1-8) |     length    | text ...                      |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        | ... more items, then a null octet and null padding to 32 bits |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * Candor sends only CNAME ({@link #cname(long, String)}) and keeps every item it receives. Text that
 * is not valid UTF-8 is decoded with '?' for each malformed sequence.
 *
 * @param chunks at most 31
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** Item type of the canonical end-point identifier. */
    public static final int CNAME = 1;

    public SourceDescription {
        chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
        if (chunks.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "invalid SDES chunk count: " + chunks.size() + " (expected 0–" + MAX_COUNT + ")");
        }
        int size = HEADER_SIZE;
        for (Chunk chunk : chunks) {
            size += chunk.size();
        }
        requireEncodable("SDES packet", size);
    }

    /** A description of one source by its CNAME only, as every compound packet needs (§6.1). */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
    }

    /**
     * One SDES item.
     *
     * @param type 1–255 (1 CNAME, 2 NAME, 3 EMAIL, 4 PHONE, 5 LOC, 6 TOOL, 7 NOTE, 8 PRIV)
     * @param text at most 255 bytes once encoded as UTF-8
     */
    public record Item(int type, String text) {
        public Item {
            requireRange("SDES item type", type, 1, 255);
            encodeText("SDES item text", text);
        }
    }

    /**
     * The items describing one source.
     *
     * @param ssrc  0–2<sup>32</sup>-1
     * @param items in the order sent
     */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            requireUint32("SDES SSRC", ssrc);
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }

        /** The text of the first CNAME item, if any. */
        public Optional<String> cname() {
            return items.stream().filter(item -> item.type() == CNAME).map(Item::text).findFirst();
        }

        /** SSRC, items, the null terminator and padding to 32 bits. */
        int size() {
            int size = 4;
            for (Item item : items) {
                size += 2 + encodeText("SDES item text", item.text()).length;
            }
            return 4 + padded(size - 4 + 1);
        }
    }

    @Override
    public int packetType() {
        return SDES;
    }

    @Override
    public int marshalSize() {
        int size = HEADER_SIZE;
        for (Chunk chunk : chunks) {
            size += chunk.size();
        }
        return size;
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        writeHeader(dst, offset, chunks.size(), SDES, size);
        int at = offset + HEADER_SIZE;
        for (Chunk chunk : chunks) {
            int end = at + chunk.size();
            writeUint32(dst, at, chunk.ssrc());
            at += 4;
            for (Item item : chunk.items()) {
                byte[] text = encodeText("SDES item text", item.text());
                dst[at] = (byte) item.type();
                dst[at + 1] = (byte) text.length;
                System.arraycopy(text, 0, dst, at + 2, text.length);
                at += 2 + text.length;
            }
            while (at < end) {
                dst[at++] = 0;                  // the terminating null item and the padding
            }
        }
        return size;
    }

    /** The description, or null if a chunk or item runs past the end of the body. */
    static SourceDescription decodeBody(byte[] buf, int at, int length, int count) {
        int end = at + length;
        int pos = at;
        List<Chunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            if (end - pos < 4) {
                return null;
            }
            long ssrc = readUint32(buf, pos);
            pos += 4;
            List<Item> items = new ArrayList<>(1);
            while (true) {
                if (pos >= end) {
                    return null;                // no terminating null item
                }
                int type = buf[pos] & 0xFF;
                if (type == 0) {
                    pos = at + padded(pos + 1 - at);
                    break;
                }
                if (end - pos < 2 || end - pos - 2 < (buf[pos + 1] & 0xFF)) {
                    return null;
                }
                int textLength = buf[pos + 1] & 0xFF;
                items.add(new Item(type, decodeText(buf, pos + 2, textLength)));
                pos += 2 + textLength;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }
}
