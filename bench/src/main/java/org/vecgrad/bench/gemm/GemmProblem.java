package org.vecgrad.bench.gemm;

import java.util.SplittableRandom;

/**
 * One GEMM problem of the benchmarks: {@code C = op(A)·op(B)}, op(A) M × K, op(B) K × N, C M × N, row-major, with
 * A and B uniform in [−1, 1) from seed 17 (the same values in F32 and F64: the float arrays are the doubles rounded).
 *
 * <p>{@code shape} is {@code MxNxK:tt} (t = n, stored as is, or t, stored transposed, for A then B; {@code :nn} when
 * the suffix is absent), e.g. {@code 1024x1024x1024:nn}, {@code 128x784x256:nt}.
 */
final class GemmProblem {
    final int m;
    final int n;
    final int k;
    final boolean ta;
    final boolean tb;
    final boolean f32;
    final float[] af;
    final float[] bf;
    final double[] ad;
    final double[] bd;

    private GemmProblem(int m, int n, int k, boolean ta, boolean tb, boolean f32) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.ta = ta;
        this.tb = tb;
        this.f32 = f32;
        SplittableRandom r = new SplittableRandom(17);
        ad = new double[m * k];
        bd = new double[k * n];
        for (int i = 0; i < ad.length; i++) {
            ad[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < bd.length; i++) {
            bd[i] = r.nextDouble(-1, 1);
        }
        af = toFloat(ad);
        bf = toFloat(bd);
    }

    /** Parses {@code MxNxK[:tt]} and {@code F32|F64}; throws naming the bad value. */
    static GemmProblem of(String shape, String dtype) {
        if (!dtype.equals("F32") && !dtype.equals("F64")) {
            throw new IllegalArgumentException("dtype: F32 or F64, not " + dtype);
        }
        String[] mt = shape.split(":");
        String[] dims = mt[0].split("x");
        if (dims.length != 3 || mt.length > 2 || (mt.length == 2 && !mt[1].matches("[nt][nt]"))) {
            throw new IllegalArgumentException("shape: MxNxK or MxNxK:tt with t = n or t, not " + shape);
        }
        int m = Integer.parseInt(dims[0]);
        int n = Integer.parseInt(dims[1]);
        int k = Integer.parseInt(dims[2]);
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("shape: positive M, N, K, not " + shape);
        }
        boolean ta = mt.length > 1 && mt[1].charAt(0) == 't';
        boolean tb = mt.length > 1 && mt[1].charAt(1) == 't';
        return new GemmProblem(m, n, k, ta, tb, dtype.equals("F32"));
    }

    /** Leading dimension of A as stored (K, or M when transposed). */
    int lda() {
        return ta ? m : k;
    }

    /** Leading dimension of B as stored (N, or K when transposed). */
    int ldb() {
        return tb ? k : n;
    }

    /** 2·M·N·K, the floating-point operations of one product. */
    double flops() {
        return 2.0 * m * n * k;
    }

    /**
     * Largest |difference| two correct implementations may show in an element of C, which sums K products of
     * magnitude ≤ 1: two summation orders differ by at most about 2K·eps·Σ|a·b| ≤ 2K²·eps (the worst case), and by
     * about √K·eps·|c| typically (random rounding). 16·K·eps lies between: loose for the typical error, not a bound.
     */
    double tolerance() {
        return 16.0 * k * (f32 ? Math.ulp(1f) : Math.ulp(1.0));
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
