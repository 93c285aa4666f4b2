package org.vecgrad.engine;

import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * A floating-point storage (F32 or F64): the bridge from storages to the kernels, which take {@code float[]} or
 * {@code double[]} slices. Each method forwards to the kernel of its name on the active backend
 * ({@link Kernels#active()}), passing this storage's array and the arrays of the other storages, which must have
 * this storage's dtype (the caller has checked). Scalars arrive as {@code double} and are rounded to F32 for F32,
 * as the kernels' F32 forms take them; reductions widen an F32 result to {@code double} exactly.
 *
 * <p>{@link StorageF32} and {@link StorageF64} are generated from the storages' template (its {@code #if[float]}
 * block); this interface is the only place where the list of kernel entry points is written against storages.
 */
sealed interface FloatStorage extends Storage permits StorageF32, StorageF64 {

    /** The active elementwise kernels. */
    static ElementwiseKernels ew() {
        return Kernels.active().elementwise();
    }

    /** The active reduction kernels. */
    static ReductionKernels red() {
        return Kernels.active().reductions();
    }

    /** y = f(this) for {@code n} elements; see {@link ElementwiseKernels} for each kernel's contract. */
    void unary(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, int n);

    /** out = g · f'(this) (or f'(this) when {@code g} is null), y = f(this). */
    void unaryBackward(UnaryOp op, double p0, double p1, int xOff, FloatStorage y, int yOff, FloatStorage g,
                       int gOff, FloatStorage out, int outOff, int n);

    /** out = this ∘ b elementwise. */
    void binary(BinaryOp op, int aOff, FloatStorage b, int bOff, FloatStorage out, int outOff, int n);

    /** out = this ∘ s. */
    void binaryScalar(BinaryOp op, int aOff, double s, FloatStorage out, int outOff, int n);

    /** out = s ∘ this. */
    void scalarBinary(BinaryOp op, double s, int bOff, FloatStorage out, int outOff, int n);

    /** y += alpha · this (BLAS axpy). */
    void axpy(double alpha, int xOff, FloatStorage y, int yOff, int n);

    /** Σ of {@code n} elements. */
    double sum(int off, int n);

    /** Maximum of {@code n ≥ 1} elements (NaN if any is NaN). */
    double max(int off, int n);

    /** Minimum of {@code n ≥ 1} elements (NaN if any is NaN). */
    double min(int off, int n);

    /** Index (relative to off) of the first maximum, or of the first NaN; n ≥ 1. */
    int argmax(int off, int n);

    /** Index (relative to off) of the first minimum, or of the first NaN; n ≥ 1. */
    int argmin(int off, int n);

    /** Row-wise softmax of a rows × cols block into y. */
    void softmaxRows(int xOff, FloatStorage y, int yOff, int rows, int cols);

    /** Row-wise log-softmax of a rows × cols block into y. */
    void logSoftmaxRows(int xOff, FloatStorage y, int yOff, int rows, int cols);

    /** One log-sum-exp per row of a rows × cols block into out. */
    void logSumExpRows(int xOff, FloatStorage out, int outOff, int rows, int cols);
}
