package org.vecgrad.engine.kernel;

/**
 * Reductions over a contiguous run of {@code n} elements, and row-wise softmax, log-softmax and log-sum-exp over a
 * row-major {@code rows × cols} block. Not validated here (see {@link ElementwiseKernels}).
 *
 * <p>Conventions: the sum of zero elements is 0; max/min of zero elements is not defined (callers reject n = 0);
 * NaN propagates through sum, max and min; argmax/argmin return the first index of the extreme value, or the first
 * NaN's index when there is one (NumPy semantics). F32 sums may accumulate in any order and width (results are
 * compared with a tolerance of order n·ulp·Σ|x|), but are deterministic for a given n.
 */
public interface ReductionKernels {

    /** Σ x[i]. */
    float sum(float[] x, int off, int n);

    /** Σ x[i]. */
    double sum(double[] x, int off, int n);

    /** Σ a[i]·b[i]. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Σ a[i]·b[i]. */
    double dot(double[] a, int aOff, double[] b, int bOff, int n);

    /** max x[i], n ≥ 1. */
    float max(float[] x, int off, int n);

    /** max x[i], n ≥ 1. */
    double max(double[] x, int off, int n);

    /** min x[i], n ≥ 1. */
    float min(float[] x, int off, int n);

    /** min x[i], n ≥ 1. */
    double min(double[] x, int off, int n);

    /** Index (0-based, relative to {@code off}) of the first maximum, n ≥ 1. */
    int argmax(float[] x, int off, int n);

    /** Index (0-based, relative to {@code off}) of the first maximum, n ≥ 1. */
    int argmax(double[] x, int off, int n);

    /** Index (0-based, relative to {@code off}) of the first minimum, n ≥ 1. */
    int argmin(float[] x, int off, int n);

    /** Index (0-based, relative to {@code off}) of the first minimum, n ≥ 1. */
    int argmin(double[] x, int off, int n);

