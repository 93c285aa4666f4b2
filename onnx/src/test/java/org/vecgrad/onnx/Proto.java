package org.vecgrad.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A protobuf writer for tests: builds ONNX messages field by field, so tests can write valid models and every
 * kind of malformed one (wrong wire types, bad lengths, deep nesting) without a protobuf library.
 */
final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Proto msg() {
        return new Proto();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Proto varintRaw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    Proto tag(int field, int wire) {
        return varintRaw((long) field << 3 | wire);
    }

    Proto varint(int field, long v) {
        return tag(field, 0).varintRaw(v);
    }

    Proto fixed32(int field, float v) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
        return this;
    }

    Proto bytes(int field, byte[] b) {
        tag(field, 2).varintRaw(b.length);
        out.writeBytes(b);
        return this;
    }

    Proto string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto m) {
        return bytes(field, m.bytes());
    }

    /** Appends raw bytes (for malformed input). */
    Proto raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    // ------------------------------------------------------------------------------------------- ONNX messages

    static final int FLOAT = 1;
    static final int INT64 = 7;

    static byte[] model(int opset, Proto graph) {
        return msg().varint(1, 8).string(2, "vecgrad-test").message(7, graph)
                .message(8, msg().string(1, "").varint(2, opset)).bytes();
    }

    static Proto node(String op, String name, String[] inputs, String[] outputs, Proto... attributes) {
        Proto n = msg();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, name).string(4, op);
        for (Proto a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    static Proto intAttr(String name, long v) {
        return msg().string(1, name).varint(20, 2).varint(3, v);
    }

    static Proto tensorF32(String name, int[] dims, float... data) {
        Proto t = msg();
        for (int d : dims) {
            t.varint(1, d);
        }
        ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            bb.putFloat(f);
        }
        return t.varint(2, FLOAT).string(8, name).bytes(9, bb.array());
    }

    static Proto valueInfo(String name, int elemType, Object... dims) {
        Proto shape = msg();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? msg().string(2, s) : msg().varint(1, ((Number) d).longValue()));
        }
        Proto tensorType = msg().varint(1, elemType).message(2, shape);
        return msg().string(1, name).message(2, msg().message(1, tensorType));
    }

    /** A graph: nodes, initializers, inputs, outputs (each may be empty). */
    static Proto graph(Proto[] nodes, Proto[] inits, Proto[] inputs, Proto[] outputs) {
        Proto g = msg();
        for (Proto n : nodes) {
            g.message(1, n);
        }
        g.string(2, "test");
        for (Proto t : inits) {
            g.message(5, t);
        }
        for (Proto i : inputs) {
            g.message(11, i);
        }
        for (Proto o : outputs) {
            g.message(12, o);
        }
        return g;
    }

    /** y = relu(x·Wᵀ + b) with W [2, 3] and b [2]: a tiny valid model. */
    static Proto tinyGraph(Proto weight) {
        return graph(new Proto[] {
            node("Gemm", "fc", new String[] {"x", "W", "b"}, new String[] {"h"}, intAttr("transB", 1)),
            node("Relu", "act", new String[] {"h"}, new String[] {"y"})},
            new Proto[] {weight, tensorF32("b", new int[] {2}, 0.5f, -0.5f)},
            new Proto[] {valueInfo("x", FLOAT, "batch", 3)},
            new Proto[] {valueInfo("y", FLOAT, "batch", 2)});
    }

    static Proto tinyWeight() {
        return tensorF32("W", new int[] {2, 3}, 1, 2, 3, -1, -2, -3);
    }

    static byte[] tinyModel() {
        return model(13, tinyGraph(tinyWeight()));
    }
}
