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

    /** op(B) (k × n, B stored n × k when {@code transB}) packed once in this backend's layout for the products below. */
    PackedMatrix spack(boolean transB, int k, int n, float[] b, int bOff, int ldb);

    /** F64 {@link #spack}. */
    PackedMatrix dpack(boolean transB, int k, int n, double[] b, int bOff, int ldb);

    /** F32 GEMM with B packed by {@link #spack} of this backend: {@code C = alpha·op(A)·B + beta·C}. */
    void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b, float beta,
               float[] c, int cOff, int ldc);

    /** F64 GEMM with B packed by {@link #dpack} of this backend. */
    void dgemm(boolean transA, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b, double beta,
               double[] c, int cOff, int ldc);
}
