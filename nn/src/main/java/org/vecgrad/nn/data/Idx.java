package org.vecgrad.nn.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Reads (and writes) arrays in the IDX format, the format of the MNIST and Fashion-MNIST files.
 *
 * <h2>Layout</h2>
 * <pre>
 *   2 bytes    0x00 0x00
 *   1 byte     the element type: 0x08 unsigned byte, 0x09 signed byte, 0x0B short (2 bytes), 0x0C int (4),
 *              0x0D float (4), 0x0E double (8)
 *   1 byte     the rank r (number of dimensions, 0..255)
 *   4·r bytes  the dimensions, unsigned 32-bit big-endian
 *   the rest   the elements, row-major (last index fastest), big-endian
 * </pre>
 * A file may be gzip-compressed, as the MNIST files are distributed: the reader recognises gzip by its magic bytes
 * {@code 1F 8B}, not by the file name, so {@code train-images-idx3-ubyte.gz} and an unpacked copy under any name
 * both load.
 *
 * <p>Reading is strict. Every malformed file is refused with an {@link IdxFormatException} naming the file, the
 * field and the values: a file shorter than the magic number, a magic number not starting with two zero bytes, an
 * unknown type code, a file ending inside the dimensions, a dimension above 2³¹ − 1 or an element count above
 * 2³¹ − 1 (the largest Java array, checked as the product grows), data shorter or longer than the dimensions
 * declare, data larger than the caller's cap ({@link #DEFAULT_MAX_BYTES} unless given), and corrupt or truncated
 * gzip data.
 *
 * <h2>Bounded allocation</h2>
 * No allocation depends on a size from the file before that size has been checked. The declared data size is
 * checked against the cap first and, for an uncompressed file, against the bytes the file really has; only then is
 * the array allocated. The decompressed size of gzip data is not known in advance, so the data array starts at
 * 64 KiB and doubles as bytes arrive (never past the declared size): a file that declares a gigabyte but holds a
 * kilobyte costs 64 KiB, and a valid file at most twice its data size while it is read. Decompression stops one
 * byte after the declared data (to check nothing follows), so a gzip bomb cannot make the reader work longer than
 * the cap allows. The work is one linear pass.
 *
 * <pre>{@code
 * Idx.Contents images = Idx.load(Path.of("train-images-idx3-ubyte.gz"));   // UBYTE [60000, 28, 28]
 * NdArray x = images.toNdArray(DType.F32);                                  // values 0..255
 * int[] labels = Idx.load(Path.of("train-labels-idx1-ubyte.gz")).toIntArray();
 * }</pre>
 */
public final class Idx {
    private Idx() {
    }

    /** The cap on the data size used unless the caller gives one: 1 GiB (Fashion-MNIST's largest file has 47 MB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /** The largest cap a caller may give: the largest Java byte array. */
    public static final long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 16; // buffers, and the first data array when the size is unknown

    /** The element types of the IDX format, with their type codes. */
    public enum Type {
        /** 0x08: unsigned byte, 0..255 (MNIST's pixels and labels). */
        UBYTE(0x08, 1, "ubyte"),
        /** 0x09: signed byte, −128..127. */
        BYTE(0x09, 1, "byte"),
        /** 0x0B: signed 16-bit integer. */
        SHORT(0x0B, 2, "short"),
        /** 0x0C: signed 32-bit integer. */
        INT(0x0C, 4, "int"),
        /** 0x0D: IEEE 754 binary32. */
        FLOAT(0x0D, 4, "float"),
        /** 0x0E: IEEE 754 binary64. */
        DOUBLE(0x0E, 8, "double");

        private final int code;
        private final int byteSize;
        private final String label;

        Type(int code, int byteSize, String label) {
            this.code = code;
            this.byteSize = byteSize;
            this.label = label;
        }

        /** The type code, the third byte of the magic number. */
        public int code() {
            return code;
        }

        /** Bytes per element. */
        public int byteSize() {
            return byteSize;
        }

