package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API optimizer steps (adamStep, sgdStep, rmspropStep, adagradStep) against the scalar reference, F32
 * and F64: every array (parameter, gradient, state buffers) must come back bit-identical (NaNs equal whatever their
 * payload, −0 ≠ +0), including the elements outside [off, off + n), which both leave untouched.
 *
 * <p>Inputs: lengths 0, 1, lanes−1, lanes, lanes+1, 2·lanes+3 and about 5000; random offsets into larger arrays;
 * values of several magnitudes with ±0, subnormals, ±∞, NaN, ±1e4 mixed in (also in the state buffers, where
 * negative "squares" make NaN square roots on both sides); random hyperparameters, every flag combination
 * (weight decay on/off, AMSGrad, AdamW decay, momentum, first step, Nesterov, maximize, centered).
 */
class OptimizerStepKernelsTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-40, -3e-39,
        1e-310, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4, 1.0, -1.0,
        Float.MAX_VALUE, Double.MAX_VALUE};

    private OptimizerKernels simd;
    private OptimizerKernels ref;
    private int fl;
    private int dl;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "Vector API backend not available: "
                + Kernels.simdUnavailableReason());
        Backend b = Kernels.simd().orElseThrow();
        simd = b.optimizer();
        ref = Kernels.scalar().optimizer();
        fl = b.floatLanes();
        dl = b.doubleLanes();
    }

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

    private static double value(Random r) {
        if (r.nextInt(10) == 0) {
            return SPECIAL[r.nextInt(SPECIAL.length)];
        }
        return switch (r.nextInt(3)) {
            case 0 -> r.nextGaussian();
            case 1 -> r.nextGaussian() * 1e-3;
            default -> Math.copySign(Math.exp(r.nextDouble() * 30 - 20), r.nextDouble() - 0.5);
        };
    }

    /** One array of each role, with its own random offset; F32 and F64 copies of the same values. */
    private static final class Arrays2 {
        final int n;
        final int[] off;
        final float[][] f;
        final double[][] d;

        Arrays2(Random r, int n, int count) {
            this.n = n;
            off = new int[count];
            f = new float[count][];
            d = new double[count][];
            for (int k = 0; k < count; k++) {
                off[k] = r.nextInt(9);
                int size = n + off[k] + r.nextInt(9);
                f[k] = new float[size];
                d[k] = new double[size];
                for (int i = 0; i < size; i++) {
                    d[k][i] = value(r);
                    f[k][i] = (float) d[k][i];
                }
            }
        }

        float[][] cloneF() {
            float[][] c = new float[f.length][];
            for (int k = 0; k < f.length; k++) {
                c[k] = f[k].clone();
            }
            return c;
        }

        double[][] cloneD() {
            double[][] c = new double[d.length][];
            for (int k = 0; k < d.length; k++) {
                c[k] = d[k].clone();
            }
            return c;
        }
    }

    private static void same(String what, float[][] expected, float[][] actual) {
        for (int k = 0; k < expected.length; k++) {
            if (!Arrays.equals(expected[k], actual[k])) {
                int i = Arrays.mismatch(expected[k], actual[k]);
                fail(what + ": array " + k + " differs at " + i + ": reference " + expected[k][i] + ", simd "
                        + actual[k][i]);
            }
        }
    }

    private static void same(String what, double[][] expected, double[][] actual) {
        for (int k = 0; k < expected.length; k++) {
            if (!Arrays.equals(expected[k], actual[k])) {
                int i = Arrays.mismatch(expected[k], actual[k]);
                fail(what + ": array " + k + " differs at " + i + ": reference " + expected[k][i] + ", simd "
                        + actual[k][i]);
            }
        }
    }

    /** A hyperparameter: usually in [lo, hi), sometimes exactly 0 when {@code zeroOk}. */
    private static double hyper(Random r, double lo, double hi, boolean zeroOk) {
        return zeroOk && r.nextInt(3) == 0 ? 0.0 : lo + r.nextDouble() * (hi - lo);
    }

    // ------------------------------------------------------------------------------------------------ Adam

    @Test
    void adamIsBitIdentical() {
        qt().withExamples(80).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            boolean ams = r.nextBoolean();
            double beta1 = hyper(r, 0.5, 0.99, true);
            double beta2 = hyper(r, 0.9, 0.9999, true);
            double l2 = hyper(r, 1e-4, 0.5, true);
            double decay = r.nextBoolean() ? 1.0 : 1 - hyper(r, 1e-5, 1e-2, false);
            int t = 1 + r.nextInt(1000);
            double lr = hyper(r, 1e-5, 0.1, true);
            double stepSize = lr / (1 - Math.pow(beta1, t));
            double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
            double eps = r.nextBoolean() ? 1e-8 : hyper(r, 1e-12, 1e-3, false);
            String what = "adam(ams=" + ams + ", b1=" + beta1 + ", b2=" + beta2 + ", l2=" + l2 + ", decay=" + decay
                    + ", t=" + t + ")";
            for (int lanes : new int[] {fl, dl}) {
                int n = length(kind, lanes, r);
                Arrays2 a = new Arrays2(r, n, 5);
                int[] o = a.off;
                if (lanes == fl) {
                    float[][] x = a.cloneF();
                    float[][] y = a.cloneF();
                    ref.adamStep(x[0], o[0], x[1], o[1], x[2], o[2], x[3], o[3], ams ? x[4] : null, o[4], n, beta1,
                            beta2, l2, decay, stepSize, bc2Sqrt, eps);
                    simd.adamStep(y[0], o[0], y[1], o[1], y[2], o[2], y[3], o[3], ams ? y[4] : null, o[4], n,
                            beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
                    same(what + " F32 n=" + n, x, y);
                }
                if (lanes == dl) {
                    double[][] x = a.cloneD();
                    double[][] y = a.cloneD();
                    ref.adamStep(x[0], o[0], x[1], o[1], x[2], o[2], x[3], o[3], ams ? x[4] : null, o[4], n, beta1,
                            beta2, l2, decay, stepSize, bc2Sqrt, eps);
                    simd.adamStep(y[0], o[0], y[1], o[1], y[2], o[2], y[3], o[3], ams ? y[4] : null, o[4], n,
                            beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
                    same(what + " F64 n=" + n, x, y);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ SGD

    @Test
    void sgdIsBitIdentical() {
        qt().withExamples(80).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            boolean mom = r.nextInt(3) != 0;
            boolean nesterov = mom && r.nextBoolean();
            boolean first = mom && r.nextInt(3) == 0;
            boolean maximize = r.nextInt(4) == 0;
            double lr = hyper(r, 1e-4, 1, true);
            double momentum = mom ? hyper(r, 0.1, 0.99, false) : 0;
            double dampening = nesterov ? 0 : hyper(r, 0, 0.9, true);
            double wd = hyper(r, 1e-5, 0.1, true);
            String what = "sgd(mom=" + momentum + ", damp=" + dampening + ", wd=" + wd + ", nesterov=" + nesterov
                    + ", first=" + first + ", max=" + maximize + ")";
            for (int lanes : new int[] {fl, dl}) {
                int n = length(kind, lanes, r);
                Arrays2 a = new Arrays2(r, n, 3);
                int[] o = a.off;
                if (lanes == fl) {
                    float[][] x = a.cloneF();
                    float[][] y = a.cloneF();
                    ref.sgdStep(x[0], o[0], x[1], o[1], mom ? x[2] : null, o[2], n, lr, momentum, dampening, wd,
                            nesterov, first, maximize);
                    simd.sgdStep(y[0], o[0], y[1], o[1], mom ? y[2] : null, o[2], n, lr, momentum, dampening, wd,
                            nesterov, first, maximize);
                    same(what + " F32 n=" + n, x, y);
                }
                if (lanes == dl) {
                    double[][] x = a.cloneD();
                    double[][] y = a.cloneD();
                    ref.sgdStep(x[0], o[0], x[1], o[1], mom ? x[2] : null, o[2], n, lr, momentum, dampening, wd,
                            nesterov, first, maximize);
                    simd.sgdStep(y[0], o[0], y[1], o[1], mom ? y[2] : null, o[2], n, lr, momentum, dampening, wd,
                            nesterov, first, maximize);
                    same(what + " F64 n=" + n, x, y);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ RMSprop

    @Test
    void rmspropIsBitIdentical() {
        qt().withExamples(80).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            boolean centered = r.nextBoolean();
            boolean mom = r.nextBoolean();
            double lr = hyper(r, 1e-4, 0.1, true);
            double alpha = hyper(r, 0.5, 1.0, true);
            double eps = r.nextBoolean() ? 1e-8 : hyper(r, 1e-12, 1e-3, false);
            double wd = hyper(r, 1e-5, 0.1, true);
            double momentum = mom ? hyper(r, 0.1, 0.99, false) : 0;
            String what = "rmsprop(centered=" + centered + ", mom=" + momentum + ", alpha=" + alpha + ", wd=" + wd
                    + ")";
            for (int lanes : new int[] {fl, dl}) {
                int n = length(kind, lanes, r);
                Arrays2 a = new Arrays2(r, n, 5);
                int[] o = a.off;
                if (lanes == fl) {
                    float[][] x = a.cloneF();
                    float[][] y = a.cloneF();
                    ref.rmspropStep(x[0], o[0], x[1], o[1], x[2], o[2], centered ? x[3] : null, o[3],
                            mom ? x[4] : null, o[4], n, lr, alpha, eps, wd, momentum);
                    simd.rmspropStep(y[0], o[0], y[1], o[1], y[2], o[2], centered ? y[3] : null, o[3],
                            mom ? y[4] : null, o[4], n, lr, alpha, eps, wd, momentum);
                    same(what + " F32 n=" + n, x, y);
                }
                if (lanes == dl) {
                    double[][] x = a.cloneD();
                    double[][] y = a.cloneD();
                    ref.rmspropStep(x[0], o[0], x[1], o[1], x[2], o[2], centered ? x[3] : null, o[3],
                            mom ? x[4] : null, o[4], n, lr, alpha, eps, wd, momentum);
                    simd.rmspropStep(y[0], o[0], y[1], o[1], y[2], o[2], centered ? y[3] : null, o[3],
                            mom ? y[4] : null, o[4], n, lr, alpha, eps, wd, momentum);
                    same(what + " F64 n=" + n, x, y);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ Adagrad

    @Test
    void adagradIsBitIdentical() {
        qt().withExamples(80).forAll(integers().between(0, 7), longs().all()).checkAssert((kind, seed) -> {
            Random r = new Random(seed);
            double clr = hyper(r, 1e-4, 0.5, true);
            double eps = r.nextBoolean() ? 1e-10 : hyper(r, 1e-12, 1e-3, false);
            double wd = hyper(r, 1e-5, 0.1, true);
            String what = "adagrad(clr=" + clr + ", eps=" + eps + ", wd=" + wd + ")";
            for (int lanes : new int[] {fl, dl}) {
                int n = length(kind, lanes, r);
                Arrays2 a = new Arrays2(r, n, 3);
                int[] o = a.off;
                if (lanes == fl) {
                    float[][] x = a.cloneF();
                    float[][] y = a.cloneF();
                    ref.adagradStep(x[0], o[0], x[1], o[1], x[2], o[2], n, clr, eps, wd);
                    simd.adagradStep(y[0], o[0], y[1], o[1], y[2], o[2], n, clr, eps, wd);
                    same(what + " F32 n=" + n, x, y);
                }
                if (lanes == dl) {
                    double[][] x = a.cloneD();
                    double[][] y = a.cloneD();
                    ref.adagradStep(x[0], o[0], x[1], o[1], x[2], o[2], n, clr, eps, wd);
                    simd.adagradStep(y[0], o[0], y[1], o[1], y[2], o[2], n, clr, eps, wd);
                    same(what + " F64 n=" + n, x, y);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ reference

    /**
     * The F32 kernels compute in float: on 200 random elements one Adam step equals the update written out in float
     * arithmetic, which (for some of them) differs from the double computation rounded once.
     */
    @Test
    void f32AdamComputesInFloat() {
        Random r = new Random(42);
        double b1 = 0.9, b2 = 0.999, lr = 0.1, eps = 1e-8;
        int t = 7;
        double stepSize = lr / (1 - Math.pow(b1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        int n = 200;
        float[] th = new float[n], g = new float[n], m = new float[n], v = new float[n];
        float[] thf = new float[n], mf = new float[n], vf = new float[n];
        int differ = 0;
        for (int i = 0; i < n; i++) {
            th[i] = (float) r.nextGaussian();
            g[i] = (float) r.nextGaussian();
            m[i] = (float) (0.1 * r.nextGaussian());
            v[i] = (float) (0.01 * r.nextDouble());
            mf[i] = (float) b1 * m[i] + (float) (1 - b1) * g[i];
            vf[i] = (float) b2 * v[i] + (float) (1 - b2) * g[i] * g[i];
            thf[i] = th[i] * 1f - (float) stepSize * mf[i] / ((float) Math.sqrt(vf[i]) / (float) bc2Sqrt + (float) eps);
            double md = b1 * m[i] + (1 - b1) * g[i];
            double vd = b2 * v[i] + (1 - b2) * g[i] * g[i];
            float thd = (float) (th[i] - stepSize * md / (Math.sqrt(vd) / bc2Sqrt + eps));
            assertEquals(thd, thf[i], 1e-5f);
            assertEquals((float) md, mf[i], 1e-6f);
            differ += (thd != thf[i] ? 1 : 0) + ((float) md != mf[i] ? 1 : 0) + ((float) vd != vf[i] ? 1 : 0);
        }
        assertNotEquals(0, differ, "float and double-rounded-once updates never differ: the check below is blind");
        for (OptimizerKernels k : new OptimizerKernels[] {ref, simd}) {
            float[] p = th.clone(), mm = m.clone(), vv = v.clone();
            k.adamStep(p, 0, g, 0, mm, 0, vv, 0, null, 0, n, b1, b2, 0, 1, stepSize, bc2Sqrt, eps);
            assertArrayEquals(thf, p);
            assertArrayEquals(mf, mm);
            assertArrayEquals(vf, vv);
        }
    }
}
