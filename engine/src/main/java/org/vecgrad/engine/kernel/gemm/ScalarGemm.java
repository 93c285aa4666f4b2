package org.vecgrad.engine.kernel.gemm;

import org.vecgrad.engine.kernel.GemmKernels;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * Reference GEMM: {@code C = alpha·op(A)·op(B) + beta·C} with plain loops, accumulating in the output type. The test
 * oracle and the fallback when the Vector API cannot run; correct, not fast (about 1–6 GFLOP/s). The loops are
 * {@code ScalarGemmF32} and {@code ScalarGemmF64}, generated from one template.
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
        ScalarGemmF32.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        ScalarGemmF64.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public PackedMatrix spack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return ScalarGemmF32.pack(transB, k, n, b, bOff, ldb);
    }

    @Override
    public PackedMatrix dpack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        return ScalarGemmF64.pack(transB, k, n, b, bOff, ldb);
    }

    @Override
    public void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b, float beta,
                      float[] c, int cOff, int ldc) {
        ScalarGemmF32.gemmPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b,
                      double beta, double[] c, int cOff, int ldc) {
        ScalarGemmF64.gemmPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }
}
