package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecgrad.onnx.OperatorsTest.arange;
import static org.vecgrad.onnx.OperatorsTest.ints;
import static org.vecgrad.onnx.OperatorsTest.intsAttr;
import static org.vecgrad.onnx.OperatorsTest.oneNode;
import static org.vecgrad.onnx.RecurrentOperatorsTest.stringAttr;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Pad in every mode (the PyTorch fixtures cover constant, reflect and edge as PyTorch exports them; here: wrap,
 * axes, negative pads on every mode, integer data, errors), and the operator changes of opsets 18–20 that the
 * supported operators follow: ReduceMean/ReduceMax axes as an input, Split's num_outputs, Gelu from opset 20.
 */
class PadAndLaterOpsetsTest {

    static Proto padNode(String mode, boolean withValue, boolean withAxes) {
        String[] in = withAxes ? new String[] {"x", "p", withValue ? "c" : "", "a"}
                : withValue ? new String[] {"x", "p", "c"} : new String[] {"x", "p"};
        return mode == null ? Proto.node("Pad", "pad", in, new String[] {"y"})
                : Proto.node("Pad", "pad", in, new String[] {"y"}, stringAttr("mode", mode));
    }

    static float[] pad1d(String mode, float value, long... pads) throws Exception {
        OnnxModel m = oneNode(19, padNode(mode, true, false), new Proto[] {ints("p", pads),
            Proto.tensorF32("c", new int[0], value)}, "x");
        return m.run(NdArray.of(new float[] {1, 2, 3}, 3)).toFloatArray();
    }

