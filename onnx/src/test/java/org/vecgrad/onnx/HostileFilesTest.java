package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.NdArray;

/**
 * Malformed and hostile ONNX files are refused at load with one exception type whose message says what and where;
 * none loads half-way, runs out of memory or hangs. Valid tiny models built with {@link Proto} show the
 * baseline each case departs from.
 */
class HostileFilesTest {

    static OnnxFormatException refused(byte[] file, String... fragments) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.fromBytes(file));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        return e;
    }

    @Test
    void theTinyModelLoadsAndRuns() throws Exception {
        OnnxModel m = OnnxModel.fromBytes(Proto.tinyModel());
        NdArray y = m.run(NdArray.of(new float[] {1, 1, 1, 2, 0, 0}, 2, 3));
        // row 0: [6.5, -6.5] → relu → [6.5, 0]; row 1: [2.5, -2.5] → [2.5, 0]
        assertArrayEquals(new float[] {6.5f, 0, 2.5f, 0}, y.toFloatArray());
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] file = Proto.tinyModel();
        for (int n = 0; n < file.length; n++) {
            byte[] prefix = Arrays.copyOf(file, n);
            assertThrows(OnnxFormatException.class, () -> OnnxModel.fromBytes(prefix), "prefix of " + n + " bytes");
        }
    }

    @Test
    void aTruncatedFixtureNamesWhereItEnds() throws IOException {
        byte[] file = Files.readAllBytes(PyTorchFixturesTest.fixture("mlp_relu.onnx"));
        refused(Arrays.copyOf(file, file.length / 2), "model.graph", "at byte", "past the end");
    }

    @Test
    void wrongWireTypes() {
        // graph (field 7) as a varint
        refused(Proto.msg().varint(7, 1).bytes(), "model.graph at byte 0", "wire type 0 where the schema declares 2");
        // a node's op_type (field 4) as a 32-bit value
        Proto node = Proto.msg().string(1, "x").fixed32(4, 1f);
        Proto g = Proto.msg().message(1, node);
        refused(Proto.model(13, g), "model.graph.node[0].op_type", "wire type 5");
        // groups and the unused wire types
        refused(Proto.msg().tag(7, 3).bytes(), "group");
        refused(Proto.msg().tag(7, 7).bytes(), "wire type 7 does not exist");
        refused(Proto.msg().tag(0, 0).varintRaw(1).bytes(), "field number 0");
    }

    @Test
    void lengthsPastTheEnd() {
        refused(Proto.msg().tag(7, 2).varintRaw(1000).raw(new byte[10]).bytes(), "model.graph at byte 1",
                "length 1000 runs past the end of the message (10 bytes left)");
        // a nested message whose inner length exceeds its own (valid) outer length
        Proto inner = Proto.msg().tag(1, 2).varintRaw(50).raw(new byte[3]);
        refused(Proto.msg().message(7, inner).bytes(), "model.graph.node[0] at byte 3", "3 bytes left");
        // a varint that never ends, and one of 11 bytes
        refused(Proto.msg().tag(1, 0).raw((byte) 0x80, (byte) 0x80).bytes(), "truncated varint");
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0x80);
        refused(Proto.msg().tag(1, 0).raw(eleven).bytes(), "varint");
        // a length above 2^63 (negative as a long)
        refused(Proto.msg().tag(7, 2).varintRaw(-1L).bytes(), "runs past the end");
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        // a graph attribute holding a graph holding a node with a graph attribute... 10 000 levels
        Proto g = Proto.graph(new Proto[0], new Proto[0], new Proto[0], new Proto[0]);
        for (int i = 0; i < 200; i++) {
            Proto attr = Proto.msg().string(1, "body").varint(20, 5).message(6, g);
            Proto node = Proto.node("If", "n" + i, new String[0], new String[] {"o" + i}, attr);
            g = Proto.graph(new Proto[] {node}, new Proto[0], new Proto[0], new Proto[0]);
        }
        refused(Proto.model(13, g), "nested deeper than " + OnnxProto.MAX_DEPTH);
    }

    @Test
    void cyclesAreRefusedNamingTheNodes() {
        Proto g = Proto.graph(new Proto[] {
            Proto.node("Relu", "first", new String[] {"b"}, new String[] {"a"}),
            Proto.node("Relu", "second", new String[] {"a"}, new String[] {"b"}),
            Proto.node("Relu", "out", new String[] {"b"}, new String[] {"y"})},
            new Proto[0], new Proto[] {Proto.valueInfo("x", Proto.FLOAT, 2)},
            new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        refused(Proto.model(13, g), "cycle", "'first' (Relu)", "'second' (Relu)");
        // a node that reads itself
        Proto self = Proto.graph(new Proto[] {Proto.node("Relu", "self", new String[] {"y"}, new String[] {"y"})},
                new Proto[0], new Proto[0], new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        refused(Proto.model(13, self), "cycle", "'self'");
    }

    @Test
    void undefinedInputsAndDuplicateOutputs() {
        Proto g = Proto.graph(new Proto[] {Proto.node("Relu", "r", new String[] {"nowhere"}, new String[] {"y"})},
                new Proto[0], new Proto[0], new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        refused(Proto.model(13, g), "input 'nowhere' is not a graph input");
        Proto dup = Proto.graph(new Proto[] {
            Proto.node("Relu", "r1", new String[] {"x"}, new String[] {"y"}),
            Proto.node("Relu", "r2", new String[] {"x"}, new String[] {"y"})},
            new Proto[0], new Proto[] {Proto.valueInfo("x", Proto.FLOAT, 2)},
            new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        refused(Proto.model(13, dup), "output 'y' is already defined");
    }

    @Test
    void tensorsWhoseDeclaredSizeDoesNotMatchTheirData() {
        // raw_data of 5 floats for a [2, 3] weight
        Proto short5 = Proto.tensorF32("W", new int[] {2, 3}, 1, 2, 3, 4, 5);
        refused(Proto.model(13, Proto.tinyGraph(short5)), "model.graph.initializer[0]", "'W'",
                "raw_data has 20 bytes but FLOAT [2, 3] needs 6 × 4 = 24");
        // float_data of 7 values for a [2, 3] weight
        Proto typed = Proto.msg().varint(1, 2).varint(1, 3).varint(2, Proto.FLOAT).string(8, "W");
        for (int i = 0; i < 7; i++) {
            typed.fixed32(4, i);
        }
        refused(Proto.model(13, Proto.tinyGraph(typed)), "float_data has 7 elements but the shape [2, 3] needs 6");
        // dims whose product overflows: refused before anything is allocated
        Proto huge = Proto.msg().varint(1, 1L << 20).varint(1, 1L << 20).varint(2, Proto.FLOAT).string(8, "W")
                .bytes(9, new byte[8]);
        refused(Proto.model(13, Proto.tinyGraph(huge)), "hold more than");
        Proto negative = Proto.msg().varint(1, -3).varint(2, Proto.FLOAT).string(8, "W");
        refused(Proto.model(13, Proto.tinyGraph(negative)), "dims[0] = -3");
    }

    @Test
    void unsupportedOperatorsAreNamedNotSkipped() {
        Proto g = Proto.graph(new Proto[] {Proto.node("Loop", "loop1", new String[] {"x"},
                new String[] {"y"})}, new Proto[] {Proto.tinyWeight()},
                new Proto[] {Proto.valueInfo("x", Proto.FLOAT, 1, 2, 3)},
                new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 1, 2, 3)});
        OnnxFormatException e = refused(Proto.model(13, g), "node 'loop1' (Loop, opset 13)",
                "operator Loop is not supported yet", "supported: ", "LSTM");
        assertInstanceOf(OnnxUnsupportedException.class, e);
        Proto custom = Proto.graph(new Proto[] {Proto.node("FancyOp", "f", new String[] {"x"},
                new String[] {"y"})}, new Proto[0], new Proto[] {Proto.valueInfo("x", Proto.FLOAT, 2)},
                new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        assertInstanceOf(OnnxUnsupportedException.class, refused(Proto.model(13, custom),
                "node 'f' (FancyOp, opset 13): operator FancyOp is not supported yet"));
    }

    @Test
    void opsetsOutsideTheRangeAreRefused() {
        assertInstanceOf(OnnxUnsupportedException.class, refused(Proto.model(21, Proto.tinyGraph(Proto.tinyWeight())),
                "opset 21", "11..20"));
        refused(Proto.model(10, Proto.tinyGraph(Proto.tinyWeight())), "opset 10");
    }

    @Test
    void unknownAttributesAreRefusedNotIgnored() {
        Proto g = Proto.graph(new Proto[] {Proto.node("Relu", "r", new String[] {"x"}, new String[] {"y"},
                Proto.intAttr("mystery", 1))}, new Proto[0], new Proto[] {Proto.valueInfo("x", Proto.FLOAT, 2)},
                new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 2)});
        refused(Proto.model(13, g), "node 'r' (Relu, opset 13): attribute 'mystery' is not supported");
    }

    // ------------------------------------------------------------------------------------------ external data

    private static Proto externalWeight(String location, long offset) {
        return Proto.msg().varint(1, 2).varint(1, 3).varint(2, Proto.FLOAT).string(8, "W")
                .message(13, Proto.msg().string(1, "location").string(2, location))
                .message(13, Proto.msg().string(1, "offset").string(2, Long.toString(offset)))
                .varint(14, 1);
    }

    private static byte[] weights(int pad) {
        ByteBuffer bb = ByteBuffer.allocate(pad + 24).order(ByteOrder.LITTLE_ENDIAN);
        bb.position(pad);
        for (float f : new float[] {1, 2, 3, -1, -2, -3}) {
            bb.putFloat(f);
        }
        return bb.array();
    }

    @Test
    void externalDataNextToTheModelLoads(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("weights.bin"), weights(16));
        Path file = dir.resolve("model.onnx");
        Files.write(file, Proto.model(13, Proto.tinyGraph(externalWeight("weights.bin", 16))));
        OnnxModel m = OnnxModel.load(file);
        NdArray y = m.run(NdArray.of(new float[] {1, 1, 1}, 1, 3));
        assertArrayEquals(new float[] {6.5f, 0}, y.toFloatArray());
        // the same model under a cap below its 24 external bytes
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file, 20));
        assertTrue(e.getMessage().contains("exceeds what is left of the model's cap (20 bytes)"), e.getMessage());
        // and from bytes, where there is no folder
        e = assertThrows(OnnxFormatException.class, () -> OnnxModel.fromBytes(Files.readAllBytes(file)));
        assertTrue(e.getMessage().contains("no folder"), e.getMessage());
    }

    @Test
    void externalPathsThatEscapeTheFolderAreRefused(@TempDir Path dir) throws Exception {
        Path inner = Files.createDirectory(dir.resolve("model"));
        Files.write(dir.resolve("secret.bin"), weights(0));
        Path file = inner.resolve("model.onnx");
        for (String[] c : new String[][] {
            {"../secret.bin", "leaves the model's folder"},
            {dir.resolve("secret.bin").toString(), "is absolute"},
            {"sub/../../secret.bin", "leaves the model's folder"},
            {"missing.bin", "cannot be opened"}}) {
            Files.write(file, Proto.model(13, Proto.tinyGraph(externalWeight(c[0], 0))));
            OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        // a symbolic link inside the folder that points out of it
        Files.createSymbolicLink(inner.resolve("link.bin"), dir.resolve("secret.bin"));
        Files.write(file, Proto.model(13, Proto.tinyGraph(externalWeight("link.bin", 0))));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file));
        assertTrue(e.getMessage().contains("not a regular file inside"), e.getMessage());
        // a range past the end of the data file
        Files.write(inner.resolve("w.bin"), weights(0));
        Files.write(file, Proto.model(13, Proto.tinyGraph(externalWeight("w.bin", 8))));
        e = assertThrows(OnnxFormatException.class, () -> OnnxModel.load(file));
        assertTrue(e.getMessage().contains("external range [8, 32) lies outside 'w.bin' (24 bytes)"), e.getMessage());
        assertEquals(24, Files.size(inner.resolve("w.bin")));
    }
}
