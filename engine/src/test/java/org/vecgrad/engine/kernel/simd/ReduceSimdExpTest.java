package org.vecgrad.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The polynomial e^x of the softmax kernels (through expStoreSum with max 0, which stores e^x) against Math.exp
 * over their whole domain x ≤ 0, and at specials.
 */
class ReduceSimdExpTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    /** Sweep points: an even grid over [lo, 0], random points, and the edges around the underflow threshold. */
    private static double[] points(double lo, double threshold, int n) {
        Random r = new Random(5);
        double[] p = new double[2 * n + 6];
        for (int i = 0; i < n; i++) {
            p[i] = lo * i / (n - 1);
            p[n + i] = lo * r.nextDouble() * (r.nextBoolean() ? 1 : 1e-6);
        }
        p[2 * n] = threshold;
        p[2 * n + 1] = Math.nextUp(threshold);
        p[2 * n + 2] = Math.nextDown(threshold);
        p[2 * n + 3] = -Double.MIN_VALUE;
        p[2 * n + 4] = -1e-30;
        p[2 * n + 5] = -0.5 * Math.log(2);
        return p;
    }

    @Test
    void floatExpIsWithinOneUlp() {
        int lanes = SimdSpecies.F.length();
        double[] p = points(-110, -87.33654, 20_000);
        float[] x = new float[(p.length + lanes - 1) / lanes * lanes];
        for (int i = 0; i < p.length; i++) {
            x[i] = (float) p[i];
        }
        float[] y = new float[x.length];
        // expStoreSum with m = 0 stores e^x; the length is a multiple of the lanes, so every element is vector code
        ReduceSimdF32.expStoreSum(x, 0, y, 0, x.length, 0f);
        for (int i = 0; i < x.length; i++) {
            double want = Math.exp(x[i]);
            if (want >= Float.MIN_NORMAL) {
                assertTrue(Math.abs(y[i] - want) <= Math.ulp((float) want), "exp(" + x[i] + ") = " + want
                        + ", got " + y[i]);
            } else {
                // subnormal results are flushed to 0 (by design) or kept
                assertTrue(y[i] == 0 || Math.abs(y[i] - want) <= Float.MIN_VALUE, "exp(" + x[i] + ") got " + y[i]);
            }
        }
        float[] s = {0f, -0f, Float.NEGATIVE_INFINITY, Float.NaN, -1e4f, -88f, -1f, -Float.MIN_VALUE};
        float[] out = new float[lanes];
        for (int i = 0; i < s.length; i += lanes) {
            float[] chunk = java.util.Arrays.copyOfRange(s, i, i + lanes);
            ReduceSimdF32.expStoreSum(chunk, 0, out, 0, lanes, 0f);
            for (int j = 0; j < lanes && i + j < s.length; j++) {
                float want = (float) Math.exp(s[i + j]);
                assertEquals(want, out[j], Float.isNaN(want) ? 0 : Math.max(Math.ulp(want), Float.MIN_NORMAL),
                        "exp(" + s[i + j] + ")");
            }
        }
    }

    @Test
    void doubleExpIsWithinOneUlp() {
        int lanes = SimdSpecies.D.length();
        double[] p = points(-760, -708.3964185322641, 20_000);
        double[] x = java.util.Arrays.copyOf(p, (p.length + lanes - 1) / lanes * lanes);
        double[] y = new double[x.length];
        ReduceSimdF64.expStoreSum(x, 0, y, 0, x.length, 0.0);
        for (int i = 0; i < x.length; i++) {
            double want = Math.exp(x[i]);
            if (want >= Double.MIN_NORMAL) {
                // Math.exp is itself within 1 ulp, so allow 2 between the two
                assertTrue(Math.abs(y[i] - want) <= 2 * Math.ulp(want), "exp(" + x[i] + ") = " + want + ", got "
                        + y[i]);
            } else {
                assertTrue(y[i] == 0 || Math.abs(y[i] - want) <= Double.MIN_VALUE, "exp(" + x[i] + ") got " + y[i]);
            }
        }
        double[] s = {0.0, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, -1e4, -709, -1, -Double.MIN_VALUE};
        double[] out = new double[lanes];
        for (int i = 0; i < s.length; i += lanes) {
            double[] chunk = java.util.Arrays.copyOfRange(s, i, i + lanes);
            ReduceSimdF64.expStoreSum(chunk, 0, out, 0, lanes, 0.0);
            for (int j = 0; j < lanes && i + j < s.length; j++) {
                double want = Math.exp(s[i + j]);
                assertEquals(want, out[j], Double.isNaN(want) ? 0 : Math.max(Math.ulp(want), Double.MIN_NORMAL),
                        "exp(" + s[i + j] + ")");
            }
        }
    }
}