    /**
     * Row-wise softmax y[r, j] = exp(x[r, j] − m_r) / Σ_j exp(x[r, j] − m_r), m_r = max_j x[r, j], so the result is
     * finite for any finite input; cols ≥ 1. x and y may be the same array at the same offset.
     */
    void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols);

    /** F64 form. */
    void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols);

    /** Row-wise log-softmax y[r, j] = x[r, j] − m_r − ln Σ_j exp(x[r, j] − m_r); cols ≥ 1. */
    void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols);

    /** F64 form. */
    void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols);

    /** out[r] = m_r + ln Σ_j exp(x[r, j] − m_r), one value per row; cols ≥ 1. */
    void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols);

    /** F64 form. */
    void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols);

    /**
     * The dot products of a band of stencil rows, a direct (depthwise) convolution's weight gradient: for k &lt; taps,
     * <pre>  acc[accOff + k] += Σ_{r &lt; rows, t &lt; len} g[gOff + r·ldg + t] · x[src[k] + r·ldx + t·cs]</pre>
     * Every index must be in range; {@code cs} ≥ 1. F32 products may accumulate in float, in any fixed order
     * (deterministic for given arguments).
     */
    void tapDot(float[] g, int gOff, int ldg, float[] x, int[] src, int taps, int ldx, int cs, int rows, int len,
                double[] acc, int accOff);

    /** F64 form. */
    void tapDot(double[] g, int gOff, int ldg, double[] x, int[] src, int taps, int ldx, int cs, int rows, int len,
                double[] acc, int accOff);

    /**
     * Window maxima of max pooling, every tap inside the plane: for t &lt; len, window t has its origin at plane index
     * o = base + origin[originOff + t] and scans q = o + src[k] for k = 0, 1, … taps−1 (taps ≥ 1) reading
     * x[xOff + q]; it keeps tap 0, then any larger value or any NaN (so the first maximum wins a tie and the last NaN
     * wins, as in PyTorch), and writes y[yOff + t] = that value, idx[idxOff + t] = its q. Every index must be in
     * range. Exact: every implementation gives the same values and indices.
     */
    void maxTaps(float[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps, float[] y,
                 int yOff, int[] idx, int idxOff, int len);

    /** F64 form. */
    void maxTaps(double[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps, double[] y,
                 int yOff, int[] idx, int idxOff, int len);

    /**
     * Max pooling 2×2 at stride 2 without padding, the values alone: for planes p, output rows r &lt; outH and
     * columns t &lt; outW, window (p, r, t) scans the taps x[o], x[o + 1], x[o + w], x[o + w + 1] in that order, o =
     * xOff + p·hw + 2r·w + 2t, by the rule of {@link #maxTaps} (the first maximum wins a tie, the last NaN wins),
     * into y[yOff + (p·outH + r)·outW + t]. Every tap lies inside its plane (2·outW ≤ w, 2·outH·w ≤ hw); writes only y[yOff, yOff + planes·outH·outW). Exact: every implementation gives the same values.
     */
    void maxPool2x2(float[] x, int xOff, int hw, int w, int planes, int outH, int outW, float[] y, int yOff);

    /** F64 form. */
    void maxPool2x2(double[] x, int xOff, int hw, int w, int planes, int outH, int outW, double[] y, int yOff);

    /**
     * Σ (x[off + i] − mean)² over i &lt; n, the deviation rounded to the dtype: the second pass of a two-pass
     * variance. F32 squares may accumulate in float in blocks of a fixed layout (deterministic for given arguments).
     */
    double sumSquaredDeviations(float[] x, int off, int n, float mean);

    /** F64 form. */
    double sumSquaredDeviations(double[] x, int off, int n, double mean);

    /**
     * The weight gradient of {@link ElementwiseKernels#stencil3x3}: for i, j &lt; 3,
     * <pre>  acc[accOff + 3i + j] += Σ_{oh &lt; outH, ow &lt; outW} g[gOff + oh·outW + ow] · x[xOff + ih·wd + iw],
     *      ih = oh + i − padTop,  iw = ow + j − padLeft</pre>
     * over the rows ih inside [0, h), x read as 0 where iw is outside [0, wd). F32 products may accumulate in float,
     * in any fixed order (deterministic for given arguments).
     */
    void stencil3x3Dot(float[] g, int gOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                       int outW, double[] acc, int accOff);

    /** F64 form. */
    void stencil3x3Dot(double[] g, int gOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft, int outH,
                       int outW, double[] acc, int accOff);

    /**
     * The dot products of a direct convolution's weight gradient, blocked over output channels and taps: for
     * o &lt; outs, k &lt; taps,
     * <pre>  acc[accOff + o·ldacc + k] += Σ_{n &lt; images, r &lt; rows, t &lt; len}
     *                                    g[gOff + n·ldgn + o·ldgo + r·ldg + t] · x[src[k] + n·ldxn + r·ldx + t]</pre>
     * Every index must be in range. F32 products may accumulate in float, in any fixed order (deterministic for
     * given arguments).
     */
    void convTapDot(float[] g, int gOff, int ldgo, int ldg, int outs, float[] x, int[] src, int taps, int ldx,
                    int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc);

    /** F64 form. */
    void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps, int ldx,
                    int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff, int ldacc);

    /**
     * The dot products of a direct convolution's weight gradient with the output channels in the vector lanes (the
     * transpose of {@link ElementwiseKernels#convLanes}): for k &lt; taps, o &lt; outs,
     * <pre>  acc[accOff + k·ldacc + o] += Σ_{r &lt; rows, q &lt; cols} g[gOff + (r·cols + q)·ldg + o] · x[src[k] + r·ldx + q]</pre>
     * g holds one image's output gradient position-major ([positions, outs], rows ldg). Each sum runs in the
     * dtype from +0 in the order (r, q) with one rounding per term (fused multiply-add) and is then added to acc in
     * double, so every implementation gives the same bits. Every index must be in range; an implementation may read
     * columns outs … ldg − 1 of g's rows (the SIMD one reads whole vectors, unmasked, when ldg reaches outs rounded up
     * to whole vectors: its fast path).
     */
    void convLanesDot(float[] g, int gOff, int ldg, int outs, float[] x, int[] src, int taps, int rows, int cols,
                      int ldx, double[] acc, int accOff, int ldacc);

    /** F64 form. */
    void convLanesDot(double[] g, int gOff, int ldg, int outs, double[] x, int[] src, int taps, int rows, int cols,
                      int ldx, double[] acc, int accOff, int ldacc);
}
