package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Scalar reference reductions: the test oracle for the SIMD kernels and the fallback backend. Accuracy first, then
 * speed.
 *
 * <ul>
 *   <li>F32 sum/dot accumulate in double (a float·float product is exact in double), rounded to float once at the
 *       end: the result is the correctly rounded sum unless n·2⁻⁵³·Σ|x| approaches half a float ulp of the sum.</li>
 *   <li>F64 sum uses Neumaier-style compensated summation (branch-free TwoSum); F64 dot is Ogita–Rump–Oishi Dot2
 *       (exact products via {@link Math#fma}, TwoSum on the running sum). Both are as accurate as if computed in
 *       twice the working precision: error ≤ u·|S| + O(n·u²)·Σ|x|. When the plain running sum is not finite (a NaN
 *       or ±Inf input, or overflow) that plain sum is returned, so NaN and ±Inf propagate as IEEE addition does.</li>
 *   <li>max/min use {@link Math#max}/{@link Math#min}: NaN propagates, max(−0, +0) = +0, min(−0, +0) = −0.</li>
 *   <li>argmax/argmin: first index of the extreme value under {@code >} / {@code <} (so −0 and +0 tie and the first
 *       wins), or the first NaN's index when there is one.</li>
 *   <li>softmax / log-softmax / log-sum-exp subtract the row max m first, so every finite row gives finite output
 *       (logits of ±1e4 included). Rows with −Inf entries (and a finite max) give exactly 0 (softmax) or −Inf
 *       (log-softmax) there. A row whose max is not finite (all −Inf, or any +Inf, or any NaN) gives NaN for every
 *       softmax and log-softmax entry, as PyTorch does; log-sum-exp of such a row is m itself (−Inf for an all −Inf
 *       row, +Inf with a +Inf and no NaN, NaN with a NaN), which is the exact limit and what PyTorch returns.
 *       The F32 forms compute in double and round once.</li>
 * </ul>
 * The loops are {@code ScalarReductionsF32} and {@code ScalarReductionsF64}, generated from one template.
 */
public final class ScalarReductions implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        return ScalarReductionsF32.sum(x, off, n);
    }

    @Override
    public double sum(double[] x, int off, int n) {
        return ScalarReductionsF64.sum(x, off, n);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return ScalarReductionsF32.dot(a, aOff, b, bOff, n);
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        return ScalarReductionsF64.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float max(float[] x, int off, int n) {
        return ScalarReductionsF32.max(x, off, n);
    }

    @Override
    public double max(double[] x, int off, int n) {
        return ScalarReductionsF64.max(x, off, n);
    }

    @Override
    public float min(float[] x, int off, int n) {
        return ScalarReductionsF32.min(x, off, n);
    }

    @Override
    public double min(double[] x, int off, int n) {
        return ScalarReductionsF64.min(x, off, n);
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        return ScalarReductionsF32.argmax(x, off, n);
    }

    @Override
    public int argmax(double[] x, int off, int n) {
        return ScalarReductionsF64.argmax(x, off, n);
    }

    @Override
    public int argmin(float[] x, int off, int n) {
        return ScalarReductionsF32.argmin(x, off, n);
    }

    @Override
    public int argmin(double[] x, int off, int n) {
        return ScalarReductionsF64.argmin(x, off, n);
    }

    @Override
    public void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        ScalarReductionsF32.softmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        ScalarReductionsF64.softmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        ScalarReductionsF32.logSoftmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        ScalarReductionsF64.logSoftmaxRows(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        ScalarReductionsF32.logSumExpRows(x, xOff, out, outOff, rows, cols);
    }

    @Override
    public void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        ScalarReductionsF64.logSumExpRows(x, xOff, out, outOff, rows, cols);
    }

    @Override
    public void tapDot(float[] g, int gOff, int ldg, float[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        ScalarTapsF32.tapDot(g, gOff, ldg, x, src, taps, ldx, cs, rows, len, acc, accOff);
    }

    @Override
    public void tapDot(double[] g, int gOff, int ldg, double[] x, int[] src, int taps, int ldx, int cs, int rows,
                       int len, double[] acc, int accOff) {
        ScalarTapsF64.tapDot(g, gOff, ldg, x, src, taps, ldx, cs, rows, len, acc, accOff);
    }

    @Override
    public void maxTaps(float[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps, float[] y,
                        int yOff, int[] idx, int idxOff, int len) {
        ScalarPoolNormF32.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
    }

    @Override
    public void maxTaps(double[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps,
                        double[] y, int yOff, int[] idx, int idxOff, int len) {
        ScalarPoolNormF64.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
    }

    @Override
    public void maxPool2x2(float[] x, int xOff, int hw, int w, int planes, int outH, int outW, float[] y, int yOff) {
        ScalarPoolNormF32.maxPool2x2(x, xOff, hw, w, planes, outH, outW, y, yOff);
    }

    @Override
    public void maxPool2x2(double[] x, int xOff, int hw, int w, int planes, int outH, int outW, double[] y,
                           int yOff) {
        ScalarPoolNormF64.maxPool2x2(x, xOff, hw, w, planes, outH, outW, y, yOff);
    }

    @Override
    public double sumSquaredDeviations(float[] x, int off, int n, float mean) {
        return ScalarPoolNormF32.sumSquaredDeviations(x, off, n, mean);
    }

    @Override
    public double sumSquaredDeviations(double[] x, int off, int n, double mean) {
        return ScalarPoolNormF64.sumSquaredDeviations(x, off, n, mean);
    }

    @Override
    public void stencil3x3Dot(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                              int outW, double[] acc, int accOff) {
        ScalarTapsF32.stencil3x3Dot(g, gOff, x, xOff, h, wd, padTop, padLeft, outH, outW, acc, accOff);
    }

    @Override
    public void stencil3x3Dot(double[] g, int gOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                              int outW, double[] acc, int accOff) {
        ScalarTapsF64.stencil3x3Dot(g, gOff, x, xOff, h, wd, padTop, padLeft, outH, outW, acc, accOff);
    }

    @Override
    public void convTapDot(float[] g, int gOff, int ldgo, int ldg, int outs, float[] x, int[] src, int taps, int ldx,
                           int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc) {
        ScalarConvTapsF32.convTapDot(g, gOff, ldgo, ldg, outs, x, src, taps, ldx, rows, len, images, ldgn, ldxn, acc,
                accOff, ldacc);
    }

    @Override
    public void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps, int ldx,
                           int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc) {
        ScalarConvTapsF64.convTapDot(g, gOff, ldgo, ldg, outs, x, src, taps, ldx, rows, len, images, ldgn, ldxn, acc,
                accOff, ldacc);
    }

    @Override
    public void convLanesDot(float[] g, int gOff, int ldg, int outs, float[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        ScalarConvTapsF32.convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, acc, accOff, ldacc);
    }

    @Override
    public void convLanesDot(double[] g, int gOff, int ldg, int outs, double[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        ScalarConvTapsF64.convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, acc, accOff, ldacc);
    }
}
