package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The three convolution products against direct loops over the definition, on random geometries (strides,
 * per-side padding, dilations, groups, 1×1, 1-D), with the im2col chunks forced small so that chunk edges fall
 * everywhere; the workspace bound; and bit-identical results for any thread count.
 */
class ConvolutionTest {

    /** A random geometry and its arrays. */
    record Case(ConvGeometry g, NdArray x, NdArray w, NdArray b, NdArray gy) {
    }

    static Case randomCase(SplittableRandom r, DType dt) {
        int groups = r.nextInt(1, 4);
        int cg = r.nextInt(1, 4);
        int og = r.nextInt(1, 4);
        int n = r.nextInt(1, 3);
        boolean pointwise = r.nextInt(5) == 0;
        int kH = pointwise ? 1 : r.nextInt(1, 4);
        int kW = pointwise ? 1 : r.nextInt(1, 4);
        int[] s = pointwise ? new int[] {1, 1} : new int[] {r.nextInt(1, 4), r.nextInt(1, 4)};
        int[] d = pointwise ? new int[] {1, 1} : new int[] {r.nextInt(1, 3), r.nextInt(1, 3)};
        Padding pad = pointwise ? Padding.VALID : s[0] == 1 && s[1] == 1 && r.nextInt(4) == 0 ? Padding.SAME
                : Padding.sides(r.nextInt(0, 3), r.nextInt(0, 3), r.nextInt(0, 3), r.nextInt(0, 3));
        int h = r.nextInt(d[0] * (kH - 1) + 1, 9);
        int w = r.nextInt(d[1] * (kW - 1) + 1, 9);
        int[] xs = {n, groups * cg, h, w};
        int[] ws = {groups * og, cg, kH, kW};
        ConvGeometry g = ConvGeometry.conv2d("conv2d", xs, ws, s, pad, d, groups);
        NdArray x = NdArray.uniform(dt, r, -1, 1, xs);
        NdArray wt = NdArray.uniform(dt, r, -1, 1, ws);
        NdArray b = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, groups * og) : null;
        NdArray gy = NdArray.uniform(dt, r, -1, 1, g.outputShape());
        return new Case(g, x, wt, b, gy);
    }

    /**
     * {y, dx, dw} by the definition: y sums w·x over the group's channels and the taps in range; dx and dw
     * differentiate each of those product terms, weighted by gy.
     */
    static double[][] direct(Case c) {
        ConvGeometry g = c.g;
        double[] y = new double[g.n * g.o * g.outH * g.outW];
        double[] dx = new double[c.x.size()];
        double[] dw = new double[c.w.size()];
        double[] yAbs = new double[y.length];
        double[] dxAbs = new double[dx.length];
        double[] dwAbs = new double[dw.length];
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                int gi = o / g.og;
                for (int oh = 0; oh < g.outH; oh++) {
                    for (int ow = 0; ow < g.outW; ow++) {
                        int yi = ((n * g.o + o) * g.outH + oh) * g.outW + ow;
                        double gv = c.gy.getFlat(yi);
                        double s = c.b == null ? 0 : c.b.getFlat(o);
                        double sAbs = Math.abs(s);
                        for (int ci = 0; ci < g.cg; ci++) {
                            for (int i = 0; i < g.kH; i++) {
                                for (int j = 0; j < g.kW; j++) {
                                    int ih = oh * g.sH - g.padTop + i * g.dH;
                                    int iw = ow * g.sW - g.padLeft + j * g.dW;
                                    if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) {
                                        int xi = ((n * g.c + gi * g.cg + ci) * g.h + ih) * g.w + iw;
                                        int wi = ((o * g.cg + ci) * g.kH + i) * g.kW + j;
                                        s += c.w.getFlat(wi) * c.x.getFlat(xi);
                                        dx[xi] += gv * c.w.getFlat(wi);
                                        dw[wi] += gv * c.x.getFlat(xi);
                                        sAbs += Math.abs(c.w.getFlat(wi) * c.x.getFlat(xi));
                                        dxAbs[xi] += Math.abs(gv * c.w.getFlat(wi));
                                        dwAbs[wi] += Math.abs(gv * c.x.getFlat(xi));
                                    }
                                }
                            }
                        }
                        y[yi] = s;
                        yAbs[yi] = sAbs;
                    }
                }
            }
        }
        return new double[][] {y, dx, dw, yAbs, dxAbs, dwAbs};
    }

    /**
     * An F32 product against the definition: within {@code tol} relative, or within 1e-6 of the sum of the
     * absolute terms (its condition). A float sum of a few thousand terms that cancel can be off by more than 1e-5 of
     * its small result; a missing or doubled term is off by about that sum over the term count, which this catches.
     *
     * @param want {@link #direct}'s six arrays
     * @param product 0 for the output, 1 the input gradient, 2 the weight gradient
     */
    static void assertCloseF32(double[][] want, int product, NdArray got, double tol, String what) {
        double[] w = want[product];
        double[] scale = want[product + 3];
        assertEquals(w.length, got.size(), what + ": size");
        for (int i = 0; i < w.length; i++) {
            double err = Math.abs(w[i] - got.getFlat(i));
            assertTrue(err <= Math.max(tol * Math.max(1, Math.abs(w[i])), 1e-6 * scale[i]), what + "[" + i
                    + "]: want " + w[i] + " (sum of |terms| " + scale[i] + "), got " + got.getFlat(i));
        }
    }

    static void assertClose(double[] want, NdArray got, double tol, String what) {
        assertEquals(want.length, got.size(), what + ": size");
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got.getFlat(i));
            assertTrue(err <= tol * Math.max(1, Math.abs(want[i])), what + "[" + i + "]: want " + want[i] + ", got "
                    + got.getFlat(i));
        }
    }

    @Test
    void threeProductsMatchTheDefinitionF64() {
        int old = Workspace.setBudget(24);                  // chunks of a few columns: every chunk edge is hit
        try {
            qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
                Case c = randomCase(new SplittableRandom(seed), DType.F64);
                String at = c.g.toString();
                double[][] want = direct(c);
                assertClose(want[0], Convolution.forward(c.x, c.w, c.b, c.g), 1e-13, "y " + at);
                assertClose(want[1], Convolution.inputGrad(c.gy, c.w, null, c.g), 1e-13, "dx " + at);
                assertClose(want[2], Convolution.weightGrad(c.x, c.gy, c.g), 1e-13, "dw " + at);
            });
        } finally {
            Workspace.setBudget(old);
        }
    }

    @Test
    void threeProductsMatchTheDefinitionF32() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Case c = randomCase(new SplittableRandom(seed), DType.F32);
            double[][] want = direct(c);
            assertCloseF32(want, 0, Convolution.forward(c.x, c.w, c.b, c.g), 1e-5, "y " + c.g);
            assertCloseF32(want, 1, Convolution.inputGrad(c.gy, c.w, null, c.g), 1e-5, "dx " + c.g);
            assertCloseF32(want, 2, Convolution.weightGrad(c.x, c.gy, c.g), 1e-5, "dw " + c.g);
        });
    }

    /**
     * A stride-1 case for the forward on whole-row copies: 1 to 8 channels per group, kernels up to 4 × 5 (not
     * 1 × 1), dilations, per-side padding up to 3 (also wider than the kernel's reach, so that whole grid rows and
     * columns read padding), groups, images up to 20 × 30 outputs.
     */
    static Case shiftedCase(SplittableRandom r, DType dt) {
        int groups = r.nextInt(1, 3);
        int kH = r.nextInt(1, 5);
        int kW = kH == 1 ? r.nextInt(2, 6) : r.nextInt(1, 6);
        int[] d = {r.nextInt(1, 3), r.nextInt(1, 3)};
        Padding pad = Padding.sides(r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4));
        int h = r.nextInt(d[0] * (kH - 1) + 1, d[0] * (kH - 1) + 20);
        int w = r.nextInt(d[1] * (kW - 1) + 1, d[1] * (kW - 1) + 30);
        int[] xs = {r.nextInt(1, 3), groups * r.nextInt(1, 9), h, w};
        int[] ws = {groups * r.nextInt(1, 7), xs[1] / groups, kH, kW};
        ConvGeometry g = ConvGeometry.conv2d("conv2d", xs, ws, new int[] {1, 1}, pad, d, groups);
        NdArray b = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, ws[0]) : null;
        return new Case(g, NdArray.uniform(dt, r, -1, 1, xs), NdArray.uniform(dt, r, -1, 1, ws), b,
                NdArray.uniform(dt, r, -1, 1, g.outputShape()));
    }

    /**
     * The stride-1 forward on whole-row copies against the definition, with budgets from one output row per band
     * (every band edge and halo) up to half the image, and on the SIMD backend to the last bit equal to the forward on
     * im2col chunks built run by run (the GEMM's depth is K either way, and its micro-kernels sum each output in the
     * same order whatever the product's width).
     */
    @Test
    void shiftedForwardMatchesTheDefinitionAndTheIm2colBits() {
        int[] ran = new int[2];
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F64 : DType.F32;
            Case c = shiftedCase(r, dt);
            ConvGeometry g = c.g;
            int old = Workspace.setBudget(Workspace.bandElements(g, r.nextInt(1, Math.max(1, g.outH / 2) + 1)));
            try {
                int rows = Workspace.bandRows(g);
                ran[rows > 0 ? 0 : 1]++;
                assertTrue(rows <= g.outH && Workspace.bandElements(g, Math.max(1, rows)) <= Workspace.bound(g)
                        || rows == 0, "band of " + rows + " rows within the bound " + g);
                NdArray y = Convolution.forward(c.x, c.w, c.b, g);
                double[][] want = direct(c);
                assertClose(want[0], y, dt == DType.F64 ? 1e-13 : 1e-5, "y " + g);
                boolean was = Convolution.setShiftedForward(false);
                try {
                    NdArray chunks = Convolution.forward(c.x, c.w, c.b, g);
                    if (Kernels.active().isSimd()) {                  // (the scalar GEMM's order follows its blocks)
                        assertEquals(chunks, y, "im2col chunks vs bands " + g);
                    } else {
                        assertClose(want[0], chunks, dt == DType.F64 ? 1e-13 : 1e-5, "y on chunks " + g);
                    }
                } finally {
                    Convolution.setShiftedForward(was);
                }
            } finally {
                Workspace.setBudget(old);
            }
        });
        assertTrue(ran[0] >= 75, "control: the bands ran in " + ran[0] + " of 150 cases");
    }

    /**
     * A stride-1 conv_transpose2d geometry (as the convolution it transposes) with output_padding 1 below the
     * dilation 2: its convolution's input has a last row and column that no output reads.
     */
    static Case transposedCase(SplittableRandom r, DType dt) {
        int groups = r.nextInt(1, 3);
        int[] ts = {r.nextInt(1, 3), groups * r.nextInt(1, 6), r.nextInt(4, 12), r.nextInt(4, 24)};
        int[] ws = {ts[1], r.nextInt(1, 5), r.nextInt(2, 4), r.nextInt(2, 4)};
        int pad = r.nextInt(0, 3);
        ConvGeometry g = ConvGeometry.convTranspose2d("conv_transpose2d", ts, ws, new int[] {1, 1},
                new int[] {pad, pad}, new int[] {1, 1}, new int[] {2, 2}, groups);
        return new Case(g, NdArray.uniform(dt, r, -1, 1, g.inputShape()), NdArray.uniform(dt, r, -1, 1, ws), null,
                NdArray.uniform(dt, r, -1, 1, g.outputShape()));
    }

    /**
     * The stride-1 input and weight gradients on the padded bands (Workspace.backwardBandRows) against the
     * definition, with budgets from one output row per band (every band edge and halo row) up to half the image; dx
     * also on top of a bias, as the forward of conv_transpose2d adds it (and on that op's geometries, whose last
     * input row and column no output reads). The direct kernels are off, so that few channels take the bands too.
     */
    @Test
    void shiftedBackwardMatchesTheDefinition() {
        int[] ran = new int[2];
        boolean direct = DirectConv.setEnabled(false);
        try {
            qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
                SplittableRandom r = new SplittableRandom(seed);
                DType dt = r.nextBoolean() ? DType.F64 : DType.F32;
                Case c = r.nextInt(4) == 0 ? transposedCase(r, dt) : shiftedCase(r, dt);
                ConvGeometry g = c.g;
                int rows = r.nextInt(1, Math.max(1, g.outH / 2) + 1);
                int old = Workspace.setBudget(Workspace.bandElements(g, rows) + g.k * g.og);
                try {
                    int dxRows = Workspace.backwardBandRows(g, false);
                    int dwRows = Workspace.backwardBandRows(g, true);
                    ran[dxRows > 0 && dwRows > 0 && g.cg > 1 ? 0 : 1]++;       // (one channel: depthwise path)
                    assertTrue(dwRows == 0 || dwRows == rows, "weight gradient's band of " + dwRows + " rows " + g);
                    NdArray bias = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, g.c) : null;
                    double[][] want = direct(c);
                    for (int i = 0; bias != null && i < want[1].length; i++) {
                        double b = bias.getFlat(i / (g.h * g.w) % g.c);
                        want[1][i] += b;
                        want[4][i] += Math.abs(b);
                    }
                    NdArray dx = Convolution.inputGrad(c.gy, c.w, bias, g);
                    NdArray dw = Convolution.weightGrad(c.x, c.gy, g);
                    if (dt == DType.F64) {
                        assertClose(want[1], dx, 1e-13, "dx " + g);
                        assertClose(want[2], dw, 1e-13, "dw " + g);
                    } else {
                        assertCloseF32(want, 1, dx, 1e-5, "dx " + g);
                        assertCloseF32(want, 2, dw, 1e-5, "dw " + g);
                    }
                } finally {
                    Workspace.setBudget(old);
                }
            });
        } finally {
            DirectConv.setEnabled(direct);
        }
        assertTrue(ran[0] >= 75, "control: the bands ran in " + ran[0] + " of 150 cases");
    }

    /**
     * The banded backward computes dropped grid columns (the Wp − OW past each output row) whose im2col entries hold
     * inputs that the tap does not read: an Inf or NaN in x or w must reach exactly the gradients the definition
     * gives it, so ±Inf and NaN are put on the edge columns of x and on random weights, and every element's class
     * (NaN, +Inf, −Inf, finite) must match the definition's, the finite ones within rounding.
     */
    @Test
    void shiftedBackwardPutsInfinitiesAndNaNsWhereTheDefinitionDoes() {
        boolean direct = DirectConv.setEnabled(false);
        try {
            qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
                SplittableRandom r = new SplittableRandom(seed);
                DType dt = r.nextBoolean() ? DType.F64 : DType.F32;
                Case c = shiftedCase(r, dt);
                ConvGeometry g = c.g;
                if (g.cg == 1) {                                          // the depthwise path, not the bands
                    return;
                }
                double[] specials = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
                int planes = g.n * g.c;
                for (int k = 0; k < 2; k++) {                             // the first or last column of a row
                    int at = (r.nextInt(planes) * g.h + r.nextInt(g.h)) * g.w + (r.nextBoolean() ? 0 : g.w - 1);
                    c.x.setFlat(at, specials[r.nextInt(3)]);
                }
                NdArray w = c.w.copy();
                w.setFlat(r.nextInt(w.size()), specials[r.nextInt(3)]);
                int old = Workspace.setBudget(Workspace.bandElements(g, Math.max(1, g.outH / 3)) + g.k * g.og);
                try {
                    assertTrue(Workspace.backwardBandRows(g, true) > 0 || g.p < Workspace.columnsPerChunk(g),
                            "control: bands " + g);
                    double[][] wantDw = direct(c);
                    double[][] wantDx = direct(new Case(g, c.x, w, null, c.gy));
                    assertSameClasses(wantDx[1], wantDx[4], Convolution.inputGrad(c.gy, w, null, g), dt, "dx " + g);
                    assertSameClasses(wantDw[2], wantDw[5], Convolution.weightGrad(c.x, c.gy, g), dt, "dw " + g);
                } finally {
                    Workspace.setBudget(old);
                }
            });
        } finally {
            DirectConv.setEnabled(direct);
        }
    }

    private static void assertSameClasses(double[] want, double[] scale, NdArray got, DType dt, String what) {
        for (int i = 0; i < want.length; i++) {
            double v = got.getFlat(i);
            if (Double.isFinite(want[i])) {
                double tol = dt == DType.F64 ? 1e-13 * Math.max(1, Math.abs(want[i]))
                        : Math.max(1e-5 * Math.max(1, Math.abs(want[i])), 1e-6 * scale[i]);
                assertTrue(Math.abs(v - want[i]) <= tol, what + "[" + i + "]: want " + want[i] + ", got " + v);
            } else {
                assertEquals(Double.valueOf(want[i]), Double.valueOf(v), what + "[" + i + "]");
            }
        }
    }

    /**
     * Column stride 2 (the im2col rows on the backend's stridedRows, col2im on stridedTapsAdd): the three products
     * against the definition, and bit for bit equal to the same products on the masked gathers and the run-by-run
     * col2im loop; row strides 1 to 3, dilations, per-side padding up to 3 (wider than the kernel's reach
     * too), images up to 14 × 30 outputs, 1 to 3 images, chunks from a few columns (partial output rows, chunks
     * spanning images) to whole images.
     */
    @Test
    void stride2MatchesTheDefinitionAndTheGatheredBits() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F64 : DType.F32;
            int groups = r.nextInt(1, 3);
            int kH = r.nextInt(1, 4);
            int kW = r.nextInt(1, 4);
            int[] s = {r.nextInt(1, 4), 2};
            int[] d = {r.nextInt(1, 3), r.nextInt(1, 3)};
            Padding pad = Padding.sides(r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4));
            int h = r.nextInt(d[0] * (kH - 1) + 1, d[0] * (kH - 1) + 16);
            int w = r.nextInt(d[1] * (kW - 1) + 1, d[1] * (kW - 1) + 60);
            int[] xs = {r.nextInt(1, 4), groups * r.nextInt(1, 5), h, w};
            int[] ws = {groups * r.nextInt(1, 5), xs[1] / groups, kH, kW};
            ConvGeometry g = ConvGeometry.conv2d("conv2d", xs, ws, s, pad, d, groups);
            NdArray b = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, ws[0]) : null;
            Case c = new Case(g, NdArray.uniform(dt, r, -1, 1, xs), NdArray.uniform(dt, r, -1, 1, ws), b,
                    NdArray.uniform(dt, r, -1, 1, g.outputShape()));
            int old = Workspace.setBudget(r.nextBoolean() ? r.nextInt(1, 200) : Workspace.DEFAULT_BUDGET);
            try {
                NdArray y = Convolution.forward(c.x, c.w, c.b, g);
                NdArray dx = Convolution.inputGrad(c.gy, c.w, null, g);
                NdArray dw = Convolution.weightGrad(c.x, c.gy, g);
                double[][] want = direct(c);
                if (dt == DType.F64) {
                    assertClose(want[0], y, 1e-13, "y " + g);
                    assertClose(want[1], dx, 1e-13, "dx " + g);
                    assertClose(want[2], dw, 1e-13, "dw " + g);
                } else {
                    assertCloseF32(want, 0, y, 1e-5, "y " + g);
                    assertCloseF32(want, 1, dx, 1e-5, "dx " + g);
                    assertCloseF32(want, 2, dw, 1e-5, "dw " + g);
                }
                boolean was = Convolution.setStridedRows(false);
                try {
                    assertEquals(Convolution.forward(c.x, c.w, c.b, g), y, "y gathered vs strided rows " + g);
                    assertEquals(Convolution.inputGrad(c.gy, c.w, null, g), dx, "dx run by run vs strided rows " + g);
                    assertEquals(Convolution.weightGrad(c.x, c.gy, g), dw, "dw gathered vs strided rows " + g);
                } finally {
                    Convolution.setStridedRows(was);
                }
            } finally {
                Workspace.setBudget(old);
            }
        });
    }

    @Test
    void shiftedForwardRefusesWhatItDoesNotCover() {
        int[] xs = {1, 16, 40, 40};
        ConvGeometry wide = ConvGeometry.conv2d("conv2d", xs, new int[] {8, 16, 3, 3}, new int[] {1, 1},
                Padding.of(1), new int[] {1, 1}, 1);
        int old = Workspace.setBudget(Workspace.bandElements(wide, 5));
        try {
            assertEquals(5, Workspace.bandRows(wide), "control: 5 rows fit");
            assertEquals(0, Workspace.bandRows(ConvGeometry.conv2d("conv2d", xs, new int[] {8, 16, 3, 3},
                    new int[] {2, 1}, Padding.of(1), new int[] {1, 1}, 1)), "stride 2");
            assertEquals(0, Workspace.bandRows(ConvGeometry.conv2d("conv2d", xs, new int[] {8, 16, 1, 1},
                    new int[] {1, 1}, Padding.of(1), new int[] {1, 1}, 1)), "1 × 1");
            Workspace.setBudget(Workspace.bandElements(wide, 1) - 1);
            assertEquals(0, Workspace.bandRows(wide), "one output row over the budget");
            Workspace.setBudget(1 << 19);
            ConvGeometry small = ConvGeometry.conv2d("conv2d", new int[] {8, 16, 10, 10}, new int[] {8, 16, 3, 3},
                    new int[] {1, 1}, Padding.of(1), new int[] {1, 1}, 1);
            assertEquals(0, Workspace.bandRows(small), "an image smaller than a chunk: chunks span images");
        } finally {
            Workspace.setBudget(old);
        }
    }

    /**
     * A depthwise case (one input channel per group, channel multiplier 1 to 3) with rows long enough for the tap
     * kernels' whole vectors, 4-vector blocks and tails: widths up to 70, strides 1 to 3 (2 and 3 gathered, the
     * input gradient of a column stride above 1 scattered), dilations, per-side padding up to 3.
     */
    static Case depthwiseCase(SplittableRandom r, DType dt) {
        return depthwiseCase(r, dt, false);
    }

    /** As above; with {@code stencil3x3} the kernel is 3×3 at stride 1 and dilation 1 (the stencil3x3 path). */
    static Case depthwiseCase(SplittableRandom r, DType dt, boolean stencil3x3) {
        int c = r.nextInt(2, 5);
        int m = r.nextInt(1, 4);
        int kH = stencil3x3 ? 3 : r.nextInt(1, 6);
        int kW = stencil3x3 ? 3 : r.nextInt(1, 6);
        int[] s = stencil3x3 ? new int[] {1, 1} : new int[] {r.nextInt(1, 4), r.nextInt(1, 4)};
        int[] d = stencil3x3 ? new int[] {1, 1} : new int[] {r.nextInt(1, 3), r.nextInt(1, 3)};
        Padding pad = Padding.sides(r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4), r.nextInt(0, 4));
        int h = r.nextInt(d[0] * (kH - 1) + 1, d[0] * (kH - 1) + 8);
        int w = r.nextInt(d[1] * (kW - 1) + 1, 71);
        int[] xs = {r.nextInt(1, 3), c, h, w};
        int[] ws = {c * m, 1, kH, kW};
        ConvGeometry g = ConvGeometry.conv2d("conv2d", xs, ws, s, pad, d, c);
        NdArray b = r.nextBoolean() ? NdArray.uniform(dt, r, -1, 1, c * m) : null;
        return new Case(g, NdArray.uniform(dt, r, -1, 1, xs), NdArray.uniform(dt, r, -1, 1, ws), b,
                NdArray.uniform(dt, r, -1, 1, g.outputShape()));
    }

    @Test
    void depthwiseMatchesTheDefinition() {
        depthwiseMatchesTheDefinition(false);
    }

    @Test
    void depthwise3x3Stride1MatchesTheDefinition() {
        depthwiseMatchesTheDefinition(true);
    }

    private static void depthwiseMatchesTheDefinition(boolean stencil3x3) {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            for (DType dt : new DType[] {DType.F64, DType.F32}) {
                Case c = depthwiseCase(new SplittableRandom(seed), dt, stencil3x3);
                double tol = dt == DType.F64 ? 1e-13 : 2e-5;
                String at = dt + " " + c.g;
                double[][] want = direct(c);
                assertClose(want[0], Convolution.forward(c.x, c.w, c.b, c.g), tol, "y " + at);
                assertClose(want[1], Convolution.inputGrad(c.gy, c.w, null, c.g), tol, "dx " + at);
                if (dt == DType.F64) {
                    assertClose(want[2], Convolution.weightGrad(c.x, c.gy, c.g), tol, "dw " + at);
                } else {
                    assertCloseF32(want, 2, Convolution.weightGrad(c.x, c.gy, c.g), 1e-4, "dw " + at);
                }
            }
        });
    }

    @Test
    void conv1dIsConv2dWithHeightOne() {
        SplittableRandom r = new SplittableRandom(7);
        NdArray x = NdArray.uniform(DType.F64, r, -1, 1, 2, 4, 11);
        NdArray w = NdArray.uniform(DType.F64, r, -1, 1, 6, 2, 3);
        ConvGeometry g1 = ConvGeometry.conv1d("conv1d", x.shape(), w.shape(), 2, Padding.of1d(1, 2), 2, 2);
        ConvGeometry g2 = ConvGeometry.conv2d("conv2d", new int[] {2, 4, 1, 11}, new int[] {6, 2, 1, 3},
                new int[] {1, 2}, Padding.sides(0, 0, 1, 2), new int[] {1, 2}, 2);
        NdArray y1 = Convolution.forward(x, w, null, g1);
        NdArray y2 = Convolution.forward(x.reshape(2, 4, 1, 11), w.reshape(6, 2, 1, 3), null, g2);
        assertEquals(3, y1.rank());
        assertEquals(y2.reshape(y1.shape()), y1);
    }

    @Test
    void sameThreadCountGivesSameBits() {
        SplittableRandom r = new SplittableRandom(11);
        NdArray x = NdArray.uniform(DType.F32, r, -1, 1, 2, 24, 20, 20);     // 24 channels: im2col and GEMM
        NdArray w = NdArray.uniform(DType.F32, r, -1, 1, 32, 24, 3, 3);
        ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.of(1),
                new int[] {1, 1}, 1);
        assertSameBitsForAnyThreadCount(x, w, NdArray.uniform(DType.F32, r, -1, 1, g.outputShape()), g, 1);
    }

    @Test
    void shiftedForwardGivesSameBitsForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(13);
        NdArray x = NdArray.uniform(DType.F32, r, -1, 1, 1, 16, 60, 60);     // 3 600 positions: bands of 30 rows
        NdArray w = NdArray.uniform(DType.F32, r, -1, 1, 32, 16, 3, 3);
        ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.of(1),
                new int[] {1, 1}, 1);
        assertTrue(Workspace.bandRows(g) > 0 && Workspace.bandRows(g) < g.outH, "control: more than one band");
        for (boolean weightGrad : new boolean[] {false, true}) {
            int rows = Workspace.backwardBandRows(g, weightGrad);
            assertTrue(rows > 0 && rows < g.outH, "control: the backward's bands, " + rows + " rows");
        }
        assertSameBitsForAnyThreadCount(x, w, NdArray.uniform(DType.F32, r, -1, 1, g.outputShape()), g, 2);
    }

    /** The three products with 1 thread and then, {@code repeats} times each, with at least 2 (3 when possible). */
    static void assertSameBitsForAnyThreadCount(NdArray x, NdArray w, NdArray gy, ConvGeometry g, int repeats) {
        NdArray[] one = new NdArray[3];
        Blas.withMaxThreads(1, () -> {
            one[0] = Convolution.forward(x, w, null, g);
            one[1] = Convolution.inputGrad(gy, w, null, g);
            one[2] = Convolution.weightGrad(x, gy, g);
        });
        int old = Blas.numThreads();
        Blas.setNumThreads(Math.max(3, old));
        try {
            for (int rep = 0; rep < repeats; rep++) {
                assertEquals(one[0], Convolution.forward(x, w, null, g));
                assertEquals(one[1], Convolution.inputGrad(gy, w, null, g));
                assertEquals(one[2], Convolution.weightGrad(x, gy, g));
            }
        } finally {
            Blas.setNumThreads(old);
        }
    }

    @Test
    void workspaceStaysWithinItsBound() throws Exception {
        // On a thread of its own: the buffers are per thread. The images have 40 000 output positions and K = 180,
        // 7.2 M im2col elements, 13 times the budget; a product whose K + Og exceeds the budget needs K + Og.
        // (20 input channels: more than the direct kernels take.)
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                SplittableRandom r = new SplittableRandom(3);
                NdArray x = NdArray.uniform(DType.F32, r, -1, 1, 1, 20, 200, 200);
                NdArray w = NdArray.uniform(DType.F32, r, -1, 1, 2, 20, 3, 3);
                ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1},
                        Padding.of(1), new int[] {1, 1}, 1);
                NdArray gy = NdArray.uniform(DType.F32, r, -1, 1, g.outputShape());
                Convolution.forward(x, w, null, g);               // stride 1, wide images: bands of whole rows
                int band = SpatialF32.columnsCapacity();
                assertEquals(Workspace.bandElements(g, Workspace.bandRows(g)), band, "shifted forward's buffer");
                assertTrue(band <= Workspace.bound(g), "band buffer " + band + " within " + Workspace.bound(g));
                assertTrue(Workspace.bandRows(g) < g.outH, "control: more than one band");
                Convolution.inputGrad(gy, w, null, g);
                assertEquals(band, SpatialF32.columnsCapacity(), "the input gradient's bands fit the same buffer");
                Convolution.weightGrad(x, gy, g);
                int rows = Workspace.backwardBandRows(g, true);
                assertTrue(rows > 0 && rows < g.outH, "control: the weight gradient's bands");
                assertEquals(Math.max(band, Workspace.bandElements(g, rows) + g.k * g.og),
                        SpatialF32.columnsCapacity(), "the weight gradient's bands and its K × Og sum");
                int used = SpatialF32.columnsCapacity();
                assertTrue(used > 0, "control: the products used the buffer");
                assertTrue(used <= Workspace.bound(g), "im2col buffer holds " + used + " elements, bound "
                        + Workspace.bound(g));
                assertTrue((long) g.k * g.p > 4L * Workspace.bound(g), "control: the whole im2col matrix exceeds it");
                NdArray xs = NdArray.uniform(DType.F32, r, -1, 1, 1, 20, 12, 12);
                ConvGeometry small = ConvGeometry.conv2d("conv2d", xs.shape(), w.shape(), new int[] {1, 1},
                        Padding.of(1), new int[] {1, 1}, 1);
                int old = Workspace.setBudget(Workspace.bandElements(small, 1) - 1);
                try {                                 // no band fits: im2col, chunks of 15 columns
                    assertEquals(0, Workspace.bandRows(small));
                    NdArray y = Convolution.forward(xs, w, null, small);
                    Workspace.setBudget(16);          // K + Og = 182 > budget 16: one column at a time, 182 elements
                    assertEquals(small.k + small.og, Workspace.bound(small));
                    assertEquals(1, Workspace.columnsPerChunk(small));
                    assertEquals(y, Convolution.forward(xs, w, null, small));
                } finally {
                    Workspace.setBudget(old);
                }
                // stride 2 copies its im2col rows (no tables); stride 3: the gather tables hold kH·kW entries per
                // column of the chunk
                ConvGeometry s2 = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {2, 2},
                        Padding.of(1), new int[] {1, 1}, 1);
                NdArray gy2 = NdArray.uniform(DType.F32, r, -1, 1, s2.outputShape());
                Convolution.forward(x, w, null, s2);
                Convolution.inputGrad(gy2, w, null, s2);
                Convolution.weightGrad(x, gy2, s2);
                assertEquals(0, SpatialF32.gatherCapacity(), "stride 2 builds no gather tables");
                assertEquals(s2.kW, SpatialF32.tapRangesCapacity(), "stride 2's col2im: kW entries per tap table");
                assertTrue(SpatialF32.columnsCapacity() <= Workspace.bound(s2), "stride 2's im2col buffer");
                ConvGeometry s3 = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {3, 3},
                        Padding.of(1), new int[] {1, 1}, 1);
                Convolution.forward(x, w, null, s3);
                int tables = SpatialF32.gatherCapacity();
                assertTrue(tables > 0, "control: the stride-3 im2col used its tables");
                assertTrue(tables <= s3.kH * s3.kW * Workspace.columnsPerChunk(s3), "gather tables hold " + tables
                        + " entries, bound " + s3.kH * s3.kW * Workspace.columnsPerChunk(s3));
                assertTrue((long) s3.kH * s3.kW * s3.p > tables, "control: the whole image's tables exceed it");
                NdArray x1 = NdArray.uniform(DType.F64, r, -1, 1, 1, 8, 30, 30);
                NdArray w1 = NdArray.uniform(DType.F64, r, -1, 1, 4, 8, 1, 1);
                ConvGeometry p = ConvGeometry.conv2d("conv2d", x1.shape(), w1.shape(), new int[] {1, 1},
                        Padding.VALID, new int[] {1, 1}, 1);
                Convolution.forward(x1, w1, null, p);
                assertEquals(0, SpatialF64.columnsCapacity(), "a 1x1 convolution uses no im2col buffer");
                // depthwise, multiplier 2: taps Og·kH·kW = 18, one padded plane (the largest of the three products)
                NdArray xd = NdArray.uniform(DType.F32, r, -1, 1, 2, 3, 40, 50);
                NdArray wd = NdArray.uniform(DType.F32, r, -1, 1, 6, 1, 3, 3);
                ConvGeometry dg = ConvGeometry.conv2d("conv2d", xd.shape(), wd.shape(), new int[] {1, 1},
                        Padding.sides(1, 2, 2, 1), new int[] {1, 2}, 3);
                NdArray gyd = NdArray.uniform(DType.F32, r, -1, 1, dg.outputShape());
                Convolution.forward(xd, wd, null, dg);
                Convolution.inputGrad(gyd, wd, null, dg);
                Convolution.weightGrad(xd, gyd, dg);
                int[] taps = SpatialF32.tapsCapacity();
                assertEquals(dg.og * dg.kH * dg.kW, taps[0], "depthwise tap buffers");
                assertTrue(taps[1] > 0 && taps[1] <= Workspace.depthwisePlane(dg), "depthwise plane buffer holds "
                        + taps[1] + " elements, bound " + Workspace.depthwisePlane(dg));
                assertTrue(taps[1] < xd.size() / 2, "control: less than one image");
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

    @Test
    void convTransposeIsTheAdjointOfConv() {
        // <convT(x), v> = <x, conv(v)> for the transposed geometry, including output_padding below the dilation
        SplittableRandom r = new SplittableRandom(5);
        for (int[] cfg : new int[][] {{2, 1, 1, 1}, {1, 0, 0, 2}, {3, 1, 2, 1}, {1, 1, 1, 3}}) {
            int s = cfg[0];
            int pad = cfg[1];
            int op = cfg[2];
            int d = cfg[3];
            NdArray x = NdArray.uniform(DType.F64, r, -1, 1, 2, 4, 5, 6);
            NdArray w = NdArray.uniform(DType.F64, r, -1, 1, 4, 3, 3, 2);
            ConvGeometry g = ConvGeometry.convTranspose2d("conv_transpose2d", x.shape(), w.shape(),
                    new int[] {s, s}, new int[] {pad, pad}, new int[] {op, op}, new int[] {d, d}, 2);
            NdArray y = Convolution.inputGrad(x, w, null, g);
            int[] ys = y.shape();
            assertEquals((5 - 1) * s - 2 * pad + d * (3 - 1) + op + 1, ys[2]);
            assertEquals((6 - 1) * s - 2 * pad + d * (2 - 1) + op + 1, ys[3]);
            NdArray v = NdArray.uniform(DType.F64, r, -1, 1, ys);
            double lhs = y.mul(v).sum();
            double rhs = x.mul(Convolution.forward(v, w, null, g)).sum();
            assertEquals(rhs, lhs, 1e-12 * Math.max(1, Math.abs(rhs)));
        }
    }

    @Test
    void badGeometriesSayWhatIsWrong() {
        int[] one = {1, 1};
        var e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.conv2d("Conv2d(6, 4)",
                new int[] {1, 6, 5, 5}, new int[] {4, 3, 3, 3}, one, Padding.VALID, one, 4));
        assertTrue(e.getMessage().contains("Conv2d(6, 4)") && e.getMessage().contains("not divisible by groups 4"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.conv2d("conv2d", new int[] {1, 3, 4, 4},
                new int[] {2, 3, 5, 5}, one, Padding.of(0), one, 1));
        assertTrue(e.getMessage().contains("larger than the padded input (4 × 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.conv2d("conv2d", new int[] {3, 4, 4},
                new int[] {2, 3, 3, 3}, one, Padding.of(0), one, 1));
        assertTrue(e.getMessage().contains("[N, C, H, W] (rank 4), got [3, 4, 4] (rank 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.of(-1));
        assertTrue(e.getMessage().contains("must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.conv2d("conv2d", new int[] {1, 3, 8, 8},
                new int[] {2, 3, 3, 3}, new int[] {2, 2}, Padding.SAME, one, 1));
        assertTrue(e.getMessage().contains("\"same\" needs stride 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.conv2d("conv2d", new int[] {1, 4, 8, 8},
                new int[] {2, 3, 3, 3}, one, Padding.VALID, one, 1));
        assertTrue(e.getMessage().contains("expects 3 × groups 1 = 3 input channels, but the input [1, 4, 8, 8] has 4"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.convTranspose2d("conv_transpose2d",
                new int[] {1, 4, 3, 3}, new int[] {4, 2, 3, 3}, one, new int[] {0, 0}, new int[] {1, 0}, one, 1));
        assertTrue(e.getMessage().contains("output_padding 1 (axis H) must be in [0, max(stride, dilation)) = [0, 1)"),
                e.getMessage());
    }
}
