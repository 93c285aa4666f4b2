package org.vecgrad.engine.kernel;

/**
 * General matrix multiply on row-major storage, BLAS semantics:
 * {@code C = alpha·op(A)·op(B) + beta·C}, op(A) is m × k, op(B) is k × n, C is m × n.
 * Element (i, j) of a row-major matrix X with leading dimension ldx sits at {@code x[xOff + i·ldx + j]};
 * when {@code transA}, A is stored k × m (op(A) = Aᵀ), likewise B.
 * beta = 0 means C is not read (NaN in C does not leak); alpha = 0 or k = 0 only scales C by beta.
 * Not validated here: {@link org.vecgrad.engine.Blas} validates.
 */
public interface GemmKernels {

    /** F32 GEMM. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);

    /** F64 GEMM. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);
}
