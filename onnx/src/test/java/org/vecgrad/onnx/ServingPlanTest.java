package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * What {@link OnnxModel} plans at load for speed computes what the plain operators do: Gemm layers with constant
 * weights ({@link Dense}: one row and many, every transB, alpha, beta and bias shape; batch-invariant), the ReLU
 * fused into the node before it (and not fused where another reader needs the value before the ReLU).
 */
class ServingPlanTest {

    @TempDir
    Path dir;

    /** A random F32 array; with {@code specials}, some elements are 0, −0, ±Inf, NaN, ±1e4 or subnormal. */
    static float[] values(SplittableRandom r, int n, boolean zeros, boolean specials) {
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e4f, -1e4f,
            Float.MIN_VALUE, -Float.MIN_NORMAL / 3};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
            if (zeros && r.nextInt(3) == 0) {
                v[i] = 0;
            }
            if (specials && r.nextInt(8) == 0) {
                v[i] = special[r.nextInt(special.length)];
            }
        }
        return v;
    }

    /**
     * {y, |y|}: y = alpha·x·op(W) + beta·b in F64 from the F32 values (NaN wherever IEEE arithmetic gives one), and
     * the sum of the magnitudes of its terms, which bounds the rounding error of any summation order.
     */
    static double[][] reference(float[] x, int m, int k, float[] w, boolean tb, int n, float[] b, int[] bShape,
                              double alpha, double beta) {
        double[] y = new double[m * n];
        double[] mag = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double t = (double) x[i * k + p] * w[tb ? j * k + p : p * n + j];
                    s += t;
                    mag[i * n + j] += Math.abs(alpha * t);
                }
                double c = b == null ? 0 : b[b.length == 1 ? 0 : bShape.length == 2 && bShape[0] == m && m > 1
                        ? i * n + j : j];
                y[i * n + j] = alpha * s + (b == null ? 0 : beta * c);
                mag[i * n + j] += Math.abs(beta * c);
            }
        }
        return new double[][] {y, mag};
    }

    static void assertClose(double[][] expected, NdArray actual, String what) {
        for (int i = 0; i < expected[0].length; i++) {
            double a = actual.getFlat(i);
            double e = expected[0][i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Double.isInfinite(e) ? a == e
                    : Math.abs(a - e) <= 1e-5 * (1 + expected[1][i]);
            assertTrue(ok, what + ": element " + i + " is " + a + ", expected " + e);
        }
    }

    /**
     * A Gemm (optionally followed by a Relu) whose weight is an initializer (the planned {@link Dense} kernel) or
     * a graph input (the operator's own kernel), on random shapes: both give the reference values.
     */
    @Test
    void gemmLayersMatchTheReferenceOnBothPaths() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int m = r.nextInt(4) == 0 ? 8 + r.nextInt(12) : 1 + r.nextInt(7);
            int k = 1 + r.nextInt(40);
            int n = 1 + r.nextInt(40);
            boolean tb = r.nextBoolean();
            boolean relu = r.nextBoolean();
            boolean specials = r.nextInt(4) == 0;
            double alpha = r.nextBoolean() ? 1 : 0.5 + r.nextDouble();
            double beta = r.nextBoolean() ? 1 : -0.5 - r.nextDouble();
            int[][] biasShapes = {null, {n}, {1, n}, {1}, {m, n}};
            int[] bShape = biasShapes[r.nextInt(biasShapes.length)];
            float[] x = values(r, m * k, true, specials);
            float[] w = values(r, k * n, false, specials);
            float[] b = bShape == null ? null : values(r, bShape.length == 2 ? bShape[0] * bShape[1] : bShape[0],
                    false, false);
            double[][] expected = reference(x, m, k, w, tb, n, b, bShape, alpha, beta);
            if (relu) {
                for (int i = 0; i < expected[0].length; i++) {
                    expected[0][i] = expected[0][i] > 0 || Double.isNaN(expected[0][i]) ? expected[0][i] : 0;
                }
            }
            String what = "m " + m + " k " + k + " n " + n + " transB " + tb + " alpha " + alpha + " beta " + beta
                    + " bias " + java.util.Arrays.toString(bShape) + " relu " + relu;
            for (boolean constantWeight : new boolean[] {true, false}) {
                OnnxModel model;
                try {
                    model = gemmModel(w, tb, k, n, b, bShape, alpha, beta, relu, constantWeight);
                } catch (OnnxFormatException e) {
                    throw new AssertionError(what, e);
                }
                NdArray xa = NdArray.of(x, m, k);
                NdArray y = constantWeight ? model.run(xa)
                        : model.run(Map.of("x", xa, "W", NdArray.of(w, tb ? n : k, tb ? k : n))).get("y");
                assertArrayEquals(new int[] {m, n}, y.shape(), what);
                assertClose(expected, y, what + (constantWeight ? " (planned)" : " (operator)"));
            }
        });
    }

    /**
     * An MLP 784-256-128-10 with ReLUs (the served model of the benchmarks): each row of a batch of 64 gets the same
     * bits as that row run alone and in batches of 1, 3 and 8, transposed and untransposed weights alike.
     */
    @Test
    void anMlpIsBatchInvariantBitForBit() throws Exception {
        SplittableRandom r = new SplittableRandom(19);
        int[] widths = {784, 256, 128, 10};
        List<Proto> inits = new ArrayList<>();
        List<Proto> nodes = new ArrayList<>();
        String in = "x";
        for (int l = 0; l + 1 < widths.length; l++) {
            int k = widths[l];
            int n = widths[l + 1];
            boolean tb = l != 1; // nn.Linear's export (transB = 1) and the plain form
            float[] w = values(r, k * n, false, false);
            for (int i = 0; i < w.length; i++) {
                w[i] *= (float) (1 / Math.sqrt(k));
            }
            inits.add(Proto.tensorF32("W" + l, tb ? new int[] {n, k} : new int[] {k, n}, w));
            inits.add(Proto.tensorF32("b" + l, new int[] {n}, values(r, n, false, false)));
            String out = l + 2 == widths.length ? "y" : "h" + l;
            nodes.add(Proto.node("Gemm", "fc" + l, new String[] {in, "W" + l, "b" + l},
                    new String[] {l + 2 == widths.length ? "y" : "g" + l}, Proto.intAttr("transB", tb ? 1 : 0)));
            if (l + 2 < widths.length) {
                nodes.add(Proto.node("Relu", "act" + l, new String[] {"g" + l}, new String[] {out}));
            }
            in = out;
        }
        OnnxModel model = OnnxModel.fromBytes(Proto.model(13, Proto.graph(nodes.toArray(Proto[]::new),
                inits.toArray(Proto[]::new), new Proto[] {Proto.valueInfo("x", Proto.FLOAT, "batch", 784)},
                new Proto[] {Proto.valueInfo("y", Proto.FLOAT, "batch", 10)})));
        int rows = 64;
        float[] x = values(r, rows * 784, true, false);
        float[] all = model.run(NdArray.of(x, rows, 784)).floatData().clone();
        for (int size : new int[] {1, 3, 8}) {
            for (int i0 = 0; i0 < rows; i0 += size) {
                int m = Math.min(size, rows - i0);
                NdArray part = model.run(NdArray.of(java.util.Arrays.copyOfRange(x, i0 * 784, (i0 + m) * 784), m,
                        784));
                assertArrayEquals(java.util.Arrays.copyOfRange(all, i0 * 10, (i0 + m) * 10),
                        java.util.Arrays.copyOfRange(part.floatData(), part.offset(), part.offset() + m * 10),
                        "rows " + i0 + "+" + m + " of " + rows);
            }
        }
    }

    private static OnnxModel gemmModel(float[] w, boolean tb, int k, int n, float[] b, int[] bShape, double alpha,
                                       double beta, boolean relu, boolean constantWeight) throws OnnxFormatException {
        List<Proto> inits = new ArrayList<>();
        List<Proto> inputs = new ArrayList<>(List.of(Proto.valueInfo("x", Proto.FLOAT, "batch", k)));
        int[] wShape = tb ? new int[] {n, k} : new int[] {k, n};
        if (constantWeight) {
            inits.add(Proto.tensorF32("W", wShape, w));
        } else {
            inputs.add(Proto.valueInfo("W", Proto.FLOAT, wShape[0], wShape[1]));
        }
        List<String> gemmIn = new ArrayList<>(List.of("x", "W"));
        if (b != null) {
            inits.add(Proto.tensorF32("b", bShape, b));
            gemmIn.add("b");
        }
        Proto gemm = Proto.node("Gemm", "fc", gemmIn.toArray(String[]::new), new String[] {relu ? "h" : "y"},
                Proto.intAttr("transB", tb ? 1 : 0), floatAttr("alpha", (float) alpha), floatAttr("beta", (float) beta));
        Proto[] nodes = relu ? new Proto[] {gemm, Proto.node("Relu", "act", new String[] {"h"}, new String[] {"y"})}
                : new Proto[] {gemm};
        return OnnxModel.fromBytes(Proto.model(13, Proto.graph(nodes, inits.toArray(Proto[]::new),
                inputs.toArray(Proto[]::new), new Proto[] {Proto.valueInfo("y", Proto.FLOAT, "batch", n)})));
    }

    /**
     * Zero-size weights (k = 0: y is beta·bias; n = 0: y has no columns) load and run on the planned kernel as on
     * the operator's own, every transB, with and without a bias, for one row and many.
     */
    @Test
    void zeroSizeWeightsLoadAndRunOnBothPaths() throws Exception {
        SplittableRandom r = new SplittableRandom(23);
        for (int[] kn : new int[][] {{0, 5}, {4, 0}, {0, 0}}) {
            int k = kn[0];
            int n = kn[1];
            for (boolean tb : new boolean[] {false, true}) {
                for (int m : new int[] {1, 3}) {
                    for (boolean withBias : new boolean[] {false, true}) {
                        float[] x = values(r, m * k, false, false);
                        float[] b = withBias ? values(r, n, false, false) : null;
                        int[] bShape = withBias ? new int[] {n} : null;
                        double[][] expected = reference(x, m, k, new float[0], tb, n, b, bShape, 0.5, -1.5);
                        String what = "k " + k + " n " + n + " transB " + tb + " m " + m + " bias " + withBias;
                        for (boolean constantWeight : new boolean[] {true, false}) {
                            OnnxModel model = gemmModel(new float[0], tb, k, n, b, bShape, 0.5, -1.5, false,
                                    constantWeight);
                            NdArray xa = NdArray.of(x, m, k);
                            NdArray y = constantWeight ? model.run(xa) : model.run(Map.of("x", xa, "W",
                                    NdArray.of(new float[0], tb ? n : k, tb ? k : n))).get("y");
                            assertArrayEquals(new int[] {m, n}, y.shape(), what);
                            assertClose(expected, y, what + (constantWeight ? " (planned)" : " (operator)"));
                        }
                    }
                }
            }
        }
    }

    static Proto floatAttr(String name, float v) {
        return Proto.msg().string(1, name).varint(20, 1).fixed32(2, v);
    }

    /** A Gemm output that is also a graph output, or read by a second node, keeps its values before the ReLU. */
    @Test
    void reluIsNotFusedWhereThePreActivationIsRead() throws Exception {
        float[] w = {1, -2, 3, -4, 5, -6};
        Proto gemm = Proto.node("Gemm", "fc", new String[] {"x", "W"}, new String[] {"h"}, Proto.intAttr("transB", 1));
        Proto relu = Proto.node("Relu", "act", new String[] {"h"}, new String[] {"y"});
        Proto add = Proto.node("Add", "sum", new String[] {"h", "y"}, new String[] {"z"});
        NdArray x = NdArray.of(new float[] {1, 1, 1}, 1, 3);
        // h = x·Wᵀ = [2, -5]; y = relu(h) = [2, 0]; z = h + y = [4, -5]
        OnnxModel both = OnnxModel.fromBytes(Proto.model(13, Proto.graph(new Proto[] {gemm, relu},
                new Proto[] {Proto.tensorF32("W", new int[] {2, 3}, w)}, new Proto[] {Proto.valueInfo("x",
                        Proto.FLOAT, "batch", 3)}, new Proto[] {Proto.valueInfo("h", Proto.FLOAT, "batch", 2),
                    Proto.valueInfo("y", Proto.FLOAT, "batch", 2)})));
        Map<String, NdArray> out = both.run(Map.of("x", x));
        assertArrayEquals(new float[] {2, -5}, out.get("h").toFloatArray());
        assertArrayEquals(new float[] {2, 0}, out.get("y").toFloatArray());
        OnnxModel twoReaders = OnnxModel.fromBytes(Proto.model(13, Proto.graph(new Proto[] {gemm, relu, add},
                new Proto[] {Proto.tensorF32("W", new int[] {2, 3}, w)}, new Proto[] {Proto.valueInfo("x",
                        Proto.FLOAT, "batch", 3)}, new Proto[] {Proto.valueInfo("z", Proto.FLOAT, "batch", 2)})));
        assertArrayEquals(new float[] {4, -5}, twoReaders.run(x).toFloatArray());
    }

    /**
     * Conv + Relu (a LeNet-like pair: 1 → 6 on the wide rows, 6 → 16 with the channels in the lanes at batch 9),
     * the ReLU fused into the convolution's output pass against the ReLU applied in place after it (the system
     * property {@code vecgrad.onnx.fuseIntoKernels=false} at load): the same bits, with special values in the input.
     */
    @Test
    void convReluFusedIntoTheKernelGivesTheBitsOfTheReluAfter() throws Exception {
        SplittableRandom r = new SplittableRandom(29);
        Proto[] inits = {Proto.tensorF32("W1", new int[] {6, 1, 5, 5}, values(r, 150, false, false)),
            Proto.tensorF32("B1", new int[] {6}, values(r, 6, false, false)),
            Proto.tensorF32("W2", new int[] {16, 6, 3, 3}, values(r, 864, false, false)),
            Proto.tensorF32("B2", new int[] {16}, values(r, 16, false, false))};
        Proto[] nodes = {Proto.node("Conv", "c1", new String[] {"x", "W1", "B1"}, new String[] {"h1"}),
            Proto.node("Relu", "r1", new String[] {"h1"}, new String[] {"a1"}),
            Proto.node("Conv", "c2", new String[] {"a1", "W2", "B2"}, new String[] {"h2"}),
            Proto.node("Relu", "r2", new String[] {"h2"}, new String[] {"y"})};
        byte[] bytes = Proto.model(13, Proto.graph(nodes, inits, new Proto[] {Proto.valueInfo("x", Proto.FLOAT,
                "batch", 1, 16, 16)}, new Proto[] {Proto.valueInfo("y", Proto.FLOAT, "batch", 16, 10, 10)}));
        OnnxModel fused = OnnxModel.fromBytes(bytes);
        OnnxModel after;
        String old = System.setProperty("vecgrad.onnx.fuseIntoKernels", "false");
        try {
            after = OnnxModel.fromBytes(bytes);
        } finally {
            if (old == null) {
                System.clearProperty("vecgrad.onnx.fuseIntoKernels");
            } else {
                System.setProperty("vecgrad.onnx.fuseIntoKernels", old);
            }
        }
        assertEquals(fused.summary(), after.summary());
        for (int batch : new int[] {1, 9}) {
            float[] v = values(r, batch * 256, true, false);
            v[37] = Float.NaN;                                          // a few, so that most outputs stay finite
            v[v.length - 40] = Float.POSITIVE_INFINITY;
            v[v.length - 1] = -0f;
            NdArray x = NdArray.of(v, batch, 1, 16, 16);
            float[] want = after.run(x).toFloatArray();
            assertArrayEquals(want, fused.run(x).toFloatArray(), "batch " + batch);
            int zeros = 0;
            for (float y : want) {
                zeros += y == 0 ? 1 : 0;
            }
            assertTrue(zeros > 0 && zeros < want.length, "control: the ReLU clips some outputs, " + zeros);
        }
    }

    /** A loaded model keeps nothing of its file: overwriting the file after load changes none of its outputs. */
    @Test
    void aLoadedModelDoesNotReadItsFileAgain() throws Exception {
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, Proto.tinyModel());
        OnnxModel model = OnnxModel.load(file);
        NdArray x = NdArray.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3);
        NdArray before = model.run(x);
        Files.write(file, new byte[Proto.tinyModel().length]);
        assertArrayEquals(before.toFloatArray(), model.run(x).toFloatArray());
        // relu(x·Wᵀ + b) with W = [[1, 2, 3], [-1, -2, -3]], b = [0.5, -0.5]
        assertArrayEquals(new float[] {14.5f, 0, 2.5f, 0}, before.toFloatArray());
        assertEquals(DType.F32, before.dtype());
    }
}
