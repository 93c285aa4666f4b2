package org.vecgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class IdxTest {

    @TempDir
    Path dir;

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** A value of {@code type} drawn from {@code r}, exactly representable in it (special values included). */
    static double randomValue(Idx.Type type, SplittableRandom r) {
        return switch (type) {
            case UBYTE -> r.nextInt(256);
            case BYTE -> r.nextInt(-128, 128);
            case SHORT -> r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
            case INT -> r.nextInt(8) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : r.nextInt();
            case FLOAT -> r.nextInt(8) == 0 ? List.of(-0.0, Double.POSITIVE_INFINITY, (double) Float.MIN_VALUE,
                    (double) Float.MAX_VALUE).get(r.nextInt(4)) : (double) Float.intBitsToFloat(r.nextInt() & 0xFF7FFFFF);
            case DOUBLE -> r.nextInt(8) == 0 ? List.of(-0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                    Double.MAX_VALUE).get(r.nextInt(4)) : r.nextGaussian() * 1e6;
        };
    }

    // ------------------------------------------------------------------------------------------ the format itself

    @Test
    void readsTheLayoutByHandBigEndianUnsignedDimensions() throws IOException {
        // magic 00 00 0B 02 (short, rank 2), dims 1 and 2, then 0x0102 = 258 and 0xFFFE = -2
        byte[] file = bytes(0, 0, 0x0B, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0x01, 0x02, 0xFF, 0xFE);
        Idx.Contents c = Idx.fromBytes(file);
        assertEquals(Idx.Type.SHORT, c.type());
        assertArrayEquals(new int[] {1, 2}, c.shape());
        assertEquals(258, c.get(0));
        assertEquals(-2, c.get(1));
        assertArrayEquals(new int[] {258, -2}, c.toIntArray());
        // ubyte 0xFF is 255, byte 0xFF is -1
        assertEquals(255, Idx.fromBytes(bytes(0, 0, 0x08, 1, 0, 0, 0, 1, 0xFF)).get(0));
        assertEquals(-1, Idx.fromBytes(bytes(0, 0, 0x09, 1, 0, 0, 0, 1, 0xFF)).get(0));
        // float 0x3FC00000 = 1.5; double 0xC004000000000000 = -2.5
        assertEquals(1.5, Idx.fromBytes(bytes(0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0)).get(0));
        assertEquals(-2.5, Idx.fromBytes(bytes(0, 0, 0x0E, 0, 0xC0, 0x04, 0, 0, 0, 0, 0, 0)).get(0)); // rank 0
        // and the writer produces the same bytes
        assertArrayEquals(file, Idx.toBytes(Idx.Type.SHORT, NdArray.of(new double[] {258, -2}, 1, 2)));
    }

    @Test
    void everyTypeRoundTripsPlainAndGzippedFromBytesAndFiles() {
        qt().withExamples(60).forAll(integers().between(0, 5), integers().between(0, 3), longs().all())
                .checkAssert((typeIndex, rank, seed) -> {
                    Idx.Type type = Idx.Type.values()[typeIndex];
                    SplittableRandom r = new SplittableRandom(seed);
                    int[] shape = new int[rank];
                    for (int i = 0; i < rank; i++) {
                        shape[i] = r.nextInt(0, 6);
                    }
                    NdArray values = NdArray.zeros(DType.F64, shape);
                    for (int i = 0; i < values.size(); i++) {
                        values.setFlat(i, randomValue(type, r));
                    }
                    byte[] raw = Idx.toBytes(type, values);
                    try {
                        Path plain = Files.write(dir.resolve("plain-" + seed), raw);
                        Path gz = Files.write(dir.resolve("packed-" + seed + ".gz"), gzip(raw));
                        for (Idx.Contents c : List.of(Idx.fromBytes(raw), Idx.fromBytes(gzip(raw)), Idx.load(plain),
                                Idx.load(gz))) {
                            assertEquals(type, c.type());
                            assertArrayEquals(shape, c.shape());
                            assertEquals(values.size(), c.size());
                            assertEquals(values, c.toNdArray(DType.F64));
                            assertEquals(values.to(DType.F32), c.toNdArray(DType.F32));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void gzipIsRecognisedByItsMagicNotByTheFileName() throws IOException {
        byte[] raw = Idx.toBytes(Idx.Type.UBYTE, NdArray.of(new double[] {1, 2, 3}));
        Path gzippedWithoutSuffix = Files.write(dir.resolve("images-idx1-ubyte"), gzip(raw));
        Path plainWithGzSuffix = Files.write(dir.resolve("labels-idx1-ubyte.gz"), raw);
        assertArrayEquals(new int[] {1, 2, 3}, Idx.load(gzippedWithoutSuffix).toIntArray());
        assertArrayEquals(new int[] {1, 2, 3}, Idx.load(plainWithGzSuffix).toIntArray());
    }

    // ------------------------------------------------------------------------------------------ malformed files

    record Bad(String name, byte[] file, String... expected) {
    }

    static final byte[] VALID = bytes(0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6);

    static List<Bad> badFiles() {
        byte[] gz = gzip(VALID);
        return List.of(
                new Bad("empty", new byte[0], "truncated in the magic number", "0 byte(s)"),
                new Bad("short magic", bytes(0, 0, 8), "truncated in the magic number", "3 byte(s)"),
                new Bad("bad magic", bytes(0x12, 0x34, 0x08, 1, 0, 0, 0, 0), "bad magic number 0x12340801"),
                new Bad("unknown type", bytes(0, 0, 0x0A, 1, 0, 0, 0, 0), "unknown element type code 0x0A",
                        "0x00000A01"),
                new Bad("short dims", bytes(0, 0, 0x08, 3, 0, 0, 0, 1, 0, 0), "truncated in the dimensions",
                        "rank 3 needs 12 bytes", "ended after 6"),
                new Bad("dim above int", bytes(0, 0, 0x08, 1, 0x80, 0, 0, 0), "dimension 0 is 2147483648"),
                new Bad("count above int", bytes(0, 0, 0x08, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0),
                        "the dimensions [65536, 65536]", "more than 2147483647 elements"),
                new Bad("truncated data", Arrays.copyOf(VALID, VALID.length - 2),
                        "shape [2, 3] of ubyte = 6 bytes of data", "the file has 4 after the 12-byte header",
                        "truncated"),
                new Bad("trailing bytes", Arrays.copyOf(VALID, VALID.length + 3), "6 bytes of data",
                        "3 trailing bytes"),
                new Bad("huge declared, tiny file", bytes(0, 0, 0x0E, 1, 0x7F, 0xFF, 0xFF, 0xFF, 1),
                        "shape [2147483647] of double = 17179869176 bytes of data", "the file has 1 after"),
                new Bad("gzip truncated", gzip(Arrays.copyOf(VALID, VALID.length - 2)), "(gzip)", "truncated data",
                        "6 bytes of data", "ended after 4 of them"),
                new Bad("gzip cut in the stream", Arrays.copyOf(gz, gz.length - 12), "corrupt or truncated gzip data",
                        "decompressed byte(s)"),
                new Bad("gzip cut early", Arrays.copyOf(gz, 12), "corrupt or truncated gzip data"),
                new Bad("gzip header only", Arrays.copyOf(gz, 4),
                        "corrupt or truncated gzip data in the gzip header: the stream ends early"),
                new Bad("gzip corrupt crc", flipByte(gz, gz.length - 6), "corrupt or truncated gzip data"),
                new Bad("gzip trailing data", gzip(Arrays.copyOf(VALID, VALID.length + 1)), "(gzip)",
                        "bytes after the data", "6 bytes of data"),
                new Bad("gzip bad magic inside", gzip(bytes(1, 0, 8, 0, 7)), "(gzip)", "bad magic number"));
    }

    static byte[] flipByte(byte[] b, int i) {
        byte[] c = b.clone();
        c[i] ^= 0x5A;
        return c;
    }

    @Test
    void everyMalformedFileIsRefusedWithTheFileFieldAndValues() throws IOException {
        for (Bad bad : badFiles()) {
            Path file = Files.write(dir.resolve(bad.name().replace(' ', '-')), bad.file());
            IdxFormatException fromFile = assertThrows(IdxFormatException.class, () -> Idx.load(file), bad.name());
            IdxFormatException fromBytes = assertThrows(IdxFormatException.class, () -> Idx.fromBytes(bad.file()),
                    bad.name());
            assertTrue(fromFile.getMessage().startsWith(file.toString()), bad.name() + ": " + fromFile.getMessage());
            assertTrue(fromBytes.getMessage().startsWith("byte array"), bad.name() + ": " + fromBytes.getMessage());
            for (String part : bad.expected()) {
                assertTrue(fromFile.getMessage().contains(part), bad.name() + ": '" + part + "' not in "
                        + fromFile.getMessage());
                assertTrue(fromBytes.getMessage().contains(part), bad.name() + ": '" + part + "' not in "
                        + fromBytes.getMessage());
            }
        }
    }

    @Test
    void theSizeCapIsCheckedBeforeReading() throws IOException {
        byte[] raw = Idx.toBytes(Idx.Type.INT, NdArray.of(new double[] {1, 2, 3, 4}));
        assertEquals(4, Idx.fromBytes(raw, 16).size()); // exactly the cap
        for (byte[] file : List.of(raw, gzip(raw))) {
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.fromBytes(file, 15));
            assertTrue(e.getMessage().contains("shape [4] of int = 16 bytes of data, more than the limit of 15 bytes"),
                    e.getMessage());
        }
        Path file = Files.write(dir.resolve("ints"), raw);
        assertThrows(IdxFormatException.class, () -> Idx.load(file, 15));
        assertThrows(IllegalArgumentException.class, () -> Idx.fromBytes(raw, -1));
        assertThrows(IllegalArgumentException.class, () -> Idx.load(file, Idx.MAX_BYTES_LIMIT + 1));
    }

    @Test
    void aGzipFileThatDeclaresGigabytesButHoldsBytesAllocatesLittle() {
        // 2^31 - 9 ubytes declared (the largest cap), 1000 present: the reader must fail on truncation, having
        // allocated about its 64 KiB first chunk (and the gzip buffers), never the declared size
        byte[] header = bytes(0, 0, 0x08, 1, 0x7F, 0xFF, 0xFF, 0xF7);
        byte[] file = gzip(Arrays.copyOf(header, header.length + 1000));
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) bean;
        long id = Thread.currentThread().threadId();
        long before = hs.getThreadAllocatedBytes(id);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.fromBytes(file,
                Idx.MAX_BYTES_LIMIT));
        long allocated = hs.getThreadAllocatedBytes(id) - before;
        assertTrue(e.getMessage().contains("truncated data") && e.getMessage().contains("ended after 1000"),
                e.getMessage());
        assertTrue(allocated < 4L << 20, allocated + " bytes allocated for a 1000-byte payload");
    }

    // ------------------------------------------------------------------------------------------ API contracts

    @Test
    void toIntArrayIsForIntegerTypesOnly() throws IOException {
        Idx.Contents f = Idx.fromBytes(Idx.toBytes(Idx.Type.FLOAT, NdArray.of(new float[] {0.5f})));
        IllegalStateException e = assertThrows(IllegalStateException.class, f::toIntArray);
        assertTrue(e.getMessage().contains("float"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> f.get(1));
    }

    @Test
    void theWriterRefusesValuesTheTypeCannotHold() {
        record Case(Idx.Type type, double value, String expected) {
        }
        for (Case c : List.of(new Case(Idx.Type.UBYTE, 256, "does not fit ubyte (integers 0..255)"),
                new Case(Idx.Type.UBYTE, -1, "0..255"), new Case(Idx.Type.BYTE, 128, "-128..127"),
                new Case(Idx.Type.SHORT, 0.5, "does not fit short"), new Case(Idx.Type.INT, Double.NaN, "does not fit int"),
                new Case(Idx.Type.INT, 3e9, "does not fit int"), new Case(Idx.Type.FLOAT, 0.1, "does not fit float exactly"),
                new Case(Idx.Type.FLOAT, 1e300, "does not fit float exactly"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Idx.toBytes(c.type(), NdArray.of(new double[] {0, c.value()})), c.toString());
            assertTrue(e.getMessage().contains("element 1 = ") && e.getMessage().contains(c.expected()),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Idx.toBytes(Idx.Type.UBYTE, NdArray.zeros(DType.F32,
                new int[256])));
    }
}
