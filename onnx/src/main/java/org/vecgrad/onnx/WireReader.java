package org.vecgrad.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one protobuf message's bytes, {@code buf[pos, end)}: the wire format's four record kinds (varint,
 * 64-bit, length-delimited, 32-bit). Groups (wire types 3 and 4, deprecated in proto2, absent from ONNX) and the
 * unused wire types 6 and 7 are refused. Every read checks the bounds first and throws {@link OnnxFormatException}
 * naming the field path and the absolute byte offset, so a malformed message can never index outside its range.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    private final ByteBuffer buf;
    private final int end;
    private int pos;
    /** The field path of this message, for error messages, e.g. {@code graph.node[3]}. */
    final String path;

    WireReader(ByteBuffer buf, int from, int to, String path) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.path = path;
    }

    boolean hasMore() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    OnnxFormatException error(int at, String field, String what) {
        return new OnnxFormatException(path + (field.isEmpty() ? "" : "." + field) + " at byte " + at + ": " + what);
    }

    /** The next tag, {@code field << 3 | wireType}; refuses field number 0 and the group and unused wire types. */
    int tag() throws OnnxFormatException {
        int at = pos;
        long t = varint("(tag)");
        long field = t >>> 3;
        int wire = (int) (t & 7);
        if (field == 0 || field > (1 << 29) - 1) {
            throw error(at, "(tag)", "field number " + field + " is outside 1.." + ((1 << 29) - 1));
        }
        if (wire == 3 || wire == 4) {
            throw error(at, "(field " + field + ")", "wire type " + wire + " (group) is not supported");
        }
        if (wire == 6 || wire == 7) {
            throw error(at, "(field " + field + ")", "wire type " + wire + " does not exist");
        }
        return (int) t;
    }

    /** A base-128 varint of at most 10 bytes. */
    long varint(String field) throws OnnxFormatException {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw error(at, field, "truncated varint: the message ends at byte " + end);
            }
            byte b = buf.get(pos++);
            if (shift == 63 && (b & 0x7E) != 0) {
                throw error(at, field, "varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw error(at, field, "varint longer than 10 bytes");
    }

    int fixed32(String field) throws OnnxFormatException {
        need(4, field);
        int v = (buf.get(pos) & 0xFF) | (buf.get(pos + 1) & 0xFF) << 8 | (buf.get(pos + 2) & 0xFF) << 16
                | buf.get(pos + 3) << 24;
        pos += 4;
        return v;
    }

    long fixed64(String field) throws OnnxFormatException {
        need(8, field);
        long lo = fixed32(field) & 0xFFFFFFFFL;
        long hi = fixed32(field) & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    private void need(int n, String field) throws OnnxFormatException {
        if (end - pos < n) {
            throw error(pos, field, n + " bytes needed but the message ends at byte " + end);
        }
    }

    /** The length prefix of a length-delimited field, checked against the bytes left in this message. */
    int length(String field) throws OnnxFormatException {
        int at = pos;
        long n = varint(field);
        if (n < 0 || n > end - pos) {
            throw error(at, field, "length " + Long.toUnsignedString(n) + " runs past the end of the message ("
                    + (end - pos) + " bytes left)");
        }
        return (int) n;
    }

    /** The sub-message of a length-delimited field, as a reader of its own. */
    WireReader message(String field, String childPath) throws OnnxFormatException {
        int n = length(field);
        WireReader r = new WireReader(buf, pos, pos + n, childPath);
        pos += n;
        return r;
    }

    /** The [from, to) range of a length-delimited field's payload (absolute offsets in the buffer). */
    int[] bytesRange(String field) throws OnnxFormatException {
        int n = length(field);
        int[] r = {pos, pos + n};
        pos += n;
        return r;
    }

    byte[] bytes(String field) throws OnnxFormatException {
        int[] r = bytesRange(field);
        byte[] out = new byte[r[1] - r[0]];
        buf.get(r[0], out);
        return out;
    }

    /** A length-delimited UTF-8 string, decoded strictly. */
    String string(String field) throws OnnxFormatException {
        int at = pos;
        int[] r = bytesRange(field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.slice(r[0], r[1] - r[0])).toString();
        } catch (CharacterCodingException e) {
            throw error(at, field, "string is not valid UTF-8");
        }
    }

    /** A string field: its wire type checked against LEN, then read. */
    String string(int wire, int at, String field) throws OnnxFormatException {
        expect(wire, LEN, at, field);
        return string(field);
    }

    /** A varint field: its wire type checked, then read. */
    long varint(int wire, int at, String field) throws OnnxFormatException {
        expect(wire, VARINT, at, field);
        return varint(field);
    }

    /** Skips a field of an unknown number (protobuf semantics: readers ignore fields they do not know). */
    void skip(int wire, String field) throws OnnxFormatException {
        switch (wire) {
            case VARINT -> varint(field);
            case I64 -> {
                need(8, field);
                pos += 8;
            }
            case LEN -> pos += length(field);
            case I32 -> {
                need(4, field);
                pos += 4;
            }
            default -> throw new AssertionError("tag() refuses wire type " + wire);
        }
    }

    /** Refuses a field whose wire type is not the one its schema declares. */
    void expect(int wire, int expected, int at, String field) throws OnnxFormatException {
        if (wire != expected) {
            throw error(at, field, "wire type " + wire + " where the schema declares " + expected);
        }
    }
}
