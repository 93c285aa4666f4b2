package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Vector API reductions; the F32 loops live in {@link ReduceSimdF32}, the F64 ones in {@link ReduceSimdF64}.
 * Results agree with {@link org.vecgrad.engine.kernel.scalar.ScalarReductions} up to rounding:
 *
 * <ul>
 *   <li>sum/dot: 4 vector accumulators (FMA for dot) over blocks of a fixed length; each block total is added to
 *       a double (F32) or with TwoSum to a compensated double pair (F64). The error is therefore
 *       O(block·u·Σ|x|) (u the unit roundoff of the element type) instead of O(n·u·Σ|x|), and the result depends
 *       on n only, not on the offset or alignment. NaN/±Inf propagate as in IEEE addition.</li>
 *   <li>max/min: lanewise MAX/MIN, which have {@link Math#max}/{@link Math#min} semantics (NaN propagates,
 *       +0 &gt; −0): bit-identical to the reference.</li>
 *   <li>argmax/argmin: bit-identical to the reference (first index, first NaN).</li>
 *   <li>softmax family: a max pass, an exp pass (x − m, a polynomial e^x within 1 ulp, see ReduceSimdF32) summed
 *       as above, then a scale by 1/Σ. Versus the reference (tested): F64 within 1e-14 relative; F32 within 2e-6
 *       relative, because x − m is rounded to float as in every F32 implementation, which costs up to
 *       |x − m|·2⁻²⁵ relative (so more than 1e-6 only for outputs below e^−16·max). Subnormal exps are flushed to
 *       0. Same NaN/±Inf behaviour as the reference.</li>
 * </ul>
 */
public final class SimdReductions implements ReductionKernels {
    @Override
    public float sum(float[] x, int off, int n) {
        return ReduceSimdF32.sum(x, off, n);
    }

    @Override
    public double sum(double[] x, int off, int n) {
        return ReduceSimdF64.sum(x, off, n);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return ReduceSimdF32.dot(a, aOff, b, bOff, n);
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        return ReduceSimdF64.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float max(float[] x, int off, int n) {
        return ReduceSimdF32.max(x, off, n);
    }

    @Override
    public double max(double[] x, int off, int n) {
        return ReduceSimdF64.max(x, off, n);
    }

    @Override
    public float min(float[] x, int off, int n) {
        return ReduceSimdF32.min(x, off, n);
    }

    @Override
    public double min(double[] x, int off, int n) {
        return ReduceSimdF64.min(x, off, n);
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        return ReduceSimdF32.argmax(x, off, n);
    }

    @Override
    public int argmax(double[] x, int off, int n) {
        return ReduceSimdF64.argmax(x, off, n);
    }

    @Override
    public int argmin(float[] x, int off, int n) {
        return ReduceSimdF32.argmin(x, off, n);
    }

    @Override
    public int argmin(double[] x, int off, int n) {
        return ReduceSimdF64.argmin(x, off, n);
    }

    @Override
    public void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        ReduceSimdF32.softmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        ReduceSimdF64.softmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        ReduceSimdF32.logSoftmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        ReduceSimdF64.logSoftmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        ReduceSimdF32.logSumExpRows(x, xOff, out, outOff, rows, cols);
    }

    @Override
    public void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        ReduceSimdF64.logSumExpRows(x, xOff, out, outOff, rows, cols);
    }

    @Override
    public void tapDot(float[] g, int gOff, int ldg, float[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        SimdTapsF32.tapDot(g, gOff, ldg, x, src, taps, ldx, cs, rows, len, acc, accOff);
    }

    @Override
    public void tapDot(double[] g, int gOff, int ldg, double[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        SimdTapsF64.tapDot(g, gOff, ldg, x, src, taps, ldx, cs, rows, len, acc, accOff);
    }

    @Override
    public void maxTaps(float[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps, float[] y,
                        int yOff, int[] idx, int idxOff, int len) {
        SimdPoolNormF32.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
    }

    @Override
    public void maxTaps(double[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps,
                        double[] y, int yOff, int[] idx, int idxOff, int len) {
        SimdPoolNormF64.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
    }

    @Override
    public void maxPool2x2(float[] x, int xOff, int hw, int w, int planes, int outH, int outW, float[] y, int yOff) {
        SimdPoolNormF32.maxPool2x2(x, xOff, hw, w, planes, outH, outW, y, yOff);
    }

    @Override
    public void maxPool2x2(double[] x, int xOff, int hw, int w, int planes, int outH, int outW, double[] y,
                           int yOff) {
        SimdPoolNormF64.maxPool2x2(x, xOff, hw, w, planes, outH, outW, y, yOff);
    }

    @Override
    public double sumSquaredDeviations(float[] x, int off, int n, float mean) {
        return SimdPoolNormF32.sumSquaredDeviations(x, off, n, mean);
    }

    @Override
    public double sumSquaredDeviations(double[] x, int off, int n, double mean) {
        return SimdPoolNormF64.sumSquaredDeviations(x, off, n, mean);
    }

    @Override
    public void stencil3x3Dot(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                              int outW, double[] acc, int accOff) {
        SimdTapsF32.stencil3x3Dot(g, gOff, x, xOff, h, wd, padTop, padLeft, outH, outW, acc, accOff);
    }

    @Override
    public void stencil3x3Dot(double[] g, int gOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                              int outW, double[] acc, int accOff) {
        SimdTapsF64.stencil3x3Dot(g, gOff, x, xOff, h, wd, padTop, padLeft, outH, outW, acc, accOff);
    }

    @Override
    public void convTapDot(float[] g, int gOff, int ldgo, int ldg, int outs, float[] x, int[] src, int taps, int ldx,
                           int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc) {
        SimdConvTapsF32.convTapDot(g, gOff, ldgo, ldg, outs, x, src, taps, ldx, rows, len, images, ldgn, ldxn, acc,
                accOff, ldacc);
    }

    @Override
    public void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps, int ldx,
                           int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc) {
        SimdConvTapsF64.convTapDot(g, gOff, ldgo, ldg, outs, x, src, taps, ldx, rows, len, images, ldgn, ldxn, acc,
                accOff, ldacc);
    }

    @Override
    public void convLanesDot(float[] g, int gOff, int ldg, int outs, float[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        SimdConvTapsF32.convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, acc, accOff, ldacc);
    }

    @Override
    public void convLanesDot(double[] g, int gOff, int ldg, int outs, double[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        SimdConvTapsF64.convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, acc, accOff, ldacc);
    }
}
