package org.vecgrad.autodiff;

import java.util.SplittableRandom;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/** Random shapes and values for the gradient tests. */
final class Gen {
    private Gen() {
    }

    /** Kinks of the piecewise ops (0, ±1, ±2 and the clamp bounds ±1.5): values keep at least 0.05 away. */
    private static final double[] KINKS = {0, 1, -1, 2, -2, 1.5, -1.5};

    static int[] shape(SplittableRandom r, int minRank, int maxRank, int maxDim) {
        int rank = r.nextInt(minRank, maxRank + 1);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = r.nextInt(1, maxDim + 1);
        }
        return s;
    }

    /** A shape that broadcasts to {@code s}: some leading axes dropped, some axes set to 1. */
    static int[] broadcastable(SplittableRandom r, int[] s) {
        int drop = r.nextInt(0, s.length + 1);
        int[] b = new int[s.length - drop];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(3) == 0 ? 1 : s[drop + i];
        }
        return b;
    }

    /** Uniform on [−2.5, 2.5] but at least 0.05 from every kink. */
    static NdArray awayFromKinks(SplittableRandom r, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            double v;
            do {
                v = r.nextDouble(-2.5, 2.5);
            } while (nearKink(v));
            a.setFlat(i, v);
        }
        return a;
    }

    private static boolean nearKink(double v) {
        for (double k : KINKS) {
            if (Math.abs(v - k) < 0.05) {
                return true;
            }
        }
        return false;
    }

    /**
     * Values near a grid of step 0.2 in [−2.4, 2.4]: on the even multiples of 0.1 ({@code odd} false) or the odd ones
     * ({@code odd} true), each moved by at most 0.02. An even and an odd array differ by at least 0.06 in every pair
     * of elements, so {@code maximum}/{@code minimum} of the two have no tie within a finite-difference step or a
     * float rounding (independent uniform values come within 1e-6 of each other in about one pair in 2 million).
     */
    static NdArray apart(SplittableRandom r, boolean odd, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            int k = odd ? 2 * r.nextInt(-12, 12) + 1 : 2 * r.nextInt(-12, 13);
            a.setFlat(i, 0.1 * k + r.nextDouble(-0.02, 0.02));
        }
        return a;
    }

    /** Uniform on [lo, hi). */
    static NdArray uniform(SplittableRandom r, double lo, double hi, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, r.nextDouble(lo, hi));
        }
        return a;
    }

    /** |x| uniform on [lo, hi) with a random sign. */
    static NdArray signedMagnitude(SplittableRandom r, double lo, double hi, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            double v = r.nextDouble(lo, hi);
            a.setFlat(i, r.nextBoolean() ? v : -v);
        }
        return a;
    }

    /** Distinct values (a shuffled grid plus jitter), so max/min have a unique winner with a clear gap. */
    static NdArray distinct(SplittableRandom r, int... shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        int n = a.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < n; i++) {
            a.setFlat(i, (perm[i] - n / 2.0) * 0.3 + r.nextDouble(-0.05, 0.05));
        }
        return a;
    }

    static Tensor leaf(NdArray a) {
        return Tensor.of(a, true);
    }
}
