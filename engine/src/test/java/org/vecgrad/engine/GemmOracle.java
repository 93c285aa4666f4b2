package org.vecgrad.engine;

import java.util.SplittableRandom;

/**
 * Test oracle for GEMM: an F64 triple loop on the op(A)·op(B) definition, and the element-wise error bound.
 * One problem instance (shapes, transposes, offsets, leading dimensions, alpha, beta) with its arrays.
 */
public final class GemmOracle {
    final boolean ta;
    final boolean tb;
    final int m;
    final int n;
    final int k;
    final int aOff;
    final int lda;
    final int bOff;
    final int ldb;
    final int cOff;
    final int ldc;
    final double alpha;
    final double beta;
    final double[] a;
    final double[] b;
    final double[] c0;

    /** Random instance: leading dimensions exceed the minimum by 0..3 and arrays carry 0..4 extra elements. */
    GemmOracle(long seed, boolean ta, boolean tb, int m, int n, int k, double alpha, double beta) {
        SplittableRandom r = new SplittableRandom(seed);
        this.ta = ta;
        this.tb = tb;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        aOff = r.nextInt(5);
        bOff = r.nextInt(5);
        cOff = r.nextInt(5);
        lda = Math.max(1, ta ? m : k) + r.nextInt(4);
        ldb = Math.max(1, tb ? k : n) + r.nextInt(4);
        ldc = Math.max(1, n) + r.nextInt(4);
        a = random(r, aOff + (ta ? k : m) * lda + r.nextInt(5));
        b = random(r, bOff + (tb ? n : k) * ldb + r.nextInt(5));
        c0 = random(r, cOff + m * ldc + r.nextInt(5));
    }

    /** Values in [-1, 1) with 12 significant bits, so F32 holds them exactly and both dtypes see the same input. */
    private static double[] random(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = (r.nextInt(4096) - 2048) / 2048.0;
        }
        return x;
    }

    double opA(int i, int p) {
        return ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double opB(int p, int j) {
        return tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** The same values rounded to float. */
    public static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /**
     * Checks {@code got} (the C array after the product) against the F64 reference: inside the m × n window
     * |got − ref| ≤ 4·(k + 2)·eps·(|alpha|·Σ_p |A_ip|·|B_pj| + |beta·C_ij|) with eps = ulp(1) of the output type;
     * outside the window every element equals the original. Returns null when all is well, else a message.
     */
    String check(double[] got, double eps) {
        for (int idx = 0; idx < got.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Double.doubleToRawLongBits(got[idx]) != Double.doubleToRawLongBits(c0[idx])) {
                return "element " + idx + " outside the C window changed: " + c0[idx] + " -> " + got[idx];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double x = opA(i, p) * opB(p, j);
                    s += x;
                    mag += Math.abs(x);
                }
                double cij = c0[cOff + i * ldc + j];
                double ref = (alpha == 0 ? 0 : alpha * s) + (beta == 0 ? 0 : beta * cij);
                double bound = 4.0 * (k + 2) * eps * (Math.abs(alpha) * mag + Math.abs(beta * cij)) + 1e-300;
                double g = got[cOff + i * ldc + j];
                if (!(Math.abs(g - ref) <= bound)) {
                    return "C[" + i + "," + j + "] = " + g + ", reference " + ref + ", bound " + bound + " (" + this
                            + ")";
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "transA=" + ta + " transB=" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta="
                + beta + " aOff=" + aOff + " lda=" + lda + " bOff=" + bOff + " ldb=" + ldb + " cOff=" + cOff
                + " ldc=" + ldc;
    }
}
