package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.GemmKernels;

/** Placeholder until the real kernels land. */
public final class ScalarGemm implements GemmKernels {
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("not yet implemented");
    }

}
