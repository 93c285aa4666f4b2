package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecgrad.onnx.OperatorsTest.intsAttr;
import static org.vecgrad.onnx.OperatorsTest.oneNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Conv, pooling and normalization forms PyTorch's exports do not produce (asymmetric pads, auto_pad SAME_* with a
 * stride, count_include_pad on padded windows), checked against direct loops written here, and the refusals;
 * ConstantOfShape and Expand with their size cap.
 */
class SpatialOperatorsTest {

    static Proto stringAttr(String name, String v) {
        return Proto.msg().string(1, name).varint(20, 3).bytes(4, v.getBytes(StandardCharsets.UTF_8));
    }

    static NdArray random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        NdArray a = NdArray.zeros(DType.F32, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, r.nextDouble(-1, 1));
        }
        return a;
    }

    /** The direct definition: y[n, o, i, j] = Σ x[n, c, i·s − top + d·u, j·s − left + d·v]·w[o, c', u, v]. */
    static NdArray naiveConv(NdArray x, NdArray w, int[] pads, int[] s, int[] d, int groups) {
        int n = x.shape(0), c = x.shape(1), h = x.shape(2), wd = x.shape(3);
        int o = w.shape(0), cg = w.shape(1), kh = w.shape(2), kw = w.shape(3);
        int oh = (h + pads[0] + pads[2] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int ow = (wd + pads[1] + pads[3] - d[1] * (kw - 1) - 1) / s[1] + 1;
        NdArray y = NdArray.zeros(DType.F32, n, o, oh, ow);
        int og = o / groups;
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = 0;
                        for (int ci = 0; ci < cg; ci++) {
                            int ch = oc / og * cg + ci;
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = i * s[0] - pads[0] + d[0] * u;
                                    int q = j * s[1] - pads[1] + d[1] * v;
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        acc += x.get(b, ch, r, q) * w.get(oc, ci, u, v);
                                    }
                                }
                            }
                        }
                        y.set(acc, b, oc, i, j);
                    }
                }
            }
        }
        return y;
    }

    static void assertClose(NdArray expected, NdArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(expected.allClose(actual, 1e-5, 1e-5, false), () -> expected + " vs " + actual);
    }

    @Test
    void convWithAsymmetricPadsGroupsStridesAndDilations() throws Exception {
        // ONNX pads [top, left, bottom, right]
        OnnxModel m = oneNode(13, Proto.node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"},
                intsAttr("pads", 1, 0, 0, 2), intsAttr("strides", 2, 1), intsAttr("dilations", 1, 2),
                Proto.intAttr("group", 2)), new Proto[0], "x", "w");
        NdArray x = random(1, 2, 4, 5, 6);
        NdArray w = random(2, 6, 2, 3, 2);
        assertClose(naiveConv(x, w, new int[] {1, 0, 0, 2}, new int[] {2, 1}, new int[] {1, 2}, 2),
                m.run(Map.of("x", x, "w", w)).get("y"));
    }

    @Test
    void convAutoPadSameSplitsTheOddPadByUpperOrLower() throws Exception {
        NdArray x = random(3, 1, 2, 5, 6);
        NdArray w = random(4, 3, 2, 2, 3);
        for (String mode : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
            OnnxModel m = oneNode(11, Proto.node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"},
                    stringAttr("auto_pad", mode), intsAttr("strides", 2, 2)), new Proto[0], "x", "w");
            // H = 5, k = 2, s = 2: out 3, total 1; W = 6, k = 3, s = 2: out 3, total 1
            int[] pads = mode.equals("SAME_UPPER") ? new int[] {0, 0, 1, 1} : new int[] {1, 1, 0, 0};
            NdArray y = m.run(Map.of("x", x, "w", w)).get("y");
            assertArrayEquals(new int[] {1, 3, 3, 3}, y.shape());
            assertClose(naiveConv(x, w, pads, new int[] {2, 2}, new int[] {1, 1}, 1), y);
        }
    }

    @Test
    void conv1dRunsAsTwoDimensionalWithHeightOne() throws Exception {
        OnnxModel m = oneNode(13, Proto.node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"},
                intsAttr("pads", 2, 1), intsAttr("dilations", 2)), new Proto[0], "x", "w");
        NdArray x = random(5, 2, 3, 7);
        NdArray w = random(6, 4, 3, 3);
        NdArray expected = naiveConv(x.reshape(2, 3, 1, 7), w.reshape(4, 3, 1, 3), new int[] {0, 2, 0, 1},
                new int[] {1, 1}, new int[] {1, 2}, 1);
        NdArray y = m.run(Map.of("x", x, "w", w)).get("y");
        assertClose(expected.reshape(2, 4, expected.shape(3)), y);
    }

    @Test
    void averagePoolDivisorWithAndWithoutPadding() throws Exception {
        NdArray x = random(7, 1, 2, 4, 5);
        for (int include = 0; include <= 1; include++) {
            OnnxModel m = oneNode(11, Proto.node("AveragePool", "p", new String[] {"x"}, new String[] {"y"},
                    intsAttr("kernel_shape", 3, 3), intsAttr("pads", 1, 1, 1, 1), intsAttr("strides", 2, 2),
                    Proto.intAttr("count_include_pad", include)), new Proto[0], "x");
            // the window sum is a convolution with a ones kernel (depthwise); the divisor is 9 or the inside count
            NdArray ones = NdArray.ones(DType.F32, 2, 1, 3, 3);
            NdArray sums = naiveConv(x, ones, new int[] {1, 1, 1, 1}, new int[] {2, 2}, new int[] {1, 1}, 2);
            NdArray counts = naiveConv(NdArray.ones(DType.F32, 1, 2, 4, 5), ones, new int[] {1, 1, 1, 1},
                    new int[] {2, 2}, new int[] {1, 1}, 2);
            NdArray expected = include == 1 ? sums.div(9) : sums.div(counts);
            assertClose(expected, m.run(x));
        }
    }

    @Test
    void refusalsNameTheNodeAndTheAttribute() {
        OnnxUnsupportedException order = assertThrows(OnnxUnsupportedException.class, () -> oneNode(11,
                Proto.node("MaxPool", "mp", new String[] {"x"}, new String[] {"y"}, intsAttr("kernel_shape", 2, 2),
                        Proto.intAttr("storage_order", 1)), new Proto[0], "x"));
        assertTrue(order.getMessage().contains("node 'mp' (MaxPool, opset 11): storage_order = 1"),
                order.getMessage());
        OnnxUnsupportedException indices = assertThrows(OnnxUnsupportedException.class, () -> oneNode(11,
                Proto.node("MaxPool", "mp", new String[] {"x"}, new String[] {"y", "i"},
                        intsAttr("kernel_shape", 2, 2)), new Proto[0], "x"));
        assertTrue(indices.getMessage().contains("Indices output"), indices.getMessage());
        OnnxUnsupportedException training = assertThrows(OnnxUnsupportedException.class, () -> oneNode(15,
                Proto.node("BatchNormalization", "bn", new String[] {"x", "s", "b", "m", "v"},
                        new String[] {"y"}, Proto.intAttr("training_mode", 1)), new Proto[0], "x", "s", "b", "m",
                "v"));
        assertTrue(training.getMessage().contains("node 'bn' (BatchNormalization, opset 15): training_mode = 1"),
                training.getMessage());
        assertInstanceOf(OnnxFormatException.class, assertThrows(OnnxFormatException.class, () -> oneNode(11,
                Proto.node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"},
                        stringAttr("auto_pad", "SAME_MIDDLE")), new Proto[0], "x", "w")));
    }

    @Test
    void runTimeRefusalsSayWhatIsSupported() throws Exception {
        OnnxModel pool = oneNode(11, Proto.node("MaxPool", "mp", new String[] {"x"}, new String[] {"y"},
                intsAttr("kernel_shape", 2, 2), intsAttr("pads", 1, 0, 0, 0)), new Proto[0], "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.run(random(8, 1, 1, 4, 4)));
        assertTrue(e.getMessage().contains("node 'mp' (MaxPool, opset 11)") && e.getMessage().contains(
                "symmetric pads only"), e.getMessage());
        OnnxModel conv3d = oneNode(11, Proto.node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"}),
                new Proto[0], "x", "w");
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> conv3d.run(Map.of(
                "x", random(9, 1, 1, 3, 3, 3), "w", random(10, 1, 1, 2, 2, 2))));
        assertTrue(e3.getMessage().contains("only 1-D ([N, C, L]) and 2-D ([N, C, H, W]) inputs are supported"),
                e3.getMessage());
        NdArray before = random(11, 1, 1, 4, 4);
        NdArray copy = before.copy();
        assertThrows(IllegalArgumentException.class, () -> pool.run(before));
        assertArrayEquals(copy.toFloatArray(), before.toFloatArray());
    }

    @Test
    void constantOfShapeAndExpandBuildFromAComputedShape() throws Exception {
        OnnxModel fill = oneNode(11, Proto.node("ConstantOfShape", "c", new String[] {"s"}, new String[] {"y"},
                Proto.msg().string(1, "value").varint(20, 4).message(5, Proto.tensorF32("v", new int[] {1}, 2.5f))),
                new Proto[] {OperatorsTest.ints("s", 2, 3)});
        NdArray y = fill.run(Map.of()).get("y");
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertClose(NdArray.ones(DType.F32, 2, 3).mul(2.5), y);
        OnnxModel expand = oneNode(13, Proto.node("Expand", "e", new String[] {"x", "s"}, new String[] {"y"}),
                new Proto[] {OperatorsTest.ints("s", 2, 1, 3)}, "x");
        NdArray x = random(12, 4, 1);
        NdArray big = expand.run(x);
        assertArrayEquals(new int[] {2, 4, 3}, big.shape());
        for (int i = 0; i < big.size(); i++) {
            assertTrue(big.getFlat(i) == x.getFlat(i / 3 % 4), "element " + i);
        }
        // folded at load: the cap refuses the file before allocating
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> oneNode(13, Proto.node(
                "ConstantOfShape", "c", new String[] {"s"}, new String[] {"y"}), new Proto[] {OperatorsTest.ints("s",
                1 << 20, 1 << 20)}));
        assertTrue(e.getMessage().contains("shape [1048576, 1048576] has more than"), e.getMessage());
    }
}
