package org.vecgrad.engine.kernel.gemm;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The rows kernels read whole MR-row panels of untransposed A where A is stored (only a ragged last panel is copied):
 * a narrow product (fewer than {@link GemmF32#ROWS_MAX_PANELS} column panels, the rows kernels) gives, column for
 * column, the bits of a wide product of the same A (p-major packed A), whatever the offset, leading dimension, rows
 * (partial last panels) and depth blocks; values include ±0, subnormals, ±Inf, NaN and ±1e4.
 */
class RowsInPlaceTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    private static final double[] SPECIALS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL / 3,
        Float.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};

    @Test
    void narrowProductsReadingAInPlaceEqualWideOnesBitForBit() {
        qt().withExamples(40).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 1), integers().between(0, 1))
                .checkAssert((seed, transB, betaZero) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    GemmTile t = GemmTile.DEFAULT;
                    int kc = 1 + r.nextInt(70);
                    GemmF32 f = new GemmF32(t, new GemmBlocking((1 + r.nextInt(3)) * t.mr(), kc, 4 * t.nv() * GemmF32.L));
                    GemmF64 d = new GemmF64(t, new GemmBlocking((1 + r.nextInt(3)) * t.mr(), kc, 4 * t.nv() * GemmF64.L));
                    int m = 1 + r.nextInt(5 * t.mr());
                    int k = 1 + r.nextInt(150);
                    compare(f, null, r, transB == 1, betaZero == 1, m, k);
                    compare(null, d, r, transB == 1, betaZero == 1, m, k);
                });
    }

    private static void compare(GemmF32 f, GemmF64 d, SplittableRandom r, boolean tb, boolean betaZero, int m, int k) {
        int nr = f != null ? f.nr : d.nr;
        int wide = GemmF32.ROWS_MAX_PANELS * nr + r.nextInt(nr);
        int narrow = 1 + r.nextInt(GemmF32.ROWS_MAX_PANELS * nr - 1);
        int aOff = r.nextInt(5);
        int lda = k + r.nextInt(4);
        double[] a = values(r, aOff + m * lda);
        int bOff = r.nextInt(5);
        int ldb = (tb ? k : wide) + r.nextInt(4);
        double[] b = values(r, bOff + (tb ? wide : k) * ldb);
        double[] c0 = values(r, m * wide);
        double alpha = 0.5 + r.nextInt(3);
        double beta = betaZero ? 0.0 : -0.75;
        if (f != null) {
            float[] af = toFloat(a);
            float[] bf = toFloat(b);
            float[] cw = toFloat(c0);
            float[] cn = toFloat(c0);
            f.block(false, tb, 0, m, 0, wide, k, (float) alpha, af, aOff, lda, bf, bOff, ldb, (float) beta, cw, 0, wide);
            f.block(false, tb, 0, m, 0, narrow, k, (float) alpha, af, aOff, lda, bf, bOff, ldb, (float) beta, cn, 0,
                    wide);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < wide; j++) {
                    float want = j < narrow ? cw[i * wide + j] : (float) c0[i * wide + j];
                    if (Float.floatToIntBits(cn[i * wide + j]) != Float.floatToIntBits(want)) {
                        throw new AssertionError("F32 m=" + m + " k=" + k + " narrow=" + narrow + " wide=" + wide
                                + " tb=" + tb + " aOff=" + aOff + " lda=" + lda + " kc=" + f.blocking.kc() + " C[" + i
                                + "][" + j + "] = " + cn[i * wide + j] + ", want " + want);
                    }
                }
            }
        } else {
            double[] cw = c0.clone();
            double[] cn = c0.clone();
            d.block(false, tb, 0, m, 0, wide, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cw, 0, wide);
            d.block(false, tb, 0, m, 0, narrow, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cn, 0, wide);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < wide; j++) {
                    double want = j < narrow ? cw[i * wide + j] : c0[i * wide + j];
                    if (Double.doubleToLongBits(cn[i * wide + j]) != Double.doubleToLongBits(want)) {
                        throw new AssertionError("F64 m=" + m + " k=" + k + " narrow=" + narrow + " wide=" + wide
                                + " tb=" + tb + " aOff=" + aOff + " lda=" + lda + " kc=" + d.blocking.kc() + " C[" + i
                                + "][" + j + "] = " + cn[i * wide + j] + ", want " + want);
                    }
                }
            }
        }
    }

    private static double[] values(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(50) == 0 ? SPECIALS[r.nextInt(SPECIALS.length)] : r.nextGaussian();
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }
}