        /** True for the four integer types. */
        public boolean isInteger() {
            return this != FLOAT && this != DOUBLE;
        }

        @Override
        public String toString() {
            return label;
        }

        /** The type with this code, or null. */
        static Type ofCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * The contents of an IDX file: its element type, its shape and its elements (kept in the file's big-endian
     * encoding until converted, so a 47 MB ubyte file costs 47 MB until {@link #toNdArray} is called).
     * Immutable and safe to share between threads.
     */
    public static final class Contents {
        private final Type type;
        private final int[] shape;
        private final int size;
        private final ByteBuffer data; // big-endian (ByteBuffer's default); only absolute reads: thread-safe

        Contents(Type type, int[] shape, int size, byte[] data) {
            this.type = type;
            this.shape = shape;
            this.size = size;
            this.data = ByteBuffer.wrap(data).asReadOnlyBuffer();
        }

        /** The element type. */
        public Type type() {
            return type;
        }

        /** The dimensions (a copy). */
        public int[] shape() {
            return shape.clone();
        }

        /** The number of dimensions. */
        public int rank() {
            return shape.length;
        }

        /** The number of elements (1 for rank 0). */
        public int size() {
            return size;
        }

        /** Element {@code i} in row-major order, exactly (every IDX type is exactly a double). */
        public double get(int i) {
            Objects.checkIndex(i, size);
            return switch (type) {
                case UBYTE -> data.get(i) & 0xFF;
                case BYTE -> data.get(i);
                case SHORT -> data.getShort(2 * i);
                case INT -> data.getInt(4 * i);
                case FLOAT -> data.getFloat(4 * i);
                case DOUBLE -> data.getDouble(8 * i);
            };
        }

        /**
         * The elements as ints, row-major; for the integer types only (labels are usually UBYTE).
         *
         * @throws IllegalStateException for FLOAT and DOUBLE data
         */
        public int[] toIntArray() {
            if (!type.isInteger()) {
                throw new IllegalStateException("toIntArray: the IDX data is " + type
                        + ", not an integer type; use toNdArray");
            }
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = (int) get(i);
            }
            return out;
        }

        /**
         * The elements as a new array of this shape: exact in F64; in F32, exact for the byte and short types and
         * rounded to nearest for ints above 2²⁴ and for doubles.
         */
        public NdArray toNdArray(DType dtype) {
            Objects.requireNonNull(dtype, "dtype");
            NdArray out = NdArray.zeros(dtype, shape);
            if (dtype == DType.F32) {
                float[] f = out.floatData();
                for (int i = 0; i < size; i++) {
                    f[i] = (float) get(i);
                }
            } else {
                double[] d = out.doubleData();
                for (int i = 0; i < size; i++) {
                    d[i] = get(i);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "Idx.Contents(" + type + " " + Shapes.str(shape) + ")";
        }
    }

    // ================================================================================================= reading

    /** Reads an IDX file, gzipped or not, with data up to {@link #DEFAULT_MAX_BYTES}. */
    public static Contents load(Path file) throws IOException {
        return load(file, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads an IDX file, gzipped or not, refusing data (decompressed) larger than {@code maxBytes}.
     *
     * @param maxBytes 0 ≤ maxBytes ≤ {@link #MAX_BYTES_LIMIT}
     * @throws IdxFormatException for a malformed file (see the class doc)
     * @throws IOException        when the file cannot be read
     */
    public static Contents load(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        checkMaxBytes(maxBytes);
        long length = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, length, file.toString(), maxBytes);
        }
    }

    /** Reads an IDX file held in memory, gzipped or not, with data up to {@link #DEFAULT_MAX_BYTES}. */
    public static Contents fromBytes(byte[] bytes) throws IdxFormatException {
        return fromBytes(bytes, DEFAULT_MAX_BYTES);
    }

    /** Reads an IDX file held in memory, gzipped or not, refusing data larger than {@code maxBytes}. */
    public static Contents fromBytes(byte[] bytes, long maxBytes) throws IdxFormatException {
        Objects.requireNonNull(bytes, "bytes");
        checkMaxBytes(maxBytes);
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, "byte array", maxBytes);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an in-memory source does no I/O", e);
        }
    }

    private static void checkMaxBytes(long maxBytes) {
        if (maxBytes < 0 || maxBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " must be in [0, " + MAX_BYTES_LIMIT + "]");
        }
    }

    /** Counts the bytes read through it (to say where corrupt gzip data broke off). */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** {@code length}: the byte count of {@code raw}, used only when the data turns out not to be gzipped. */
    private static Contents read(InputStream raw, long length, String where, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, CHUNK);
        in.mark(2);
        int b0 = in.read();
        int b1 = b0 < 0 ? -1 : in.read();
        in.reset();
        if (b0 != 0x1F || b1 != 0x8B) {
            return parse(in, length, where, maxBytes);
        }
        Counting inflated = null;
        try {
            inflated = new Counting(new GZIPInputStream(in, CHUNK));
            return parse(inflated, -1, where + " (gzip)", maxBytes);
        } catch (ZipException | EOFException e) {
            // only the gzip stream throws these: parse reports a short plain stream itself
            throw new IdxFormatException(where + ": corrupt or truncated gzip data"
                    + (inflated == null ? " in the gzip header" : " after " + inflated.count + " decompressed byte(s)")
                    + ": " + Objects.requireNonNullElse(e.getMessage(), "the stream ends early"), e);
        }
    }

