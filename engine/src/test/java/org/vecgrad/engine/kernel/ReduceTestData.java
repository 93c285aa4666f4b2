package org.vecgrad.engine.kernel;

import java.math.BigDecimal;
import java.util.Random;

/** Random inputs for the reduction-kernel tests: mixed magnitudes, optional special values, padded arrays. */
final class ReduceTestData {
    /** Padding on each side of the data, filled with a sentinel so out-of-range reads or writes show. */
    static final int PAD = 7;

    private static final double[] SPECIAL_D = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL / 3, -Double.MIN_NORMAL / 7, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, 1e4, -1e4};
    private static final float[] SPECIAL_F = {0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MIN_NORMAL / 3, -Float.MIN_NORMAL / 7, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, 1e4f, -1e4f};

    private ReduceTestData() {
    }

    /** How often special values appear. */
    enum Mix { FINITE, SPARSE_SPECIAL, DENSE_SPECIAL }

    static Mix mix(int code) {
        return Mix.values()[Math.floorMod(code, 3)];
    }

    /** A finite value of random sign and magnitude 2^[-8, 8) (wide enough to exercise cancellation). */
    static double finite(Random r) {
        return (r.nextBoolean() ? 1 : -1) * Math.scalb(1 + r.nextDouble(), r.nextInt(16) - 8);
    }

    private static boolean special(Random r, Mix mix, int n) {
        return switch (mix) {
            case FINITE -> false;
            case SPARSE_SPECIAL -> r.nextInt(n + 2) == 0;
            case DENSE_SPECIAL -> r.nextInt(4) == 0;
        };
    }

    /** An array of off + n + PAD doubles; [off, off+n) random, the rest {@code pad}. */
    static double[] doubles(Random r, int off, int n, Mix mix, double pad) {
        double[] a = new double[off + n + PAD];
        java.util.Arrays.fill(a, pad);
        for (int i = 0; i < n; i++) {
            a[off + i] = special(r, mix, n) ? SPECIAL_D[r.nextInt(SPECIAL_D.length)] : finite(r);
        }
        return a;
    }

    /** An array of off + n + PAD floats; [off, off+n) random, the rest {@code pad}. */
    static float[] floats(Random r, int off, int n, Mix mix, float pad) {
        float[] a = new float[off + n + PAD];
        java.util.Arrays.fill(a, pad);
        for (int i = 0; i < n; i++) {
            a[off + i] = special(r, mix, n) ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : (float) finite(r);
        }
        return a;
    }

    /** Exact Σ x[i] (all finite). */
    static BigDecimal exactSum(double[] x, int off, int n) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = off; i < off + n; i++) {
            s = s.add(new BigDecimal(x[i]));
        }
        return s;
    }

    /** Exact Σ a[i]·b[i] (all finite). */
    static BigDecimal exactDot(double[] a, int aOff, double[] b, int bOff, int n) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            s = s.add(new BigDecimal(a[aOff + i]).multiply(new BigDecimal(b[bOff + i])));
        }
        return s;
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static boolean allFinite(double[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    static double sumAbs(double[] x, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) {
            s += Math.abs(x[i]);
        }
        return s;
    }
}
