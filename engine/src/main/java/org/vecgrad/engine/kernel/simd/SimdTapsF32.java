// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;
import org.vecgrad.engine.kernel.scalar.ScalarReductions;

/**
 * The F32 stencil kernels of a direct (depthwise) convolution, {@code tapAxpy} and {@code tapDot}, their 3×3
 * stride-1 specialisations {@code stencil3x3} and {@code stencil3x3Dot}, and the strided im2col's masked
 * {@code gather} (contracts in {@link org.vecgrad.engine.kernel.ElementwiseKernels} and
 * {@link org.vecgrad.engine.kernel.ReductionKernels}). The general pair is register-blocked along the output row: a
 * vector of output columns, every tap a broadcast weight times a shifted input load (a gather for column strides 2
 * to {@value #MAX_GATHER_STRIDE}; wider strides run the reference), the row's tail under a mask. The 3×3 pair walks
 * down each column vector with the weights (or the last three gradient rows) in registers, so one input row's three
 * loads feed up to nine FMAs, and reads the padding through masks. Lane sums in lane order
 * ({@code ReduceSimdF32.sumLanes}, the same bits compiled or not). Generated with its twin from
 * {@code SimdTaps-X.java.template}.
 */
final class SimdTapsF32 {
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();
    private static final ScalarElementwise REF_EW = new ScalarElementwise();
    private static final ScalarReductions REF_RED = new ScalarReductions();

    /** The widest column stride read by a gather; wider ones are rare enough for the reference loop. */
    static final int MAX_GATHER_STRIDE = 4;

    /**
     * MAPS[cs][n] = {0, cs, …, (n−1)·cs, 0, …}: the lane offsets of a gather of n elements at column stride cs. A
     * masked gather checks the bounds of every lane, so the unused lanes of a tail read element 0 (then masked off).
     */
    private static final int[][][] MAPS = new int[MAX_GATHER_STRIDE + 1][L + 1][L];

    static {
        for (int cs = 1; cs <= MAX_GATHER_STRIDE; cs++) {
            for (int n = 0; n <= L; n++) {
                for (int i = 0; i < n; i++) {
                    MAPS[cs][n][i] = i * cs;
                }
            }
        }
    }

    private SimdTapsF32() {
    }

    static void tapAxpy(float[] w, int wOff, int[] src, int taps, float[] x, int ldx, int cs, float[] y, int yOff,
                        int ldy, int rows, int len) {
        if (cs > MAX_GATHER_STRIDE) {
            REF_EW.tapAxpy(w, wOff, src, taps, x, ldx, cs, y, yOff, ldy, rows, len);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * ldy;
            int xr = r * ldx;
            int t = 0;
            if (cs == 1) {
                // 4 vectors of the row at a time: each broadcast weight feeds 4 independent FMA chains
                for (; t + 4 * L <= len; t += 4 * L) {
                    axpy4(w, wOff, src, taps, x, xr + t, y, yr + t);
                }
                if (t + 2 * L <= len) {
                    axpy2(w, wOff, src, taps, x, xr + t, y, yr + t);
                    t += 2 * L;
                }
                if (t + L <= len) {
                    axpy1(w, wOff, src, taps, x, xr + t, y, yr + t);
                    t += L;
                }
            } else {
                for (; t + L <= len; t += L) {
                    axpyGather(w, wOff, src, taps, x, xr + t * cs, MAPS[cs][L], y, yr + t);
                }
            }
            if (t < len) {                                                // the row's tail under a mask
                axpyTail(w, wOff, src, taps, x, xr + t * cs, cs, y, yr + t, len - t);
            }
        }
    }

    // Each loop lives in its own small method and creates its masks itself: C2 then inlines every vector operation
    // (a mask passed into a method that is not inlined reaches the loads boxed, and they fall back to Java code).

