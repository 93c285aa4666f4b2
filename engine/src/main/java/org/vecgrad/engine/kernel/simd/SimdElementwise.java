package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.math.VecMathD;
import org.vecgrad.engine.kernel.math.VecMathF;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * Elementwise kernels on the Vector API ({@link SimdSpecies}). Each call dispatches on the op once and runs one loop
 * per op over whole vectors up to {@code species.loopBound(n)}; the remaining tail (fewer than one vector) goes to
 * the scalar reference {@link ScalarElementwise}, as do POW (Math.pow has no cheap vector form) and the rare vector
 * in which swish/gelu produced a NaN (an infinite input, where the reference returns the limit).
 *
 * <p>Accuracy against the reference: ops that are exact arithmetic (neg, abs, square, sqrt, relu, leaky relu,
 * clamp, step, hard sigmoid/tanh, every BinaryOp, axpy through FMA) are bit-identical; transcendental ones use
 * {@link VecMathF} / {@link VecMathD} and are within 2e-6 relative in F32 (computed in float) and 1e-14 relative in
 * F64. The saturating functions are exact at the extremes (σ(−1000) = 0, softplus(1000) = 1000, tanh(±50) = ±1).
 * The F32 forms round the parameters of LEAKY_RELU, ELU, SWISH, CLAMP to float, as the reference does.
 *
 * <p>No loop allocates: every loop lives in its own small method (one method holding all loops exceeds C2's
 * inlining budget, and a vector that crosses a call that was not inlined is boxed). The loops are
 * {@code SimdElementwiseF32} and {@code SimdElementwiseF64}, generated from one template; this class hands each
 * call to the one of its dtype.
 */
public final class SimdElementwise implements ElementwiseKernels {

