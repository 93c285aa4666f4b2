package org.vecgrad.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Reads and writes named {@link NdArray}s in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format.
 *
 * <h2>Layout</h2>
 * <pre>
 *   8 bytes   N, the header length: unsigned 64-bit little-endian
 *   N bytes   UTF-8 JSON, starting with '{', padded with spaces (0x20) so that 8 + N is a multiple of 8:
 *             {"__metadata__": {"k": "v", ...},
 *              "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
 *   rest      the data buffer: each tensor's elements, row-major, little-endian, at [begin, end) relative to the
 *             start of the buffer; the tensors tile the buffer exactly (no gap, no overlap, nothing after).
 * </pre>
 *
 * <p>Writing: F32, F64, I64, I32 and BOOL tensors in their own dtype, or (with a {@link StoreAs}) floating-point
 * ones as F16 or BF16, rounded to nearest even ({@link FileDType} has the table, {@link NarrowFloats} the rounding),
 * laid out contiguously in the map's iteration order; the header is compact JSON in the same order with
 * {@code __metadata__} (if any) first, as the reference library writes it. {@link #save}
 * is atomic: the bytes go to a temporary file in the same folder, are forced to disk, and the temporary file is
 * renamed over the target, so a reader sees either the old file or the new one, never a partial one.
 *
 * <p>Reading: F64, F32, F16, BF16, F8_E4M3, F8_E5M2, I64, I32, I16, I8, U8 and BOOL; the narrow floats widen
 * exactly to F32, I16, I8 and U8 widen to I32, and {@link Contents#fileDTypes()} says what each tensor was in the
 * file ({@link FileDType} has the table). Tensors are returned in header order.
 * As in the reference library, header order need not be data order: the entries are sorted by
 * {@code data_offsets} before the tiling is checked. The reader is strict and rejects every malformed file with a
 * {@link SafeTensorsFormatException} that names the problem and where it is: a header length above
 * {@value #MAX_HEADER_BYTES} bytes (the reference library's cap) or beyond the end of the file, a header that is
 * not UTF-8, does not start with '{', is not JSON, nests deeper than {@value #MAX_JSON_DEPTH} levels or repeats a
 * key; an entry with missing or unknown fields (stricter than the reference, which ignores unknown ones), an
 * unknown or unsupported dtype (the message lists the supported ones), a BOOL byte other than 0 or 1 (its file
 * offset is named), a shape that is not a list of non-negative integers or whose element count or
 * byte size overflows, {@code data_offsets} with begin &gt; end, beyond the data buffer, or inconsistent with
 * shape × dtype size; entries that overlap or leave gaps; a buffer with bytes no tensor covers; metadata that is
 * not an object of strings.
 *
 * <p>No allocation depends on a size from the file before that size has been checked against the real file
 * length: the arrays read cost at most the data's own size (four times that for the 8-bit and 16-bit dtypes,
 * which widen to 32 bits), the parsed header a small
 * multiple of the header's size (capped as above), and the work is one linear pass.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /** Largest header accepted, in bytes (the reference library's {@code MAX_HEADER_SIZE}). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Deepest JSON nesting accepted; a valid header needs 3 (top object, entry object, shape list). */
    public static final int MAX_JSON_DEPTH = 64;

    /** The header key that holds the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final int CHUNK = 1 << 16; // streaming buffer: a multiple of every element size

    /**
     * The contents of a safetensors file.
     *
     * @param tensors    name → array, in header order (unmodifiable)
     * @param metadata   the {@code __metadata__} entries, empty if the file has none (unmodifiable)
     * @param fileDTypes name → the dtype the tensor had in the file (BF16 for a tensor read as F32 from BF16), in
     *                   header order (unmodifiable); {@code (name, a) -> c.fileDTypes().get(name)} writes the
     *                   tensors back as they came
     */
    public record Contents(Map<String, NdArray> tensors, Map<String, String> metadata,
            Map<String, FileDType> fileDTypes) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            fileDTypes = Collections.unmodifiableMap(new LinkedHashMap<>(fileDTypes));
            if (!fileDTypes.keySet().equals(tensors.keySet())) {
                throw new IllegalArgumentException("fileDTypes must name the same tensors: " + fileDTypes.keySet()
                        + " vs " + tensors.keySet());
            }
        }

        /** Contents whose file dtypes are the arrays' own. */
        public Contents(Map<String, NdArray> tensors, Map<String, String> metadata) {
            this(tensors, metadata, ownDTypes(tensors));
        }

        private static Map<String, FileDType> ownDTypes(Map<String, NdArray> tensors) {
            Map<String, FileDType> out = new LinkedHashMap<>();
            tensors.forEach((n, a) -> out.put(n, FileDType.of(a.dtype())));
            return out;
        }
    }

    // ================================================================================================= writing

    /**
     * Chooses the file dtype of each tensor written: {@link #AS_IS}, {@link #floatsAs}, or a lambda such as
     * {@code (name, a) -> name.endsWith("num_batches_tracked") ? FileDType.I64 : FileDType.BF16}. The choice must
     * be one {@link FileDType#canWrite} allows for the array's dtype.
     */
    @FunctionalInterface
    public interface StoreAs {
        /** The file dtype for tensor {@code name} holding {@code array}. */
        FileDType fileDType(String name, NdArray array);
    }

    /** Every tensor in its own dtype (F32, F64, I64, I32, BOOL): what {@link #save(Path, Map)} writes. */
    public static final StoreAs AS_IS = (name, array) -> FileDType.of(array.dtype());

    /**
     * Floating-point tensors as {@code floats} (F64, F32, F16 or BF16, rounded to nearest even where narrower),
     * integer and BOOL tensors in their own dtype: {@code floatsAs(FileDType.BF16)} halves an F32 checkpoint and
     * keeps BatchNorm's I64 {@code num_batches_tracked} as it is, as {@code model.bfloat16()} does in PyTorch.
     */
    public static StoreAs floatsAs(FileDType floats) {
        Objects.requireNonNull(floats, "floats");
        if (!floats.canWrite(DType.F32)) {
            throw new IllegalArgumentException("floatsAs(" + floats + "): floating-point tensors are written as F64,"
                    + " F32, F16 or BF16");
        }
        return (name, array) -> array.dtype().isFloatingPoint() ? floats : FileDType.of(array.dtype());
    }

    /** {@link #save(Path, Map, Map)} without metadata. */
    public static void save(Path file, Map<String, NdArray> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (and {@code metadata}, may be empty) to {@code file} atomically: to a temporary file
     * in the same folder, forced to disk, then renamed over {@code file}. On any failure the previous
     * {@code file} (if any) is untouched and the temporary file is deleted.
     *
     * @throws IllegalArgumentException for a null or reserved name, a name that is not valid UTF-16, or a header
     *                                  above {@value #MAX_HEADER_BYTES} bytes (nothing is written)
     */
    public static void save(Path file, Map<String, NdArray> tensors, Map<String, String> metadata)
            throws IOException {
        save(file, tensors, metadata, AS_IS, UnaryOperator.identity());
    }

    /**
     * {@link #save(Path, Map, Map)} with each tensor stored as {@code storeAs} says (e.g.
     * {@code floatsAs(FileDType.F16)}).
     *
     * @throws IllegalArgumentException also when {@code storeAs} gives null or a file dtype the array's dtype
     *                                  cannot be written as (see {@link FileDType#canWrite}); nothing is written
     */
    public static void save(Path file, Map<String, NdArray> tensors, Map<String, String> metadata, StoreAs storeAs)
            throws IOException {
        save(file, tensors, metadata, storeAs, UnaryOperator.identity());
    }

    /** {@link #save(Path, Map, Map, StoreAs)} with a wrapper around the channel the bytes go through (tests inject faults). */
    static void save(Path file, Map<String, NdArray> tensors, Map<String, String> metadata, StoreAs storeAs,
            UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Objects.requireNonNull(file, "file");
        Plan plan = plan(tensors, metadata, storeAs); // validates everything before the disk is touched
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + ".tmp");
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
        boolean moved = false;
        try {
            try (FileChannel c = ch) {
                writeBody(wrap.apply(c), plan, tensors);
                c.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS); else a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the rename itself is still atomic there.
        }
    }

    /** Writes the whole file (header and data) to {@code out}; does not close it. */
    public static void write(WritableByteChannel out, Map<String, NdArray> tensors, Map<String, String> metadata)
            throws IOException {
        write(out, tensors, metadata, AS_IS);
    }

    /** {@link #write(WritableByteChannel, Map, Map)} with each tensor stored as {@code storeAs} says. */
    public static void write(WritableByteChannel out, Map<String, NdArray> tensors, Map<String, String> metadata,
            StoreAs storeAs) throws IOException {
        Objects.requireNonNull(out, "out");
        writeBody(out, plan(tensors, metadata, storeAs), tensors);
    }

    /** The whole file as bytes (for files under 2 GiB). */
    public static byte[] toBytes(Map<String, NdArray> tensors, Map<String, String> metadata) {
        return toBytes(tensors, metadata, AS_IS);
    }

    /** {@link #toBytes(Map, Map)} with each tensor stored as {@code storeAs} says. */
    public static byte[] toBytes(Map<String, NdArray> tensors, Map<String, String> metadata, StoreAs storeAs) {
        Plan plan = plan(tensors, metadata, storeAs);
        long total = 8L + plan.header.length + plan.dataBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("toBytes: the file would have " + total
                    + " bytes, more than a Java array holds; use save or write");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(plan.header.length).put(plan.header);
        int i = 0;
        for (NdArray a : tensors.values()) {
            putData(bb, a, plan.types[i++], 0, a.size());
        }
        return bb.array();
    }

    /** {@link #toBytes(Map, Map)} without metadata. */
    public static byte[] toBytes(Map<String, NdArray> tensors) {
        return toBytes(tensors, Map.of());
    }

    private static void writeBody(WritableByteChannel out, Plan plan, Map<String, NdArray> tensors)
            throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(plan.header.length).flip();
        writeFully(out, bb);
        writeFully(out, ByteBuffer.wrap(plan.header));
        int i = 0;
        for (NdArray a : tensors.values()) {
            FileDType type = plan.types[i++];
            int perChunk = CHUNK / type.byteSize();
            for (int from = 0; from < a.size(); from += perChunk) {
                bb.clear();
                putData(bb, a, type, from, Math.min(a.size(), from + perChunk));
                bb.flip();
                writeFully(out, bb);
            }
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            out.write(bb);
        }
    }

    /** Elements [from, to) of {@code a}, encoded as {@code type} (which {@link FileDType#canWrite} allowed). */
    private static void putData(ByteBuffer bb, NdArray a, FileDType type, int from, int to) {
        // same dtype: bulk copies through a little-endian view: raw bits (NaN payloads survive), byte-swapped only
        // on BE hosts; a conversion goes element by element
        int n = to - from;
        int at = a.offset() + from;
        DType own = a.dtype();
        switch (type) {
            case F32 -> {
                if (own == DType.F32) {
                    bb.asFloatBuffer().put(a.floatData(), at, n);
                    bb.position(bb.position() + 4 * n);
                } else {
                    double[] d = a.doubleData();
                    for (int i = 0; i < n; i++) {
                        bb.putFloat((float) d[at + i]);
                    }
                }
            }
            case F64 -> {
                if (own == DType.F64) {
                    bb.asDoubleBuffer().put(a.doubleData(), at, n);
                    bb.position(bb.position() + 8 * n);
                } else {
                    float[] f = a.floatData();
                    for (int i = 0; i < n; i++) {
                        bb.putDouble(f[at + i]);
                    }
                }
            }
            case F16, BF16 -> {
                boolean half = type == FileDType.F16;
                if (own == DType.F32) {
                    float[] f = a.floatData();
                    for (int i = 0; i < n; i++) {
                        bb.putShort(half ? NarrowFloats.f16Bits(f[at + i]) : NarrowFloats.bf16Bits(f[at + i]));
                    }
                } else {
                    double[] d = a.doubleData();
                    for (int i = 0; i < n; i++) {
                        bb.putShort(half ? NarrowFloats.f16Bits(d[at + i]) : NarrowFloats.bf16Bits(d[at + i]));
                    }
                }
            }
            case I64 -> {
                bb.asLongBuffer().put(a.longData(), at, n);
                bb.position(bb.position() + 8 * n);
            }
            case I32 -> {
                bb.asIntBuffer().put(a.intData(), at, n);
                bb.position(bb.position() + 4 * n);
            }
            case BOOL -> {
                boolean[] z = a.booleanData();
                for (int i = 0; i < n; i++) {
                    bb.put(z[at + i] ? (byte) 1 : (byte) 0);
                }
            }
            default -> throw new AssertionError(type + " is not writable; plan() lets only writable types through");
        }
    }

    /** A validated write: the header bytes and each tensor's file dtype, in the map's iteration order. */
    private record Plan(byte[] header, FileDType[] types, long dataBytes) {
    }

    /** The header bytes of a write with every tensor as is (the tests read it). */
    static byte[] header(Map<String, NdArray> tensors, Map<String, String> metadata) {
        return plan(tensors, metadata, AS_IS).header;
    }

    /**
     * The header bytes (JSON padded with spaces to a multiple of 8) and file dtypes; validates names, arrays, file
     * dtypes and metadata.
     */
    private static Plan plan(Map<String, NdArray> tensors, Map<String, String> metadata, StoreAs storeAs) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata (use Map.of() for none)");
        Objects.requireNonNull(storeAs, "storeAs (use SafeTensors.AS_IS)");
        FileDType[] types = new FileDType[tensors.size()];
        int index = 0;
        StringBuilder sb = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            Json.writeString(sb, METADATA_KEY);
            sb.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata entry " + e.getKey() + "=" + e.getValue()
                            + ": keys and values must not be null");
                }
                sb.append(first ? "" : ",");
                first = false;
                Json.writeString(sb, e.getKey());
                sb.append(':');
                Json.writeString(sb, e.getValue());
            }
            sb.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, NdArray> e : tensors.entrySet()) {
            String name = e.getKey();
            NdArray a = e.getValue();
            if (name == null || a == null) {
                throw new IllegalArgumentException("tensor entry " + name + "=" + a
                        + ": names and arrays must not be null");
            }
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("\"" + METADATA_KEY + "\" is reserved and cannot name a tensor");
            }
            FileDType type = storeAs.fileDType(name, a);
            if (type == null || !type.canWrite(a.dtype())) {
                throw new IllegalArgumentException("tensor \"" + name + "\" is " + a.dtype() + " "
                        + Shapes.str(a.shape()) + " and cannot be written as " + type + ": "
                        + (a.dtype().isFloatingPoint() ? "F32 and F64 arrays are written as F64, F32, F16 or BF16"
                        : a.dtype() + " arrays are written as " + a.dtype() + " (convert it with to(DType))"));
            }
            types[index++] = type;
            long bytes = (long) a.size() * type.byteSize();
            sb.append(sb.length() > 1 ? "," : "");
            Json.writeString(sb, name);
            sb.append(":{\"dtype\":\"").append(type.name()).append("\",\"shape\":[");
            int[] shape = a.shape();
            for (int i = 0; i < shape.length; i++) {
                sb.append(i > 0 ? "," : "").append(shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        sb.append('}');
        byte[] json;
        try {
            ByteBuffer enc = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(sb));
            json = new byte[enc.remaining()];
            enc.get(json);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a tensor name or metadata string is not valid UTF-16 (unpaired "
                    + "surrogate) and cannot be written as UTF-8", e);
        }
        int padded = (json.length + 7) & ~7; // 8 + N stays 8-aligned, so the data starts aligned
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header would have " + padded + " bytes, more than the "
                    + MAX_HEADER_BYTES + " readers accept");
        }
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return new Plan(out, types, offset);
    }

    // ================================================================================================= reading

    /** Where the bytes come from: a file channel or an array. */
    private interface Source {
        long size();

        /** Fills {@code dst} from {@code position}; a short source is a truncated file. */
        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    /** Reads a safetensors file (see the class doc for what is accepted and rejected). */
    public static Contents load(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            return read(new Source() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public void readFully(long position, ByteBuffer dst) throws IOException {
                    long p = position;
                    while (dst.hasRemaining()) {
                        int n = ch.read(dst, p);
                        if (n < 0) {
                            throw new SafeTensorsFormatException("truncated file: it ended at byte " + p
                                    + " while " + dst.remaining() + " more bytes were expected");
                        }
                        p += n;
                    }
                }
            }, file.toString());
        }
    }

    /** Reads a safetensors file held in memory. */
    public static Contents fromBytes(byte[] bytes) throws SafeTensorsFormatException {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return read(new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void readFully(long position, ByteBuffer dst) throws SafeTensorsFormatException {
                    if (position + dst.remaining() > bytes.length) {
                        throw new SafeTensorsFormatException("truncated: " + bytes.length + " bytes, but "
                                + dst.remaining() + " were needed at offset " + position);
                    }
                    dst.put(bytes, (int) position, dst.remaining());
                }
            }, "byte array");
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an in-memory source does no I/O", e);
        }
    }

    /** One header entry, validated on its own. */
    private record Entry(String name, FileDType dtype, int[] shape, int elements, long begin, long end) {
    }

    private static Contents read(Source src, String where) throws IOException {
        long fileSize = src.size();
        if (fileSize < 8) {
            throw new SafeTensorsFormatException(where + ": " + fileSize
                    + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf);
        long n = lenBuf.getLong(0); // u64: a negative long is a length above 2^63
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException(where + ": header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > fileSize - 8) {
            throw new SafeTensorsFormatException(where + ": header length " + n + " exceeds the " + (fileSize - 8)
                    + " bytes after the length field (file of " + fileSize + " bytes)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n); // n ≤ 100 MB and ≤ the file: safe to allocate
        src.readFully(8, hb);
        hb.flip();
        String header;
        try {
            header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(where + ": the header is not valid UTF-8 (near header byte "
                    + hb.position() + ", file byte " + (8 + hb.position()) + ")", e);
        }
        if (header.isEmpty() || header.charAt(0) != '{') {
            throw new SafeTensorsFormatException(where + ": the header must start with '{', found "
                    + (header.isEmpty() ? "an empty header" : String.format("U+%04X", (int) header.charAt(0))));
        }
        Object root;
        try {
            root = Json.parse(header, "the header", MAX_JSON_DEPTH);
        } catch (SafeTensorsFormatException e) {
            throw new SafeTensorsFormatException(where + ": " + e.getMessage());
        }
        long dataLen = fileSize - 8 - n;
        long dataStart = 8 + n;

        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) root; // starts with '{' and parsed: an object
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                readMetadata(e.getValue(), metadata, where);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), dataLen, where));
            }
        }

        // The entries must tile [0, dataLen) exactly, in some order (the reference sorts by offsets too).
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        String prev = null;
        for (Entry en : byOffset) {
            if (en.begin < expected) {
                throw new SafeTensorsFormatException(where + ": tensor \"" + en.name + "\" at bytes [" + en.begin
                        + ", " + en.end + ") overlaps tensor \"" + prev + "\", which ends at " + expected);
            }
            if (en.begin > expected) {
                throw new SafeTensorsFormatException(where + ": gap in the data buffer: bytes [" + expected + ", "
                        + en.begin + ") belong to no tensor (before tensor \"" + en.name + "\")");
            }
            expected = en.end;
            prev = en.name;
        }
        if (expected != dataLen) {
            throw new SafeTensorsFormatException(where + ": the data buffer has " + dataLen + " bytes but the "
                    + "tensors cover only [0, " + expected + "): " + (dataLen - expected)
                    + " trailing bytes belong to no tensor");
        }

        // Every size is now bounded by the real file size: allocating is safe.
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        Map<String, FileDType> fileDTypes = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(dataLen, 8)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Entry en : entries) {
            tensors.put(en.name, readTensor(src, dataStart, en, chunk, where));
            fileDTypes.put(en.name, en.dtype);
        }
        return new Contents(tensors, metadata, fileDTypes);
    }

    private static void readMetadata(Object v, Map<String, String> out, String where)
            throws SafeTensorsFormatException {
        if (v == Json.NULL) {
            return; // the reference library's Option<HashMap>: null means none
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new SafeTensorsFormatException(where + ": \"" + METADATA_KEY + "\" must be an object of strings, "
                    + "found " + kind(v));
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsFormatException(where + ": \"" + METADATA_KEY + "\" entry \"" + e.getKey()
                        + "\" must be a string, found " + kind(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry entry(String name, Object v, long dataLen, String where) throws SafeTensorsFormatException {
        String at = where + ": tensor \"" + name + "\"";
        if (!(v instanceof Map<?, ?> m)) {
            throw new SafeTensorsFormatException(at + " must be an object with dtype, shape and data_offsets, found "
                    + kind(v));
        }
        Set<Object> unknown = new HashSet<>(m.keySet());
        unknown.removeAll(Set.of("dtype", "shape", "data_offsets"));
        if (!unknown.isEmpty()) {
            throw new SafeTensorsFormatException(at + " has unknown field(s) " + unknown
                    + " (expected only dtype, shape, data_offsets)");
        }
        for (String k : List.of("dtype", "shape", "data_offsets")) {
            if (!m.containsKey(k)) {
                throw new SafeTensorsFormatException(at + " has no \"" + k + "\"");
            }
        }
        if (!(m.get("dtype") instanceof String dtypeName)) {
            throw new SafeTensorsFormatException(at + ": dtype must be a string, found " + kind(m.get("dtype")));
        }
        FileDType dtype = switch (dtypeName) {
            case "F64", "F32", "F16", "BF16", "F8_E4M3", "F8_E5M2", "I64", "I32", "I16", "I8", "U8", "BOOL" ->
                    FileDType.valueOf(dtypeName);
            case "F8_E8M0", "U16", "U32", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2" -> throw
                    new SafeTensorsFormatException(at + ": dtype " + dtypeName + " is not supported (vecgrad reads "
                            + FileDType.readable() + ")");
            default -> throw new SafeTensorsFormatException(at + ": unknown dtype \"" + dtypeName + "\"");
        };
        int elemBytes = dtype.byteSize();
        if (!(m.get("shape") instanceof List<?> shapeList)) {
            throw new SafeTensorsFormatException(at + ": shape must be a list, found " + kind(m.get("shape")));
        }
        int[] shape = new int[shapeList.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long dim = nonNegativeInt(shapeList.get(i), at + ": shape[" + i + "]");
            if (dim > Integer.MAX_VALUE) {
                throw new SafeTensorsFormatException(at + ": shape[" + i + "] = " + dim + " exceeds "
                        + Integer.MAX_VALUE);
            }
            shape[i] = (int) dim;
            elements *= dim; // both factors ≤ 2^31 - 1: no long overflow
            if (elements > Integer.MAX_VALUE) { // checked as it grows, like Shapes.size
                throw new SafeTensorsFormatException(at + ": shape " + shapeList + " has more than "
                        + Integer.MAX_VALUE + " elements (the element count overflows a Java array)");
            }
        }
        long bytes = elements * elemBytes; // ≤ (2^31 - 1) · 8: no overflow
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2) {
            throw new SafeTensorsFormatException(at + ": data_offsets must be a list [begin, end], found "
                    + kind(m.get("data_offsets")) + " " + m.get("data_offsets"));
        }
        long begin = nonNegativeInt(offs.get(0), at + ": data_offsets[0]");
        long end = nonNegativeInt(offs.get(1), at + ": data_offsets[1]");
        if (begin > end) {
            throw new SafeTensorsFormatException(at + ": data_offsets [" + begin + ", " + end
                    + "] are unsorted (begin after end)");
        }
        if (end > dataLen) {
            throw new SafeTensorsFormatException(at + ": data_offsets [" + begin + ", " + end
                    + "] run past the data buffer of " + dataLen + " bytes (truncated file?)");
        }
        if (end - begin != bytes) {
            throw new SafeTensorsFormatException(at + ": data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes, but shape " + Shapes.str(shape) + " × " + dtype + " needs " + bytes);
        }
        return new Entry(name, dtype, shape, (int) elements, begin, end);
    }

    private static long nonNegativeInt(Object v, String what) throws SafeTensorsFormatException {
        if (!(v instanceof Json.Num num)) {
            throw new SafeTensorsFormatException(what + " must be a non-negative integer, found " + kind(v));
        }
        long x = num.asNonNegativeLong();
        if (x < 0) {
            throw new SafeTensorsFormatException(what + " must be a non-negative integer below 2^63, found "
                    + num.text());
        }
        return x;
    }

    private static String kind(Object v) {
        if (v instanceof Map) {
            return "an object";
        } else if (v instanceof List) {
            return "a list";
        } else if (v instanceof String s) {
            return "the string \"" + s + "\"";
        } else if (v instanceof Json.Num num) {
            return "the number " + num.text();
        } else if (v instanceof Boolean b) {
            return b.toString();
        }
        return "null";
    }

    private static NdArray readTensor(Source src, long dataStart, Entry en, ByteBuffer chunk, String where)
            throws IOException {
        NdArray a = NdArray.zeros(en.dtype.readsAs(), en.shape);
        int elemBytes = en.dtype.byteSize();
        int perChunk = chunk.capacity() / elemBytes;
        long pos = dataStart + en.begin;
        for (int from = 0; from < en.elements; from += perChunk) {
            int count = Math.min(perChunk, en.elements - from);
            chunk.clear().limit(count * elemBytes);
            src.readFully(pos, chunk);
            chunk.flip();
            decode(chunk, en, a, from, count, pos, where);
            pos += (long) count * elemBytes;
        }
        return a;
    }

    /**
     * Elements [from, from + count) of {@code a} from {@code chunk}, which holds them as {@code en.dtype} and
     * starts at file byte {@code pos} (for messages).
     */
    private static void decode(ByteBuffer chunk, Entry en, NdArray a, int from, int count, long pos, String where)
            throws SafeTensorsFormatException {
        switch (en.dtype) {
            // same dtype: bulk copies through a little-endian view
            case F64 -> chunk.asDoubleBuffer().get(a.doubleData(), from, count);
            case F32 -> chunk.asFloatBuffer().get(a.floatData(), from, count);
            case I64 -> chunk.asLongBuffer().get(a.longData(), from, count);
            case I32 -> chunk.asIntBuffer().get(a.intData(), from, count);
            case F16, BF16, F8_E4M3, F8_E5M2 -> {
                float[] f = a.floatData();
                for (int i = 0; i < count; i++) {
                    f[from + i] = switch (en.dtype) {
                        case F16 -> NarrowFloats.f16ToFloat(chunk.getShort());
                        case BF16 -> NarrowFloats.bf16ToFloat(chunk.getShort());
                        case F8_E4M3 -> NarrowFloats.f8e4m3ToFloat(chunk.get());
                        default -> NarrowFloats.f8e5m2ToFloat(chunk.get());
                    };
                }
            }
            case I16, I8, U8 -> {
                int[] v = a.intData();
                for (int i = 0; i < count; i++) {
                    v[from + i] = switch (en.dtype) {
                        case I16 -> chunk.getShort();
                        case I8 -> chunk.get();
                        default -> chunk.get() & 0xff;
                    };
                }
            }
            case BOOL -> {
                boolean[] z = a.booleanData();
                for (int i = 0; i < count; i++) {
                    byte b = chunk.get();
                    if ((b & ~1) != 0) {
                        throw new SafeTensorsFormatException(where + ": tensor \"" + en.name + "\" is BOOL but "
                                + "its byte at file offset " + (pos + i) + " (element " + (from + i) + ") is "
                                + (b & 0xff) + ", not 0 or 1");
                    }
                    z[from + i] = b != 0;
                }
            }
        }
    }
}