    @Test
    void eachModeOnAVector() throws Exception {
        // numpy.pad([1, 2, 3], (2, 1), mode) for numpy's constant, reflect, edge and wrap
        assertArrayEquals(new float[] {9, 9, 1, 2, 3, 9}, pad1d("constant", 9, 2, 1));
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, pad1d("reflect", 9, 2, 1));
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 3}, pad1d("edge", 9, 2, 1));
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1}, pad1d("wrap", 9, 2, 1));
        // negative pads crop that end, then the other end is padded by the mode
        assertArrayEquals(new float[] {2, 3, 0, 0}, pad1d("constant", 0, -1, 2));
        assertArrayEquals(new float[] {2, 3, 2}, pad1d("reflect", 0, -1, 1));
        assertArrayEquals(new float[] {1, 1}, pad1d("edge", 0, 1, -2));
        assertArrayEquals(new float[0], pad1d("constant", 0, -2, -1));
    }

    /** The ONNX definition element by element: out[o] = x[src(o)] on every axis, or the constant. */
    static NdArray reference(NdArray x, long[] pads, String mode, double value) {
        int r = x.rank();
        int[] os = new int[r];
        for (int k = 0; k < r; k++) {
            os[k] = (int) (x.shape(k) + pads[k] + pads[k + r]);
        }
        NdArray out = NdArray.zeros(x.dtype(), os);
        int[] pos = new int[r];
        for (int o = 0; o < out.size(); o++) {
            int rem = o;
            for (int k = r - 1; k >= 0; k--) {
                pos[k] = rem % os[k];
                rem /= os[k];
            }
            long src = 0;
            boolean inside = true;
            for (int k = 0; k < r; k++) {
                long d = x.shape(k);
                long i = pos[k] - pads[k];
                if (i < 0 || i >= d) {
                    switch (mode) {
                        case "constant" -> inside = false;
                        case "edge" -> i = i < 0 ? 0 : d - 1;
                        case "reflect" -> i = i < 0 ? -i : 2 * (d - 1) - i;
                        default -> i = ((i % d) + d) % d;
                    }
                }
                src = src * d + i;
            }
            out.setFlat(o, inside ? x.getFlat((int) src) : value);
        }
        return out;
    }

    @Test
    void randomShapesAndPadsMatchTheDefinition() throws Exception {
        Random rng = new Random(42);
        String[] modes = {"constant", "reflect", "edge", "wrap"};
        for (int trial = 0; trial < 40; trial++) {
            String mode = modes[trial % 4];
            int rank = 1 + rng.nextInt(4);
            int[] shape = new int[rank];
            long[] pads = new long[2 * rank];
            for (int k = 0; k < rank; k++) {
                shape[k] = 2 + rng.nextInt(4);
                int most = mode.equals("reflect") ? shape[k] - 1 : 5;
                pads[k] = rng.nextInt(most + 2) - 1;              // -1 .. most
                pads[k + rank] = rng.nextInt(most + 2) - 1;
            }
            NdArray x = NdArray.zeros(DType.F32, shape);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, rng.nextGaussian());
            }
            OnnxModel m = oneNode(19, padNode(mode, true, false), new Proto[] {ints("p", pads),
                Proto.tensorF32("c", new int[] {1}, -7.5f)}, "x");
            NdArray want = reference(x, pads, mode, -7.5);
            NdArray got = m.run(x);
            assertArrayEquals(want.shape(), got.shape(), mode + " " + java.util.Arrays.toString(pads));
            assertArrayEquals(want.toFloatArray(), got.toFloatArray(), mode + " " + java.util.Arrays.toString(pads));
        }
    }

    @Test
    void axesFromOpset18AndIntegerData() throws Exception {
        OnnxModel m = oneNode(18, padNode(null, false, true), new Proto[] {ints("p", 1, 2), ints("a", -1)}, "x");
        NdArray y = m.run(arange(2, 2));
        assertArrayEquals(new int[] {2, 5}, y.shape());
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 2, 3, 0, 0}, y.toFloatArray());
        // integer data (shape arithmetic) pads too, folded at load; integer outputs come back as F64
        OnnxModel ints = oneNode(13, Proto.node("Pad", "pad", new String[] {"d", "p"}, new String[] {"y"},
                stringAttr("mode", "edge")), new Proto[] {ints("d", 4, 5), ints("p", 1, 0)});
        NdArray shape = ints.run(java.util.Map.of()).get("y");
        assertArrayEquals(new double[] {4, 4, 5}, shape.toDoubleArray());
    }

    @Test
    void padRefusals() throws Exception {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> oneNode(17, padNode("wrap", false,
                false), new Proto[] {ints("p", 1, 1)}, "x"));
        assertTrue(e.getMessage().contains("node 'pad' (Pad, opset 17): mode = 'wrap'; expected constant, reflect "
                + "or edge (wrap is an opset-19 mode)"), e.getMessage());
        OnnxModel reflect = oneNode(13, padNode("reflect", false, false), new Proto[] {ints("p", 3, 0)}, "x");
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> reflect.run(NdArray.of(new float[] {1, 2, 3}, 3)));
        assertTrue(r.getMessage().contains("node 'pad' (Pad, opset 13)") && r.getMessage().contains(
                "mode reflect pads at most size − 1 = 2 on axis 0; pads [3, 0] ask for 3"), r.getMessage());
        OnnxModel length = oneNode(13, padNode(null, false, false), new Proto[] {ints("p", 1, 1)}, "x");
        r = assertThrows(IllegalArgumentException.class, () -> length.run(arange(2, 2)));
        assertTrue(r.getMessage().contains("pads [1, 1] has 2 values; an input of rank 2 needs 4"), r.getMessage());
        OnnxModel crop = oneNode(13, padNode(null, false, false), new Proto[] {ints("p", -4, 0)}, "x");
        r = assertThrows(IllegalArgumentException.class, () -> crop.run(NdArray.of(new float[] {1, 2, 3}, 3)));
        assertTrue(r.getMessage().contains("give axis 0 (size 3) the size -1"), r.getMessage());
    }

    @Test
    void opset18TakesReduceAxesAsAnInputAndSplitsIntoNumOutputs() throws Exception {
        OnnxModel mean = oneNode(18, Proto.node("ReduceMean", "r", new String[] {"x", "a"}, new String[] {"y"},
                Proto.intAttr("keepdims", 0)), new Proto[] {ints("a", 1)}, "x");
        assertArrayEquals(new float[] {1, 4}, mean.run(arange(2, 3)).toFloatArray());
        OnnxModel max = oneNode(18, Proto.node("ReduceMax", "r", new String[] {"x", "a"}, new String[] {"y"}),
                new Proto[] {ints("a", 0)}, "x");
        assertArrayEquals(new float[] {3, 4, 5}, max.run(arange(2, 3)).toFloatArray());
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> oneNode(18, Proto.node("ReduceMean",
                "r", new String[] {"x"}, new String[] {"y"}, intsAttr("axes", 1)), new Proto[0], "x"));
        assertTrue(e.getMessage().contains("node 'r' (ReduceMean, opset 18): attribute 'axes' is not supported"),
                e.getMessage());

        Proto split = Proto.node("Split", "s", new String[] {"x"}, new String[] {"a", "b", "y"},
                Proto.intAttr("num_outputs", 3));
        OnnxModel m = oneNode(18, split, new Proto[0], "x");
        // 7 elements in 3 parts: ceil(7 / 3) = 3, 3, then the remaining 1
        assertArrayEquals(new float[] {6}, m.run(arange(7)).toFloatArray());
        Proto wrong = Proto.node("Split", "s", new String[] {"x"}, new String[] {"a", "y"},
                Proto.intAttr("num_outputs", 3));
        e = assertThrows(OnnxFormatException.class, () -> oneNode(18, wrong, new Proto[0], "x"));
        assertTrue(e.getMessage().contains("node 's' (Split, opset 18): num_outputs = 3 but the node has 2 outputs"),
                e.getMessage());
    }

    @Test
    void geluIsAnOpset20OperatorAndTransposeTakesIntegers() throws Exception {
        Proto gelu = Proto.node("Gelu", "g", new String[] {"x"}, new String[] {"y"});
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> oneNode(17, gelu, new Proto[0], "x"));
        assertTrue(e.getMessage().contains("node 'g' (Gelu, opset 17): Gelu is an operator of opset 20 and later"),
                e.getMessage());
        NdArray x = NdArray.of(new float[] {-2, -0.5f, 0, 0.5f, 3}, 5);
        assertTrue(x.gelu().allClose(oneNode(20, gelu, new Proto[0], "x").run(x), 0, 0, false));
        Proto tanh = Proto.node("Gelu", "g", new String[] {"x"}, new String[] {"y"}, stringAttr("approximate",
                "tanh"));
        assertTrue(x.geluTanh().allClose(oneNode(20, tanh, new Proto[0], "x").run(x), 0, 0, false));

        Proto shaped = Proto.msg().varint(1, 2).varint(1, 3).varint(2, Proto.INT64).string(8, "d");
        for (long v : new long[] {1, 2, 3, 4, 5, 6}) {
            shaped.varint(7, v);
        }
        OnnxModel tr = oneNode(13, Proto.node("Transpose", "t", new String[] {"d"}, new String[] {"y"}),
                new Proto[] {shaped});
        NdArray y = tr.run(java.util.Map.of()).get("y");
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, y.toDoubleArray());
    }
}
