package org.vecgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class SafeTensorsTest {

    // ------------------------------------------------------------------------------------------ known layouts

    @Test
    void oneF32TensorHasTheSpecByteLayout() {
        // Spec: u64 LE header length N, N bytes of JSON padded with spaces to a multiple of 8, then LE data.
        // JSON {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} counted by hand:
        // {"a": = 5, {"dtype": = 9, "F32", = 6, "shape": = 8, [2], = 4, "data_offsets": = 15, [0,8] = 5, }} = 2
        // → 54 bytes; padded to 56 with 2 spaces; N = 56 = 0x38. Data: 1.0f = 0x3F800000, 2.0f = 0x40000000, LE.
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] expected = new byte[8 + 56 + 8];
        expected[0] = 0x38; // N = 56, bytes 1..7 stay 0
        byte[] j = json.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(j, 0, expected, 8, j.length);
        expected[8 + 54] = ' ';
        expected[8 + 55] = ' ';
        byte[] data = {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40};
        System.arraycopy(data, 0, expected, 64, 8);

        byte[] actual = SafeTensors.toBytes(Map.of("a", NdArray.of(new float[] {1.0f, 2.0f})));
        assertEquals(54, j.length, "hand count of the JSON");
        assertArrayEquals(expected, actual);
    }

    @Test
    void readsAHandWrittenFileWithMetadataAndAllFourDtypes() throws IOException {
        // F16 1.0 = 0x3C00, F16 -2.0 = 0xC000; BF16 1.0 = 0x3F80, BF16 0.5 = 0x3F00; F64 -0.0 = sign bit only;
        // F32 scalar 3.0 = 0x40400000. Header order differs from data order (allowed, as in the reference).
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[16,20]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
        byte[] data = {0x00, 0x3C, 0x00, (byte) 0xC0, // h
                (byte) 0x80, 0x3F, 0x00, 0x3F, // b
                0, 0, 0, 0, 0, 0, 0, (byte) 0x80, // d
                0x00, 0x00, 0x40, 0x40}; // s
        SafeTensors.Contents c = SafeTensors.fromBytes(file(json, data));
        assertEquals(List.of("h", "s", "d", "b"), new ArrayList<>(c.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertEquals(NdArray.of(new float[] {1f, -2f}), c.tensors().get("h"));
        assertEquals(NdArray.of(new float[] {1f, 0.5f}), c.tensors().get("b"));
        assertEquals(NdArray.of(new double[] {-0.0}, 1, 1), c.tensors().get("d"));
        assertEquals(NdArray.scalar(DType.F32, 3f), c.tensors().get("s"));
    }

    /**
     * A file written by the reference implementation (Hugging Face safetensors 0.8.0, Python, numpy API):
     * <pre>
     * safetensors.numpy.save_file({'b': np.array([[1.5, -0.0], [np.inf, np.nan]], dtype=np.float64),
     *     'a': np.array([1.0, 2.0], dtype=np.float32), 'h': np.array([1.0, -2.0, 65504], dtype=np.float16),
     *     's': np.array(3.0, dtype=np.float32)}, path, metadata={'format': 'np', 'ü': 'x'})
     * </pre>
     * The reference orders the data by dtype alignment, then name (b, a, s, h), and writes the header in that order.
     */
    @Test
    void readsAFileWrittenByTheReferenceLibrary() throws IOException {
        byte[] bytes;
        try (var in = SafeTensorsTest.class.getResourceAsStream("reference-0.8.0.safetensors")) {
            bytes = in.readAllBytes();
        }
        SafeTensors.Contents c = SafeTensors.fromBytes(bytes);
        assertEquals(List.of("b", "a", "s", "h"), new ArrayList<>(c.tensors().keySet()));
        assertEquals(Map.of("format", "np", "ü", "x"), c.metadata());
        assertEquals(NdArray.of(new double[] {1.5, -0.0, Double.POSITIVE_INFINITY, Double.NaN}, 2, 2),
                c.tensors().get("b"));
        assertEquals(NdArray.of(new float[] {1, 2}), c.tensors().get("a"));
        assertEquals(NdArray.scalar(DType.F32, 3), c.tensors().get("s"));
        assertEquals(NdArray.of(new float[] {1, -2, 65504}), c.tensors().get("h")); // F16's largest finite value
    }

    @Test
    void emptyMapIsAValidFile() throws IOException {
        byte[] b = SafeTensors.toBytes(Map.of());
        assertEquals(16, b.length, "8 + \"{}\" padded to 8");
        assertTrue(SafeTensors.fromBytes(b).tensors().isEmpty());
    }

    // ---------------------------------------------------------------------------------------------- round trips

    private static final float[] SPECIAL_F = {Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(
            0xffa00001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MIN_VALUE,
            Float.MAX_VALUE, 1e-40f};
    private static final double[] SPECIAL_D = {Double.NaN, Double.longBitsToDouble(0x7ff8000000000abcL),
            Double.longBitsToDouble(0xfff0000000000001L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-310};

    /** A random array: rank 0..4, dims 0..4, values mixing random bit patterns and special values. */
    static NdArray randomArray(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rank = r.nextInt(5);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = r.nextInt(5);
        }
        DType dtype = DType.values()[r.nextInt(DType.values().length)];
        NdArray a = NdArray.zeros(dtype, shape);
        if (!dtype.isFloatingPoint()) {
            for (int i = 0; i < a.size(); i++) {
                a.setFlatLong(i, dtype == DType.BOOL ? r.nextInt(2) : dtype == DType.I32 ? r.nextInt()
                        : r.nextLong());
            }
            return a;
        }
        boolean f32 = dtype == DType.F32;
        for (int i = 0; i < a.size(); i++) {
            int k = r.nextInt(4);
            if (f32) {
                a.floatData()[i] = k == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)]
                        : k == 1 ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextGaussian();
            } else {
                a.doubleData()[i] = k == 0 ? SPECIAL_D[r.nextInt(SPECIAL_D.length)]
                        : k == 1 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian();
            }
        }
        return a;
    }

    static void assertBitIdentical(NdArray expected, NdArray actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        if (!expected.dtype().isFloatingPoint()) {
            assertEquals(expected, actual);
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (expected.dtype() == DType.F32) {
                assertEquals(Float.floatToRawIntBits(expected.floatData()[expected.offset() + i]),
                        Float.floatToRawIntBits(actual.floatData()[actual.offset() + i]), "element " + i);
            } else {
                assertEquals(Double.doubleToRawLongBits(expected.doubleData()[expected.offset() + i]),
                        Double.doubleToRawLongBits(actual.doubleData()[actual.offset() + i]), "element " + i);
            }
        }
    }

    @Test
    void randomTensorsRoundTripBitExactInOrder() {
        Gen<Long> seeds = SourceDSL.longs().all();
        Gen<Integer> counts = SourceDSL.integers().between(0, 6);
        qt().withExamples(200).forAll(seeds, counts).checkAssert((seed, count) -> {
            Map<String, NdArray> in = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                in.put((i % 2 == 0 ? "layer" + (count - i) + ".weight" : "b\"é\\ü\n" + i), randomArray(seed + i));
            }
            Map<String, String> meta = count % 2 == 0 ? Map.of() : Map.of("epoch", "" + seed, "ünï", "\"q\"");
            try {
                SafeTensors.Contents c = SafeTensors.fromBytes(SafeTensors.toBytes(in, meta));
                assertEquals(new ArrayList<>(in.keySet()), new ArrayList<>(c.tensors().keySet()));
                for (String k : in.keySet()) {
                    assertBitIdentical(in.get(k), c.tensors().get(k));
                }
                assertEquals(meta, c.metadata());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void headerIsPaddedAndDataAligned() {
        qt().withExamples(50).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            byte[] b = SafeTensors.toBytes(Map.of("x".repeat((int) Math.floorMod(seed, 17L)),
                    randomArray(seed)));
            long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            assertEquals(0, (8 + n) % 8);
            for (long i = n - 1; i >= 0 && b[(int) (8 + i)] != '}'; i--) {
                assertEquals(' ', b[(int) (8 + i)], "padding is spaces");
            }
        });
    }

    @Test
    void fileRoundTripAndViewsAndStreams(@TempDir Path dir) throws IOException {
        NdArray big = randomArray(7).to(DType.F32);
        NdArray m = NdArray.zeros(DType.F64, 3, 20000); // > one 64 KiB chunk
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, i * 0.5 - 7);
        }
        NdArray view = m.row(1); // offset into shared storage
        Map<String, NdArray> in = new LinkedHashMap<>();
        in.put("m", m);
        in.put("view", view);
        in.put("big", big);
        Path f = dir.resolve("w.safetensors");
        SafeTensors.save(f, in, Map.of("k", "v"));
        SafeTensors.Contents c = SafeTensors.load(f);
        assertBitIdentical(m, c.tensors().get("m"));
        assertBitIdentical(view, c.tensors().get("view"));
        assertBitIdentical(big, c.tensors().get("big"));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        SafeTensors.write(Channels.newChannel(bos), in, Map.of("k", "v"));
        assertArrayEquals(Files.readAllBytes(f), bos.toByteArray());
        assertArrayEquals(SafeTensors.toBytes(in, Map.of("k", "v")), bos.toByteArray());
    }

    @Test
    void writerRejectsReservedAndNullNames() {
        NdArray a = NdArray.zeros(DType.F32, 1);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(Map.of("__metadata__", a)));
        Map<String, NdArray> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(withNull));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(Map.of("\uD800", a)));
    }

    @Test
    void writerRefusesFileDTypesAnArrayCannotBeWrittenAsBeforeWritingAnything(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("m.safetensors");
        Files.write(file, SafeTensors.toBytes(Map.of("w", NdArray.zeros(DType.F32, 2))));
        byte[] before = Files.readAllBytes(file);
        Object[][] bad = {
            {NdArray.of(new long[] {1}), FileDType.F16, "I64 arrays are written as I64"},
            {NdArray.of(new long[] {1}), FileDType.I32, "I64 arrays are written as I64"},
            {NdArray.of(new boolean[] {true}), FileDType.U8, "BOOL arrays are written as BOOL"},
            {NdArray.of(new float[] {1}), FileDType.I64, "written as F64, F32, F16 or BF16"},
            {NdArray.of(new double[] {1}), FileDType.F8_E4M3, "written as F64, F32, F16 or BF16"},
            {NdArray.of(new float[] {1}), null, "cannot be written as null"},
        };
        for (Object[] row : bad) {
            NdArray a = (NdArray) row[0];
            FileDType as = (FileDType) row[1];
            Map<String, NdArray> tensors = new LinkedHashMap<>();
            tensors.put("w", NdArray.zeros(DType.F32, 2));
            tensors.put("steps", a);
            SafeTensors.StoreAs storeAs = (name, x) -> name.equals("steps") ? as : FileDType.F32;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SafeTensors.save(file, tensors, Map.of(), storeAs));
            assertTrue(e.getMessage().contains("\"steps\" is " + a.dtype()) && e.getMessage().contains((String) row[2]),
                    e.getMessage());
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertThrows(IllegalArgumentException.class,
                    () -> SafeTensors.write(Channels.newChannel(sink), tensors, Map.of(), storeAs));
            assertEquals(0, sink.size(), "nothing may reach the channel");
        }
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.floatsAs(FileDType.I64));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void f16Bf16I64AndBoolHaveTheSpecByteLayout() {
        // floatsAs(F16) on F32 [1.0, -2.0] (0x3C00, 0xC000), BF16 of F64 [0.5] (0x3F00), I64 [-2] and BOOL [true,
        // false] as themselves. Header entries in map order with data offsets 0-4, 4-6, 6-14, 14-16.
        Map<String, NdArray> in = new LinkedHashMap<>();
        in.put("h", NdArray.of(new float[] {1f, -2f}));
        in.put("b", NdArray.of(new double[] {0.5}));
        in.put("n", NdArray.of(new long[] {-2}));
        in.put("z", NdArray.of(new boolean[] {true, false}));
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[6,14]},"
                + "\"z\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[14,16]}}";
        byte[] j = json.getBytes(StandardCharsets.US_ASCII);
        int padded = (j.length + 7) / 8 * 8;
        ByteBuffer expected = ByteBuffer.allocate(8 + padded + 16).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(padded).put(j);
        while (expected.position() < 8 + padded) {
            expected.put((byte) ' ');
        }
        expected.put(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0, 0x00, 0x3F});
        expected.put(new byte[] {(byte) 0xFE, -1, -1, -1, -1, -1, -1, -1, 1, 0});
        SafeTensors.StoreAs storeAs = (name, a) -> name.equals("b") ? FileDType.BF16
                : SafeTensors.floatsAs(FileDType.F16).fileDType(name, a);
        assertArrayEquals(expected.array(), SafeTensors.toBytes(in, Map.of(), storeAs));
    }

    @Test
    void readsHandWrittenIntegerBoolAndF8Tensors() throws IOException {
        // I16 [-2, 300] = FE FF 2C 01; I8 [-128, 5]; U8 [255, 0]; BOOL [[1], [0]]; F8_E4M3 [1.0 = 0x38, 448 = 0x7E];
        // F8_E5M2 [1.0 = 0x3C, -Inf = 0xFC]; I32 scalar 7.
        String json = "{" + t("i16", "I16", "[2]", 0, 4) + "," + t("i8", "I8", "[2]", 4, 6) + ","
                + t("u8", "U8", "[2]", 6, 8) + "," + t("z", "BOOL", "[2,1]", 8, 10) + ","
                + t("e4", "F8_E4M3", "[2]", 10, 12) + "," + t("e5", "F8_E5M2", "[2]", 12, 14) + ","
                + t("s", "I32", "[]", 14, 18) + "}";
        byte[] data = {(byte) 0xFE, (byte) 0xFF, 0x2C, 0x01, (byte) 0x80, 5, (byte) 0xFF, 0, 1, 0, 0x38, 0x7E, 0x3C,
            (byte) 0xFC, 7, 0, 0, 0};
        SafeTensors.Contents c = SafeTensors.fromBytes(file(json, data));
        assertEquals(NdArray.of(new int[] {-2, 300}), c.tensors().get("i16"));
        assertEquals(NdArray.of(new int[] {-128, 5}), c.tensors().get("i8"));
        assertEquals(NdArray.of(new int[] {255, 0}), c.tensors().get("u8"));
        assertEquals(NdArray.of(new boolean[] {true, false}, 2, 1), c.tensors().get("z"));
        assertEquals(NdArray.of(new float[] {1f, 448f}), c.tensors().get("e4"));
        assertEquals(NdArray.of(new float[] {1f, Float.NEGATIVE_INFINITY}), c.tensors().get("e5"));
        assertEquals(NdArray.scalar(DType.I32, 7), c.tensors().get("s"));
        assertEquals(List.of(FileDType.I16, FileDType.I8, FileDType.U8, FileDType.BOOL, FileDType.F8_E4M3,
                FileDType.F8_E5M2, FileDType.I32), new ArrayList<>(c.fileDTypes().values()));
        // written back as I32, BOOL and F32 (what they read as); AS_IS gives their in-memory dtypes
        SafeTensors.Contents again = SafeTensors.fromBytes(SafeTensors.toBytes(c.tensors(), c.metadata()));
        assertEquals(c.tensors(), again.tensors());
        assertEquals(FileDType.I32, again.fileDTypes().get("i16"));
    }

    @Test
    void rejectsBoolBytesOtherThanZeroOrOne() {
        rejects(file("{" + t("m", "BOOL", "[3]", 0, 3) + "}", new byte[] {1, 0, 2}), "\"m\"", "BOOL",
                "element 2", "is 2, not 0 or 1");
    }

    // ------------------------------------------------------------------------------------------- atomic save

    /** A channel that passes {@code budget} bytes through and then fails, like a full disk. */
    static final class FailingChannel implements WritableByteChannel {
        final WritableByteChannel inner;
        long budget;

        FailingChannel(WritableByteChannel inner, long budget) {
            this.inner = inner;
            this.budget = budget;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (budget <= 0) {
                throw new IOException("injected: no space left on device");
            }
            int lim = src.limit();
            src.limit(src.position() + (int) Math.min(src.remaining(), budget));
            int n = inner.write(src);
            src.limit(lim);
            budget -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void failedSaveLeavesThePreviousFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.safetensors");
        Map<String, NdArray> v1 = Map.of("w", NdArray.of(new float[] {1, 2, 3}));
        SafeTensors.save(f, v1);
        byte[] before = Files.readAllBytes(f);
        Map<String, NdArray> v2 = Map.of("w", NdArray.zeros(DType.F64, 100, 100));
        for (long budget : new long[] {0, 5, 8, 100, 40_000}) {
            IOException e = assertThrows(IOException.class,
                    () -> SafeTensors.save(f, v2, Map.of(), SafeTensors.AS_IS, ch -> new FailingChannel(ch, budget)));
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f), "previous file intact after failure at " + budget);
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(f), s.toList(), "no temporary file left behind");
            }
        }
        SafeTensors.save(f, v2); // a successful save replaces it
        assertBitIdentical(v2.get("w"), SafeTensors.load(f).tensors().get("w"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    // ------------------------------------------------------------------------------------------- malformed files

    /** length (of the JSON as given, unpadded) + JSON + data. */
    static byte[] file(String json, byte[] data) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        return raw(j.length, j, data);
    }

    static byte[] raw(long headerLength, byte[] header, byte[] data) {
        ByteBuffer bb = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return bb.putLong(headerLength).put(header).put(data).array();
    }

    static String t(String name, String dtype, String shape, long b, long e) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + b + ","
                + e + "]}";
    }

    static void rejects(byte[] file, String... fragments) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.fromBytes(file));
        for (String frag : fragments) {
            assertTrue(e.getMessage().contains(frag), "message \"" + e.getMessage() + "\" should mention " + frag);
        }
    }

    @Test
    void rejectsFileShorterThanTheLengthField() {
        rejects(new byte[5], "too short");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() {
        rejects(raw(1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "header length 1000", "exceeds");
    }

    @Test
    void rejectsHeaderLengthAboveTheCapWithoutAllocatingIt() {
        rejects(raw(100_000_001L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "100000001", "limit");
        rejects(raw(-1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "18446744073709551615", "limit");
    }

    @Test
    void rejectsNonUtf8Header() {
        byte[] h = {'{', '"', (byte) 0xFF, '"', ':', '1', '}'};
        rejects(raw(h.length, h, new byte[0]), "UTF-8");
        byte[] overlong = {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'}; // overlong NUL
        rejects(raw(overlong.length, overlong, new byte[0]), "UTF-8");
    }

    @Test
    void rejectsHeaderNotStartingWithBrace() {
        rejects(file(" {}", new byte[0]), "start with '{'");
        rejects(file("[]", new byte[0]), "start with '{'");
        rejects(file("", new byte[0]), "start with '{'", "empty");
    }

    @Test
    void rejectsInvalidJson() {
        rejects(file("{\"a\":}", new byte[0]), "invalid JSON", "character 5");
        rejects(file("{\"a\":1,}", new byte[0]), "invalid JSON");
        rejects(file("{} x", new byte[0]), "after the end");
        rejects(file("{\"a\":01}", new byte[0]), "invalid JSON");
        rejects(file("{\"a\":\"\\x\"}", new byte[0]), "invalid escape");
        rejects(file("{\"a\":\"\\uD800\"}", new byte[0]), "unpaired surrogate");
        rejects(file("{\"a\":\"tab\there\"}", new byte[0]), "control character");
        rejects(file("{\"a\":[1,2", new byte[0]), "invalid JSON");
    }

    @Test
    void rejectsUnknownAndUnsupportedDtypes() {
        rejects(file("{" + t("x", "F33", "[1]", 0, 4) + "}", new byte[4]), "\"x\"", "unknown dtype \"F33\"");
        rejects(file("{" + t("x", "U16", "[1]", 0, 2) + "}", new byte[2]), "\"x\"", "U16", "not supported",
                "F64, F32, F16, BF16, F8_E4M3, F8_E5M2, I64, I32, I16, I8, U8, BOOL");
        rejects(file("{" + t("x", "C64", "[1]", 0, 8) + "}", new byte[8]), "C64", "not supported");
    }

    @Test
    void rejectsShapesWhoseElementCountOverflows() {
        rejects(file("{" + t("x", "F32", "[65536,65536]", 0, 4) + "}", new byte[4]), "\"x\"", "overflows");
        rejects(file("{" + t("x", "F32", "[4294967296]", 0, 4) + "}", new byte[4]), "shape[0]",
                "exceeds");
        rejects(file("{" + t("x", "F32", "[99999999999999999999]", 0, 4) + "}", new byte[4]), "shape[0]",
                "below 2^63");
        rejects(file("{" + t("x", "F32", "[9223372036854775808]", 0, 4) + "}", new byte[4]), "shape[0]",
                "below 2^63"); // 19 digits, one above Long.MAX_VALUE
        rejects(file("{" + t("x", "F32", "[-1]", 0, 4) + "}", new byte[4]), "shape[0]", "non-negative");
        rejects(file("{" + t("x", "F32", "[2.0]", 0, 8) + "}", new byte[8]), "shape[0]", "non-negative integer");
        rejects(file("{" + t("x", "F32", "3", 0, 12) + "}", new byte[12]), "shape must be a list");
    }

    @Test
    void rejectsByteSizesBeyondTheFileWithoutAllocating() {
        // 2^30 F64 elements = 8 GiB: a reader that allocated first would throw OutOfMemoryError here.
        rejects(file("{" + t("x", "F64", "[1073741824]", 0, 8589934592L) + "}", new byte[8]), "\"x\"",
                "past the data buffer");
        rejects(file("{" + t("x", "F64", "[1073741824]", 0, 8) + "}", new byte[8]), "\"x\"", "8589934592");
    }

    @Test
    void rejectsOffsetsOutOfRange() {
        rejects(file("{" + t("x", "F32", "[2]", 4, 12) + "}", new byte[8]), "\"x\"", "past the data buffer of 8");
    }

    @Test
    void rejectsOverlappingTensors() {
        rejects(file("{" + t("a", "F32", "[2]", 0, 8) + "," + t("b", "F32", "[2]", 4, 12) + "}", new byte[12]),
                "overlaps", "\"a\"", "\"b\"");
    }

    @Test
    void rejectsUnsortedOffsets() {
        rejects(file("{" + t("a", "F32", "[2]", 8, 0) + "}", new byte[8]), "\"a\"", "unsorted");
    }

    @Test
    void rejectsGapsBetweenTensors() {
        rejects(file("{" + t("a", "F32", "[1]", 0, 4) + "," + t("b", "F32", "[1]", 8, 12) + "}", new byte[12]),
                "gap", "[4, 8)");
        rejects(file("{" + t("a", "F32", "[1]", 4, 8) + "}", new byte[8]), "gap", "[0, 4)");
    }

    @Test
    void rejectsADataBufferNotFullyCovered() {
        rejects(file("{" + t("a", "F32", "[2]", 0, 8) + "}", new byte[12]), "4 trailing bytes");
        rejects(file("{}", new byte[1]), "1 trailing bytes");
    }

    @Test
    void rejectsOffsetsInconsistentWithShapeAndDtype() {
        rejects(file("{" + t("a", "F32", "[3]", 0, 8) + "}", new byte[8]), "\"a\"", "needs 12");
        rejects(file("{" + t("a", "F64", "[]", 0, 4) + "}", new byte[4]), "\"a\"", "needs 8");
    }

    @Test
    void rejectsMalformedEntries() {
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "\"a\"", "data_offsets");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", new byte[4]),
                "unknown field");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]),
                "[begin, end]");
        rejects(file("{\"a\":[1]}", new byte[4]), "\"a\"", "must be an object");
        rejects(file("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "dtype must be");
    }

    @Test
    void rejectsNonStringMetadata() {
        rejects(file("{\"__metadata__\":{\"k\":1}}", new byte[0]), "\"k\"", "must be a string", "number 1");
        rejects(file("{\"__metadata__\":{\"k\":null}}", new byte[0]), "must be a string");
        rejects(file("{\"__metadata__\":[\"k\"]}", new byte[0]), "object of strings");
    }

    @Test
    void acceptsNullMetadataAsTheReferenceDoes() throws IOException {
        assertTrue(SafeTensors.fromBytes(file("{\"__metadata__\":null}", new byte[0])).metadata().isEmpty());
    }

    @Test
    void rejectsDuplicateNames() {
        rejects(file("{" + t("a", "F32", "[1]", 0, 4) + "," + t("a", "F32", "[1]", 4, 8) + "}", new byte[8]),
                "duplicate key \"a\"");
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        for (int depth : new int[] {65, 1_000_000}) {
            String json = "{\"__metadata__\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            rejects(file(json, new byte[0]), "nesting deeper than 64");
        }
    }

    @Test
    void mutatedFilesParseOrFailWithTheFormatExceptionOnly() {
        // Random byte edits of valid files: any outcome but a SafeTensorsFormatException or a successful parse
        // (some edits only change data bytes) is a reader bug (an IndexOutOfBounds, NumberFormat, ClassCast, OOM…).
        qt().withExamples(1000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Map<String, NdArray> in = new LinkedHashMap<>();
            for (int i = 0; i < 1 + r.nextInt(3); i++) {
                in.put("t" + i, randomArray(r.nextLong()));
            }
            byte[] b = SafeTensors.toBytes(in, r.nextBoolean() ? Map.of() : Map.of("k", "v"));
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int kind = r.nextInt(4);
                if (kind == 0 && b.length > 0) { // truncate
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                } else if (kind == 1 && b.length > 8) { // overwrite a header byte with a JSON-ish character
                    long h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(); // may be corrupt
                    int n = (int) Math.max(0, Math.min(b.length - 8, h));
                    byte[] chars = "{}[]\",:0123456789-e.\\ \u00e9x".getBytes(StandardCharsets.UTF_8);
                    b[8 + r.nextInt(Math.max(1, n))] = chars[r.nextInt(chars.length)];
                } else if (kind == 2) { // random byte anywhere
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt();
                    }
                } else { // change the header length
                    if (b.length >= 8) {
                        long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
                        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n + r.nextInt(-16, 17));
                    }
                }
            }
            try {
                SafeTensors.fromBytes(b);
            } catch (SafeTensorsFormatException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
            }
        });
    }

    @Test
    void rejectsTruncatedData(@TempDir Path dir) throws IOException {
        byte[] good = SafeTensors.toBytes(Map.of("w", NdArray.of(new double[] {1, 2, 3})));
        for (int cut = 1; cut <= 24; cut += 7) {
            byte[] bad = java.util.Arrays.copyOf(good, good.length - cut);
            rejects(bad, "\"w\"", "past the data buffer");
            Path f = dir.resolve("t" + cut);
            Files.write(f, bad);
            SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(f));
            assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        }
    }
}
