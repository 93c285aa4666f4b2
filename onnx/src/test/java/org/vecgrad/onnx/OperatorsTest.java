package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Operator semantics the PyTorch fixtures do not reach: opset-dependent forms, integer shape arithmetic, NumPy
 * matmul ranks, axes and keepdims, and run-time errors that name the node.
 */
class OperatorsTest {

    /** A one-node model: inputs x (and more) as graph inputs with no declared shape, initializers, output y. */
    static OnnxModel oneNode(int opset, Proto node, Proto[] inits, String... inputs) throws OnnxFormatException {
        return oneNode(opset, Proto.FLOAT, node, inits, inputs);
    }

    static OnnxModel oneNode(int opset, int elemType, Proto node, Proto[] inits, String... inputs)
            throws OnnxFormatException {
        Proto[] in = new Proto[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = Proto.msg().string(1, inputs[i])
                    .message(2, Proto.msg().message(1, Proto.msg().varint(1, elemType)));
        }
        Proto out = Proto.msg().string(1, "y");
        return OnnxModel.fromBytes(Proto.model(opset, Proto.graph(new Proto[] {node}, inits, in,
                new Proto[] {out})));
    }

    static Proto ints(String name, long... v) {
        Proto t = Proto.msg().varint(1, v.length).varint(2, Proto.INT64).string(8, name);
        for (long x : v) {
            t.varint(7, x);
        }
        return t;
    }

    static Proto intsAttr(String name, long... v) {
        Proto a = Proto.msg().string(1, name).varint(20, 7);
        for (long x : v) {
            a.varint(8, x);
        }
        return a;
    }

