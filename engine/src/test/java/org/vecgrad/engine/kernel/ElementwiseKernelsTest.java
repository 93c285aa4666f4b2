package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;

/**
 * The Vector API elementwise kernels against the scalar reference, for every UnaryOp (forward, backward with and
 * without g), every BinaryOp in its three forms, and axpy, in F32 and F64.
 *
 * <p>Inputs: lengths 0, 1, lanes−1, lanes, lanes+1, 2·lanes+3 and about 5000; random offsets into larger arrays
 * whose other elements must come back untouched (checked explicitly for the forward kernels, and through the
 * comparison with the reference, which writes only [off, off+n), everywhere else); random data mixed with ±0, subnormals, ±∞, NaN, ±1e4, ±50, ±1000.
 *
 * <p>Contract: exact-arithmetic ops bit-identical (NaNs compare equal whatever their payload); transcendental ops
 * within rtol·|ref| + atol with rtol = 2e-6 (F32) / 1e-14 (F64) and atol = the smallest normal number (F32 1.2e-38,
 * F64 1e-300; results in the subnormal range carry only absolute precision). Derivatives that cross zero away from
 * x = 0 (swish, gelu, gelu_tanh, and g·f' generally) lose relative accuracy near their roots, so backward results
 * get an extra absolute floor of 1e-7·|g| (F32) / 1e-15·|g| (F64), i.e. a few ulps of the O(1) terms they sum.
 * Infinities must match, except that a result one rounding away from the overflow threshold may be ±∞ on one side.
 */
class ElementwiseKernelsTest {

    private static final Set<UnaryOp> EXACT_UNARY = EnumSet.of(UnaryOp.IDENTITY, UnaryOp.NEG, UnaryOp.ABS,
            UnaryOp.SQRT, UnaryOp.SQUARE, UnaryOp.POW, UnaryOp.CLAMP, UnaryOp.STEP, UnaryOp.RELU, UnaryOp.LEAKY_RELU,
            UnaryOp.HARD_SIGMOID, UnaryOp.HARD_TANH);
    /** Backward rules that are exact arithmetic on x, y, g. */
    private static final Set<UnaryOp> EXACT_BACKWARD = EnumSet.of(UnaryOp.IDENTITY, UnaryOp.NEG, UnaryOp.ABS,
            UnaryOp.EXP, UnaryOp.SQUARE, UnaryOp.POW, UnaryOp.CLAMP, UnaryOp.STEP, UnaryOp.RELU, UnaryOp.LEAKY_RELU,
            UnaryOp.HARD_SIGMOID, UnaryOp.HARD_TANH);

