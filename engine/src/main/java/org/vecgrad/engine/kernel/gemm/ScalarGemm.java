package org.vecgrad.engine.kernel.gemm;

import org.vecgrad.engine.kernel.GemmKernels;

/**
 * Reference GEMM: {@code C = alpha·op(A)·op(B) + beta·C} with plain loops, accumulating in the output type. The test
 * oracle and the fallback when the Vector API cannot run; correct, not fast (about 1–6 GFLOP/s).
 *
 * <p>Per row i of C: first {@code C[i,:] = beta·C[i,:]} (or 0 when beta = 0, so C is never read then), then for
 * each p in order {@code C[i,:] += (alpha·A[i,p])·B[p,:]} (i-k-j order: B and C are walked along rows). When B is
 * transposed its rows of op(B) are strided, so that case uses dot products over p instead
 * ({@code C[i,j] = beta·C[i,j] + alpha·Σ_p A[i,p]·B[j,p]}). Rows are spread over {@link GemmThreads}; a row's
 * arithmetic does not depend on the thread count.
 */
public final class ScalarGemm implements GemmKernels {

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0f || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (GemmThreads.runsOnCaller(m, n, k, 1, n)) { // one block: no Block lambda to allocate
            sRows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmThreads.forGrid(m, n, k, 1, n, (i0, i1, j0, j1) ->
                sRows(transA, transB, i0, i1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0.0 || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (GemmThreads.runsOnCaller(m, n, k, 1, n)) { // one block: no Block lambda to allocate
            dRows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmThreads.forGrid(m, n, k, 1, n, (i0, i1, j0, j1) ->
                dRows(transA, transB, i0, i1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    private static void sRows(boolean ta, boolean tb, int i0, int i1, int n, int k, float alpha, float[] a, int aOff,
                              int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        // Strides of A(i, p) and B(p, j) along each index absorb the transposes.
        int aI = ta ? 1 : lda;
        int aP = ta ? lda : 1;
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * aI;
            if (tb) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    int bj = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * aP] * b[bj + p];
                    }
                    c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                scaleRow(n, beta, c, ci);
                for (int p = 0; p < k; p++) {
                    float t = alpha * a[ai + p * aP];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += t * b[bp + j];
                    }
                }
            }
        }
    }

    private static void dRows(boolean ta, boolean tb, int i0, int i1, int n, int k, double alpha, double[] a,
                              int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff,
                              int ldc) {
        int aI = ta ? 1 : lda;
        int aP = ta ? lda : 1;
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * aI;
            if (tb) {
                for (int j = 0; j < n; j++) {
                    double s = 0.0;
                    int bj = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * aP] * b[bj + p];
                    }
                    c[ci + j] = beta == 0.0 ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                scaleRow(n, beta, c, ci);
                for (int p = 0; p < k; p++) {
                    double t = alpha * a[ai + p * aP];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += t * b[bp + j];
                    }
                }
            }
        }
    }

    /** {@code C = beta·C} on the m × n window; beta = 0 writes zeros without reading C. */
    public static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            scaleRow(n, beta, c, cOff + i * ldc);
        }
    }

    /** {@code C = beta·C} on the m × n window; beta = 0 writes zeros without reading C. */
    public static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            scaleRow(n, beta, c, cOff + i * ldc);
        }
    }

    private static void scaleRow(int n, float beta, float[] c, int ci) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, ci, ci + n, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) {
                c[ci + j] *= beta;
            }
        }
    }

    private static void scaleRow(int n, double beta, double[] c, int ci) {
        if (beta == 0.0) {
            java.util.Arrays.fill(c, ci, ci + n, 0.0);
        } else if (beta != 1.0) {
            for (int j = 0; j < n; j++) {
                c[ci + j] *= beta;
            }
        }
    }
}