    private static void axpy4(float[] w, int wOff, int[] src, int taps, float[] x, int xo, float[] y, int yo) {
        FloatVector a0 = FloatVector.fromArray(S, y, yo);
        FloatVector a1 = FloatVector.fromArray(S, y, yo + L);
        FloatVector a2 = FloatVector.fromArray(S, y, yo + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, y, yo + 3 * L);
        for (int k = 0; k < taps; k++) {
            FloatVector wv = FloatVector.broadcast(S, w[wOff + k]);
            int s = src[k] + xo;
            a0 = FloatVector.fromArray(S, x, s).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, s + L).fma(wv, a1);
            a2 = FloatVector.fromArray(S, x, s + 2 * L).fma(wv, a2);
            a3 = FloatVector.fromArray(S, x, s + 3 * L).fma(wv, a3);
        }
        a0.intoArray(y, yo);
        a1.intoArray(y, yo + L);
        a2.intoArray(y, yo + 2 * L);
        a3.intoArray(y, yo + 3 * L);
    }

    private static void axpy2(float[] w, int wOff, int[] src, int taps, float[] x, int xo, float[] y, int yo) {
        FloatVector a0 = FloatVector.fromArray(S, y, yo);
        FloatVector a1 = FloatVector.fromArray(S, y, yo + L);
        for (int k = 0; k < taps; k++) {
            FloatVector wv = FloatVector.broadcast(S, w[wOff + k]);
            int s = src[k] + xo;
            a0 = FloatVector.fromArray(S, x, s).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, s + L).fma(wv, a1);
        }
        a0.intoArray(y, yo);
        a1.intoArray(y, yo + L);
    }

    private static void axpy1(float[] w, int wOff, int[] src, int taps, float[] x, int xo, float[] y, int yo) {
        FloatVector a = FloatVector.fromArray(S, y, yo);
        for (int k = 0; k < taps; k++) {
            a = FloatVector.fromArray(S, x, src[k] + xo).fma(FloatVector.broadcast(S, w[wOff + k]), a);
        }
        a.intoArray(y, yo);
    }

    private static void axpyGather(float[] w, int wOff, int[] src, int taps, float[] x, int xo, int[] map,
                                   float[] y, int yo) {
        FloatVector a = FloatVector.fromArray(S, y, yo);
        for (int k = 0; k < taps; k++) {
            a = FloatVector.fromArray(S, x, src[k] + xo, map, 0).fma(FloatVector.broadcast(S, w[wOff + k]), a);
        }
        a.intoArray(y, yo);
    }

    /** The first n &lt; L columns (contiguous or gathered). */
    private static void axpyTail(float[] w, int wOff, int[] src, int taps, float[] x, int xo, int cs, float[] y,
                                 int yo, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        int[] map = MAPS[cs][n];
        FloatVector a = FloatVector.fromArray(S, y, yo, m);
        for (int k = 0; k < taps; k++) {
            FloatVector xv = cs == 1 ? FloatVector.fromArray(S, x, src[k] + xo, m)
                    : FloatVector.fromArray(S, x, src[k] + xo, map, 0, m);
            a = xv.fma(FloatVector.broadcast(S, w[wOff + k]), a);
        }
        a.intoArray(y, yo, m);
    }

    /**
     * The 3×3 stride-1 stencil ({@code ElementwiseKernels.stencil3x3}). The rows whose three taps lie inside run as
     * one band, a column vector at a time down the band: each input row is loaded once (three shifted loads) and
     * feeds the three output rows it reaches, the oldest of which is then complete and stored, so an output row
     * costs 3 input loads, 1 load and 1 store for 9 FMAs, the nine weights staying in registers. The masks of a
     * column vector (zeros in padding lanes, nothing past the row's end) are made once per band, so no padded copy
     * of the plane is needed. The border rows (taps outside the plane) run one at a time.
     */
    static void stencil3x3(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft,
                           boolean add, float start, float[] y, int yOff, int outH, int outW) {
        int rlo = Math.min(outH, Math.max(0, padTop));                   // rows [rlo, rhi) read 3 rows inside
        int rhi = Math.max(rlo, Math.min(outH, h - 2 + padTop));
        rlo = bandFrom(xOff, wd, padTop, padLeft, rlo, rhi);
        rhi = bandTo(xOff, x.length, wd, padTop, padLeft, yOff, y.length, outW, rlo, rhi);
        int band = rhi - rlo >= 2 ? rhi : rlo;
        if (band > rlo) {
            stencilBand(w, wOff, x, xOff + (rlo - padTop) * wd, wd, padLeft, add, start, y, yOff + rlo * outW, outW,
                    band - rlo);
        }
        for (int oh = 0; oh < outH; oh++) {
            if (oh < rlo || oh >= band) {
                stencilRow(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, oh, outW);
            }
        }
    }

    /**
     * Output rows 0 .. n − 1 (n ≥ 2) of y (at yo) from input rows 0 .. n + 1 of x (at xo), all three taps inside:
     * down each column vector, p holds the row that has taken weight rows 0 and 1, q the row that has taken row 0.
     * The first two and last two input rows are peeled off the loop rather than guarded inside it: with the guards,
     * C2 boxes the vectors that meet at the branches (measured 5× slower on the weight gradient's twin).
     */
    private static void stencilBand(float[] w, int wOff, float[] x, int xo, int wd, int padLeft, boolean add,
                                    float start, float[] y, int yo, int outW, int n) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s0 = FloatVector.broadcast(S, start);
        FloatVector w00 = FloatVector.broadcast(S, w[wOff]);
        FloatVector w01 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wOff + 8]);
        for (int t = 0; t < outW; t += L) {
            int c = t - padLeft;                                          // input column of lane 0, tap column 0
            VectorMask<Float> mo = S.indexInRange(t, outW);
            VectorMask<Float> m0 = S.indexInRange(c, wd).and(mo);
            VectorMask<Float> m1 = S.indexInRange(c + 1, wd).and(mo);
            VectorMask<Float> m2 = S.indexInRange(c + 2, wd).and(mo);
            int xr = xo + c;
            int yr = yo + t;
            boolean full = t + L <= outW;
            if (!inside(xr, (n + 1) * wd + 2, x.length) || !inside(yr, (n - 1) * outW, y.length)) {
                stencilScalar(w, wOff, x, xo, n + 2, wd, 0, padLeft, add, start, y, yo, outW, 0, n, t,
                        Math.min(t + L, outW));
                continue;
            }
            FloatVector x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);           // input row 0: output row 0 starts
            FloatVector x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            FloatVector x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            FloatVector q = x2.fma(w02, x1.fma(w01, x0.fma(w00, (add ? z.blend(FloatVector.fromArray(S, y, yr), mo)
                    : s0))));
            xr += wd;
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);                    // input row 1
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            FloatVector p = x2.fma(w12, x1.fma(w11, x0.fma(w10, q)));
            q = x2.fma(w02, x1.fma(w01, x0.fma(w00, (add ? z.blend(FloatVector.fromArray(S, y, yr + outW), mo)
                    : s0))));
            for (int k = 2; k < n; k++) {          // input row k: output row k − 2 completes, k − 1 goes on, k starts
                xr += wd;
                x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
                x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
                x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
                FloatVector r = x2.fma(w22, x1.fma(w21, x0.fma(w20, p)));
                if (full) {                                 // whole vectors: no masked store's range path compiled
                    r.intoArray(y, yr + (k - 2) * outW);
                } else {
                    r.intoArray(y, yr + (k - 2) * outW, mo);
                }
                p = x2.fma(w12, x1.fma(w11, x0.fma(w10, q)));
                q = x2.fma(w02, x1.fma(w01, x0.fma(w00, (add ? z.blend(FloatVector.fromArray(S, y, yr + k * outW), mo)
                        : s0))));
            }
            xr += wd;
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);  // input row n: output row n − 2 completes
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            x2.fma(w22, x1.fma(w21, x0.fma(w20, p))).intoArray(y, yr + (n - 2) * outW, mo);
            p = x2.fma(w12, x1.fma(w11, x0.fma(w10, q)));
            xr += wd;
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);                    // input row n + 1: output row n − 1
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            x2.fma(w22, x1.fma(w21, x0.fma(w20, p))).intoArray(y, yr + (n - 1) * outW, mo);
        }
    }

    /** Output row oh alone, with the tap rows that fall inside the plane, loaded under the same masks. */
    private static void stencilRow(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop,
                                   int padLeft, boolean add, float start, float[] y, int yOff, int oh, int outW) {
        int i0 = Math.max(0, padTop - oh);
        int i1 = Math.min(3, h + padTop - oh);
        int yr = yOff + oh * outW;
        int x0 = xOff + (oh + i0 - padTop) * wd - padLeft;               // tap row i0, column 0
        for (int t = 0; t < outW; t += L) {
            if (!inside(x0 + t, (i1 - i0 - 1) * wd + 2, x.length) || !inside(yr + t, 0, y.length)) {
                stencilScalar(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, outW, oh, oh + 1, t,
                        Math.min(t + L, outW));
                continue;
            }
            stencilColumn(w, wOff + 3 * i0, i1 - i0, x, x0 + t, wd, t - padLeft, add, start, y, yr + t, t, outW);
        }
    }

    /**
     * One column vector of a border row: y at yo (lanes t … of a row of outW) = (y there, or start) + the three taps
     * of each of {@code rows} weight rows from wi, on input rows xr, xr + wd, … (input column c in lane 0). A method
     * of its own so that C2 inlines it and C1 compiles it whole: written inline, the row was one 426-byte method that
     * C2 would not inline into {@code stencil3x3}, and a run whose busy C2 queue gave it a C1 compile first could keep
     * that one (the Vector API's Java fallback: the forward and the input gradient twice as slow, with 1 MB of
     * garbage per 32-plane 112×112 call).
     */
    private static void stencilColumn(float[] w, int wi, int rows, float[] x, int xr, int wd, int c, boolean add,
                                      float start, float[] y, int yo, int t, int outW) {
        VectorMask<Float> mo = S.indexInRange(t, outW);
        VectorMask<Float> m0 = S.indexInRange(c, wd).and(mo);
        VectorMask<Float> m1 = S.indexInRange(c + 1, wd).and(mo);
        VectorMask<Float> m2 = S.indexInRange(c + 2, wd).and(mo);
        FloatVector z = FloatVector.zero(S);
        FloatVector a = add ? z.blend(FloatVector.fromArray(S, y, yo), mo) : FloatVector.broadcast(S, start);
        for (int i = 0; i < rows; i++, xr += wd, wi += 3) {
            a = z.blend(FloatVector.fromArray(S, x, xr), m0).fma(FloatVector.broadcast(S, w[wi]), a);
            a = z.blend(FloatVector.fromArray(S, x, xr + 1), m1).fma(FloatVector.broadcast(S, w[wi + 1]), a);
            a = z.blend(FloatVector.fromArray(S, x, xr + 2), m2).fma(FloatVector.broadcast(S, w[wi + 2]), a);
        }
        a.intoArray(y, yo, mo);
    }


    /**
     * The 3×3 stencil's weight gradient ({@code ReductionKernels.stencil3x3Dot}), on the forward's band: down each
     * column vector the output gradient rows of the last three input rows stay in registers, so an input row's
     * three shifted loads feed all nine sums (nine vector accumulators, summed in lane order at the end).
     */
    static void stencil3x3Dot(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft,
                              int outH, int outW, double[] acc, int accOff) {
        int rlo = Math.min(outH, Math.max(0, padTop));
        int rhi = Math.max(rlo, Math.min(outH, h - 2 + padTop));
        rlo = bandFrom(xOff, wd, padTop, padLeft, rlo, rhi);
        rhi = bandTo(xOff, x.length, wd, padTop, padLeft, gOff, g.length, outW, rlo, rhi);
        int band = rhi - rlo >= 2 ? rhi : rlo;
        if (band > rlo) {
            stencilDotBand(g, gOff + rlo * outW, x, xOff + (rlo - padTop) * wd, wd, padLeft, outW, band - rlo, acc,
                    accOff);
        }
        for (int oh = 0; oh < outH; oh++) {
            if (oh < rlo || oh >= band) {
                stencilDotRow(g, gOff, x, xOff, h, wd, padTop, padLeft, oh, outW, acc, accOff);
            }
        }
    }

    /** Rows 0 .. n − 1 (n ≥ 2) of g against input rows 0 .. n + 1 of x, all taps inside: g0..g2 = g rows k, k−1, k−2. */
    private static void stencilDotBand(float[] g, int go, float[] x, int xo, int wd, int padLeft, int outW, int n,
                                       double[] acc, int accOff) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z;
        FloatVector a01 = a00;
        FloatVector a02 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a12 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a22 = a00;
        for (int t = 0; t < outW; t += L) {
            int c = t - padLeft;
            VectorMask<Float> mo = S.indexInRange(t, outW);
            VectorMask<Float> m0 = S.indexInRange(c, wd).and(mo);
            VectorMask<Float> m1 = S.indexInRange(c + 1, wd).and(mo);
            VectorMask<Float> m2 = S.indexInRange(c + 2, wd).and(mo);
            int xr = xo + c;
            int gr = go + t;
            if (!inside(xr, (n + 1) * wd + 2, x.length) || !inside(gr, (n - 1) * outW, g.length)) {
                stencilDotScalar(g, go, x, xo, n + 2, wd, 0, padLeft, outW, 0, n, 0, 3, t, Math.min(t + L, outW), acc,
                        accOff);
                continue;
            }
            FloatVector g0 = z.blend(FloatVector.fromArray(S, g, gr), mo);           // input row 0: g row 0 takes tap row 0
            FloatVector x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
            FloatVector x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            FloatVector x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            a00 = g0.fma(x0, a00);
            a01 = g0.fma(x1, a01);
            a02 = g0.fma(x2, a02);
            FloatVector g1 = g0;                                              // input row 1
            g0 = z.blend(FloatVector.fromArray(S, g, gr + outW), mo);
            xr += wd;
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            a00 = g0.fma(x0, a00);
            a01 = g0.fma(x1, a01);
            a02 = g0.fma(x2, a02);
            a10 = g1.fma(x0, a10);
            a11 = g1.fma(x1, a11);
            a12 = g1.fma(x2, a12);
            FloatVector g2;
            for (int k = 2; k < n; k++) {              // input row k: g rows k, k − 1 and k − 2 take tap rows 0, 1, 2
                g2 = g1;
                g1 = g0;
                g0 = z.blend(FloatVector.fromArray(S, g, gr + k * outW), mo);
                xr += wd;
                x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
                x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
                x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
                a00 = g0.fma(x0, a00);
                a01 = g0.fma(x1, a01);
                a02 = g0.fma(x2, a02);
                a10 = g1.fma(x0, a10);
                a11 = g1.fma(x1, a11);
                a12 = g1.fma(x2, a12);
                a20 = g2.fma(x0, a20);
                a21 = g2.fma(x1, a21);
                a22 = g2.fma(x2, a22);
            }
            g2 = g1;                                                       // input row n: g rows n − 1, n − 2
            g1 = g0;
            xr += wd;
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            a10 = g1.fma(x0, a10);
            a11 = g1.fma(x1, a11);
            a12 = g1.fma(x2, a12);
            a20 = g2.fma(x0, a20);
            a21 = g2.fma(x1, a21);
            a22 = g2.fma(x2, a22);
            xr += wd;                                                      // input row n + 1: g row n − 1
            x0 = z.blend(FloatVector.fromArray(S, x, xr), m0);
            x1 = z.blend(FloatVector.fromArray(S, x, xr + 1), m1);
            x2 = z.blend(FloatVector.fromArray(S, x, xr + 2), m2);
            a20 = g1.fma(x0, a20);
            a21 = g1.fma(x1, a21);
            a22 = g1.fma(x2, a22);
        }
        acc[accOff] += ReduceSimdF32.sumLanes(a00);
        acc[accOff + 1] += ReduceSimdF32.sumLanes(a01);
        acc[accOff + 2] += ReduceSimdF32.sumLanes(a02);
        acc[accOff + 3] += ReduceSimdF32.sumLanes(a10);
        acc[accOff + 4] += ReduceSimdF32.sumLanes(a11);
        acc[accOff + 5] += ReduceSimdF32.sumLanes(a12);
        acc[accOff + 6] += ReduceSimdF32.sumLanes(a20);
        acc[accOff + 7] += ReduceSimdF32.sumLanes(a21);
        acc[accOff + 8] += ReduceSimdF32.sumLanes(a22);
    }

    /**
     * Row oh of g alone, against the tap rows inside the plane, one tap row at a time: the column vectors whose loads
     * stay inside x and g on {@link #stencilDotColumns}, the few at an array's end (before, then after them) on the
     * scalar twin, vector by vector, which adds to acc in the same order as when the row was one loop (the scalar
     * parts as they come, the lane sums last).
     */
    private static void stencilDotRow(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop,
                                      int padLeft, int oh, int outW, double[] acc, int accOff) {
        int i0 = Math.max(0, padTop - oh);
        int i1 = Math.min(3, h + padTop - oh);
        int go = gOff + oh * outW;
        for (int i = i0; i < i1; i++) {
            int xr = xOff + (oh + i - padTop) * wd - padLeft;
            int lo = Math.ceilDiv(Math.max(0, Math.max(-xr, -go)), L) * L;   // the first vector at or after 0 in both
            int hi = lo;
            while (hi < outW && inside(xr + hi, 2, x.length) && inside(go + hi, 0, g.length)) {
                hi += L;
            }
            for (int t = 0; t < outW; t += L) {
                if (t < lo || t >= hi) {
                    stencilDotScalar(g, gOff, x, xOff, h, wd, padTop, padLeft, outW, oh, oh + 1, i, i + 1, t,
                            Math.min(t + L, outW), acc, accOff);
                }
            }
            stencilDotColumns(g, go, x, xr, wd, padLeft, outW, lo, hi, acc, accOff + 3 * i);
        }
    }

    /**
     * acc[at + j] += Σ over the column vectors [lo, hi) of g's row (at go) × input row xr (lane 0 of vector t at
     * input column t − padLeft) shifted by tap j, in lane order. A method of its own, small enough for C2 to inline
     * (see {@link #stencilColumn}).
     */
    private static void stencilDotColumns(float[] g, int go, float[] x, int xr, int wd, int padLeft, int outW,
                                          int lo, int hi, double[] acc, int at) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a0 = z;
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        for (int t = lo; t < hi; t += L) {
            int c = t - padLeft;
            VectorMask<Float> mo = S.indexInRange(t, outW);
            FloatVector gv = z.blend(FloatVector.fromArray(S, g, go + t), mo);
            a0 = gv.fma(z.blend(FloatVector.fromArray(S, x, xr + t), S.indexInRange(c, wd).and(mo)), a0);
            a1 = gv.fma(z.blend(FloatVector.fromArray(S, x, xr + t + 1), S.indexInRange(c + 1, wd).and(mo)), a1);
            a2 = gv.fma(z.blend(FloatVector.fromArray(S, x, xr + t + 2), S.indexInRange(c + 2, wd).and(mo)), a2);
        }
        acc[at] += ReduceSimdF32.sumLanes(a0);
        acc[at + 1] += ReduceSimdF32.sumLanes(a1);
        acc[at + 2] += ReduceSimdF32.sumLanes(a2);
    }


    // The column vectors of the band kernels load under their masks as z.blend(unmasked load, mask): the same
    // lanes as a masked load (zeros where the mask is clear), but no masked load. A masked load has a second path
    // in the JDK, taken when the offset is out of range, whose branch profile is shared by every caller in the JVM:
    // once any caller anywhere has taken it, C2 compiles its per-lane check (calls) into every loop holding a
    // masked load, and spills the loop's vectors around those calls. These loads are in range (the callers route
    // the column vectors whose loads would leave the array to the scalar twins), so an unmasked load's bounds check
    // never fails. Written out rather than in a helper: a helper is not force-inlined, and these methods are big
    // enough that C2's inlining node budget (NodeCountInliningCutoff) then leaves it as a call.

    // At the two ends of an array a masked load would take the Vector API's slow path (a per-lane check off the
    // intrinsic: C2 then deoptimises and recompiles the kernel while it warms up); the few column vectors whose loads
    // leave the array run these scalar twins instead, in the same order of operations.

    /** rlo, or rlo + 1 when the band's first row would load before x's start (then a border row). */
    private static int bandFrom(int xOff, int wd, int padTop, int padLeft, int rlo, int rhi) {
        return rhi > rlo && xOff + (rlo - padTop) * wd - padLeft < 0 ? rlo + 1 : rlo;
    }

    /** rhi, or rhi − 1 when the band's last row would load past x's or y's end (then a border row). */
    private static int bandTo(int xOff, int xLen, int wd, int padTop, int padLeft, int yOff, int yLen, int outW,
                              int rlo, int rhi) {
        int last = Math.max(0, (outW - 1) / L * L);                      // the last column vector
        boolean past = xOff + (rhi + 1 - padTop) * wd + last - padLeft + 2 + L > xLen
                || yOff + (rhi - 1) * outW + last + L > yLen;
        return rhi > rlo && past ? rhi - 1 : rhi;
    }

    /** Whether a vector load at from, at from + span (and everything between) stays inside an array of length n. */
    private static boolean inside(int from, int span, int n) {
        return from >= 0 && from + span + L <= n;
    }

    /** {@code stencil3x3} on output rows [oh0, oh1) and columns [ow0, ow1), element by element. */
    private static void stencilScalar(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop,
                                      int padLeft, boolean add, float start, float[] y, int yOff, int outW, int oh0,
                                      int oh1, int ow0, int ow1) {
        for (int oh = oh0; oh < oh1; oh++) {
            for (int ow = ow0; ow < ow1; ow++) {
                float s = add ? y[yOff + oh * outW + ow] : start;
                for (int i = 0; i < 3; i++) {
                    int ih = oh + i - padTop;
                    for (int j = 0; j < 3 && ih >= 0 && ih < h; j++) {
                        int iw = ow + j - padLeft;
                        s = Math.fma(w[wOff + 3 * i + j], iw >= 0 && iw < wd ? x[xOff + ih * wd + iw] : 0, s);
                    }
                }
                y[yOff + oh * outW + ow] = s;
            }
        }
    }

    /** {@code stencil3x3Dot} over g rows [oh0, oh1), columns [ow0, ow1) and tap rows [i0, i1), element by element. */
    private static void stencilDotScalar(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop,
                                         int padLeft, int outW, int oh0, int oh1, int i0, int i1, int ow0, int ow1,
                                         double[] acc, int accOff) {
        for (int oh = oh0; oh < oh1; oh++) {
            for (int i = i0; i < i1; i++) {
                int ih = oh + i - padTop;
                for (int j = 0; j < 3 && ih >= 0 && ih < h; j++) {
                    double s = 0;
                    for (int ow = ow0; ow < ow1; ow++) {
                        int iw = ow + j - padLeft;
                        s += (double) g[gOff + oh * outW + ow] * (iw >= 0 && iw < wd ? x[xOff + ih * wd + iw] : 0);
                    }
                    acc[accOff + 3 * i + j] += s;
                }
            }
        }
    }

    static void tapDot(float[] g, int gOff, int ldg, float[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        if (cs > MAX_GATHER_STRIDE) {
            REF_RED.tapDot(g, gOff, ldg, x, src, taps, ldx, cs, rows, len, acc, accOff);
            return;
        }
        int k = 0;
        if (cs == 1) {
            // 4 taps at a time: one load of g feeds 4 FMA chains (8 over two vectors)
            for (; k + 4 <= taps; k += 4) {
                dot4(g, gOff, ldg, x, src[k], src[k + 1], src[k + 2], src[k + 3], ldx, rows, len, acc, accOff + k);
            }
        }
        for (; k < taps; k++) {
            dot1(g, gOff, ldg, x, src[k], ldx, cs, rows, len, acc, accOff + k);
        }
    }

    private static void dot4(float[] g, int gOff, int ldg, float[] x, int s0, int s1, int s2, int s3, int ldx,
                             int rows, int len, double[] acc, int at) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        for (int r = 0; r < rows; r++) {
            int gr = gOff + r * ldg;
            int xr = r * ldx;
            int t = 0;
            for (; t + 2 * L <= len; t += 2 * L) {
                FloatVector g0 = FloatVector.fromArray(S, g, gr + t);
                FloatVector g1 = FloatVector.fromArray(S, g, gr + t + L);
                int xo = xr + t;
                a0 = g0.fma(FloatVector.fromArray(S, x, s0 + xo), a0);
                a1 = g0.fma(FloatVector.fromArray(S, x, s1 + xo), a1);
                a2 = g0.fma(FloatVector.fromArray(S, x, s2 + xo), a2);
                a3 = g0.fma(FloatVector.fromArray(S, x, s3 + xo), a3);
                b0 = g1.fma(FloatVector.fromArray(S, x, s0 + xo + L), b0);
                b1 = g1.fma(FloatVector.fromArray(S, x, s1 + xo + L), b1);
                b2 = g1.fma(FloatVector.fromArray(S, x, s2 + xo + L), b2);
                b3 = g1.fma(FloatVector.fromArray(S, x, s3 + xo + L), b3);
            }
            if (t < full) {                                               // one more whole vector
                FloatVector g0 = FloatVector.fromArray(S, g, gr + t);
                int xo = xr + t;
                a0 = g0.fma(FloatVector.fromArray(S, x, s0 + xo), a0);
                a1 = g0.fma(FloatVector.fromArray(S, x, s1 + xo), a1);
                a2 = g0.fma(FloatVector.fromArray(S, x, s2 + xo), a2);
                a3 = g0.fma(FloatVector.fromArray(S, x, s3 + xo), a3);
            }
            if (full < len) {                                             // the tail under a mask
                FloatVector g0 = FloatVector.fromArray(S, g, gr + full, m);
                int xo = xr + full;
                b0 = g0.fma(FloatVector.fromArray(S, x, s0 + xo, m), b0);
                b1 = g0.fma(FloatVector.fromArray(S, x, s1 + xo, m), b1);
                b2 = g0.fma(FloatVector.fromArray(S, x, s2 + xo, m), b2);
                b3 = g0.fma(FloatVector.fromArray(S, x, s3 + xo, m), b3);
            }
        }
        acc[at] += ReduceSimdF32.sumLanes(a0.add(b0));
        acc[at + 1] += ReduceSimdF32.sumLanes(a1.add(b1));
        acc[at + 2] += ReduceSimdF32.sumLanes(a2.add(b2));
        acc[at + 3] += ReduceSimdF32.sumLanes(a3.add(b3));
    }

    /** One tap, contiguous or gathered. */
    private static void dot1(float[] g, int gOff, int ldg, float[] x, int s0, int ldx, int cs, int rows, int len,
                             double[] acc, int at) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        int[] map = MAPS[cs][L];
        int[] tailMap = MAPS[cs][len - full];
        for (int r = 0; r < rows; r++) {
            int gr = gOff + r * ldg;
            int xr = s0 + r * ldx;
            int t = 0;
            if (cs == 1) {
                for (; t < full; t += L) {
                    a0 = FloatVector.fromArray(S, g, gr + t).fma(FloatVector.fromArray(S, x, xr + t), a0);
                }
            } else {
                for (; t < full; t += L) {
                    a0 = FloatVector.fromArray(S, g, gr + t).fma(FloatVector.fromArray(S, x, xr + t * cs, map, 0), a0);
                }
            }
            if (full < len) {
                FloatVector xv = cs == 1 ? FloatVector.fromArray(S, x, xr + full, m)
                        : FloatVector.fromArray(S, x, xr + full * cs, tailMap, 0, m);
                a1 = FloatVector.fromArray(S, g, gr + full, m).fma(xv, a1);
            }
        }
        acc[at] += ReduceSimdF32.sumLanes(a0.add(a1));
    }

    /**
     * The masked gather ({@code ElementwiseKernels.gather}): a vector of lanes per hardware gather, the mask read
     * from {@code keep}; the last n mod L lanes one at a time.
     */
    static void gather(float[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, float[] y, int yOff,
                       int n) {
        int q = 0;
        for (; q + L <= n; q += L) {
            VectorMask<Float> m = VectorMask.fromArray(S, keep, keepOff + q);
            FloatVector.fromArray(S, x, xOff, idx, idxOff + q, m).intoArray(y, yOff + q);
        }
        for (; q < n; q++) {
            y[yOff + q] = keep[keepOff + q] ? x[xOff + idx[idxOff + q]] : 0;
        }
    }
}