    private static final float[] SPECIAL_F = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -3e-39f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e4f, -1e4f, 50f, -50f, 1000f, -1000f, 1f, -1f,
        2f, -2f, Float.MAX_VALUE, -Float.MAX_VALUE};
    private static final double[] SPECIAL_D = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -3e-320,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4, 50.0, -50.0, 1000.0, -1000.0, 1.0,
        -1.0, 2.0, -2.0, Double.MAX_VALUE, -Double.MAX_VALUE};

    private ElementwiseKernels simd;
    private ElementwiseKernels ref;
    private int fl;
    private int dl;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "Vector API backend not available: "
                + Kernels.simdUnavailableReason());
        Backend b = Kernels.simd().orElseThrow();
        simd = b.elementwise();
        ref = Kernels.scalar().elementwise();
        fl = b.floatLanes();
        dl = b.doubleLanes();
    }

    // ------------------------------------------------------------------------------------------ data

    private static int length(int kind, int lanes, Random r) {
        return switch (kind) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> lanes - 1;
            case 3 -> lanes;
            case 4 -> lanes + 1;
            case 5 -> 2 * lanes + 3;
            default -> 4900 + r.nextInt(200);
        };
    }

    /** Random values of a few magnitudes, with special values mixed in (about one element in eight). */
    private static double value(Random r, double[] specials) {
        if (r.nextInt(8) == 0) {
            return specials[r.nextInt(specials.length)];
        }
        return switch (r.nextInt(4)) {
            case 0 -> r.nextGaussian();
            case 1 -> (r.nextDouble() * 2 - 1) * 12;
            case 2 -> (r.nextDouble() * 2 - 1) * 40;
            default -> Math.copySign(Math.exp(r.nextDouble() * 20 - 10), r.nextDouble() - 0.5);
        };
    }

    private static float[] floats(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) value(r, toDouble(SPECIAL_F));
        }
        return a;
    }

    private static double[] doubles(Random r, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = value(r, SPECIAL_D);
        }
        return a;
    }

    /**
     * Upstream gradients: as the data but finite and at most 1e4 in size. (g = ±∞ times an f' that underflows to 0
     * in float but not in double would turn into NaN on one side and ±∞ on the other; that is not a disagreement
     * worth pinning down.)
     */
    private static float[] gradientsF(Random r, int size) {
        float[] g = floats(r, size);
        for (int i = 0; i < size; i++) {
            if (Math.abs(g[i]) > 1e4f) {
                g[i] = Math.copySign(1e4f, g[i]);
            }
        }
        return g;
    }

    private static double[] gradientsD(Random r, int size) {
        double[] g = doubles(r, size);
        for (int i = 0; i < size; i++) {
            if (Math.abs(g[i]) > 1e4) {
                g[i] = Math.copySign(1e4, g[i]);
            }
        }
        return g;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] params(UnaryOp op, Random r) {
        return switch (op) {
            case POW -> new double[] {new double[] {2, 0.5, -1, 3, 1.7, 0}[r.nextInt(6)], 0};
            case CLAMP -> new double[] {-1 - 3 * r.nextDouble(), 0.1 + 3 * r.nextDouble()};
            case LEAKY_RELU -> new double[] {0.01 + 0.3 * r.nextDouble(), 0};
            case ELU -> new double[] {0.3 + 1.7 * r.nextDouble(), 0};
            case SWISH -> new double[] {r.nextInt(5) == 0 ? 1.0 : -2 + 5 * r.nextDouble(), 0};
            default -> new double[] {0, 0};
        };
    }

    // ------------------------------------------------------------------------------------------ comparison

    /** Within rtol·|expected| + atol; infinities must match, except one ulp across the overflow threshold. */
    private static boolean close(double expected, double actual, double rtol, double atol, double max) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            double finite = Double.isInfinite(expected) ? actual : expected;
            double inf = Double.isInfinite(expected) ? expected : actual;
            return expected == actual || (Math.signum(finite) == Math.signum(inf) && Math.abs(finite) >= max * (1 - rtol));
        }
        return Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol;
    }

    private static void compareF(String what, float[] expected, float[] actual, boolean exact, double[] atolPerElem,
                                 double rtol, double atol, float[] inputs, int inOff, int outOff) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = exact ? Float.floatToIntBits(e) == Float.floatToIntBits(a)
                    : close(e, a, rtol, atol + (atolPerElem == null ? 0 : atolPerElem[i]), Float.MAX_VALUE);
            if (!ok) {
                int k = i - outOff + inOff;
                String in = inputs != null && k >= 0 && k < inputs.length ? " input " + inputs[k] : "";
                fail(what + ": element " + i + in + ": reference " + e + ", simd " + a);
            }
        }
    }

    private static void compareD(String what, double[] expected, double[] actual, boolean exact,
                                 double[] atolPerElem, double rtol, double atol, double[] inputs, int inOff,
                                 int outOff) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = exact ? Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
                    : close(e, a, rtol, atol + (atolPerElem == null ? 0 : atolPerElem[i]), Double.MAX_VALUE);
            if (!ok) {
                int k = i - outOff + inOff;
                String in = inputs != null && k >= 0 && k < inputs.length ? " input " + inputs[k] : "";
                fail(what + ": element " + i + in + ": reference " + e + ", simd " + a);
            }
        }
    }

    private static final double RTOL_F = 2e-6;
    private static final double ATOL_F = Float.MIN_NORMAL;
    private static final double RTOL_D = 1e-14;
    private static final double ATOL_D = 1e-300;

    // ------------------------------------------------------------------------------------------ unary

    @Test
    void unaryF32MatchesReference() {
        for (UnaryOp op : UnaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, fl, r);
                int xOff = r.nextInt(9);
                int yOff = r.nextInt(9);
                float[] x = floats(r, n + xOff + r.nextInt(9));
                double[] p = params(op, r);
                float[] yRef = floats(r, n + yOff + r.nextInt(9));
                float[] ySimd = yRef.clone();
                float[] before = yRef.clone();
                ref.unary(op, p[0], p[1], x, xOff, yRef, yOff, n);
                simd.unary(op, p[0], p[1], x, xOff, ySimd, yOff, n);
                for (int i = 0; i < before.length; i++) {
                    if (i < yOff || i >= yOff + n) {
                        assertEquals(Float.floatToIntBits(before[i]), Float.floatToIntBits(ySimd[i]), op + ": wrote outside [off, off+n) at " + i);
                    }
                }
                compareF(op + " F32 n=" + n, yRef, ySimd, EXACT_UNARY.contains(op), null, RTOL_F, ATOL_F, x, xOff, yOff);
                // in place (a vector body and a tail are enough here)
                int m = Math.min(n, 3 * fl + 5);
                float[] inPlace = x.clone();
                simd.unary(op, p[0], p[1], inPlace, xOff, inPlace, xOff, m);
                float[] expected = x.clone();
                ref.unary(op, p[0], p[1], x, xOff, expected, xOff, m);
                compareF(op + " F32 in place", expected, inPlace, EXACT_UNARY.contains(op), null, RTOL_F, ATOL_F, x, xOff, xOff);
            });
        }
    }

    @Test
    void unaryF64MatchesReference() {
        for (UnaryOp op : UnaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, dl, r);
                int xOff = r.nextInt(9);
                int yOff = r.nextInt(9);
                double[] x = doubles(r, n + xOff + r.nextInt(9));
                double[] p = params(op, r);
                double[] yRef = doubles(r, n + yOff + r.nextInt(9));
                double[] ySimd = yRef.clone();
                double[] before = yRef.clone();
                ref.unary(op, p[0], p[1], x, xOff, yRef, yOff, n);
                simd.unary(op, p[0], p[1], x, xOff, ySimd, yOff, n);
                for (int i = 0; i < before.length; i++) {
                    if (i < yOff || i >= yOff + n) {
                        assertEquals(Double.doubleToLongBits(before[i]), Double.doubleToLongBits(ySimd[i]), op + ": wrote outside [off, off+n) at " + i);
                    }
                }
                compareD(op + " F64 n=" + n, yRef, ySimd, EXACT_UNARY.contains(op), null, RTOL_D, ATOL_D, x, xOff, yOff);
                int m = Math.min(n, 3 * dl + 5);
                double[] inPlace = x.clone();
                simd.unary(op, p[0], p[1], inPlace, xOff, inPlace, xOff, m);
                double[] expected = x.clone();
                ref.unary(op, p[0], p[1], x, xOff, expected, xOff, m);
                compareD(op + " F64 in place", expected, inPlace, EXACT_UNARY.contains(op), null, RTOL_D, ATOL_D, x, xOff, xOff);
            });
        }
    }

    @Test
    void unaryBackwardF32MatchesReference() {
        for (UnaryOp op : UnaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, fl, r);
                int off = r.nextInt(9);
                int size = n + off + r.nextInt(9);
                float[] x = floats(r, size);
                double[] p = params(op, r);
                float[] y = new float[size];
                ref.unary(op, p[0], p[1], x, 0, y, 0, size);
                boolean withG = r.nextBoolean();
                float[] g = withG ? gradientsF(r, size) : null;
                int outOff = r.nextInt(9);
                float[] outRef = floats(r, n + outOff + r.nextInt(9));
                float[] outSimd = outRef.clone();
                ref.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, outRef, outOff, n);
                simd.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, outSimd, outOff, n);
                double[] gAtol = new double[outRef.length];
                for (int i = 0; i < n; i++) {
                    gAtol[outOff + i] = 1e-7 * (g == null ? 1 : Math.abs(g[off + i]));
                }
                compareF(op + "' F32 g=" + withG + " n=" + n, outRef, outSimd, EXACT_BACKWARD.contains(op), gAtol,
                        RTOL_F, ATOL_F, x, off, outOff);
                // in place into g (the usual gradient buffer reuse)
                if (withG) {
                    int m = Math.min(n, 3 * fl + 5);
                    float[] gg = g.clone();
                    simd.unaryBackward(op, p[0], p[1], x, off, y, off, gg, off, gg, off, m);
                    float[] expected = g.clone();
                    ref.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, expected, off, m);
                    double[] a2 = new double[size];
                    for (int i = 0; i < m; i++) {
                        a2[off + i] = 1e-7 * Math.abs(g[off + i]);
                    }
                    compareF(op + "' F32 in place", expected, gg, EXACT_BACKWARD.contains(op), a2, RTOL_F, ATOL_F, x, off, off);
                }
            });
        }
    }

    @Test
    void unaryBackwardF64MatchesReference() {
        for (UnaryOp op : UnaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, dl, r);
                int off = r.nextInt(9);
                int size = n + off + r.nextInt(9);
                double[] x = doubles(r, size);
                double[] p = params(op, r);
                double[] y = new double[size];
                ref.unary(op, p[0], p[1], x, 0, y, 0, size);
                boolean withG = r.nextBoolean();
                double[] g = withG ? gradientsD(r, size) : null;
                int outOff = r.nextInt(9);
                double[] outRef = doubles(r, n + outOff + r.nextInt(9));
                double[] outSimd = outRef.clone();
                ref.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, outRef, outOff, n);
                simd.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, outSimd, outOff, n);
                double[] gAtol = new double[outRef.length];
                for (int i = 0; i < n; i++) {
                    gAtol[outOff + i] = 1e-15 * (g == null ? 1 : Math.abs(g[off + i]));
                }
                compareD(op + "' F64 g=" + withG + " n=" + n, outRef, outSimd, EXACT_BACKWARD.contains(op), gAtol,
                        RTOL_D, ATOL_D, x, off, outOff);
                // in place into x
                int m = Math.min(n, 3 * dl + 5);
                double[] xx = x.clone();
                simd.unaryBackward(op, p[0], p[1], xx, off, y, off, g, off, xx, off, m);
                double[] expected = x.clone();
                ref.unaryBackward(op, p[0], p[1], x, off, y, off, g, off, expected, off, m);
                double[] a2 = new double[size];
                for (int i = 0; i < m; i++) {
                    a2[off + i] = 1e-15 * (g == null ? 1 : Math.abs(g[off + i]));
                }
                compareD(op + "' F64 in place", expected, xx, EXACT_BACKWARD.contains(op), a2, RTOL_D, ATOL_D, x, off, off);
            });
        }
    }

    // ------------------------------------------------------------------------------------------ binary, axpy

    @Test
    void binaryF32IsBitIdenticalInAllThreeForms() {
        for (BinaryOp op : BinaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, fl, r);
                int aOff = r.nextInt(9);
                int bOff = r.nextInt(9);
                int oOff = r.nextInt(9);
                float[] a = floats(r, n + aOff + r.nextInt(9));
                float[] b = floats(r, n + bOff + r.nextInt(9));
                float s = (float) value(r, toDouble(SPECIAL_F));
                float[] o1 = floats(r, n + oOff + r.nextInt(9));
                float[] o2 = o1.clone();
                ref.binary(op, a, aOff, b, bOff, o1, oOff, n);
                simd.binary(op, a, aOff, b, bOff, o2, oOff, n);
                compareF(op + " F32", o1, o2, true, null, 0, 0, a, aOff, oOff);
                ref.binaryScalar(op, a, aOff, s, o1, oOff, n);
                simd.binaryScalar(op, a, aOff, s, o2, oOff, n);
                compareF(op + " F32 (a, s=" + s + ")", o1, o2, true, null, 0, 0, a, aOff, oOff);
                ref.scalarBinary(op, s, b, bOff, o1, oOff, n);
                simd.scalarBinary(op, s, b, bOff, o2, oOff, n);
                compareF(op + " F32 (s=" + s + ", b)", o1, o2, true, null, 0, 0, b, bOff, oOff);
                // in place: out = a
                float[] a1 = a.clone();
                float[] a2 = a.clone();
                ref.binary(op, a1, aOff, b, bOff, a1, aOff, n);
                simd.binary(op, a2, aOff, b, bOff, a2, aOff, n);
                compareF(op + " F32 in place", a1, a2, true, null, 0, 0, a, aOff, aOff);
            });
        }
    }

    @Test
    void binaryF64IsBitIdenticalInAllThreeForms() {
        for (BinaryOp op : BinaryOp.values()) {
            qt().withExamples(12).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
                Random r = new Random(seed);
                int n = length(kind, dl, r);
                int aOff = r.nextInt(9);
                int bOff = r.nextInt(9);
                int oOff = r.nextInt(9);
                double[] a = doubles(r, n + aOff + r.nextInt(9));
                double[] b = doubles(r, n + bOff + r.nextInt(9));
                double s = value(r, SPECIAL_D);
                double[] o1 = doubles(r, n + oOff + r.nextInt(9));
                double[] o2 = o1.clone();
                ref.binary(op, a, aOff, b, bOff, o1, oOff, n);
                simd.binary(op, a, aOff, b, bOff, o2, oOff, n);
                compareD(op + " F64", o1, o2, true, null, 0, 0, a, aOff, oOff);
                ref.binaryScalar(op, a, aOff, s, o1, oOff, n);
                simd.binaryScalar(op, a, aOff, s, o2, oOff, n);
                compareD(op + " F64 (a, s=" + s + ")", o1, o2, true, null, 0, 0, a, aOff, oOff);
                ref.scalarBinary(op, s, b, bOff, o1, oOff, n);
                simd.scalarBinary(op, s, b, bOff, o2, oOff, n);
                compareD(op + " F64 (s=" + s + ", b)", o1, o2, true, null, 0, 0, b, bOff, oOff);
                double[] b1 = b.clone();
                double[] b2 = b.clone();
                ref.binary(op, a, aOff, b1, bOff, b1, bOff, n);
                simd.binary(op, a, aOff, b2, bOff, b2, bOff, n);
                compareD(op + " F64 in place", b1, b2, true, null, 0, 0, b, bOff, bOff);
            });
        }
    }

    @Test
    void axpyIsBitIdentical() {
        qt().withExamples(40).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            int n = length(kind, fl, r);
            int xOff = r.nextInt(9);
            int yOff = r.nextInt(9);
            float[] x = floats(r, n + xOff + r.nextInt(9));
            float[] y1 = floats(r, n + yOff + r.nextInt(9));
            float[] y2 = y1.clone();
            float alpha = (float) value(r, toDouble(SPECIAL_F));
            ref.axpy(alpha, x, xOff, y1, yOff, n);
            simd.axpy(alpha, x, xOff, y2, yOff, n);
            compareF("axpy F32 alpha=" + alpha, y1, y2, true, null, 0, 0, x, xOff, yOff);
            double[] xd = doubles(r, n + xOff + r.nextInt(9));
            double[] z1 = doubles(r, n + yOff + r.nextInt(9));
            double[] z2 = z1.clone();
            double ad = value(r, SPECIAL_D);
            ref.axpy(ad, xd, xOff, z1, yOff, n);
            simd.axpy(ad, xd, xOff, z2, yOff, n);
            compareD("axpy F64 alpha=" + ad, z1, z2, true, null, 0, 0, xd, xOff, yOff);
        });
    }

    /**
     * Rows of len elements at leading dimensions ldx (x) and ldy (y) from xOff and yOff: lengths around the vector
     * width, 0 to 4 rows with gaps, x and y exactly as long as their last row.
     */
    record Rows(int len, int rows, int ldx, int ldy, int xOff, int yOff) {
        static Rows random(int kind, int lanes, Random r) {
            int len = length(kind, lanes, r);
            return new Rows(len, r.nextInt(5), len + r.nextInt(4), len + r.nextInt(4), r.nextInt(9), r.nextInt(9));
        }

        int xLen() {
            return xOff + Math.max(rows - 1, 0) * ldx + len;
        }

        int yLen() {
            return yOff + Math.max(rows - 1, 0) * ldy + len;
        }
    }

    /**
     * addRows against the reference, bit for bit: row lengths around the vector width, 0 to 4 rows with gaps, x and
     * y exactly as long as their last row (the masked tail ends at the array's end), y's gaps untouched.
     */
    @Test
    void addRowsIsBitIdentical() {
        qt().withExamples(60).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            Rows g = Rows.random(kind, fl, r);
            String what = g.toString();
            float[] x = floats(r, g.xLen());
            float[] y1 = floats(r, g.yLen());
            float[] y2 = y1.clone();
            ref.addRows(x, g.xOff(), g.ldx(), y1, g.yOff(), g.ldy(), g.len(), g.rows());
            simd.addRows(x, g.xOff(), g.ldx(), y2, g.yOff(), g.ldy(), g.len(), g.rows());
            for (int i = 0; i < g.yLen(); i++) {
                assertEquals(Float.floatToRawIntBits(y1[i]), Float.floatToRawIntBits(y2[i]),
                        "F32 at " + i + ": " + what);
            }
            double[] xd = doubles(r, g.xLen());
            double[] z1 = doubles(r, g.yLen());
            double[] z2 = z1.clone();
            double[] z0 = z1.clone();
            ref.addRows(xd, g.xOff(), g.ldx(), z1, g.yOff(), g.ldy(), g.len(), g.rows());
            simd.addRows(xd, g.xOff(), g.ldx(), z2, g.yOff(), g.ldy(), g.len(), g.rows());
            for (int i = 0; i < g.yLen(); i++) {
                assertEquals(Double.doubleToRawLongBits(z1[i]), Double.doubleToRawLongBits(z2[i]),
                        "F64 at " + i + ": " + what);
                int q = i - g.yOff();
                boolean inRow = q >= 0 && q % g.ldy() < g.len() && q / g.ldy() < g.rows();
                if (!inRow) {
                    assertEquals(Double.doubleToRawLongBits(z0[i]), Double.doubleToRawLongBits(z2[i]),
                            "F64 wrote outside the g.rows() at " + i + ": " + what);
                }
            }
        });
    }

    /**
     * biasRows against the reference, bit for bit, and the reference against its definition: row lengths around the
     * vector width, 0 to 4 rows with gaps, x and y exactly as long as their last row (the last vector of a row ends
     * at the array's end), a random bias (special values among them) with and without the ReLU, y's gaps untouched.
     */
    @Test
    void biasRowsIsBitIdentical() {
        qt().withExamples(60).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            Rows g = Rows.random(kind, fl, r);
            boolean relu = r.nextBoolean();
            float[] x = floats(r, g.xLen());
            float b = floats(r, 1)[0];
            String what = g + ", relu " + relu + ", bias " + b;
            float[] y0 = floats(r, g.yLen());
            float[] y1 = y0.clone();
            float[] y2 = y0.clone();
            ref.biasRows(x, g.xOff(), g.ldx(), b, relu, y1, g.yOff(), g.ldy(), g.len(), g.rows());
            simd.biasRows(x, g.xOff(), g.ldx(), b, relu, y2, g.yOff(), g.ldy(), g.len(), g.rows());
            // element (r, t) of the g.rows() reads x at row r, column t
            assertWrittenRows(x, g.xOff(), g.ldx(), 1, new float[] {b}, relu, y0, y1, y2, g.yOff(), g.ldy(), g.rows(), g.len(), what);
            double[] xd = doubles(r, g.xLen());
            double bd = doubles(r, 1)[0];
            double[] z1 = doubles(r, g.yLen());
            double[] z2 = z1.clone();
            ref.biasRows(xd, g.xOff(), g.ldx(), bd, relu, z1, g.yOff(), g.ldy(), g.len(), g.rows());
            simd.biasRows(xd, g.xOff(), g.ldx(), bd, relu, z2, g.yOff(), g.ldy(), g.len(), g.rows());
            assertSameBits(z1, z2, "F64 " + what + ", bias " + bd);
        });
    }

    /**
     * transposeBias against the reference, bit for bit, and the reference against its definition: column counts 1
     * to 2 vectors (padded leading dimensions), position counts around the vector width (the last vector overlaps),
     * x ending exactly at the last element read, special values in x and the bias, with and without bias and ReLU;
     * y outside the written rows untouched.
     */
    @Test
    void transposeBiasIsBitIdentical() {
        qt().withExamples(80).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            int n = length(kind, fl, r);
            int outs = r.nextInt(1, 2 * fl + 2);
            int ldx = outs + r.nextInt(3);
            int ldy = Math.max(1, n + r.nextInt(3));
            int xOff = r.nextInt(5);
            int yOff = r.nextInt(5);
            int bOff = r.nextInt(3);
            boolean relu = r.nextBoolean();
            boolean withBias = r.nextBoolean();
            int xLen = n == 0 ? xOff : xOff + (n - 1) * ldx + outs;
            int yLen = yOff + (outs - 1) * ldy + n + r.nextInt(3);
            String what = "n " + n + ", outs " + outs + ", ldx " + ldx + ", ldy " + ldy + ", relu " + relu
                    + ", bias " + withBias;
            float[] x = floats(r, xLen);
            float[] b = withBias ? floats(r, bOff + outs) : null;
            float[] y0 = floats(r, yLen);
            float[] y1 = y0.clone();
            float[] y2 = y0.clone();
            ref.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y1, yOff, ldy, n);
            simd.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y2, yOff, ldy, n);
            float[] bias = new float[outs];
            for (int o = 0; o < outs && b != null; o++) {
                bias[o] = b[bOff + o];
            }
            // element (o, q) of the rows reads x at position q, channel o
            assertWrittenRows(x, xOff, 1, ldx, bias, relu, y0, y1, y2, yOff, ldy, outs, n, what);
            double[] xd = doubles(r, xLen);
            double[] bd = withBias ? doubles(r, bOff + outs) : null;
            double[] z1 = doubles(r, yLen);
            double[] z2 = z1.clone();
            ref.transposeBias(xd, xOff, ldx, outs, bd, bOff, relu, z1, yOff, ldy, n);
            simd.transposeBias(xd, xOff, ldx, outs, bd, bOff, relu, z2, yOff, ldy, n);
            assertSameBits(z1, z2, "F64 " + what);
        });
    }

    /**
     * y2 (the SIMD kernel's) has y1's bits (the reference's); y1 holds, in rows r &lt; rows and columns t &lt; len
     * of y (from yOff, leading dimension ldy), relu?(x[xOff + r·rowStep + t·colStep] + bias[r or 0]) and y0
     * elsewhere (bias has one entry per row, or one for all).
     */
    private static void assertWrittenRows(float[] x, int xOff, int rowStep, int colStep, float[] bias, boolean relu,
                                          float[] y0, float[] y1, float[] y2, int yOff, int ldy, int rows, int len,
                                          String what) {
        for (int i = 0; i < y0.length; i++) {
            assertEquals(Float.floatToRawIntBits(y1[i]), Float.floatToRawIntBits(y2[i]), "F32 at " + i + ": " + what);
            int q = i - yOff;
            if (q >= 0 && q % ldy < len && q / ldy < rows) {
                int row = q / ldy;
                float v = x[xOff + row * rowStep + q % ldy * colStep] + bias[bias.length == 1 ? 0 : row];
                assertEquals(Float.floatToRawIntBits(relu && v <= 0 ? 0f : v), Float.floatToRawIntBits(y1[i]),
                        "F32 reference at " + i + ": " + what);
            } else {
                assertEquals(Float.floatToRawIntBits(y0[i]), Float.floatToRawIntBits(y1[i]),
                        "F32 reference wrote outside the rows at " + i + ": " + what);
            }
        }
    }

    private static void assertSameBits(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + " at " + i);
        }
    }

    @Test
    void maxMinPropagateNaNAndOrderSignedZeros() {
        float[] a = new float[4 * fl];
        float[] b = new float[4 * fl];
        for (int i = 0; i < a.length; i++) {
            a[i] = new float[] {-0f, 0f, Float.NaN, 1f}[i % 4];
            b[i] = new float[] {0f, -0f, 1f, Float.NaN}[(i / 4) % 4];
        }
        float[] mx = new float[a.length];
        float[] mn = new float[a.length];
        simd.binary(BinaryOp.MAX, a, 0, b, 0, mx, 0, a.length);
        simd.binary(BinaryOp.MIN, a, 0, b, 0, mn, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(Math.max(a[i], b[i])), Float.floatToIntBits(mx[i]), "max " + a[i] + " " + b[i]);
            assertEquals(Float.floatToIntBits(Math.min(a[i], b[i])), Float.floatToIntBits(mn[i]), "min " + a[i] + " " + b[i]);
        }
    }

    // ------------------------------------------------------------------------------------------ special values

    @Test
    void saturatingFunctionsAreExactAtTheExtremesInTheVectorBody() {
        int n = 4 * fl;
        assertAllF(UnaryOp.SIGMOID, -1000f, 0f, n);
        assertAllF(UnaryOp.SIGMOID, 1000f, 1f, n);
        assertAllF(UnaryOp.SOFTPLUS, 1000f, 1000f, n);
        assertAllF(UnaryOp.SOFTPLUS, -1000f, 0f, n);
        assertAllF(UnaryOp.TANH, 50f, 1f, n);
        assertAllF(UnaryOp.TANH, -50f, -1f, n);
        assertAllF(UnaryOp.GELU, 1000f, 1000f, n);
        assertAllF(UnaryOp.GELU_TANH, 1000f, 1000f, n);
        int m = 4 * dl;
        assertAllD(UnaryOp.SIGMOID, -1000, 0, m);
        assertAllD(UnaryOp.SIGMOID, 1000, 1, m);
        assertAllD(UnaryOp.SOFTPLUS, 1000, 1000, m);
        assertAllD(UnaryOp.SOFTPLUS, -1000, 0, m);
        assertAllD(UnaryOp.TANH, 50, 1, m);
        assertAllD(UnaryOp.TANH, -50, -1, m);
        assertAllD(UnaryOp.GELU, 1000, 1000, m);
    }

    private void assertAllF(UnaryOp op, float x, float expected, int n) {
        float[] in = new float[n];
        Arrays.fill(in, x);
        float[] out = new float[n];
        simd.unary(op, 1, 0, in, 0, out, 0, n);
        for (float v : out) {
            assertEquals(expected, v, op + "(" + x + ")");
        }
    }

    private void assertAllD(UnaryOp op, double x, double expected, int n) {
        double[] in = new double[n];
        Arrays.fill(in, x);
        double[] out = new double[n];
        simd.unary(op, 1, 0, in, 0, out, 0, n);
        for (double v : out) {
            assertEquals(expected, v, op + "(" + x + ")");
        }
    }

    @Test
    void specialValuesInEveryLaneMatchTheReference() {
        for (UnaryOp op : UnaryOp.values()) {
            double[] p = params(op, new Random(op.ordinal()));
            // every special value in every lane position, in the vector body and in the tail
            int n = SPECIAL_F.length * (fl + 1) + fl / 2;
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = SPECIAL_F[i % SPECIAL_F.length];
            }
            float[] yr = new float[n];
            float[] ys = new float[n];
            ref.unary(op, p[0], p[1], x, 0, yr, 0, n);
            simd.unary(op, p[0], p[1], x, 0, ys, 0, n);
            compareF(op + " F32 specials", yr, ys, EXACT_UNARY.contains(op), null, RTOL_F, ATOL_F, x, 0, 0);
            float[] dr = new float[n];
            float[] ds = new float[n];
            ref.unaryBackward(op, p[0], p[1], x, 0, yr, 0, null, 0, dr, 0, n);
            simd.unaryBackward(op, p[0], p[1], x, 0, yr, 0, null, 0, ds, 0, n);
            compareF(op + "' F32 specials", dr, ds, EXACT_BACKWARD.contains(op), null, RTOL_F, ATOL_F + 1e-7, x, 0, 0);
            for (int i = 0; i < n; i++) {
                if (!Float.isNaN(x[i]) && !Float.isInfinite(x[i]) && op != UnaryOp.LOG && op != UnaryOp.SQRT
                        && op != UnaryOp.POW) {
                    assertFalse(Float.isNaN(ys[i]), op + "(" + x[i] + ") is NaN");
                    assertFalse(Float.isNaN(ds[i]), op + "'(" + x[i] + ") is NaN");
                }
                if (Float.isNaN(x[i])) {
                    assertEquals(Float.NaN, ys[i], op + "(NaN)");
                    assertEquals(Float.NaN, ds[i], op + "'(NaN)");
                }
            }
            int m = SPECIAL_D.length * (dl + 1) + dl / 2;
            double[] xd = new double[m];
            for (int i = 0; i < m; i++) {
                xd[i] = SPECIAL_D[i % SPECIAL_D.length];
            }
            double[] zr = new double[m];
            double[] zs = new double[m];
            ref.unary(op, p[0], p[1], xd, 0, zr, 0, m);
            simd.unary(op, p[0], p[1], xd, 0, zs, 0, m);
            compareD(op + " F64 specials", zr, zs, EXACT_UNARY.contains(op), null, RTOL_D, ATOL_D, xd, 0, 0);
            double[] er = new double[m];
            double[] es = new double[m];
            ref.unaryBackward(op, p[0], p[1], xd, 0, zr, 0, null, 0, er, 0, m);
            simd.unaryBackward(op, p[0], p[1], xd, 0, zr, 0, null, 0, es, 0, m);
            compareD(op + "' F64 specials", er, es, EXACT_BACKWARD.contains(op), null, RTOL_D, ATOL_D + 1e-15, xd, 0, 0);
        }
    }
}
