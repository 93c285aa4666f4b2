package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers and accuracy properties of the reduction kernels, on every backend this JVM can run (the scalar
 * reference always). Expected values come from an independent computation (BigDecimal, closed forms, definitions).
 */
class ReductionKernelsTest {

    static List<Backend> backends() {
        List<Backend> b = new ArrayList<>();
        b.add(Kernels.scalar());
        Kernels.simd().ifPresent(b::add);
        return b;
    }

    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final double U64 = Math.ulp(1.0) / 2;

    private static void assertClose(double expected, double actual, double relTol, String what) {
        double tol = relTol * Math.abs(expected) + Double.MIN_NORMAL;
        assertTrue(Math.abs(expected - actual) <= tol,
                what + ": expected " + expected + " got " + actual + " (diff " + (actual - expected) + ")");
    }

    // ------------------------------------------------------------------------------------------- sum and dot

    @ParameterizedTest
    @MethodSource("backends")
    void sumAndDotOfNothingIsZero(Backend k) {
        ReductionKernels r = k.reductions();
        assertEquals(0.0, r.sum(new double[3], 2, 0));
        assertEquals(0.0f, r.sum(new float[3], 1, 0));
        assertEquals(0.0, r.dot(new double[2], 1, new double[2], 0, 0));
        assertEquals(0.0f, r.dot(new float[2], 0, new float[2], 2, 0));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sumF64AgreesWithExactSum(Backend k) {
        ReductionKernels r = k.reductions();
        qt().withExamples(100).forAll(integers().between(0, 1200), integers().between(0, 9), longs().all())
                .checkAssert((n, off, seed) -> {
                    double[] x = ReduceTestData.doubles(new Random(seed), off, n, ReduceTestData.Mix.FINITE,
                            Double.NaN);
                    double exact = ReduceTestData.exactSum(x, off, n).doubleValue();
                    double got = r.sum(x, off, n);
                    // scalar (compensated): correctly rounded up to one ulp; SIMD (plain, reordered): n·u·Σ|x|
                    double tol = k.isSimd() ? (n + 1) * U64 * ReduceTestData.sumAbs(x, off, n)
                            : Math.ulp(exact) + n * n * U64 * U64 * ReduceTestData.sumAbs(x, off, n);
                    assertTrue(Math.abs(got - exact) <= tol, "n=" + n + " exact " + exact + " got " + got);
                });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sumF32AgreesWithExactSum(Backend k) {
        ReductionKernels r = k.reductions();
        qt().withExamples(100).forAll(integers().between(0, 1200), integers().between(0, 9), longs().all())
                .checkAssert((n, off, seed) -> {
                    float[] x = ReduceTestData.floats(new Random(seed), off, n, ReduceTestData.Mix.FINITE,
                            Float.NaN);
                    double[] w = ReduceTestData.widen(x);
                    float exact = ReduceTestData.exactSum(w, off, n).floatValue();
                    float got = r.sum(x, off, n);
                    double tol = k.isSimd() ? Math.ulp(exact) + (n + 1) * Math.ulp(1f) / 2 * ReduceTestData.sumAbs(w,
                            off, n) : Math.ulp(exact);
                    assertTrue(Math.abs(got - exact) <= tol, "n=" + n + " exact " + exact + " got " + got);
                });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dotAgreesWithExactDot(Backend k) {
        ReductionKernels r = k.reductions();
        qt().withExamples(100).forAll(integers().between(0, 1200), integers().between(0, 9),
                integers().between(0, 9), longs().all()).checkAssert((n, ao, bo, seed) -> {
                    Random rnd = new Random(seed);
                    double[] a = ReduceTestData.doubles(rnd, ao, n, ReduceTestData.Mix.FINITE, Double.NaN);
                    double[] b = ReduceTestData.doubles(rnd, bo, n, ReduceTestData.Mix.FINITE, Double.NaN);
                    double exact = ReduceTestData.exactDot(a, ao, b, bo, n).doubleValue();
                    double abs = 0;
                    for (int i = 0; i < n; i++) {
                        abs += Math.abs(a[ao + i] * b[bo + i]);
                    }
                    double got = r.dot(a, ao, b, bo, n);
                    double tol = k.isSimd() ? (n + 2) * U64 * abs : Math.ulp(exact) + n * n * U64 * U64 * abs;
                    assertTrue(Math.abs(got - exact) <= tol, "F64 n=" + n + " exact " + exact + " got " + got);

                    float[] af = new float[a.length];
                    float[] bf = new float[b.length];
                    for (int i = 0; i < a.length; i++) {
                        af[i] = (float) a[i];
                    }
                    for (int i = 0; i < b.length; i++) {
                        bf[i] = (float) b[i];
                    }
                    float exactF = ReduceTestData.exactDot(ReduceTestData.widen(af), ao, ReduceTestData.widen(bf),
                            bo, n).floatValue();
                    float gotF = r.dot(af, ao, bf, bo, n);
                    double tolF = Math.ulp(exactF) + (k.isSimd() ? (n + 2) * Math.ulp(1f) / 2 * abs * 1.01 : 0);
                    assertTrue(Math.abs(gotF - exactF) <= tolF, "F32 n=" + n + " exact " + exactF + " got " + gotF);
                });
    }

    @Test
    void referenceSumsSurviveCancellation() {
        // 1e16 + 1 − 1e16 = 1 exactly: compensated F64 sum and Dot2; the F32 forms accumulate in double, so
        // 1e8 + 1 − 1e8 is 1 too (a float accumulator would give 0)
        ReductionKernels r = Kernels.scalar().reductions();
        double[] x = {1e16, 1, -1e16};
        assertEquals(1.0, r.sum(x, 0, 3));
        assertEquals(1.0, r.dot(x, 0, new double[] {1, 1, 1}, 0, 3));
        float[] f = {1e8f, 1, -1e8f};
        assertEquals(1.0f, r.sum(f, 0, 3));
        assertEquals(1.0f, r.dot(f, 0, new float[] {1, 1, 1}, 0, 3));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sumPropagatesNaNAndInfinity(Backend k) {
        ReductionKernels r = k.reductions();
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(Double.NaN, r.sum(new double[] {1, Double.NaN, 2}, 0, 3));
        assertEquals(inf, r.sum(new double[] {1, inf, 2}, 0, 3));
        assertEquals(-inf, r.sum(new double[] {1, -inf, 2}, 0, 3));
        assertEquals(Double.NaN, r.sum(new double[] {inf, 1, -inf}, 0, 3));
        assertEquals(Float.NaN, r.sum(new float[] {1, Float.NaN}, 0, 2));
        assertEquals(Float.POSITIVE_INFINITY, r.sum(new float[] {1, Float.POSITIVE_INFINITY}, 0, 2));
        assertEquals(Double.NaN, r.dot(new double[] {inf, 1}, 0, new double[] {0, 1}, 0, 2));
    }

    // ------------------------------------------------------------------------------------- max, min, arg

    @ParameterizedTest
    @MethodSource("backends")
    void maxMinFollowMathMaxMin(Backend k) {
        ReductionKernels r = k.reductions();
        assertEquals(3.0, r.max(new double[] {9, 1, 3, 2}, 1, 3));
        assertEquals(1.0, r.min(new double[] {9, 1, 3, 2}, 1, 3));
        assertEquals(Double.NaN, r.max(new double[] {1, Double.NaN, 2}, 0, 3));
        assertEquals(Double.NaN, r.min(new double[] {1, 2, Double.NaN}, 0, 3));
        assertEquals(Float.NaN, r.max(new float[] {Float.NaN, 1, 2}, 0, 3));
        assertEquals(Float.NaN, r.min(new float[] {Float.NaN, 1, 2}, 0, 3));
        // signed zeros: max(−0, +0) = +0 and min(−0, +0) = −0 as in Math.max/min, whatever the order
        assertEquals(0.0, r.max(new double[] {-0.0, 0.0}, 0, 2));
        assertEquals(0.0, r.max(new double[] {0.0, -0.0}, 0, 2));
        assertEquals(-0.0, r.min(new double[] {0.0, -0.0}, 0, 2));
        assertEquals(0.0f, r.max(new float[] {-0.0f, 0.0f}, 0, 2));
        assertEquals(-0.0f, r.min(new float[] {0.0f, -0.0f}, 0, 2));
        assertEquals(Double.NEGATIVE_INFINITY, r.max(new double[] {Double.NEGATIVE_INFINITY}, 0, 1));
        assertEquals(Float.POSITIVE_INFINITY, r.max(new float[] {1, Float.POSITIVE_INFINITY}, 0, 2));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void maxMinArgPropertiesOnRandomData(Backend k) {
        ReductionKernels r = k.reductions();
        qt().withExamples(150).forAll(integers().between(1, 300), integers().between(0, 9), integers().all(),
                longs().all()).checkAssert((n, off, mixCode, seed) -> {
                    double[] x = ReduceTestData.doubles(new Random(seed), off, n, ReduceTestData.mix(mixCode),
                            Double.NaN);
                    checkExtremes(x, off, n, r.max(x, off, n), r.min(x, off, n), r.argmax(x, off, n),
                            r.argmin(x, off, n));
                    float[] f = ReduceTestData.floats(new Random(seed), off, n, ReduceTestData.mix(mixCode),
                            Float.NaN);
                    checkExtremes(ReduceTestData.widen(f), off, n, r.max(f, off, n), r.min(f, off, n),
                            r.argmax(f, off, n), r.argmin(f, off, n));
                });
    }

    /** Checks max/min/argmax/argmin against their definitions. */
    private static void checkExtremes(double[] x, int off, int n, double max, double min, int amax, int amin) {
        int firstNaN = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[off + i])) {
                firstNaN = i;
                break;
            }
        }
        if (firstNaN >= 0) {
            assertTrue(Double.isNaN(max) && Double.isNaN(min), "NaN in the data must give NaN max/min");
            assertEquals(firstNaN, amax, "argmax is the first NaN");
            assertEquals(firstNaN, amin, "argmin is the first NaN");
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            assertTrue(v <= max && v >= min, "element " + i + " = " + v + " outside [" + min + ", " + max + "]");
            if (v == 0 && max == 0) {
                assertTrue(Double.doubleToRawLongBits(max) == 0 || Double.doubleToRawLongBits(v) != 0,
                        "max of data holding +0 must be +0");
            }
            if (v == 0 && min == 0) {
                assertTrue(Double.doubleToRawLongBits(min) != 0 || Double.doubleToRawLongBits(v) == 0,
                        "min of data holding −0 must be −0");
            }
        }
        assertEquals(max, x[off + amax], 0.0, "x[argmax] is the max");
        assertEquals(min, x[off + amin], 0.0, "x[argmin] is the min");
        for (int i = 0; i < amax; i++) {
            assertTrue(x[off + i] < max, "argmax " + amax + " is not the first maximum (" + i + ")");
        }
        for (int i = 0; i < amin; i++) {
            assertTrue(x[off + i] > min, "argmin " + amin + " is not the first minimum (" + i + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void argExtremesKnownAnswers(Backend k) {
        ReductionKernels r = k.reductions();
        assertEquals(1, r.argmax(new double[] {1, 3, 3, 2}, 0, 4));
        assertEquals(0, r.argmin(new double[] {1, 3, 3, 1}, 0, 4));
        assertEquals(2, r.argmax(new double[] {0, 1, Double.NaN, 5, Double.NaN}, 0, 5));
        assertEquals(2, r.argmin(new float[] {0, 1, Float.NaN, -5, Float.NaN}, 0, 5));
        assertEquals(0, r.argmax(new float[] {-0.0f, 0.0f}, 0, 2), "−0 and +0 tie: the first wins");
        assertEquals(0, r.argmin(new double[] {0.0, -0.0}, 0, 2), "−0 and +0 tie: the first wins");
        assertEquals(0, r.argmax(new double[] {9, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1, 2));
        assertEquals(1, r.argmax(new double[] {9, Double.NEGATIVE_INFINITY, 1, 1}, 1, 3), "index relative to off");
        // the first maximum far from the start, behind a long run of smaller values
        float[] big = new float[1000];
        big[700] = 5;
        big[900] = 5;
        assertEquals(697, r.argmax(big, 3, 990));
        assertEquals(0, r.argmin(big, 3, 990));
    }

    // ----------------------------------------------------------------------------- softmax, log-softmax, LSE

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxKnownAnswers(Backend k) {
        ReductionKernels r = k.reductions();
        // softmax([0, ln 2, ln 3]) = [1, 2, 3] / 6, in two rows: plain and shifted by 1e4 (shift invariance)
        double[] x = {0, LN2, LN3, 1e4, 1e4 + LN2, 1e4 + LN3};
        double[] y = new double[6];
        r.softmaxRows(x, 0, y, 0, 2, 3);
        for (int j = 0; j < 3; j++) {
            assertClose((j + 1) / 6.0, y[j], 4 * U64, "softmax F64 [" + j + "]");
            // 1e4 + ln 2 is rounded to 1e4's ulp (1.8e-12), so the shifted row is only that close
            assertClose((j + 1) / 6.0, y[3 + j], 1e-11, "shifted softmax F64 [" + j + "]");
        }
        float[] xf = {0, (float) LN2, (float) LN3};
        float[] yf = new float[3];
        r.softmaxRows(xf, 0, yf, 0, 1, 3);
        for (int j = 0; j < 3; j++) {
            assertClose((j + 1) / 6.0, yf[j], 3e-7, "softmax F32 [" + j + "]");
        }
        // logits of ±1e4: finite, and exact where the answer is 1/2 or an underflowed 0
        float[] big = {1e4f, -1e4f, 1e4f};
        r.softmaxRows(big, 0, yf, 0, 1, 3);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, yf);
        r.logSoftmaxRows(big, 0, yf, 0, 1, 3);
        assertClose(-LN2, yf[0], 3e-7, "log-softmax of 1e4");
        assertClose(-2e4 - LN2, yf[1], 3e-7, "log-softmax of -1e4");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void logSumExpKnownAnswers(Backend k) {
        ReductionKernels r = k.reductions();
        double[] x = {0, LN2, LN3, -1e4, -1e4 + LN2, -1e4 + LN3};
        double[] out = new double[3];
        r.logSumExpRows(x, 0, out, 1, 2, 3);
        assertClose(Math.log(6), out[1], 4 * U64, "lse [0, ln2, ln3]");
        assertClose(-1e4 + Math.log(6), out[2], 4 * U64, "lse shifted by -1e4");
        float[] f = {1e4f, 1e4f};
        float[] o = new float[1];
        r.logSumExpRows(f, 0, o, 0, 1, 2);
        assertEquals((float) (1e4 + LN2), o[0], Math.ulp(1e4f));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxFamilyAtInfinitiesAndNaN(Backend k) {
        ReductionKernels r = k.reductions();
        double ninf = Double.NEGATIVE_INFINITY;
        double pinf = Double.POSITIVE_INFINITY;
        // rows: [−Inf, 0, −Inf] (a −Inf next to a finite max), all −Inf, +Inf present, NaN present
        double[] x = {ninf, 0, ninf, ninf, ninf, ninf, 1, pinf, 2, 1, Double.NaN, 2};
        double[] y = new double[12];
        r.softmaxRows(x, 0, y, 0, 4, 3);
        assertArrayEquals(new double[] {0, 1, 0}, java.util.Arrays.copyOfRange(y, 0, 3));
        for (int i = 3; i < 12; i++) {
            assertTrue(Double.isNaN(y[i]), "softmax of a row whose max is not finite is NaN at " + i);
        }
        r.logSoftmaxRows(x, 0, y, 0, 4, 3);
        assertArrayEquals(new double[] {ninf, 0, ninf}, java.util.Arrays.copyOfRange(y, 0, 3));
        for (int i = 3; i < 12; i++) {
            assertTrue(Double.isNaN(y[i]), "log-softmax of a row whose max is not finite is NaN at " + i);
        }
        double[] lse = new double[4];
        r.logSumExpRows(x, 0, lse, 0, 4, 3);
        assertArrayEquals(new double[] {0, ninf, pinf, Double.NaN}, lse);

        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        float[] lf = new float[4];
        r.logSumExpRows(xf, 0, lf, 0, 4, 3);
        assertArrayEquals(new float[] {0, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN}, lf);
        float[] yf = new float[12];
        r.softmaxRows(xf, 0, yf, 0, 4, 3);
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(yf, 0, 3));
        assertTrue(Float.isNaN(yf[3]) && Float.isNaN(yf[7]) && Float.isNaN(yf[11]));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softmaxFamilyIsConsistentOnRandomRows(Backend k) {
        ReductionKernels r = k.reductions();
        qt().withExamples(120).forAll(integers().between(1, 5), integers().between(1, 70), integers().between(0, 9),
                longs().all()).checkAssert((rows, cols, off, seed) -> {
                    Random rnd = new Random(seed);
                    double scale = rnd.nextBoolean() ? 1 : 1e4;
                    double[] x = new double[off + rows * cols];
                    for (int i = off; i < x.length; i++) {
                        x[i] = scale * (2 * rnd.nextDouble() - 1);
                    }
                    double[] sm = new double[rows * cols];
                    double[] ls = new double[rows * cols];
                    double[] lse = new double[rows];
                    r.softmaxRows(x, off, sm, 0, rows, cols);
                    r.logSoftmaxRows(x, off, ls, 0, rows, cols);
                    r.logSumExpRows(x, off, lse, 0, rows, cols);
                    for (int i = 0; i < rows; i++) {
                        double s = 0;
                        double naive = 0;
                        double m = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < cols; j++) {
                            m = Math.max(m, x[off + i * cols + j]);
                        }
                        for (int j = 0; j < cols; j++) {
                            int p = i * cols + j;
                            assertTrue(Double.isFinite(ls[p]) && sm[p] >= 0 && sm[p] <= 1, "finite output");
                            s += sm[p];
                            naive += Math.exp(x[off + p] - m);
                            // softmax = exp(log-softmax); log-softmax = x − lse
                            assertEquals(sm[p], Math.exp(ls[p]), 1e-13 * (1 + Math.abs(ls[p])));
                            assertEquals(ls[p], x[off + p] - lse[i], 1e-12 * Math.max(1, Math.abs(x[off + p])));
                        }
                        assertEquals(1.0, s, 4 * cols * U64, "softmax row sums to 1");
                        assertClose(m + Math.log(naive), lse[i], 1e-14, "lse");
                    }
                });
    }

    @Test
    void inPlaceMatchesOutOfPlace() {
        for (Backend k : backends()) {
            ReductionKernels r = k.reductions();
            Random rnd = new Random(42);
            float[] x = ReduceTestData.floats(rnd, 3, 4 * 37, ReduceTestData.Mix.FINITE, 0f);
            float[] y = new float[x.length];
            float[] inPlace = x.clone();
            r.softmaxRows(x, 3, y, 3, 4, 37);
            r.softmaxRows(inPlace, 3, inPlace, 3, 4, 37);
            assertArrayEquals(java.util.Arrays.copyOfRange(y, 3, 3 + 4 * 37),
                    java.util.Arrays.copyOfRange(inPlace, 3, 3 + 4 * 37), k.name());
            double[] xd = ReduceTestData.doubles(rnd, 2, 3 * 11, ReduceTestData.Mix.FINITE, 0);
            double[] yd = new double[xd.length];
            double[] inPlaceD = xd.clone();
            r.logSoftmaxRows(xd, 2, yd, 2, 3, 11);
            r.logSoftmaxRows(inPlaceD, 2, inPlaceD, 2, 3, 11);
            assertArrayEquals(java.util.Arrays.copyOfRange(yd, 2, 35), java.util.Arrays.copyOfRange(inPlaceD, 2,
                    35), k.name());
        }
    }

    @Test
    void exactSumHelperIsExact() {
        // guards the oracle: 0.1 ten times is not 1 exactly, but the rounded exact sum is 1.0
        double[] x = new double[10];
        java.util.Arrays.fill(x, 0.1);
        assertEquals(new BigDecimal(0.1).multiply(BigDecimal.TEN), ReduceTestData.exactSum(x, 0, 10));
        assertEquals(1.0, Kernels.scalar().reductions().sum(x, 0, 10));
    }
}
