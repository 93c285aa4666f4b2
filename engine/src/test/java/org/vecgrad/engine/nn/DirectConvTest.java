package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The direct convolution ({@link DirectConv}): the three products against the definition on random geometries that
 * take the direct path (channel counts around the kernels' 4- and 2-channel blocks, kernels 1 to 5, dilations,
 * per-side padding up to the reach, widths whose wide-row length falls around the vector width), special values,
 * the routing rule, bit-identical results for any thread count, and the workspace bound.
 */
class DirectConvTest {

    private static int lanes() {
        return Kernels.active().floatLanes();
    }

    /** A random geometry that the direct kernels take, and its arrays. */
    static ConvolutionTest.Case randomDirect(SplittableRandom r, DType dt) {
        int n = r.nextInt(10) == 0 ? 0 : r.nextInt(1, 4);
        int c = r.nextInt(1, 7);
        int o = r.nextInt(1, 10);
        int kH = r.nextInt(1, 6);
        int kW = r.nextInt(1, 6);
        int[] d = {r.nextInt(1, 3), r.nextInt(1, 3)};
        int reachH = d[0] * (kH - 1);
        int reachW = d[1] * (kW - 1);
        boolean same = r.nextInt(4) == 0;
        int[] sides = {r.nextInt(reachH + 1), r.nextInt(reachH + 1), r.nextInt(reachW + 1), r.nextInt(reachW + 1)};
        Padding pad = same ? Padding.SAME : Padding.sides(sides[0], sides[1], sides[2], sides[3]);
        // the smallest input the padding allows: 1 pixel, or the kernel's reach + 1 less the padding
        int minH = same ? 1 : Math.max(1, reachH + 1 - sides[0] - sides[1]);
        int minW = same ? 1 : Math.max(1, reachW + 1 - sides[2] - sides[3]);
        int l = lanes();
        int[] widths = {minW, reachW + 1, l - 1, l, l + 1, 2 * l + 1, 3 * l - 1, 3 * l + 2};
        int w = Math.max(minW, r.nextInt(3) == 0 ? r.nextInt(1, 40) : widths[r.nextInt(widths.length)]);
        int h = r.nextInt(3) == 0 ? minH : r.nextInt(minH, reachH + 7);
        if (kH == 1 && kW == 1 && same) {
            kW = 2;                                                        // not 1×1 unpadded (the GEMM's case)
        }
        int[] xs = {n, c, h, w};
        int[] ws = {o, c, kH, kW};
        ConvGeometry g = ConvGeometry.conv2d("conv2d", xs, ws, new int[] {1, 1}, pad, d, 1);
        NdArray x = NdArray.uniform(dt, r, -1, 1, xs);
        NdArray wt = NdArray.uniform(dt, r, -1, 1, ws);
        NdArray b = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, o) : null;
        NdArray gy = NdArray.uniform(dt, r, -1, 1, g.outputShape());
        return new ConvolutionTest.Case(g, x, wt, b, gy);
    }

    @Test
    void threeProductsMatchTheDefinition() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            for (DType dt : new DType[] {DType.F64, DType.F32}) {
                ConvolutionTest.Case c = randomDirect(new SplittableRandom(seed), dt);
                String at = dt + " " + c.g();
                double tol = dt == DType.F64 ? 1e-13 : 1e-5;
                assertTrue(DirectConv.applies(c.g()) || c.g().isPointwise(), "control: direct path for " + at);
                double[][] want = ConvolutionTest.direct(c);
                ConvolutionTest.assertClose(want[0], Convolution.forward(c.x(), c.w(), c.b(), c.g()), tol, "y " + at);
                ConvolutionTest.assertClose(want[1], Convolution.inputGrad(c.gy(), c.w(), null, c.g()), tol,
                        "dx " + at);
                NdArray dw = Convolution.weightGrad(c.x(), c.gy(), c.g());
                if (dt == DType.F64) {
                    ConvolutionTest.assertClose(want[2], dw, tol, "dw " + at);
                } else {
                    ConvolutionTest.assertCloseF32(want, 2, dw, tol, "dw " + at);
                }
            }
        });
    }

    /**
     * ±0, subnormals, ±Inf, NaN and ±1e4 in the input, weights and output gradient: every element is NaN exactly
     * where the im2col path's is, infinite with the same sign where it is, else close. In particular the wide rows'
     * scratch columns (which read input columns no real output reads with that tap) must not leak an infinity into
     * the weight gradient as 0 · ∞ = NaN. The input gradient is compared when the weights are finite (see
     * {@link DirectConv}: a non-finite weight times the output gradient's padding is NaN). With one input channel
     * the other path is the depthwise stencil, which skips the padding rather than multiplying it by the weight or
     * the output gradient: there the special values are in the input only.
     */
    @Test
    void specialValuesPropagateAsOnTheIm2colPath() {
        double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ConvolutionTest.Case c = randomDirect(r, DType.F64);
            int every = r.nextInt(3, 40);
            boolean oneChannel = c.g().c == 1;
            boolean finiteWeights = r.nextBoolean() || oneChannel;
            NdArray[] which = oneChannel ? new NdArray[] {c.x()} : finiteWeights ? new NdArray[] {c.x(), c.gy()}
                    : new NdArray[] {c.x(), c.w(), c.gy()};
            for (NdArray a : which) {
                for (int i = 0; i < a.size(); i++) {
                    if (r.nextInt(every) == 0) {
                        a.setFlat(i, special[r.nextInt(special.length)]);
                    }
                }
            }
            NdArray[] want = products(c, false);
            NdArray[] got = products(c, true);
            String[] what = {"y", "dx", "dw"};
            for (int p = 0; p < 3; p++) {
                if (p == 1 && !finiteWeights) {
                    continue;
                }
                for (int i = 0; i < want[p].size(); i++) {
                    double a = want[p].getFlat(i);
                    double b = got[p].getFlat(i);
                    String msg = what[p] + "[" + i + "] of " + c.g() + ": want " + a + ", got " + b;
                    if (Double.isNaN(a) || Double.isInfinite(a)) {
                        assertEquals(a, b, msg);
                    } else {
                        assertTrue(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)), msg);   // terms up to 1e8
                    }
                }
            }
        });
    }

    /** {y, dx, dw} on the direct path or on im2col and the GEMM. */
    private static NdArray[] products(ConvolutionTest.Case c, boolean direct) {
        boolean old = DirectConv.setEnabled(direct);
        try {
            assertEquals(direct, DirectConv.applies(c.g()) || direct && c.g().isPointwise(), "control: the path");
            return new NdArray[] {Convolution.forward(c.x(), c.w(), c.b(), c.g()),
                Convolution.inputGrad(c.gy(), c.w(), null, c.g()), Convolution.weightGrad(c.x(), c.gy(), c.g())};
        } finally {
            DirectConv.setEnabled(old);
        }
    }

    @Test
    void routesFewChannelStrideOneConvolutionsOnly() {
        assertTrue(DirectConv.applies(geometry(64, 1, 28, 28, 6, 5, 1, Padding.of(2), 1)), "LeNet conv1");
        assertTrue(DirectConv.applies(geometry(64, 6, 14, 14, 16, 5, 1, Padding.VALID, 1)), "LeNet conv2");
        assertTrue(DirectConv.appliesToWeightGrad(geometry(64, 6, 14, 14, 16, 5, 1, Padding.VALID, 1)), "LeNet dw");
        assertTrue(DirectConv.applies(geometry(1, 3, 32, 32, 16, 3, 1, Padding.SAME, 1)), "RGB 3x3 same");
        assertTrue(DirectConv.applies(geometry(1, 16, 56, 56, 64, 3, 1, Padding.of(1), 1)), "16 -> 64");
        assertFalse(DirectConv.appliesToWeightGrad(geometry(1, 16, 56, 56, 64, 3, 1, Padding.of(1), 1)), "16 -> 64 dw");
        assertFalse(DirectConv.applies(geometry(1, 64, 56, 56, 64, 3, 1, Padding.of(1), 1)), "64 channels");
        assertFalse(DirectConv.applies(geometry(1, 6, 14, 14, 16, 5, 2, Padding.VALID, 1)), "stride 2");
        assertFalse(DirectConv.applies(geometry(1, 6, 14, 14, 6, 3, 1, Padding.VALID, 3)), "groups");
        assertFalse(DirectConv.applies(geometry(1, 6, 14, 14, 16, 1, 1, Padding.VALID, 1)), "1x1 unpadded");
        assertFalse(DirectConv.applies(geometry(1, 6, 14, 14, 16, 3, 1, Padding.of(3), 1)), "padding past the reach");
        assertFalse(DirectConv.applies(geometry(1, 6, 14, 14, 65, 3, 1, Padding.of(1), 1)), "65 out channels");
        // conv_transpose2d with output_padding 1 at stride 1 (allowed below dilation 2): its geometry cuts a row
        ConvGeometry cut = ConvGeometry.convTranspose2d("conv_transpose2d", new int[] {1, 2, 5, 5},
                new int[] {2, 3, 3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, 1);
        assertFalse(DirectConv.applies(cut), "a cut output: " + cut);
    }

    private static ConvGeometry geometry(int n, int c, int h, int w, int o, int k, int s, Padding p, int groups) {
        return ConvGeometry.conv2d("conv2d", new int[] {n, c, h, w}, new int[] {o, c / groups, k, k},
                new int[] {s, s}, p, new int[] {1, 1}, groups);
    }

    /**
     * 64 images (20 M multiply-adds per product, several of the GEMM's tasks); the control asserts that each product
     * really splits under 3 threads, with the arguments the code passes to the split.
     */
    @Test
    void sameBitsForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(5);
        NdArray x = NdArray.uniform(DType.F32, r, -1, 1, 64, 6, 14, 14);
        NdArray w = NdArray.uniform(DType.F32, r, -1, 1, 15, 6, 5, 5);  // 15: 4 + 4 + 4 + 3, or 7 pairs + 1
        ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.of(1),
                new int[] {1, 1}, 1);
        assertTrue(DirectConv.appliesToWeightGrad(g));
        assertSplits(g, true);
        ConvolutionTest.assertSameBitsForAnyThreadCount(x, w, NdArray.uniform(DType.F32, r, -1, 1, g.outputShape()),
                g, 3);
    }

    /** One image of 400 × 400: the forward and the input gradient split it by bands of rows across the threads. */
    /** {@link DirectConv#select} sets both switches by name, and refuses an unknown name changing nothing. */
    @Test
    void selectByNameAndRefuseUnknownNames() {
        ConvGeometry g = ConvGeometry.conv2d("conv2d", new int[] {1, 6, 14, 14}, new int[] {16, 6, 5, 5},
                new int[] {1, 1}, Padding.of(0), new int[] {1, 1}, 1);
        try {
            DirectConv.select("test", "lanes");
            assertTrue(DirectConv.applies(g) && DirectConv.lanes(1, 16), "lanes: direct, channels in lanes");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DirectConv.select("ConvBench", "fast"));
            assertEquals("ConvBench: conv = 'fast'; expected auto, im2col, wide or lanes", e.getMessage());
            assertTrue(DirectConv.applies(g) && DirectConv.lanes(1, 16), "a refused name changes nothing");
            DirectConv.select("test", "wide");
            assertTrue(DirectConv.applies(g) && !DirectConv.lanes(16, 16), "wide: direct, positions in lanes");
            DirectConv.select("test", "im2col");
            assertFalse(DirectConv.applies(g), "im2col: no direct kernels");
        } finally {
            DirectConv.select("test", "auto");
        }
        assertTrue(DirectConv.applies(g) && DirectConv.lanes(16, 16) && !DirectConv.lanes(6, 16), "auto: the rule");
    }

    /**
     * LeNet-5's 6 → 16 layer (padded by 1, so the weight gradient pads each image) on the channels-in-lanes kernels:
     * the weight gradient splits its 150 taps across 3 threads and gives the same bits for any thread count, as the
     * forward and the input gradient do, and it matches the definition.
     */
    @Test
    void lanesSameBitsForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(6);
        NdArray x = NdArray.uniform(DType.F32, r, -1, 1, 32, 6, 14, 14);
        NdArray w = NdArray.uniform(DType.F32, r, -1, 1, 16, 6, 5, 5);
        ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.of(1),
                new int[] {1, 1}, 1);
        NdArray gy = NdArray.uniform(DType.F32, r, -1, 1, g.outputShape());
        Boolean old = DirectConv.setLanes(true);
        int threads = Blas.numThreads();
        try {
            assertTrue(DirectConv.appliesToWeightGrad(g) && DirectConv.lanesWeightGrad(g, lanes()), "control: lanes");
            Blas.setNumThreads(3);
            assertFalse(DirectConv.runsOnCaller(g.k, (long) g.n * g.p * g.o, 8), "weight gradient split by taps");
            Blas.setNumThreads(threads);
            ConvolutionTest.assertSameBitsForAnyThreadCount(x, w, gy, g, 1);
            ConvolutionTest.assertCloseF32(ConvolutionTest.direct(new ConvolutionTest.Case(g, x, w, null, gy)), 2,
                    Convolution.weightGrad(x, gy, g), 1e-4, "dw " + g);
        } finally {
            Blas.setNumThreads(threads);
            DirectConv.setLanes(old);
        }
    }

    @Test
    void oneImageSplitsByBandsWithTheSameBits() {
        ConvolutionTest.Case c = padded3x3(DType.F32, 6, 1, 4, 400, 8);
        ConvGeometry g = c.g();
        assertTrue(DirectConv.forwardBandRows(g) < g.outH, "control: several forward bands");
        assertTrue(DirectConv.inputGradBandRows(g) < g.h, "control: several input-gradient bands");
        assertSplits(g, false);
        ConvolutionTest.assertSameBitsForAnyThreadCount(c.x(), c.w(), c.gy(), g, 2);
    }

    /** Control: the forward, the input gradient and (if {@code weightGrad}) the weight gradient split on 3 threads. */
    private static void assertSplits(ConvGeometry g, boolean weightGrad) {
        int old = Blas.numThreads();
        Blas.setNumThreads(3);
        try {
            int rows = DirectConv.forwardBandRows(g);
            int pairs = g.n * ((g.outH + rows - 1) / rows);
            assertFalse(DirectConv.runsOnCaller(pairs, (long) g.o * rows * g.outW * g.k, 1), "forward split");
            rows = DirectConv.inputGradBandRows(g);
            pairs = g.n * ((g.h + rows - 1) / rows);
            assertFalse(DirectConv.runsOnCaller(pairs, (long) g.c * rows * g.w * g.o * g.kH * g.kW, 1),
                    "input gradient split");
            if (weightGrad) {
                assertFalse(DirectConv.runsOnCaller(g.o, (long) g.n * g.p * g.k, 2), "weight gradient split");
            }
        } finally {
            Blas.setNumThreads(old);
        }
    }

    /**
     * Bands of rows give the forward and the input gradient the same bits as one band: each output element has the
     * same FMA chain. A small band budget cuts the random geometries into many bands (down to one row).
     */
    @Test
    void bandsGiveTheSameBitsAsOneBand() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            ConvolutionTest.Case c = randomDirect(r, dt);
            NdArray[] whole = products(c, true);
            int old = DirectConv.setBandBudget(r.nextInt(1, 400));
            try {
                NdArray[] banded = products(c, true);
                for (int p = 0; p < 2; p++) {                             // (the weight gradient has no bands)
                    assertEquals(whole[p], banded[p], "product " + p + " of " + dt + " " + c.g());
                }
            } finally {
                DirectConv.setBandBudget(old);
            }
        });
    }

    /**
     * The channels-in-lanes kernel ({@code convLanes}) and the wide rows ({@code convTaps}) compute each element of
     * the forward and the input gradient by the same FMA chain from zero, so forcing either gives the same bits,
     * one band or many; the random geometries have 1 to 9 output channels (within one vector of lanes, around it
     * with F64 on 256 bits, and the input gradient's 1 to 6). The weight gradient on {@code convLanesDot} matches
     * the definition.
     */
    /**
     * The forward with its ReLU fused into the output pass (and the bias written there, not filled before) against
     * the forward followed by the ReLU: the same bits, on the channels in the lanes and on the wide rows, in bands,
     * with special values in the input, with and without bias, and on the im2col path (where the ReLU is a pass
     * after the product).
     */
    @Test
    void fusedReluGivesTheBitsOfTheReluAfterTheForward() {
        double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, 1e4, -1e4};
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            ConvolutionTest.Case c = randomDirect(r, dt);
            if (r.nextBoolean()) {
                for (int i = 0; i < c.x().size(); i++) {
                    if (r.nextInt(20) == 0) {
                        c.x().setFlat(i, special[r.nextInt(special.length)]);
                    }
                }
            }
            int oldBudget = r.nextBoolean() ? DirectConv.setBandBudget(r.nextInt(1, 400)) : -1;
            Boolean oldLanes = DirectConv.setLanes(r.nextBoolean());
            boolean oldEnabled = DirectConv.setEnabled(r.nextInt(4) != 0);
            try {
                NdArray want = Convolution.forward(c.x(), c.w(), c.b(), c.g());
                want.apply(UnaryOp.RELU, 0, 0, want);
                NdArray got = Convolution.forward(c.x(), c.w(), c.b(), c.g(), true);
                assertEquals(want, got, dt + " " + c.g() + (c.b() == null ? "" : " with bias"));
            } finally {
                DirectConv.setEnabled(oldEnabled);
                DirectConv.setLanes(oldLanes);
                if (oldBudget > 0) {
                    DirectConv.setBandBudget(oldBudget);
                }
            }
        });
    }

    @Test
    void lanesGiveTheSameBitsAsWideRows() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            ConvolutionTest.Case c = randomDirect(r, dt);
            int oldBudget = r.nextBoolean() ? DirectConv.setBandBudget(r.nextInt(1, 400)) : -1;
            Boolean old = DirectConv.setLanes(true);
            try {
                NdArray[] lanes = products(c, true);
                DirectConv.setLanes(false);
                NdArray[] wide = products(c, true);
                for (int p = 0; p < 2; p++) {
                    assertEquals(wide[p], lanes[p], "product " + p + " of " + dt + " " + c.g());
                }
                // the weight gradient sums in another order (per image, then in double): the definition, closely
                boolean direct = DirectConv.appliesToWeightGrad(c.g());
                String what = "dw " + (direct ? "on convLanesDot " : "") + dt + " " + c.g();
                if (dt == DType.F64) {
                    ConvolutionTest.assertClose(ConvolutionTest.direct(c)[2], lanes[2], 1e-13, what);
                } else {
                    ConvolutionTest.assertCloseF32(ConvolutionTest.direct(c), 2, lanes[2], 1e-5, what);
                }
            } finally {
                DirectConv.setLanes(old);
                if (oldBudget > 0) {
                    DirectConv.setBandBudget(oldBudget);
                }
            }
        });
    }

    /**
     * An image of 700 × 700 (2 → 4 channels, 3 × 3, padding 1): the wide output rows of the whole image would be
     * 1.96 M elements and its padded planes 0.99 M; the forward and the input gradient run in bands within the
     * stated bound, and equal the im2col path. Its padded image exceeds the band budget, so its weight gradient is
     * left to im2col.
     */
    @Test
    void largePlaneRunsInBoundedBands() throws Exception {
        onOwnThread(() -> {
            ConvolutionTest.Case c = padded3x3(DType.F32, 11, 1, 2, 700, 4);
            ConvGeometry g = c.g();
            assertTrue(DirectConv.applies(g), "control: direct forward");
            assertFalse(DirectConv.appliesToWeightGrad(g), "a padded image over the budget: im2col weight gradient");
            NdArray[][] direct = new NdArray[1][];
            Blas.withMaxThreads(1, () -> direct[0] = products(c, true));
            int[] used = DirectConvF32.capacity();
            assertTrue(used[3] > 0 && used[3] <= DirectConv.planeBound(g), "padded planes hold " + used[3]);
            assertTrue(used[4] > 0 && used[4] <= DirectConv.outputBound(g), "wide rows hold " + used[4]);
            int l = Kernels.active().floatLanes();
            assertEquals(DirectConv.BAND_BUDGET + l, DirectConv.planeBound(g), "the bound is the budget here");
            assertEquals(DirectConv.BAND_BUDGET + g.o * l, DirectConv.outputBound(g), "the bound is the budget here");
            NdArray[] im2col = products(c, false);
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < im2col[p].size(); i++) {
                    assertEquals(im2col[p].getFlat(i), direct[0][p].getFlat(i), 1e-5, "product " + p + " at " + i);
                }
            }
        });
    }

    /** An empty batch: nothing to compute, and no workspace taken. */
    @Test
    void emptyBatchTakesNoWorkspace() throws Exception {
        onOwnThread(() -> {
            ConvolutionTest.Case c = padded3x3(DType.F64, 12, 0, 3, 30, 5);
            assertTrue(DirectConv.appliesToWeightGrad(c.g()), "control: the direct path");
            assertEquals(0, Convolution.forward(c.x(), c.w(), null, c.g()).size());
            assertEquals(0, Convolution.inputGrad(c.gy(), c.w(), null, c.g()).size());
            NdArray dw = Convolution.weightGrad(c.x(), c.gy(), c.g());
            for (int i = 0; i < dw.size(); i++) {
                assertEquals(0.0, dw.getFlat(i), "dw of no images");
            }
            int[] used = DirectConvF64.capacity();
            assertEquals(0, used[3], "padded planes");
            assertEquals(0, used[4], "wide rows");
        });
    }

    /** A 3 × 3 convolution with padding 1 of n images c × hw × hw into o channels, random arrays from {@code seed}. */
    private static ConvolutionTest.Case padded3x3(DType dt, long seed, int n, int c, int hw, int o) {
        SplittableRandom r = new SplittableRandom(seed);
        NdArray x = NdArray.uniform(dt, r, -1, 1, n, c, hw, hw);
        NdArray w = NdArray.uniform(dt, r, -1, 1, o, c, 3, 3);
        ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.of(1),
                new int[] {1, 1}, 1);
        return new ConvolutionTest.Case(g, x, w, null, NdArray.uniform(dt, r, -1, 1, g.outputShape()));
    }

    /** Runs {@code body} on a thread of its own (the buffers are per thread) and rethrows what it throws. */
    private static void onOwnThread(ThrowingRunnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void workspaceStaysWithinItsBoundAndIsReused() throws Exception {
        for (boolean lanes : new boolean[] {false, true}) {                // wide rows, then channels in lanes
            Boolean old = DirectConv.setLanes(lanes);
            try {
                workspaceBound(lanes);
            } finally {
                DirectConv.setLanes(old);
            }
        }
    }

    private static void workspaceBound(boolean lanes) throws Exception {
        onOwnThread(() -> {                                                // the buffers are per thread
            SplittableRandom r = new SplittableRandom(9);
            NdArray x = NdArray.uniform(DType.F64, r, -1, 1, 16, 5, 37, 41);
            NdArray w = NdArray.uniform(DType.F64, r, -1, 1, 7, 5, 3, 4);
            ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1},
                    Padding.sides(2, 1, 0, 3), new int[] {2, 1}, 1);
            assertTrue(DirectConv.applies(g));
            NdArray gy = NdArray.uniform(DType.F64, r, -1, 1, g.outputShape());
            Blas.withMaxThreads(1, () -> {
                Convolution.forward(x, w, null, g);
                Convolution.inputGrad(gy, w, null, g);
                Convolution.weightGrad(x, gy, g);
            });
            int[] used = DirectConvF64.capacity();
            int kk = g.kH * g.kW;
            assertEquals(Math.max(g.c, g.o) * kk, used[0], "tap offsets");
            // with the channels in the lanes, rows of channels padded to whole vectors: O'·C·kK forward, C'·O·kK
            // for the input gradient
            int l = lanes ? Kernels.active().doubleLanes() : 1;
            int o1 = (g.o + l - 1) / l * l;
            int c1 = (g.c + l - 1) / l * l;
            assertEquals(Math.max(o1 * g.c, c1 * g.o) * kk, used[1], "transposed weights");
            assertEquals(g.o * g.c * kk, used[2], "weight-gradient sums");
            assertTrue(used[3] > 0 && used[3] <= DirectConv.planeBound(g), "padded planes hold " + used[3]
                    + ", bound " + DirectConv.planeBound(g));
            assertTrue(used[4] > 0 && used[4] <= DirectConv.outputBound(g), "wide rows hold " + used[4]
                    + ", bound " + DirectConv.outputBound(g));
            // padded image 5 · 40 · 44 = 8 800 and two output planes 2 · 36 · 41 = 2 952 fit in 2^15 twice
            assertEquals(2, DirectConv.weightGradImages(g), "images per weight-gradient call");
            assertTrue(used[3] < 16L * 5 * 40 * 44, "control: less than the padded batch");
            Blas.withMaxThreads(1, () -> {
                Convolution.forward(x, w, null, g);
                Convolution.inputGrad(gy, w, null, g);
                Convolution.weightGrad(x, gy, g);
            });
            assertArrayEquals(used, DirectConvF64.capacity(), "the second call reuses the buffers");
        });
    }
}
