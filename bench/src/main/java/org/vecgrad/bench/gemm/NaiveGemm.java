package org.vecgrad.bench.gemm;

/**
 * The naive baseline: {@code C = op(A)·op(B)} as an i-k-j triple loop on contiguous row-major arrays (the better of
 * the two textbook orders: B and C are walked along rows). Single-threaded; transposes by index arithmetic.
 */
final class NaiveGemm {
    private NaiveGemm() {
    }

    static void sgemm(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c) {
        int aI = ta ? 1 : k;
        int aP = ta ? m : 1;
        int bP = tb ? 1 : n;
        int bJ = tb ? k : 1;
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float x = a[i * aI + p * aP];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += x * b[p * bP + j * bJ];
                }
            }
        }
    }

    static void dgemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c) {
        int aI = ta ? 1 : k;
        int aP = ta ? m : 1;
        int bP = tb ? 1 : n;
        int bJ = tb ? k : 1;
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double x = a[i * aI + p * aP];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += x * b[p * bP + j * bJ];
                }
            }
        }
    }
}