    /** Parses the (decompressed) IDX bytes from {@code in}; {@code length} is their count, or −1 if unknown. */
    private static Contents parse(InputStream in, long length, String where, long maxBytes) throws IOException {
        byte[] magic = new byte[4];
        int got = readUpTo(in, magic, 4);
        if (got < 4) {
            throw new IdxFormatException(where + ": truncated in the magic number: " + got + " byte(s), but an IDX "
                    + "file starts with 4 (0x00 0x00, the type code, the rank)");
        }
        String magicHex = String.format("0x%02X%02X%02X%02X", magic[0], magic[1], magic[2], magic[3]);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(where + ": bad magic number " + magicHex + ": an IDX file starts with the "
                    + "bytes 0x00 0x00, then the type code and the rank");
        }
        Type type = Type.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(where + ": unknown element type code " + String.format("0x%02X",
                    magic[2]) + " in the magic number " + magicHex + " (known: 0x08 ubyte, 0x09 byte, 0x0B short, "
                    + "0x0C int, 0x0D float, 0x0E double)");
        }
        int rank = magic[3] & 0xFF;
        byte[] dims = new byte[4 * rank]; // at most 1020 bytes
        got = readUpTo(in, dims, dims.length);
        if (got < dims.length) {
            throw new IdxFormatException(where + ": truncated in the dimensions: rank " + rank + " needs "
                    + dims.length + " bytes after the magic number, but the file ended after " + got);
        }
        ByteBuffer bb = ByteBuffer.wrap(dims); // big-endian
        int[] shape = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            long d = Integer.toUnsignedLong(bb.getInt());
            if (d > Integer.MAX_VALUE) {
                throw new IdxFormatException(where + ": dimension " + i + " is " + d + ", more than "
                        + Integer.MAX_VALUE + " (the largest Java array)");
            }
            shape[i] = (int) d;
            elements *= d; // both factors ≤ 2^31 - 1: no long overflow
            if (elements > Integer.MAX_VALUE) { // checked as it grows, like Shapes.size
                throw new IdxFormatException(where + ": the dimensions " + Shapes.str(Arrays.copyOf(shape, i + 1))
                        + (i + 1 < rank ? "…" : "") + " give more than " + Integer.MAX_VALUE
                        + " elements (the largest Java array)");
            }
        }
        long header = 4 + 4L * rank;
        long dataBytes = elements * type.byteSize();
        String declared = "shape " + Shapes.str(shape) + " of " + type + " = " + dataBytes + " bytes of data";
        if (length >= 0 && length - header != dataBytes) {
            long present = length - header;
            throw new IdxFormatException(where + ": the header declares " + declared + ", but the file has "
                    + present + " after the " + header + "-byte header (" + (present < dataBytes ? "truncated"
                    : (present - dataBytes) + " trailing bytes") + ")");
        }
        if (dataBytes > maxBytes) {
            throw new IdxFormatException(where + ": the header declares " + declared + ", more than the limit of "
                    + maxBytes + " bytes (load(file, maxBytes) raises it, up to " + MAX_BYTES_LIMIT + ")");
        }
        // Allocation is now bounded: by the real file length, or (gzip) by twice the bytes that arrive.
        byte[] data = new byte[(int) (length >= 0 ? dataBytes : Math.min(dataBytes, CHUNK))];
        int filled = 0;
        while (filled < dataBytes) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(dataBytes, 2L * data.length));
            }
            int n = in.read(data, filled, data.length - filled);
            if (n < 0) {
                throw new IdxFormatException(where + ": truncated data: the header declares " + declared
                        + ", but the file ended after " + filled + " of them");
            }
            filled += n;
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(where + ": bytes after the data: the header declares " + declared
                    + ", but the file goes on");
        }
        return new Contents(type, shape, (int) elements, data);
    }

    /** Reads up to {@code len} bytes into {@code b}; returns how many arrived before the end of the stream. */
    private static int readUpTo(InputStream in, byte[] b, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int k = in.read(b, n, len - n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        return n;
    }

    // ================================================================================================= writing

    /**
     * The IDX file (uncompressed) holding {@code values} as {@code type}, with the array's shape.
     *
     * @throws IllegalArgumentException when the rank is above 255, the file would not fit a Java array, or an
     *                                  element is not exactly representable in {@code type} (an integer type
     *                                  out of range or with a fraction; a double that is not a float) — nothing
     *                                  is written
     */
    public static byte[] toBytes(Type type, NdArray values) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        int[] shape = values.shape();
        if (shape.length > 255) {
            throw new IllegalArgumentException("Idx.toBytes: rank " + shape.length + " exceeds the format's 255");
        }
        long total = 4 + 4L * shape.length + (long) values.size() * type.byteSize();
        if (total > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("Idx.toBytes: shape " + Shapes.str(shape) + " of " + type + " needs "
                    + total + " bytes, more than a Java array holds");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) total); // big-endian
        bb.put((byte) 0).put((byte) 0).put((byte) type.code()).put((byte) shape.length);
        for (int d : shape) {
            bb.putInt(d);
        }
        for (int i = 0; i < values.size(); i++) {
            double v = values.getFlat(i);
            switch (type) {
                case UBYTE -> bb.put((byte) integer(v, 0, 255, type, i));
                case BYTE -> bb.put((byte) integer(v, Byte.MIN_VALUE, Byte.MAX_VALUE, type, i));
                case SHORT -> bb.putShort((short) integer(v, Short.MIN_VALUE, Short.MAX_VALUE, type, i));
                case INT -> bb.putInt(integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type, i));
                case FLOAT -> {
                    if ((float) v != v && !Double.isNaN(v)) {
                        throw new IllegalArgumentException("Idx.toBytes: element " + i + " = " + v
                                + " does not fit float exactly");
                    }
                    bb.putFloat((float) v);
                }
                case DOUBLE -> bb.putDouble(v);
            }
        }
        return bb.array();
    }

    private static int integer(double v, int lo, int hi, Type type, int i) {
        if (!(v >= lo && v <= hi) || v != Math.rint(v)) {
            throw new IllegalArgumentException("Idx.toBytes: element " + i + " = " + v + " does not fit " + type
                    + " (integers " + lo + ".." + hi + ")");
        }
        return (int) v;
    }
}
