package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels of pooling and normalization against the scalar reference: {@code maxTaps} (values and
 * argmax indices exact, on random windows: one row at column strides 1 to 6 — contiguous loads, two loads and a
 * shuffle at stride 2, and gathers — or blocks of rows, whole 2×2 pool planes, lengths around the vector width, random offsets, special values: NaN must win as the last NaN of the window, ±0
 * ties keep the first tap, ±Inf, subnormals, ±1e4), {@code scaleShift} and {@code combine} (the same bits: one fused
 * multiply-add per product), {@code maxPool2x2} (values exact, against the reference and the reference against
 * {@code maxTaps}), and {@code sumSquaredDeviations} (to the rounding of its float lanes). Elements outside
 * the written range must keep a sentinel.
 */
class PoolNormKernelsTest {
    private static Backend simd;
    private static Backend ref;

    private static final double SENTINEL = 12345.5;
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, Float.MIN_VALUE, -Float.MIN_NORMAL / 7,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};

    @BeforeAll
    static void backends() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
        simd = Kernels.simd().orElseThrow();
        ref = Kernels.scalar();
    }

    /** A length that hits the vector edges of F32 and F64 (or a random one). */
    private static int length(Random r) {
        int lanes = r.nextBoolean() ? simd.floatLanes() : simd.doubleLanes();
        int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes + 1, 4 * lanes - 1, 4 * lanes,
            4 * lanes + 1, 5 * lanes + 3, 8 * lanes + 1};
        return r.nextInt(4) == 0 ? r.nextInt(400) : edges[r.nextInt(edges.length)];
    }

    /** Values with, by mode, no, a few or many special values; mode 3 is a coarse grid (many ties). */
    private static double[] values(Random r, int n, int mode) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            boolean sp = mode == 1 ? r.nextInt(50) == 0 : mode == 2 && r.nextInt(4) == 0;
            a[i] = sp ? SPECIAL[r.nextInt(SPECIAL.length)]
                    : mode == 3 ? r.nextInt(3) - 1 : (r.nextBoolean() ? 1 : -1) * Math.scalb(1 + r.nextDouble(),
                    r.nextInt(16) - 8);
        }
        return a;
    }

    private static float[] floats(double[] d) {
        return TapKernelsTest.floats(d);
    }

    /**
     * Random windows: kH × kW taps (dilated) on planes of width w; the windows' origins either one row at column
     * stride cs (1: contiguous loads; ≥ 2: gathers) or a block of rows of ow windows (a whole plane's windows).
     */
    record Windows(int[] src, int base, int[] origin, int originOff, int len, int xOff, int xLen, int yOff, int yLen) {
        static Windows random(Random r) {
            int kh = r.nextInt(1, 4);
            int kw = r.nextInt(1, 4);
            int dw = r.nextInt(1, 3);
            int dh = r.nextInt(1, 3);
            int cs = r.nextInt(1, 7);
            int len = length(r);
            int ow = r.nextBoolean() ? Math.max(1, len) : r.nextInt(1, 30);
            int w = (Math.min(ow, Math.max(1, len)) - 1) * cs + (kw - 1) * dw + 1 + r.nextInt(4);
            int sh = r.nextInt(1, 4);
            int[] src = new int[kh * kw];
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    src[i * kw + j] = i * dh * w + j * dw;
                }
            }
            int originOff = r.nextInt(5);
            int[] origin = new int[originOff + len + r.nextInt(3)];
            int last = 0;
            for (int t = 0; t < len; t++) {
                origin[originOff + t] = t / ow * sh * w + t % ow * cs;
                last = Math.max(last, origin[originOff + t]);
            }
            int base = r.nextInt(3);
            int xOff = r.nextInt(9);
            int xLen = xOff + base + last + src[src.length - 1] + 1 + r.nextInt(5);
            int yOff = r.nextInt(9);
            return new Windows(src, base, origin, originOff, len, xOff, xLen, yOff, yOff + len + r.nextInt(5));
        }
    }

    @Test
    void maxTapsGivesTheReferenceValuesAndIndices() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Windows w = Windows.random(r);
            int taps = w.src.length;
            double[] x = values(r, w.xLen, r.nextInt(4));
            double[] y1 = filled(w.yLen);
            double[] y2 = filled(w.yLen);
            int[] i1 = indices(w.yLen);
            int[] i2 = indices(w.yLen);
            simd.reductions().maxTaps(x, w.xOff, w.base, w.origin, w.originOff, w.src, taps, y1, w.yOff, i1, w.yOff,
                    w.len);
            ref.reductions().maxTaps(x, w.xOff, w.base, w.origin, w.originOff, w.src, taps, y2, w.yOff, i2, w.yOff,
                    w.len);
            assertArrayEquals(y2, y1, "F64 values " + w);
            assertArrayEquals(i2, i1, "F64 indices " + w);
            float[] xf = floats(x);
            float[] yf1 = floats(filled(w.yLen));
            float[] yf2 = floats(filled(w.yLen));
            int[] j1 = indices(w.yLen);
            int[] j2 = indices(w.yLen);
            simd.reductions().maxTaps(xf, w.xOff, w.base, w.origin, w.originOff, w.src, taps, yf1, w.yOff, j1, w.yOff,
                    w.len);
            ref.reductions().maxTaps(xf, w.xOff, w.base, w.origin, w.originOff, w.src, taps, yf2, w.yOff, j2, w.yOff,
                    w.len);
            assertArrayEquals(yf2, yf1, "F32 values " + w);
            assertArrayEquals(j2, j1, "F32 indices " + w);
            for (int i = 0; i < w.yLen; i++) {
                boolean written = i >= w.yOff && i < w.yOff + w.len;
                assertEquals(written, i1[i] != -7, "F64 written range " + i + " " + w);
                assertEquals(written, j1[i] != -7, "F32 written range " + i + " " + w);
                assertEquals(written, y1[i] != SENTINEL, "F64 values written range " + i + " " + w);
            }
            // the reference is the definition: index = base + origin + the kept tap's offset, value x at it
            for (int t = 0; t < w.len; t++) {
                int q = i2[w.yOff + t];
                assertEquals(x[w.xOff + q], y2[w.yOff + t], "reference value at its index, window " + t);
            }
        });
    }

    /**
     * 2×2 pools at stride 2 over whole planes, the SIMD kernel's two-loads-and-a-shuffle path: rows of ow windows
     * with ow around half a vector to a little over one (a row's windows are one run of origins 2 apart, shorter
     * than a vector when ow &lt; lanes; runs under half a vector take the gathers), planes sized exactly so the last
     * row's loads meet the end of x (where the kernel must not read past it), special values and ties.
     */
    @Test
    void maxTapsAtStrideTwoGivesTheReference() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int lanes = r.nextBoolean() ? simd.floatLanes() : simd.doubleLanes();
            int ow = Math.max(1, lanes / 2 - 1 + r.nextInt(lanes / 2 + 4));
            int oh = r.nextInt(1, 6);
            int kw = r.nextInt(1, 3);
            int w = 2 * ow + (kw == 2 ? 0 : r.nextInt(2)) + r.nextInt(3) / 2;
            int h = 2 * oh;
            int[] src = kw == 2 ? new int[] {0, 1, w, w + 1} : new int[] {0, w};
            int len = oh * ow;
            int[] origin = new int[len];
            for (int t = 0; t < len; t++) {
                origin[t] = t / ow * 2 * w + t % ow * 2;
            }
            int xOff = r.nextInt(3);
            int yOff = r.nextInt(3);
            double[] x = values(r, xOff + h * w, r.nextInt(4));
            double[] y1 = filled(yOff + len + 2);
            double[] y2 = filled(yOff + len + 2);
            int[] i1 = indices(yOff + len + 2);
            int[] i2 = indices(yOff + len + 2);
            String what = "ow " + ow + ", oh " + oh + ", w " + w + ", taps " + src.length + ", lanes " + lanes;
            simd.reductions().maxTaps(x, xOff, 0, origin, 0, src, src.length, y1, yOff, i1, yOff, len);
            ref.reductions().maxTaps(x, xOff, 0, origin, 0, src, src.length, y2, yOff, i2, yOff, len);
            assertArrayEquals(y2, y1, "F64 values, " + what);
            assertArrayEquals(i2, i1, "F64 indices, " + what);
            float[] xf = floats(x);
            float[] yf1 = floats(filled(yOff + len + 2));
            float[] yf2 = floats(filled(yOff + len + 2));
            simd.reductions().maxTaps(xf, xOff, 0, origin, 0, src, src.length, yf1, yOff, i1, yOff, len);
            ref.reductions().maxTaps(xf, xOff, 0, origin, 0, src, src.length, yf2, yOff, i2, yOff, len);
            assertArrayEquals(yf2, yf1, "F32 values, " + what);
            assertArrayEquals(i2, i1, "F32 indices, " + what);
            for (int i = 0; i < y1.length; i++) {
                boolean written = i >= yOff && i < yOff + len;
                assertEquals(written, y1[i] != SENTINEL, "F64 written range " + i + ", " + what);
                assertEquals(written, yf1[i] != (float) SENTINEL, "F32 written range " + i + ", " + what);
            }
        });
    }

    @Test
    void maxTapsFollowsPyTorchOnNanZerosAndInfinities() {
        // one window per output column (2 taps), as PyTorch 1.13's max_pool2d returns them:
        // [1, NaN] → NaN at tap 1; [NaN, 3] → the NaN stays; [NaN, NaN] → the last NaN; [−0, +0] → −0 (the first of
        // a tie); [−Inf, −Inf] → the first; [5, +Inf] → +Inf. Long rows put the pattern into full vectors and the
        // masked tail of both dtypes. Column stride 2 (window t's taps side by side at 2t, 2t + 1: the gather path)
        // and column stride 1 (tap 0 of window t at t, tap 1 a row of len below: the contiguous-load path)
        int reps = 4 * simd.floatLanes() + 3;
        double[] pattern = {1, Double.NaN, Double.NaN, 3, Double.NaN, Double.NaN, -0.0, 0.0,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 5, Double.POSITIVE_INFINITY};
        int len = pattern.length * reps / 2;
        double[] want = {Double.NaN, Double.NaN, Double.NaN, -0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        int[] wantAt = {1, 2, 5, 6, 8, 11};
        for (boolean contiguous : new boolean[] {false, true}) {
            double[] x = new double[2 * len];
            int[] src = contiguous ? new int[] {0, len} : new int[] {0, 1};
            int[] origin = new int[len];
            for (int t = 0; t < len; t++) {
                origin[t] = contiguous ? t : 2 * t;
                for (int tap = 0; tap < 2; tap++) {
                    x[origin[t] + src[tap]] = pattern[(2 * t + tap) % pattern.length];
                }
            }
            double[] y = new double[len];
            int[] idx = new int[len];
            float[] yf = new float[len];
            int[] idxf = new int[len];
            simd.reductions().maxTaps(x, 0, 0, origin, 0, src, 2, y, 0, idx, 0, len);
            simd.reductions().maxTaps(floats(x), 0, 0, origin, 0, src, 2, yf, 0, idxf, 0, len);
            for (int t = 0; t < len; t++) {
                int p = t % want.length;
                int at = origin[t] + src[wantAt[p] % 2];
                String what = (contiguous ? "stride 1" : "stride 2") + " window " + t;
                assertEquals(want[p], y[t], "F64 " + what);
                assertEquals((float) want[p], yf[t], "F32 " + what);
                assertEquals(at, idx[t], "F64 argmax " + what);
                assertEquals(at, idxf[t], "F32 argmax " + what);
            }
        }
    }

    /**
     * {@code maxPool2x2} (values of 2×2 windows at stride 2) against the scalar reference, and the reference against
     * {@code maxTaps} on the same windows (the rule that defines it): output rows from 0 to about three vectors of
     * windows (one vector stored whole across the next rows, or vectors along the row), odd input sizes (a row or
     * column past the last window), random offsets, x ending exactly at the last window's taps or a little after
     * (the rows whose whole loads would leave x run in the reference), special values and ties. Elements of y
     * outside the output must keep a sentinel.
     */
    @Test
    void maxPool2x2GivesTheReferenceValues() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int lanes = r.nextBoolean() ? simd.floatLanes() : simd.doubleLanes();
            int outW = r.nextInt(4) == 0 ? r.nextInt(3 * lanes + 2) : Math.max(0, lanes / 2 + r.nextInt(-2, 3)
                    + lanes * r.nextInt(2));
            int outH = r.nextInt(0, 5);
            int planes = r.nextInt(0, 4);
            int w = 2 * outW + r.nextInt(2);
            int h = 2 * outH + r.nextInt(2);
            int xOff = r.nextInt(5);
            int yOff = r.nextInt(5);
            int n = planes * outH * outW;
            int xLen = planes == 0 || outH == 0 ? xOff : xOff + (planes - 1) * h * w + (2 * outH - 1) * w + 2 * outW
                    + (r.nextBoolean() ? 0 : r.nextInt(3 * lanes));
            double[] x = values(r, xLen, r.nextInt(4));
            String what = planes + " planes of " + h + "×" + w + " → " + outH + "×" + outW + ", x length " + xLen
                    + ", offsets " + xOff + "/" + yOff + ", lanes " + lanes;
            double[] y1 = filled(yOff + n + 3);
            double[] y2 = filled(yOff + n + 3);
            simd.reductions().maxPool2x2(x, xOff, h * w, w, planes, outH, outW, y1, yOff);
            ref.reductions().maxPool2x2(x, xOff, h * w, w, planes, outH, outW, y2, yOff);
            assertArrayEquals(y2, y1, "F64, " + what);
            float[] xf = floats(x);
            float[] yf1 = floats(filled(yOff + n + 3));
            float[] yf2 = floats(filled(yOff + n + 3));
            simd.reductions().maxPool2x2(xf, xOff, h * w, w, planes, outH, outW, yf1, yOff);
            ref.reductions().maxPool2x2(xf, xOff, h * w, w, planes, outH, outW, yf2, yOff);
            assertArrayEquals(yf2, yf1, "F32, " + what);
            for (int i = 0; i < y1.length; i++) {
                boolean written = i >= yOff && i < yOff + n;
                assertEquals(written, y1[i] != SENTINEL, "F64 written range " + i + ", " + what);
                assertEquals(written, yf1[i] != (float) SENTINEL, "F32 written range " + i + ", " + what);
            }
            // the reference is maxTaps' rule on the taps (0, 0), (0, 1), (1, 0), (1, 1) of each window
            int[] origin = new int[outH * outW];
            for (int t = 0; t < origin.length; t++) {
                origin[t] = t / Math.max(1, outW) * 2 * w + t % Math.max(1, outW) * 2;
            }
            double[] y3 = filled(yOff + n + 3);
            int[] idx = indices(n);
            for (int p = 0; p < planes; p++) {
                ref.reductions().maxTaps(x, xOff + p * h * w, 0, origin, 0, new int[] {0, 1, w, w + 1}, 4, y3,
                        yOff + p * origin.length, idx, p * origin.length, origin.length);
            }
            assertArrayEquals(y3, y2, "F64 maxTaps, " + what);
        });
    }

    @Test
    void scaleShiftAndCombineGiveTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int n = length(r);
            int off = r.nextInt(9);
            int mode = r.nextInt(3);
            double[] x = values(r, off + n + 4, mode);
            double[] g = values(r, off + n + 4, mode);
            double[] c = values(r, 3, mode);
            double[] a1 = filled(off + n + 4);
            double[] a2 = filled(off + n + 4);
            simd.elementwise().scaleShift(x, off, c[0], c[1], a1, off, n);
            ref.elementwise().scaleShift(x, off, c[0], c[1], a2, off, n);
            assertArrayEquals(a2, a1, "F64 scaleShift n=" + n);
            simd.elementwise().combine(c[0], g, off, c[1], x, off, c[2], a1, off, n);
            ref.elementwise().combine(c[0], g, off, c[1], x, off, c[2], a2, off, n);
            assertArrayEquals(a2, a1, "F64 combine n=" + n);
            float[] xf = floats(x);
            float[] gf = floats(g);
            float[] cf = floats(c);
            float[] f1 = floats(filled(off + n + 4));
            float[] f2 = floats(filled(off + n + 4));
            simd.elementwise().scaleShift(xf, off, cf[0], cf[1], f1, off, n);
            ref.elementwise().scaleShift(xf, off, cf[0], cf[1], f2, off, n);
            assertArrayEquals(f2, f1, "F32 scaleShift n=" + n);
            simd.elementwise().combine(cf[0], gf, off, cf[1], xf, off, cf[2], f1, off, n);
            ref.elementwise().combine(cf[0], gf, off, cf[1], xf, off, cf[2], f2, off, n);
            assertArrayEquals(f2, f1, "F32 combine n=" + n);
            for (int i = 0; i < off + n + 4; i++) {
                boolean written = i >= off && i < off + n;
                assertEquals(!written, a1[i] == SENTINEL && f1[i] == (float) SENTINEL, "written range at " + i);
            }
            // the reference is the formula, once per element
            for (int i = off; i < off + n; i++) {
                assertEquals(Math.fma(c[0], g[i], Math.fma(c[1], x[i], c[2])), a1[i]);
            }
        });
    }

    @Test
    void sumSquaredDeviationsMatchesTheReference() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int n = r.nextInt(3) == 0 ? r.nextInt(20_000) : length(r);
            int off = r.nextInt(9);
            int mode = r.nextInt(8) == 0 ? 1 : 0;
            double[] x = values(r, off + n + 3, mode);
            double mean = r.nextDouble(-2, 2);
            double s1 = simd.reductions().sumSquaredDeviations(x, off, n, mean);
            double s2 = ref.reductions().sumSquaredDeviations(x, off, n, mean);
            close(s2, s1, 1e-13 * Math.max(1, n), "F64 n=" + n);
            float[] xf = floats(x);
            double f1 = simd.reductions().sumSquaredDeviations(xf, off, n, (float) mean);
            double f2 = ref.reductions().sumSquaredDeviations(xf, off, n, (float) mean);
            close(f2, f1, 1e-6 * Math.min(32, Math.max(1, n)), "F32 n=" + n);
        });
    }

    /** |a − b| ≤ rel·max(1, |b|), or both the same non-finite value. */
    private static void close(double want, double got, double rel, String what) {
        if (!Double.isFinite(want)) {
            assertEquals(want, got, what);
        } else {
            assertEquals(want, got, rel * Math.max(1, Math.abs(want)), what);
        }
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, SENTINEL);
        return a;
    }

    private static int[] indices(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, -7);
        return a;
    }
}