    static NdArray arange(int... shape) {
        NdArray a = NdArray.zeros(DType.F32, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, i);
        }
        return a;
    }

    @Test
    void gatherOnFloatsAndNegativeIndices() throws Exception {
        OnnxModel m = oneNode(13, Proto.node("Gather", "g", new String[] {"x", "i"}, new String[] {"y"},
                Proto.intAttr("axis", 1)), new Proto[] {ints("i", 2, -3)}, "x");
        NdArray y = m.run(arange(2, 3));
        assertArrayEquals(new int[] {2, 2}, y.shape());
        assertArrayEquals(new float[] {2, 0, 5, 3}, y.toFloatArray());
        OnnxModel bad = oneNode(13, Proto.node("Gather", "g", new String[] {"x", "i"}, new String[] {"y"}),
                new Proto[] {ints("i", 7)}, "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.run(arange(2, 3)));
        assertTrue(e.getMessage().contains("node 'g' (Gather, opset 13) on inputs (F32 [2, 3], INT64 [1]): "
                + "index 7 is outside -2..1"), e.getMessage());
    }

    @Test
    void squeezeAndUnsqueezeTakeAxesFromAttributesBefore13AndInputsFrom13() throws Exception {
        OnnxModel old = oneNode(11, Proto.node("Unsqueeze", "u", new String[] {"x"}, new String[] {"y"},
                intsAttr("axes", 0, 3)), new Proto[0], "x");
        assertArrayEquals(new int[] {1, 2, 3, 1}, old.run(arange(2, 3)).shape());
        OnnxModel newer = oneNode(13, Proto.node("Unsqueeze", "u", new String[] {"x", "a"}, new String[] {"y"}),
                new Proto[] {ints("a", -1)}, "x");
        assertArrayEquals(new int[] {2, 3, 1}, newer.run(arange(2, 3)).shape());
        OnnxModel squeeze = oneNode(13, Proto.node("Squeeze", "s", new String[] {"x"}, new String[] {"y"}),
                new Proto[0], "x");
        assertArrayEquals(new int[] {2, 3}, squeeze.run(arange(1, 2, 1, 3)).shape());
        OnnxModel wrong = oneNode(11, Proto.node("Squeeze", "s", new String[] {"x"}, new String[] {"y"},
                intsAttr("axes", 1)), new Proto[0], "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.run(arange(2, 3)));
        assertTrue(e.getMessage().contains("cannot squeeze axis 1"), e.getMessage());
    }

    @Test
    void reduceKeepdimsAndAxes() throws Exception {
        OnnxModel mean = oneNode(13, Proto.node("ReduceMean", "r", new String[] {"x"}, new String[] {"y"},
                intsAttr("axes", 0, 2), Proto.intAttr("keepdims", 0)), new Proto[0], "x");
        NdArray y = mean.run(arange(2, 3, 2));
        assertArrayEquals(new int[] {3}, y.shape());
        // mean over axes 0 and 2 of 0..11 laid out [2, 3, 2]: column j holds {2j, 2j+1, 6+2j, 7+2j}
        assertArrayEquals(new float[] {3.5f, 5.5f, 7.5f}, y.toFloatArray());
        OnnxModel sum = oneNode(13, Proto.node("ReduceSum", "r", new String[] {"x", "a"}, new String[] {"y"}),
                new Proto[] {ints("a", 1)}, "x");
        assertArrayEquals(new float[] {3, 12}, sum.run(arange(2, 3)).toFloatArray());
        assertArrayEquals(new int[] {2, 1}, sum.run(arange(2, 3)).shape());
        OnnxModel max = oneNode(11, Proto.node("ReduceMax", "r", new String[] {"x"}, new String[] {"y"}),
                new Proto[0], "x");
        assertArrayEquals(new int[] {1, 1}, max.run(arange(2, 3)).shape());
        assertEquals(5, max.run(arange(2, 3)).item());
    }

    @Test
    void softmaxBefore13FlattensFromTheAxis() throws Exception {
        OnnxModel m = oneNode(11, Proto.node("Softmax", "s", new String[] {"x"}, new String[] {"y"},
                Proto.intAttr("axis", 1)), new Proto[0], "x");
        NdArray x = arange(2, 2, 3);
        NdArray y = m.run(x);
        // opset 11: each batch row of 6 values is one softmax
        NdArray expected = x.reshape(2, 6).softmax(1).reshape(2, 2, 3);
        assertTrue(expected.allClose(y, 1e-6, 1e-7, false));
        OnnxModel m13 = oneNode(13, Proto.node("Softmax", "s", new String[] {"x"}, new String[] {"y"},
                Proto.intAttr("axis", 1)), new Proto[0], "x");
        assertTrue(x.softmax(1).allClose(m13.run(x), 1e-6, 1e-7, false));
    }

    @Test
    void matmulRanks() throws Exception {
        OnnxModel m = oneNode(13, Proto.node("MatMul", "mm", new String[] {"a", "b"}, new String[] {"y"}),
                new Proto[0], "a", "b");
        NdArray a = arange(2, 2, 2, 3);
        NdArray b = arange(3, 4);
        NdArray y = m.run(Map.of("a", a, "b", b)).get("y");
        assertArrayEquals(new int[] {2, 2, 2, 4}, y.shape());
        assertTrue(a.reshape(8, 3).matmul(b).reshape(2, 2, 2, 4).allClose(y));
        NdArray b4 = arange(2, 2, 3, 4);
        NdArray y4 = m.run(Map.of("a", a, "b", b4)).get("y");
        assertTrue(a.reshape(4, 2, 3).matmul(b4.reshape(4, 3, 4)).reshape(2, 2, 2, 4).allClose(y4));
        NdArray v = m.run(Map.of("a", arange(3), "b", b)).get("y");
        assertArrayEquals(new int[] {4}, v.shape());
        assertTrue(arange(1, 3).matmul(b).reshape(4).allClose(v));
    }

    @Test
    void powWithATensorExponentAndErf() throws Exception {
        OnnxModel pow = oneNode(13, Proto.node("Pow", "p", new String[] {"x", "e"}, new String[] {"y"}),
                new Proto[] {Proto.tensorF32("e", new int[] {3}, 0, 1, 2)}, "x");
        assertArrayEquals(new float[] {1, 1, 4, 1, 4, 25}, pow.run(arange(2, 3)).toFloatArray());
        OnnxModel erf = oneNode(13, 11, Proto.node("Erf", "e", new String[] {"x"}, new String[] {"y"}), new Proto[0],
                "x");
        NdArray x = NdArray.of(new double[] {0, 1e-8, 0.5, -1, 3, -7, Double.POSITIVE_INFINITY, Double.NaN}, 8);
        double[] y = erf.run(x).toDoubleArray();
        // reference values of erf (Abramowitz and Stegun, table 7.1, and the series 2x/√π near 0)
        double[] expected = {0, 1.1283791670955126e-8, 0.5204998778130465, -0.8427007929497149,
            0.9999779095030014, -1.0, 1.0, Double.NaN};
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-15, "erf(" + x.getFlat(i) + ")");
        }
    }

    @Test
    void shapeArithmeticFoldsAtLoad() throws Exception {
        // y = reshape(x, concat(shape(x)[0:1], [-1])) : what PyTorch emits for x.view(x.size(0), -1)
        Proto[] nodes = {
            Proto.node("Shape", "shape", new String[] {"x"}, new String[] {"s"}),
            Proto.node("Gather", "g", new String[] {"s", "zero"}, new String[] {"n"}),
            Proto.node("Unsqueeze", "u", new String[] {"n", "zero1"}, new String[] {"n1"}),
            Proto.node("Concat", "c", new String[] {"n1", "minus1"}, new String[] {"target"},
                Proto.intAttr("axis", 0)),
            Proto.node("Reshape", "r", new String[] {"x", "target"}, new String[] {"y"})};
        Proto zero = Proto.msg().varint(2, Proto.INT64).string(8, "zero").varint(7, 0);
        Proto[] inits = {zero, ints("zero1", 0), ints("minus1", -1)};
        Proto in = Proto.valueInfo("x", Proto.FLOAT, "batch", 2, 3);
        OnnxModel m = OnnxModel.fromBytes(Proto.model(13, Proto.graph(nodes, inits, new Proto[] {in},
                new Proto[] {Proto.valueInfo("y", Proto.FLOAT, "batch", 6)})));
        assertArrayEquals(new int[] {4, 6}, m.run(arange(4, 2, 3)).shape());
        assertArrayEquals(arange(4, 2, 3).toFloatArray(), m.run(arange(4, 2, 3)).toFloatArray());
    }

    @Test
    void outputsNeverShareStorageWithInputsOrWeights() throws Exception {
        OnnxModel id = oneNode(13, Proto.node("Identity", "i", new String[] {"x"}, new String[] {"y"}),
                new Proto[0], "x");
        NdArray x = arange(2, 2);
        NdArray y = id.run(x);
        y.fill(-1);
        assertArrayEquals(new float[] {0, 1, 2, 3}, x.toFloatArray());
        OnnxModel weight = oneNode(13, Proto.node("Identity", "i", new String[] {"w"}, new String[] {"y"}),
                new Proto[] {Proto.tensorF32("w", new int[] {2}, 7, 8)}, "x");
        weight.run(x).fill(0);
        assertArrayEquals(new float[] {7, 8}, weight.run(x).toFloatArray());
    }

    @Test
    void clipWithOneBoundAndHardSigmoidParameters() throws Exception {
        OnnxModel clip = oneNode(13, Proto.node("Clip", "c", new String[] {"x", "", "hi"}, new String[] {"y"}),
                new Proto[] {Proto.tensorF32("hi", new int[0], 2.5f)}, "x");
        assertArrayEquals(new float[] {0, 1, 2, 2.5f}, clip.run(arange(4)).toFloatArray());
        Proto alpha = Proto.msg().string(1, "alpha").varint(20, 1).fixed32(2, 0.5f);
        OnnxModel hs = oneNode(13, Proto.node("HardSigmoid", "h", new String[] {"x"}, new String[] {"y"}, alpha),
                new Proto[0], "x");
        assertArrayEquals(new float[] {0.5f, 1, 1}, hs.run(arange(3)).toFloatArray());
    }

    @Test
    void sliceWithNegativeStepsAndClampedEnds() throws Exception {
        OnnxModel m = oneNode(13, Proto.node("Slice", "s", new String[] {"x", "b", "e", "a", "st"},
                new String[] {"y"}), new Proto[] {ints("b", 0, -1), ints("e", 99, Long.MIN_VALUE),
                ints("a", 0, 1), ints("st", 1, -2)}, "x");
        // x = 0..11 as [3, 4]; all rows, columns 3 and 1 (backwards, step 2)
        NdArray y = m.run(arange(3, 4));
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertArrayEquals(new float[] {3, 1, 7, 5, 11, 9}, y.toFloatArray());
        OnnxModel empty = oneNode(13, Proto.node("Slice", "s", new String[] {"x", "b", "e"}, new String[] {"y"}),
                new Proto[] {ints("b", 2), ints("e", 1)}, "x");
        assertArrayEquals(new int[] {0, 4}, empty.run(arange(3, 4)).shape());
    }

    @Test
    void splitBySizesAndEvenly() throws Exception {
        OnnxModel m = oneNode(13, Proto.node("Split", "sp", new String[] {"x", "sizes"}, new String[] {"y", "z"},
                Proto.intAttr("axis", 1)), new Proto[] {ints("sizes", 1, 3)}, "x");
        NdArray y = m.run(arange(2, 4));
        assertArrayEquals(new float[] {0, 4}, y.toFloatArray());
        OnnxModel even = oneNode(11, Proto.node("Split", "sp", new String[] {"x"}, new String[] {"y", "z"}),
                new Proto[0], "x");
        assertArrayEquals(new float[] {0, 1}, even.run(arange(4, 1)).toFloatArray());
        OnnxModel odd = oneNode(11, Proto.node("Split", "sp", new String[] {"x"}, new String[] {"y", "z"}),
                new Proto[0], "x");
        assertThrows(IllegalArgumentException.class, () -> odd.run(arange(3)));
    }

    @Test
    void castBetweenFloatsAndIntegers() throws Exception {
        Proto toInt = Proto.node("Cast", "c1", new String[] {"x"}, new String[] {"i"},
                Proto.intAttr("to", Proto.INT64));
        Proto back = Proto.node("Cast", "c2", new String[] {"i"}, new String[] {"y"}, Proto.intAttr("to", 1));
        Proto in = Proto.valueInfo("x", Proto.FLOAT, 3);
        OnnxModel m = OnnxModel.fromBytes(Proto.model(13, Proto.graph(new Proto[] {toInt, back}, new Proto[0],
                new Proto[] {in}, new Proto[] {Proto.valueInfo("y", Proto.FLOAT, 3)})));
        assertArrayEquals(new float[] {-1, 0, 2}, m.run(NdArray.of(new float[] {-1.7f, 0.2f, 2.9f}, 3))
                .toFloatArray());
        Proto toString = Proto.node("Cast", "c", new String[] {"x"}, new String[] {"y"}, Proto.intAttr("to", 8));
        OnnxFormatException e = assertThrows(OnnxUnsupportedException.class, () -> oneNode(13, toString,
                new Proto[0], "x"));
        assertTrue(e.getMessage().contains("Cast to STRING is not supported"), e.getMessage());
    }
}
