package org.vecgrad.engine.kernel;

/**
 * One complete set of kernels: the scalar reference or the Vector API implementation.
 *
 * @param name        {@code "simd"} or {@code "scalar"}
 * @param description one line for logs and reports, e.g. {@code "simd: Vector API, 512-bit, 16 F32 / 8 F64 lanes"}
 * @param floatLanes  F32 lanes per vector (1 for scalar)
 * @param doubleLanes F64 lanes per vector (1 for scalar)
 */
public record Backend(String name, String description, int floatLanes, int doubleLanes,
                      ElementwiseKernels elementwise, ReductionKernels reductions, GemmKernels gemm,
                      OptimizerKernels optimizer) {

    /** True for the Vector API backend. */
    public boolean isSimd() {
        return name.equals("simd");
    }

    @Override
    public String toString() {
        return description;
    }
}
