package org.vecgrad.engine;

/** Matrix products on NdArrays, built on {@link Blas}. Placeholder until the GEMM lands. */
final class MatMul {
    private MatMul() {
    }

    static NdArray matmul(NdArray a, NdArray b) {
        throw new UnsupportedOperationException("matmul: not yet implemented");
    }
}