    @Override
    public void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
        SimdElementwiseF32.unary(op, p0, p1, x, xOff, y, yOff, n);
    }

    @Override
    public void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        SimdElementwiseF64.unary(op, p0, p1, x, xOff, y, yOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                              float[] g, int gOff, float[] out, int outOff, int n) {
        SimdElementwiseF32.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                              double[] g, int gOff, double[] out, int outOff, int n) {
        SimdElementwiseF64.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        SimdElementwiseF32.binary(op, a, aOff, b, bOff, out, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        SimdElementwiseF64.binary(op, a, aOff, b, bOff, out, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        SimdElementwiseF32.binaryScalar(op, a, aOff, s, out, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
        SimdElementwiseF64.binaryScalar(op, a, aOff, s, out, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        SimdElementwiseF32.scalarBinary(op, s, b, bOff, out, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
        SimdElementwiseF64.scalarBinary(op, s, b, bOff, out, outOff, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        SimdElementwiseF32.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        SimdElementwiseF64.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void addRows(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int len, int rows) {
        SimdElementwiseF32.addRows(x, xOff, ldx, y, yOff, ldy, len, rows);
    }

    @Override
    public void addRows(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, int len, int rows) {
        SimdElementwiseF64.addRows(x, xOff, ldx, y, yOff, ldy, len, rows);
    }

    @Override
    public void transposeBias(float[] x, int xOff, int ldx, int outs, float[] b, int bOff, boolean relu, float[] y,
                              int yOff, int ldy, int n) {
        SimdElementwiseF32.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y, yOff, ldy, n);
    }

    @Override
    public void transposeBias(double[] x, int xOff, int ldx, int outs, double[] b, int bOff, boolean relu,
                              double[] y, int yOff, int ldy, int n) {
        SimdElementwiseF64.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y, yOff, ldy, n);
    }

    @Override
    public void biasRows(float[] x, int xOff, int ldx, float b, boolean relu, float[] y, int yOff, int ldy, int len,
                         int rows) {
        SimdElementwiseF32.biasRows(x, xOff, ldx, b, relu, y, yOff, ldy, len, rows);
    }

    @Override
    public void biasRows(double[] x, int xOff, int ldx, double b, boolean relu, double[] y, int yOff, int ldy,
                         int len, int rows) {
        SimdElementwiseF64.biasRows(x, xOff, ldx, b, relu, y, yOff, ldy, len, rows);
    }

    @Override
    public void tapAxpy(float[] w, int wOff, int[] src, int taps, float[] x, int ldx, int cs, float[] y, int yOff,
                        int ldy, int rows, int len) {
        SimdTapsF32.tapAxpy(w, wOff, src, taps, x, ldx, cs, y, yOff, ldy, rows, len);
    }

    @Override
    public void tapAxpy(double[] w, int wOff, int[] src, int taps, double[] x, int ldx, int cs, double[] y, int yOff,
                        int ldy, int rows, int len) {
        SimdTapsF64.tapAxpy(w, wOff, src, taps, x, ldx, cs, y, yOff, ldy, rows, len);
    }

    @Override
    public void scaleShift(float[] x, int xOff, float a, float b, float[] y, int yOff, int n) {
        SimdPoolNormF32.scaleShift(x, xOff, a, b, y, yOff, n);
    }

    @Override
    public void scaleShift(double[] x, int xOff, double a, double b, double[] y, int yOff, int n) {
        SimdPoolNormF64.scaleShift(x, xOff, a, b, y, yOff, n);
    }

    @Override
    public void combine(float alpha, float[] g, int gOff, float beta, float[] x, int xOff, float c, float[] out,
                        int outOff, int n) {
        SimdPoolNormF32.combine(alpha, g, gOff, beta, x, xOff, c, out, outOff, n);
    }

    @Override
    public void combine(double alpha, double[] g, int gOff, double beta, double[] x, int xOff, double c,
                        double[] out, int outOff, int n) {
        SimdPoolNormF64.combine(alpha, g, gOff, beta, x, xOff, c, out, outOff, n);
    }

    @Override
    public void stencil3x3(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, boolean add,
                           float start, float[] y, int yOff, int outH, int outW) {
        SimdTapsF32.stencil3x3(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, outH, outW);
    }

    @Override
    public void stencil3x3(double[] w, int wOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft, boolean add,
                           double start, double[] y, int yOff, int outH, int outW) {
        SimdTapsF64.stencil3x3(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, outH, outW);
    }

    @Override
    public void gather(float[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, float[] y, int yOff,
                       int n) {
        SimdTapsF32.gather(x, xOff, idx, idxOff, keep, keepOff, y, yOff, n);
    }

    @Override
    public void gather(double[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, double[] y, int yOff,
                       int n) {
        SimdTapsF64.gather(x, xOff, idx, idxOff, keep, keepOff, y, yOff, n);
    }

    @Override
    public void stridedRows(float[] x, int xOff, int ldx, int cs, int lo, int hi, float[] y, int yOff, int ldy,
                            int len, int rows) {
        SimdConvTapsF32.stridedRows(x, xOff, ldx, cs, lo, hi, y, yOff, ldy, len, rows);
    }

    @Override
    public void stridedRows(double[] x, int xOff, int ldx, int cs, int lo, int hi, double[] y, int yOff, int ldy,
                            int len, int rows) {
        SimdConvTapsF64.stridedRows(x, xOff, ldx, cs, lo, hi, y, yOff, ldy, len, rows);
    }

    @Override
    public void stridedTapsAdd(float[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               float[] x, int xOff, int ldx, int cs, int width, int rows) {
        SimdConvTapsF32.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
    }

    @Override
    public void stridedTapsAdd(double[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               double[] x, int xOff, int ldx, int cs, int width, int rows) {
        SimdConvTapsF64.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
    }

    @Override
    public void convTaps(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, float[] y,
                         int yOff, int ldy, int len) {
        SimdConvTapsF32.convTaps(w, wOff, ldw, outs, src, taps, x, y, yOff, ldy, len);
    }

    @Override
    public void convTaps(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, double[] y,
                         int yOff, int ldy, int len) {
        SimdConvTapsF64.convTaps(w, wOff, ldw, outs, src, taps, x, y, yOff, ldy, len);
    }

    @Override
    public void convLanes(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, int xo, int count,
                          float[] y, int yOff, int ldy) {
        SimdConvTapsF32.convLanes(w, wOff, ldw, outs, src, taps, x, xo, count, y, yOff, ldy);
    }

    @Override
    public void convLanes(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, int xo, int count,
                          double[] y, int yOff, int ldy) {
        SimdConvTapsF64.convLanes(w, wOff, ldw, outs, src, taps, x, xo, count, y, yOff, ldy);
    }
}
