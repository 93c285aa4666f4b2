package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API stencil kernels of the depthwise convolution ({@code tapAxpy}, {@code tapDot}, {@code stencil3x3})
 * and the strided im2col's masked {@code gather} against the scalar reference: random tap counts, column strides 1 to 6 (contiguous, gathered, and past the gather's
 * limit), row bands, lengths around the vector width and its 4-vector block, offsets into arrays whose unread and
 * unwritten parts hold a sentinel, and special values (±0, subnormals, ±Inf, NaN, ±1e4). tapAxpy and stencil3x3
 * must give the same bits (one fused multiply-add per tap, in tap order; stencil3x3 on planes whose padding, crop,
 * height and width put its 4-row blocks, border rows and masked edge vectors everywhere); tapDot agrees to the
 * accumulated rounding of its float lanes.
 */
class TapKernelsTest {
    private static Backend simd;
    private static Backend ref;

    private static final float SENTINEL = 12345.5f;

    @BeforeAll
    static void backends() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
        simd = Kernels.simd().orElseThrow();
        ref = Kernels.scalar();
    }

    /** One random band: taps, their offsets into x, strides and sizes. */
    record Band(int taps, int[] src, int cs, int rows, int len, int ldx, int ldy, int xLen, int yOff, int yLen,
                int special) {
        static Band random(Random r, int lanes) {
            int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 4 * lanes - 1, 4 * lanes, 4 * lanes + 1,
                5 * lanes + 3, 8 * lanes + 1};
            int len = r.nextInt(4) == 0 ? r.nextInt(300) : edges[r.nextInt(edges.length)];
            int taps = r.nextInt(1, 30);
            int cs = r.nextInt(1, 7);
            int rows = r.nextInt(1, 4);
            int ldx = Math.max(1, len * cs) + r.nextInt(5);
            int ldy = Math.max(1, len + r.nextInt(4));
            int[] src = new int[taps];
            int spread = r.nextInt(1, 40);
            int xOff = r.nextInt(9);
            for (int k = 0; k < taps; k++) {
                src[k] = xOff + r.nextInt(spread);
            }
            int xLen = xOff + spread + (rows - 1) * ldx + Math.max(0, len - 1) * cs + 1 + 7;
            int yOff = r.nextInt(9);
            int yLen = yOff + (rows - 1) * ldy + len + 7;
            return new Band(taps, src, cs, rows, len, ldx, ldy, xLen, yOff, yLen, r.nextInt(3));
        }

        /** Elements of y the band writes. */
        boolean written(int i) {
            int q = i - yOff;
            return q >= 0 && q / ldy < rows && q % ldy < len;
        }
    }

    private static double[] doubles(Random r, Band b, int n) {
        return doubles(r, b.special, n);
    }

    /**
     * n random values ±[2⁻⁸, 2⁸), with {@code special} = 1 one in 200 and = 2 one in 5 replaced by ±0, a subnormal,
     * ±Inf, NaN or ±1e4.
     */
    static double[] doubles(Random r, int special, int n) {
        double[] values = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL / 3, Float.MIN_VALUE, -Float.MIN_NORMAL / 7,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            boolean sp = switch (special) {
                case 1 -> r.nextInt(200) == 0;
                case 2 -> r.nextInt(5) == 0;
                default -> false;
            };
            a[i] = sp ? values[r.nextInt(values.length)] : (r.nextBoolean() ? 1 : -1) * Math.scalb(1 + r.nextDouble(),
                    r.nextInt(16) - 8);
        }
        return a;
    }

    /** d rounded to float, element by element (shared with the other kernel tests of this package). */
    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void tapAxpyGivesTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Band b = Band.random(r, simd.floatLanes());
            double[] w = doubles(r, b.special, b.taps + 3);
            double[] x = doubles(r, b.special, b.xLen);
            double[] y = doubles(r, b.special, b.yLen);
            for (int i = 0; i < y.length; i++) {
                y[i] = b.written(i) ? y[i] : SENTINEL;
            }
            double[] y1 = y.clone();
            double[] y2 = y.clone();
            simd.elementwise().tapAxpy(w, 3, b.src, b.taps, x, b.ldx, b.cs, y1, b.yOff, b.ldy, b.rows, b.len);
            ref.elementwise().tapAxpy(w, 3, b.src, b.taps, x, b.ldx, b.cs, y2, b.yOff, b.ldy, b.rows, b.len);
            assertTrue(Arrays.equals(y1, y2), "F64 " + b);
            untouched(b, y.length, i -> y1[i], "F64");
            float[] wf = floats(w);
            float[] xf = floats(x);
            float[] yf1 = floats(y);
            float[] yf2 = floats(y);
            simd.elementwise().tapAxpy(wf, 3, b.src, b.taps, xf, b.ldx, b.cs, yf1, b.yOff, b.ldy, b.rows, b.len);
            ref.elementwise().tapAxpy(wf, 3, b.src, b.taps, xf, b.ldx, b.cs, yf2, b.yOff, b.ldy, b.rows, b.len);
            assertTrue(Arrays.equals(yf1, yf2), "F32 " + b);
            untouched(b, y.length, i -> yf1[i], "F32");
        });
    }

    /** Every element of y outside the band still holds the sentinel. */
    private static void untouched(Band b, int n, IntToDoubleFunction y, String what) {
        for (int i = 0; i < n; i++) {
            if (!b.written(i)) {
                assertEquals(SENTINEL, y.applyAsDouble(i), what + " wrote outside the band at " + i + ": " + b);
            }
        }
    }

    /** One random plane of the 3×3 stencil: sizes around the vector width, padding from a crop to past the kernel. */
    record Plane(int h, int wd, int padTop, int padLeft, int outH, int outW, int xOff, int yOff, boolean add,
                 int special) {
        static Plane random(Random r, int lanes) {
            int[] edges = {1, 2, 3, lanes - 1, lanes, lanes + 1, lanes + 2, 2 * lanes - 1, 4 * lanes + 3};
            int h = r.nextInt(1, 12);
            int wd = r.nextInt(3) == 0 ? r.nextInt(1, 150) : Math.max(1, edges[r.nextInt(edges.length)]);
            int padTop = r.nextInt(-1, 4);
            int padLeft = r.nextInt(-1, 4);
            int outH = Math.max(0, h + padTop + r.nextInt(-1, 4) - 2);
            int outW = Math.max(0, wd + padLeft + r.nextInt(-1, 4) - 2);
            return new Plane(h, wd, padTop, padLeft, outH, outW, r.nextInt(9), r.nextInt(9), r.nextBoolean(),
                    r.nextInt(3));
        }
    }

    @Test
    void stencil3x3GivesTheReferenceBits() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            stencilMatches(Plane.random(r, simd.floatLanes()), r);
        });
    }

    /**
     * Planes whose rows are whole vectors of both dtypes (the band stores them unmasked) and one lane more (the last
     * vector masked), with and without padding, each with every kind of special values, writing and accumulating.
     */
    @Test
    void stencil3x3GivesTheReferenceBitsOnWholeVectorRows() {
        int lanes = simd.floatLanes();
        Random r = new Random(17);
        for (int outW : new int[] {lanes, 2 * lanes, 2 * lanes + 1}) {
            for (int pad = 0; pad <= 1; pad++) {
                for (int special = 0; special < 6; special++) {
                    int wd = outW + 2 - 2 * pad;
                    stencilMatches(new Plane(9, wd, pad, pad, 9 + 2 * pad - 2, outW, 3, 5, special >= 3, special % 3),
                            r);
                }
            }
        }
    }

    private void stencilMatches(Plane p, Random r) {
        int b = p.special;
        double[] w = doubles(r, b, 9 + 2);
        double[] x = doubles(r, b, p.xOff + p.h * p.wd + 5);
        int ySize = p.outH * p.outW;
        double[] y = doubles(r, b, p.yOff + ySize + 7);
        for (int i = 0; i < y.length; i++) {
            y[i] = i >= p.yOff && i < p.yOff + ySize ? y[i] : SENTINEL;
        }
        double[] y1 = y.clone();
        double[] y2 = y.clone();
        double start = doubles(r, b, 1)[0];
        simd.elementwise().stencil3x3(w, 2, x, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.add, start, y1, p.yOff,
                p.outH, p.outW);
        ref.elementwise().stencil3x3(w, 2, x, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.add, start, y2, p.yOff,
                p.outH, p.outW);
        assertTrue(Arrays.equals(y1, y2), "F64 " + p);
        float[] yf1 = floats(y);
        float[] yf2 = floats(y);
        float[] wf = floats(w);
        float[] xf = floats(x);
        simd.elementwise().stencil3x3(wf, 2, xf, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.add, (float) start, yf1,
                p.yOff, p.outH, p.outW);
        ref.elementwise().stencil3x3(wf, 2, xf, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.add, (float) start, yf2,
                p.yOff, p.outH, p.outW);
        assertTrue(Arrays.equals(yf1, yf2), "F32 " + p);
        for (int i = 0; i < y.length; i++) {
            if (i < p.yOff || i >= p.yOff + ySize) {
                assertEquals(SENTINEL, y1[i], "F64 wrote outside the plane at " + i + ": " + p);
                assertEquals(SENTINEL, yf1[i], "F32 wrote outside the plane at " + i + ": " + p);
            }
        }
    }

    @Test
    void stencil3x3DotMatchesTheReference() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Plane p = Plane.random(r, simd.floatLanes());
            int b = p.special;
            double[] x = doubles(r, b, p.xOff + p.h * p.wd + 5);
            double[] g = doubles(r, b, p.yOff + p.outH * p.outW + 3);
            double[] acc0 = new double[9 + 2];
            for (int k = 0; k < acc0.length; k++) {
                acc0[k] = r.nextInt(7) - 3;
            }
            double[] a1 = acc0.clone();
            double[] a2 = acc0.clone();
            simd.reductions().stencil3x3Dot(g, p.yOff, x, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.outH, p.outW, a1, 1);
            ref.reductions().stencil3x3Dot(g, p.yOff, x, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.outH, p.outW, a2, 1);
            float[] gf = floats(g);
            float[] xf = floats(x);
            double[] af1 = acc0.clone();
            double[] af2 = acc0.clone();
            simd.reductions().stencil3x3Dot(gf, p.yOff, xf, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.outH, p.outW, af1,
                    1);
            ref.reductions().stencil3x3Dot(gf, p.yOff, xf, p.xOff, p.h, p.wd, p.padTop, p.padLeft, p.outH, p.outW, af2,
                    1);
            int terms = p.outH * p.outW;
            for (int k = 0; k < acc0.length; k++) {
                double mag = 0;
                double magF = 0;
                for (int oh = 0; oh < p.outH && k >= 1 && k <= 9; oh++) {
                    int ih = oh + (k - 1) / 3 - p.padTop;
                    for (int ow = 0; ow < p.outW && ih >= 0 && ih < p.h; ow++) {
                        int iw = ow + (k - 1) % 3 - p.padLeft;
                        int gi = p.yOff + oh * p.outW + ow;
                        double xv = iw >= 0 && iw < p.wd ? x[p.xOff + ih * p.wd + iw] : 0;
                        float xfv = iw >= 0 && iw < p.wd ? xf[p.xOff + ih * p.wd + iw] : 0;
                        mag += Math.abs(g[gi] * xv);
                        magF += Math.abs((double) gf[gi] * xfv);
                    }
                }
                String at = " acc " + k + " " + p;
                close(a2[k], a1[k], (terms + 2) * (Math.ulp(1.0) * (mag + Math.abs(acc0[k])) + Double.MIN_VALUE),
                        "F64" + at);
                close(af2[k], af1[k], (terms + 2) * (Math.ulp(1.0f) * (magF + Math.abs(acc0[k])) + Float.MIN_VALUE),
                        "F32" + at);
            }
        });
    }

    @Test
    void gatherGivesTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int lanes = simd.floatLanes();
            int[] edges = {0, 1, lanes / 2 - 1, lanes / 2, lanes / 2 + 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5};
            int n = r.nextInt(4) == 0 ? r.nextInt(400) : Math.max(0, edges[r.nextInt(edges.length)]);
            int special = r.nextInt(3);
            double[] x = doubles(r, special, 1 + r.nextInt(300));
            int xOff = r.nextInt(x.length);
            int idxOff = r.nextInt(7);
            int keepOff = r.nextInt(7);
            int yOff = r.nextInt(9);
            int[] idx = new int[idxOff + n];
            boolean[] keep = new boolean[keepOff + n];
            int dropRate = r.nextInt(4);                                  // none, some, half, most padding
            for (int q = 0; q < n; q++) {
                idx[idxOff + q] = r.nextInt(x.length - xOff);
                keep[keepOff + q] = r.nextInt(4) >= dropRate;
            }
            double[] y = new double[yOff + n + 7];
            Arrays.fill(y, SENTINEL);
            double[] y1 = y.clone();
            double[] y2 = y.clone();
            simd.elementwise().gather(x, xOff, idx, idxOff, keep, keepOff, y1, yOff, n);
            ref.elementwise().gather(x, xOff, idx, idxOff, keep, keepOff, y2, yOff, n);
            String at = "n " + n + " xOff " + xOff + " yOff " + yOff;
            assertTrue(Arrays.equals(y1, y2), "F64 " + at);
            float[] xf = floats(x);
            float[] yf1 = floats(y);
            float[] yf2 = floats(y);
            simd.elementwise().gather(xf, xOff, idx, idxOff, keep, keepOff, yf1, yOff, n);
            ref.elementwise().gather(xf, xOff, idx, idxOff, keep, keepOff, yf2, yOff, n);
            assertTrue(Arrays.equals(yf1, yf2), "F32 " + at);
            for (int i = 0; i < y.length; i++) {
                if (i < yOff || i >= yOff + n) {
                    assertEquals(SENTINEL, y1[i], "F64 wrote outside the run at " + i + ": " + at);
                    assertEquals(SENTINEL, yf1[i], "F32 wrote outside the run at " + i + ": " + at);
                }
            }
        });
    }

    @Test
    void tapDotMatchesTheReference() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Band b = Band.random(r, simd.floatLanes());
            int gOff = b.yOff;
            double[] g = doubles(r, b.special, b.yLen);
            double[] x = doubles(r, b.special, b.xLen);
            double[] acc0 = new double[b.taps + 2];
            for (int k = 0; k < acc0.length; k++) {
                acc0[k] = r.nextInt(7) - 3;
            }
            double[] a1 = acc0.clone();
            double[] a2 = acc0.clone();
            simd.reductions().tapDot(g, gOff, b.ldy, x, b.src, b.taps, b.ldx, b.cs, b.rows, b.len, a1, 1);
            ref.reductions().tapDot(g, gOff, b.ldy, x, b.src, b.taps, b.ldx, b.cs, b.rows, b.len, a2, 1);
            float[] gf = floats(g);
            float[] xf = floats(x);
            double[] af1 = acc0.clone();
            double[] af2 = acc0.clone();
            simd.reductions().tapDot(gf, gOff, b.ldy, xf, b.src, b.taps, b.ldx, b.cs, b.rows, b.len, af1, 1);
            ref.reductions().tapDot(gf, gOff, b.ldy, xf, b.src, b.taps, b.ldx, b.cs, b.rows, b.len, af2, 1);
            int terms = b.rows * b.len;
            for (int k = 0; k < acc0.length; k++) {
                double mag = 0;
                double magF = 0;
                for (int rr = 0; rr < b.rows && k >= 1 && k <= b.taps; rr++) {
                    for (int t = 0; t < b.len; t++) {
                        int xi = b.src[k - 1] + rr * b.ldx + t * b.cs;
                        mag += Math.abs(g[gOff + rr * b.ldy + t] * x[xi]);
                        magF += Math.abs((double) gf[gOff + rr * b.ldy + t] * xf[xi]);
                    }
                }
                // relative rounding of each partial sum, plus a product's underflow in the float lanes
                close(a2[k], a1[k], (terms + 2) * (Math.ulp(1.0) * (mag + Math.abs(acc0[k])) + Double.MIN_VALUE),
                        "F64 acc " + k + " " + b);
                close(af2[k], af1[k], (terms + 2) * (Math.ulp(1.0f) * (magF + Math.abs(acc0[k])) + Float.MIN_VALUE),
                        "F32 acc " + k + " " + b);
            }
        });
    }

    /** NaN where expected is NaN, the same infinity, else |actual − expected| ≤ tol. */
    static void close(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(actual - expected) <= tol, what + ": expected " + expected + ", got " + actual);
    }
}
