package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API reductions against the scalar reference: random lengths around the vector width and the
 * kernels' block sizes, random offsets into padded arrays (the padding is NaN or a sentinel, so a stray read or
 * write shows), and special values (±0, subnormals, ±Inf, NaN, ±1e4).
 */
class ReductionKernelsSimdTest {
    private static ReductionKernels simd;
    private static ReductionKernels ref;
    private static int lf;
    private static int ld;

    private static final double U64 = Math.ulp(1.0) / 2;
    private static final double U32 = Math.ulp(1.0f) / 2;

    @BeforeAll
    static void backends() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
        Backend b = Kernels.simd().orElseThrow();
        simd = b.reductions();
        ref = Kernels.scalar().reductions();
        lf = b.floatLanes();
        ld = b.doubleLanes();
    }

    /**
     * A length for {@code code}: mostly the edges (0, 1, lanes ± 1, 4·lanes ± 1, block boundaries at 16, 64 and 128
     * vectors ± 1), sometimes a random one up to 3000.
     */
    private static int length(int code, int lanes, Random r, int min) {
        int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes + 1, 4 * lanes - 1, 4 * lanes, 4 * lanes + 1,
            16 * lanes - 1, 16 * lanes, 16 * lanes + 1, 64 * lanes - 1, 64 * lanes + 1, 128 * lanes - 1, 128 * lanes + 3,
            256 * lanes + 5, 4099};
        int c = Math.floorMod(code, edges.length + 6);
        int n = c < edges.length ? edges[c] : r.nextInt(3001);
        return Math.max(min, n);
    }

    private static boolean sameF(float a, float b) {
        return Float.floatToIntBits(a) == Float.floatToIntBits(b);
    }

    private static boolean sameD(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** NaN where expected is NaN, the same infinity, else |actual − expected| ≤ tol. */
    private static void close(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertTrue(sameD(expected, actual), what + ": expected " + expected + ", got " + actual);
            return;
        }
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + ", got " + actual + " (diff " + (actual - expected) + ", tol "
                    + tol + ")");
        }
    }

    // ------------------------------------------------------------------------------------------- sum and dot

    @Test
    void sumMatchesReference() {
        qt().withExamples(300).forAll(integers().all(), integers().between(0, 9), integers().all(), longs().all())
                .checkAssert((code, off, mixCode, seed) -> {
                    Random r = new Random(seed);
                    ReduceTestData.Mix mix = ReduceTestData.mix(mixCode);
                    int n = length(code, ld, r, 0);
                    double[] x = ReduceTestData.doubles(r, off, n, mix, Double.NaN);
                    double abs = ReduceTestData.sumAbs(x, off, n);
                    // blocked + compensated: error bounded by the block (≤ 16 terms a lane + the lane tree)
                    close(ref.sum(x, off, n), simd.sum(x, off, n), 32 * U64 * abs, "F64 sum n=" + n);

                    int nf = length(code, lf, r, 0);
                    float[] f = ReduceTestData.floats(r, off, nf, mix, Float.NaN);
                    float want = ref.sum(f, off, nf);
                    close(want, simd.sum(f, off, nf), Math.ulp(want) + 48 * U32 * ReduceTestData.sumAbs(
                            ReduceTestData.widen(f), off, nf), "F32 sum n=" + nf);
                });
    }

    @Test
    void dotMatchesReference() {
        qt().withExamples(300).forAll(integers().all(), integers().between(0, 9), integers().between(0, 9),
                longs().all()).checkAssert((code, ao, bo, seed) -> {
                    Random r = new Random(seed);
                    ReduceTestData.Mix mix = ReduceTestData.mix(code / 31);
                    int n = length(code, ld, r, 0);
                    double[] a = ReduceTestData.doubles(r, ao, n, mix, Double.NaN);
                    double[] b = ReduceTestData.doubles(r, bo, n, ReduceTestData.Mix.FINITE, Double.NaN);
                    double abs = 0;
                    for (int i = 0; i < n; i++) {
                        abs += Math.abs(a[ao + i] * b[bo + i]);
                    }
                    close(ref.dot(a, ao, b, bo, n), simd.dot(a, ao, b, bo, n), 32 * U64 * abs, "F64 dot n=" + n);

                    int nf = length(code, lf, r, 0);
                    float[] fa = ReduceTestData.floats(r, ao, nf, mix, Float.NaN);
                    float[] fb = ReduceTestData.floats(r, bo, nf, ReduceTestData.Mix.FINITE, Float.NaN);
                    double absF = 0;
                    for (int i = 0; i < nf; i++) {
                        absF += Math.abs((double) fa[ao + i] * fb[bo + i]);
                    }
                    float want = ref.dot(fa, ao, fb, bo, nf);
                    close(want, simd.dot(fa, ao, fb, bo, nf), Math.ulp(want) + 48 * U32 * absF, "F32 dot n=" + nf);
                });
    }

    @Test
    void sumErrorDoesNotGrowWithLength() {
        // 10^5 copies of 0.1: a plain vector sum drifts by ~n·u relative; the blocked sums stay within the block's
        // bound, 48·u·Σ|x| (exact sums from BigDecimal)
        int n = 100_000;
        float[] f = new float[n];
        java.util.Arrays.fill(f, 0.1f);
        float exactF = new java.math.BigDecimal(0.1f).multiply(java.math.BigDecimal.valueOf(n)).floatValue();
        close(exactF, simd.sum(f, 0, n), 48 * U32 * n * 0.1f, "F32 sum of 10^5 × 0.1f");
        close(exactF, simd.dot(f, 0, f, 0, n) / 0.1f, 64 * U32 * n * 0.1f, "F32 dot of 10^5 × 0.1f·0.1f / 0.1");
        double[] d = new double[n];
        java.util.Arrays.fill(d, 0.1);
        double exactD = new java.math.BigDecimal(0.1).multiply(java.math.BigDecimal.valueOf(n)).doubleValue();
        close(exactD, simd.sum(d, 0, n), 32 * U64 * n * 0.1, "F64 sum of 10^5 × 0.1");
    }

    // ------------------------------------------------------------------------------------- max, min, arg

    @Test
    void extremesAreBitIdenticalToReference() {
        qt().withExamples(400).forAll(integers().all(), integers().between(0, 9), integers().all(), longs().all())
                .checkAssert((code, off, mixCode, seed) -> {
                    Random r = new Random(seed);
                    ReduceTestData.Mix mix = ReduceTestData.mix(mixCode);
                    int n = length(code, ld, r, 1);
                    // padding of +Inf / −Inf: a stray read would change max or min
                    double[] x = ReduceTestData.doubles(r, off, n, mix, (mixCode & 8) == 0 ? Double.POSITIVE_INFINITY
                            : Double.NEGATIVE_INFINITY);
                    if ((mixCode & 16) != 0 && n > 1) {
                        // plant a repeated maximum and minimum, so "first index" matters
                        x[off + r.nextInt(n)] = 1e6;
                        x[off + r.nextInt(n)] = 1e6;
                        x[off + r.nextInt(n)] = -1e6;
                        x[off + r.nextInt(n)] = -1e6;
                    }
                    String w = "F64 n=" + n + " off=" + off;
                    assertTrue(sameD(ref.max(x, off, n), simd.max(x, off, n)), "max " + w);
                    assertTrue(sameD(ref.min(x, off, n), simd.min(x, off, n)), "min " + w);
                    assertEquals(ref.argmax(x, off, n), simd.argmax(x, off, n), "argmax " + w);
                    assertEquals(ref.argmin(x, off, n), simd.argmin(x, off, n), "argmin " + w);

                    int nf = length(code, lf, r, 1);
                    float[] f = ReduceTestData.floats(r, off, nf, mix, (mixCode & 8) == 0 ? Float.POSITIVE_INFINITY
                            : Float.NEGATIVE_INFINITY);
                    if ((mixCode & 16) != 0 && nf > 1) {
                        f[off + r.nextInt(nf)] = 1e6f;
                        f[off + r.nextInt(nf)] = 1e6f;
                        f[off + r.nextInt(nf)] = -1e6f;
                        f[off + r.nextInt(nf)] = -1e6f;
                    }
                    String wf = "F32 n=" + nf + " off=" + off;
                    assertTrue(sameF(ref.max(f, off, nf), simd.max(f, off, nf)), "max " + wf);
                    assertTrue(sameF(ref.min(f, off, nf), simd.min(f, off, nf)), "min " + wf);
                    assertEquals(ref.argmax(f, off, nf), simd.argmax(f, off, nf), "argmax " + wf);
                    assertEquals(ref.argmin(f, off, nf), simd.argmin(f, off, nf), "argmin " + wf);
                });
    }

    @Test
    void argExtremesFindLateFirstOccurrencesAndNaNs() {
        // one maximum, a tie later, and a NaN later still, at every position class relative to the blocks
        Random r = new Random(7);
        for (int n : new int[] {lf - 1, lf + 1, 64 * lf + 3, 200 * lf + 5}) {
            for (int trial = 0; trial < 20; trial++) {
                float[] f = ReduceTestData.floats(r, 3, n, ReduceTestData.Mix.FINITE, 0f);
                int p = r.nextInt(n);
                f[3 + p] = 1e3f;
                f[3 + p + r.nextInt(n - p)] = 1e3f;
                assertEquals(ref.argmax(f, 3, n), simd.argmax(f, 3, n));
                assertEquals(p, simd.argmax(f, 3, n));
                f[3 + p + r.nextInt(n - p)] = Float.NaN;
                assertEquals(ref.argmax(f, 3, n), simd.argmax(f, 3, n));
                assertEquals(ref.argmin(f, 3, n), simd.argmin(f, 3, n));
            }
        }
    }

    // ----------------------------------------------------------------------------- softmax, log-softmax, LSE

    private interface Tol {
        double of(double expected);
    }

    /** Fills rows × cols at off (the rest NaN) with values of the given scale and mix. */
    private static double[] rowsD(Random r, int off, int rows, int cols, double scale, ReduceTestData.Mix mix) {
        double[] x = ReduceTestData.doubles(r, off, rows * cols, mix, Double.NaN);
        for (int i = off; i < off + rows * cols; i++) {
            if (Double.isFinite(x[i]) && Math.abs(x[i]) != 1e4) {
                x[i] = scale * (2 * r.nextDouble() - 1);
            }
        }
        return x;
    }

    private static void compareRows(double[] want, double[] got, int off, int len, Tol tol, String what) {
        for (int i = 0; i < off + len + ReduceTestData.PAD; i++) {
            if (i < off || i >= off + len) {
                assertTrue(sameD(want[i], got[i]), what + ": wrote outside the output at " + i);
            } else {
                close(want[i], got[i], tol.of(want[i]), what + " at " + (i - off));
            }
        }
    }

    @Test
    void softmaxFamilyF64MatchesReference() {
        qt().withExamples(150).forAll(integers().all(), integers().between(1, 4), integers().between(0, 9),
                longs().all()).checkAssert((code, rows, off, seed) -> {
                    Random r = new Random(seed);
                    int cols = length(code, ld, r, 1);
                    rows = cols > 1000 ? 1 : rows;
                    double scale = new double[] {1, 30, 1e4}[r.nextInt(3)];
                    ReduceTestData.Mix mix = r.nextInt(3) == 0 ? ReduceTestData.Mix.SPARSE_SPECIAL
                            : ReduceTestData.Mix.FINITE;
                    double[] x = rowsD(r, off, rows, cols, scale, mix);
                    int len = rows * cols;
                    String w = rows + "x" + cols + " scale " + scale;
                    double[] want = new double[off + len + ReduceTestData.PAD];
                    double[] got = new double[want.length];
                    java.util.Arrays.fill(want, -7.0);
                    java.util.Arrays.fill(got, -7.0);
                    ref.softmaxRows(x, off, want, off, rows, cols);
                    simd.softmaxRows(x, off, got, off, rows, cols);
                    compareRows(want, got, off, len, e -> 1e-14 * Math.abs(e) + 1e-300, "F64 softmax " + w);
                    for (int i = 0; i < rows && mix == ReduceTestData.Mix.FINITE; i++) {
                        double s = 0;
                        for (int j = 0; j < cols; j++) {
                            s += got[off + i * cols + j];
                        }
                        assertEquals(1.0, s, (cols + 4) * 2 * U64, "F64 softmax row sum " + w);
                    }
                    ref.logSoftmaxRows(x, off, want, off, rows, cols);
                    simd.logSoftmaxRows(x, off, got, off, rows, cols);
                    compareRows(want, got, off, len, e -> 1e-14 * (1 + Math.abs(e)), "F64 log-softmax " + w);
                    ref.logSumExpRows(x, off, want, 1, rows, cols);
                    simd.logSumExpRows(x, off, got, 1, rows, cols);
                    for (int i = 0; i < rows; i++) {
                        close(want[1 + i], got[1 + i], 1e-14 * (1 + Math.abs(want[1 + i])), "F64 lse " + w);
                    }
                });
    }

    @Test
    void softmaxFamilyF32MatchesReference() {
        qt().withExamples(150).forAll(integers().all(), integers().between(1, 4), integers().between(0, 9),
                longs().all()).checkAssert((code, rows, off, seed) -> {
                    Random r = new Random(seed);
                    int cols = length(code, lf, r, 1);
                    rows = cols > 1000 ? 1 : rows;
                    double scale = new double[] {1, 30, 1e4}[r.nextInt(3)];
                    ReduceTestData.Mix mix = r.nextInt(3) == 0 ? ReduceTestData.Mix.SPARSE_SPECIAL
                            : ReduceTestData.Mix.FINITE;
                    double[] xd = rowsD(r, off, rows, cols, scale, mix);
                    float[] x = new float[xd.length];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) xd[i];
                    }
                    int len = rows * cols;
                    String w = rows + "x" + cols + " scale " + scale;
                    float[] want = new float[off + len + ReduceTestData.PAD];
                    float[] got = new float[want.length];
                    java.util.Arrays.fill(want, -7f);
                    java.util.Arrays.fill(got, -7f);
                    ref.softmaxRows(x, off, want, off, rows, cols);
                    simd.softmaxRows(x, off, got, off, rows, cols);
                    // 2e-6 relative; x − m is rounded to float, which matters only below e^-32 ≈ 1.3e-14
                    compareRows(ReduceTestData.widen(want), ReduceTestData.widen(got), off, len,
                            e -> 2e-6 * Math.abs(e) + 1e-15, "F32 softmax " + w);
                    for (int i = 0; i < rows && mix == ReduceTestData.Mix.FINITE; i++) {
                        double s = 0;
                        for (int j = 0; j < cols; j++) {
                            s += got[off + i * cols + j];
                        }
                        assertEquals(1.0, s, 2e-6, "F32 softmax row sum " + w);
                    }
                    ref.logSoftmaxRows(x, off, want, off, rows, cols);
                    simd.logSoftmaxRows(x, off, got, off, rows, cols);
                    // log-softmax is a log: its error is absolute (≈ the relative error of Σ exp) plus rounding
                    compareRows(ReduceTestData.widen(want), ReduceTestData.widen(got), off, len,
                            e -> 2e-6 * Math.abs(e) + 1e-6, "F32 log-softmax " + w);
                    ref.logSumExpRows(x, off, want, 1, rows, cols);
                    simd.logSumExpRows(x, off, got, 1, rows, cols);
                    for (int i = 0; i < rows; i++) {
                        close(want[1 + i], got[1 + i], 2e-6 * Math.abs(want[1 + i]) + 1e-6, "F32 lse " + w);
                    }
                    if (mix == ReduceTestData.Mix.FINITE) {
                        for (int i = off; i < off + len; i++) {
                            assertTrue(Float.isFinite(got[i]), "F32 log-softmax of finite logits is finite " + w);
                        }
                    }
                });
    }

    @Test
    void softmaxOfSpecialRowsMatchesReference() {
        // rows of only special values, at widths around the vector length
        double[] specials = {0.0, -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NaN, 1e4, -1e4};
        Random r = new Random(11);
        for (int cols : new int[] {1, ld - 1, ld, ld + 1, lf + 1, 3 * lf}) {
            if (cols < 1) {
                continue;
            }
            for (int trial = 0; trial < 40; trial++) {
                double[] x = new double[cols];
                float[] f = new float[cols];
                for (int j = 0; j < cols; j++) {
                    x[j] = specials[r.nextInt(trial % 2 == 0 ? 4 : specials.length)];
                    f[j] = (float) x[j];
                }
                double[] a = new double[cols];
                double[] b = new double[cols];
                float[] fa = new float[cols];
                float[] fb = new float[cols];
                ref.softmaxRows(x, 0, a, 0, 1, cols);
                simd.softmaxRows(x, 0, b, 0, 1, cols);
                ref.softmaxRows(f, 0, fa, 0, 1, cols);
                simd.softmaxRows(f, 0, fb, 0, 1, cols);
                for (int j = 0; j < cols; j++) {
                    close(a[j], b[j], 1e-14 * Math.abs(a[j]), "F64 softmax " + java.util.Arrays.toString(x));
                    close(fa[j], fb[j], 2e-6 * Math.abs(fa[j]), "F32 softmax " + java.util.Arrays.toString(f));
                }
                ref.logSoftmaxRows(x, 0, a, 0, 1, cols);
                simd.logSoftmaxRows(x, 0, b, 0, 1, cols);
                for (int j = 0; j < cols; j++) {
                    close(a[j], b[j], 1e-14 * (1 + Math.abs(a[j])), "F64 log-softmax " + java.util.Arrays.toString(x));
                }
                ref.logSumExpRows(x, 0, a, 0, 1, cols);
                simd.logSumExpRows(x, 0, b, 0, 1, cols);
                close(a[0], b[0], 1e-14 * (1 + Math.abs(a[0])), "F64 lse " + java.util.Arrays.toString(x));
                ref.logSumExpRows(f, 0, fa, 0, 1, cols);
                simd.logSumExpRows(f, 0, fb, 0, 1, cols);
                close(fa[0], fb[0], 2e-6 * (1 + Math.abs(fa[0])), "F32 lse " + java.util.Arrays.toString(f));
            }
        }
    }
}
