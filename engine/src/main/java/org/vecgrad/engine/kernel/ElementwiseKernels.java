package org.vecgrad.engine.kernel;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;

/**
 * Elementwise kernels on raw arrays: each call reads {@code n} elements from each input starting at its offset and
 * writes {@code n} elements of the output starting at its offset. Inputs and output may be the same array at the
 * same offset (in place); other overlaps are not allowed. Arguments are not validated here: the public
 * {@link org.vecgrad.engine.NdArray} API validates before it calls a kernel.
 *
 * <p>Two implementations: {@link org.vecgrad.engine.kernel.scalar.ScalarElementwise} (the reference and test
 * oracle) and the Vector API one in {@code kernel.simd}. {@link Kernels} picks one at start-up.
 */
public interface ElementwiseKernels {

    /** y[i] = f(x[i]) with f = {@code op} and its parameters {@code p0, p1} (unused ones are ignored). */
    void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n);

    /** F64 form of {@link #unary(UnaryOp, double, double, float[], int, float[], int, int)}. */
    void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n);

    /**
     * out[i] = g[i] · f'(x[i]), the backward rule of y = f(x); when {@code g} is null, out[i] = f'(x[i]).
     * {@code y} must hold the forward output f(x) (kernels use it where it is cheaper than recomputing).
     * {@code out} may be {@code g} itself (same array, same offset): every implementation reads g[i] before it
     * writes out[i], so autodiff writes a gradient it owns in place.
     */
    void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                       float[] g, int gOff, float[] out, int outOff, int n);

    /** F64 form of {@link #unaryBackward(UnaryOp, double, double, float[], int, float[], int, float[], int, float[], int, int)}. */
    void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                       double[] g, int gOff, double[] out, int outOff, int n);

    /** out[i] = a[i] ∘ b[i]. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** F64 form. */
    void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n);

    /** out[i] = a[i] ∘ s (the scalar on the right). */
    void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n);

    /** F64 form. */
    void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n);

    /** out[i] = s ∘ b[i] (the scalar on the left). */
    void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n);

    /** F64 form. */
    void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n);

    /** y[i] += alpha · x[i] (BLAS axpy; one rounding per element where the platform has FMA). */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** F64 form. */
    void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

    /**
     * Rows added into rows (a direct convolution's wide rows into its output): for r &lt; rows, t &lt; len,
     * <pre>  y[yOff + r·ldy + t] += x[xOff + r·ldx + t]</pre>
     * one rounding per element, so every implementation gives the same bits. Rows of y must not overlap x's.
     */
    void addRows(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int len, int rows);

    /** F64 form. */
    void addRows(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, int len, int rows);

    /**
     * Rows plus a bias, optionally through a ReLU, written over rows (a direct convolution's wide rows into its
     * output, with its bias and a fused activation): for r &lt; rows, t &lt; len,
     * <pre>  v = x[xOff + r·ldx + t] + b;   y[yOff + r·ldy + t] = relu ? (v ≤ 0 ? +0 : v) : v</pre>
     * one rounding per element and the ReLU of {@code UnaryOp.RELU} (−0 → +0, NaN kept), so every implementation
     * gives the same bits. Rows of y must not overlap x's.
     */
    void biasRows(float[] x, int xOff, int ldx, float b, boolean relu, float[] y, int yOff, int ldy, int len,
                  int rows);

    /** F64 form. */
    void biasRows(double[] x, int xOff, int ldx, double b, boolean relu, double[] y, int yOff, int ldy, int len,
                  int rows);

    /**
     * Columns written as rows, plus a bias per column, optionally through a ReLU (the channels-in-lanes result of a
     * direct convolution, [positions, channels], into its output planes): for o &lt; outs, q &lt; n,
     * <pre>  v = x[xOff + q·ldx + o] + (b == null ? 0 : b[bOff + o]);   y[yOff + o·ldy + q] = relu ? (v ≤ 0 ? +0 : v) : v</pre>
     * with the rounding and ReLU of {@link #biasRows}, so every implementation gives the same bits. y must not
     * overlap x.
     */
    void transposeBias(float[] x, int xOff, int ldx, int outs, float[] b, int bOff, boolean relu, float[] y,
                       int yOff, int ldy, int n);

    /** F64 form. */
    void transposeBias(double[] x, int xOff, int ldx, int outs, double[] b, int bOff, boolean relu, double[] y,
                       int yOff, int ldy, int n);

    /**
     * A band of stencil rows, the inner loop of a direct (depthwise) convolution: for r &lt; rows, t &lt; len,
     * <pre>  y[yOff + r·ldy + t] += Σ_{k &lt; taps} w[wOff + k] · x[src[k] + r·ldx + t·cs]</pre>
     * accumulated per element in the order k = 0, 1, … with one rounding per tap (fused multiply-add), so every
     * implementation gives the same bits. Every index must be in range (the caller clips the band to the input);
     * {@code cs} ≥ 1 is the column stride of the reads.
     */
    void tapAxpy(float[] w, int wOff, int[] src, int taps, float[] x, int ldx, int cs, float[] y, int yOff, int ldy,
                 int rows, int len);

    /** F64 form. */
    void tapAxpy(double[] w, int wOff, int[] src, int taps, double[] x, int ldx, int cs, double[] y, int yOff,
                 int ldy, int rows, int len);

    /**
     * y[i] = x[i]·a + b, one rounding per element (fused multiply-add), so every implementation gives the same bits:
     * a normalization's scale and shift of one run. y may be x.
     */
    void scaleShift(float[] x, int xOff, float a, float b, float[] y, int yOff, int n);

    /** F64 form. */
    void scaleShift(double[] x, int xOff, double a, double b, double[] y, int yOff, int n);

    /**
     * out[i] = alpha·g[i] + (beta·x[i] + c), as {@code fma(alpha, g, fma(beta, x, c))} (every implementation gives the
     * same bits): a normalization's input gradient over one run. out may be g or x.
     */
    void combine(float alpha, float[] g, int gOff, float beta, float[] x, int xOff, float c, float[] out, int outOff,
                 int n);

    /** F64 form. */
    void combine(double alpha, double[] g, int gOff, double beta, double[] x, int xOff, double c, double[] out,
                 int outOff, int n);

    /**
     * A 3×3 stride-1 stencil over one plane, the depthwise convolution's common case (MobileNet's): for oh &lt; outH,
     * ow &lt; outW,
     * <pre>  y[yOff + oh·outW + ow] = (add ? y[yOff + oh·outW + ow] : start) + Σ_{i, j &lt; 3} w[wOff + 3i + j] · x[xOff + ih·wd + iw],
     *      ih = oh + i − padTop,  iw = ow + j − padLeft</pre>
     * over the rows ih inside [0, h) (the taps of a row outside are skipped), x read as 0 where iw is outside
     * [0, wd) (the term w·0 is still added, as a zero-padded plane would give); per element in the order (i, j),
     * one fused multiply-add per term, so every implementation gives the same bits. x is h × wd and y outH × outW,
     * both row-major without gaps; padTop and padLeft may be any int (negative: a crop). With {@code add} false, y
     * is only written (a forward starts from the bias, without a pass that fills y first).
     */
    void stencil3x3(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, boolean add,
                    float start, float[] y, int yOff, int outH, int outW);

    /**
     * A gather under a mask, a strided im2col's row: for q &lt; n,
     * <pre>  y[yOff + q] = keep[keepOff + q] ? x[xOff + idx[idxOff + q]] : 0</pre>
     * Every xOff + idx[idxOff + q] must be in range, kept or not (a vector gather checks every lane).
     */
    void gather(float[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, float[] y, int yOff, int n);

    /** F64 form. */
    void gather(double[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, double[] y, int yOff,
                int n);

    /**
     * Rows of a strided im2col, the gather-free form for small column strides: for r &lt; rows, t &lt; len,
     * <pre>  y[yOff + r·ldy + t] = lo ≤ t &lt; hi ? x[xOff + r·ldx + cs·t] : 0</pre>
     * with cs ≥ 1 and 0 ≤ lo ≤ hi ≤ len. Only the elements read must be in range (t in [lo, hi)); a copy, so every
     * implementation gives the same bits. y between the rows' {@code len} columns is not written.
     */
    void stridedRows(float[] x, int xOff, int ldx, int cs, int lo, int hi, float[] y, int yOff, int ldy, int len,
                     int rows);

    /** F64 form. */
    void stridedRows(double[] x, int xOff, int ldx, int cs, int lo, int hi, double[] y, int yOff, int ldy, int len,
                     int rows);

    /**
     * A strided col2im's rows for one kernel row, all its kernel columns (taps) at once: for r &lt; rows, for each
     * tap j &lt; taps in order, for t in [lo[j], hi[j]),
     * <pre>  x[xOff + r·ldx + cs·t + shift[j]] += y[yOff + j·ldt + r·ldy + t]</pre>
     * with cs ≥ 1, every column written cs·t + shift[j] in [0, width) and no element of x in two rows. Each element
     * gets its adds in tap order, one rounding each, so every implementation gives the same bits (and the bits of
     * one call per tap). Elements of x not added to keep their bits, but the columns [0, width) of each row may be
     * read and written back: the caller owns those rows.
     */
    void stridedTapsAdd(float[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift, float[] x,
                        int xOff, int ldx, int cs, int width, int rows);

    /** F64 form. */
    void stridedTapsAdd(double[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift, double[] x,
                        int xOff, int ldx, int cs, int width, int rows);

    /** F64 form. */
    void stencil3x3(double[] w, int wOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft,
                    boolean add, double start, double[] y, int yOff, int outH, int outW);

    /**
     * The register-blocked inner loop of a direct convolution over several output channels (its "wide rows": all
     * channels' taps are shifts of one flat index): for o &lt; outs, t &lt; len,
     * <pre>  y[yOff + o·ldy + t] += Σ_{k &lt; taps} w[wOff + o·ldw + k] · x[src[k] + t]</pre>
     * accumulated per element in the order k = 0, 1, … with one rounding per tap (fused multiply-add), so every
     * implementation gives the same bits. Every index must be in range.
     */
    void convTaps(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, float[] y,
                  int yOff, int ldy, int len);

    /** F64 form. */
    void convTaps(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, double[] y,
                  int yOff, int ldy, int len);

    /**
     * A direct convolution's row of output positions with the output channels in the vector lanes (for few output
     * channels: one weight vector per tap feeds a block of positions, each input element broadcast): for
     * r &lt; count, o &lt; outs,
     * <pre>  y[yOff + r·ldy + o] = Σ_{k &lt; taps} x[src[k] + xo + r] · w[wOff + k·ldw + o]</pre>
     * accumulated per element from +0 in the order k = 0, 1, … with one rounding per tap (fused multiply-add): the
     * chain {@link #convTaps} gives on a zeroed y, so every implementation and both kernels give the same bits.
     * Every index must be in range. Columns outs … ldy − 1 of the count rows of y (those in the array) are scratch:
     * an implementation may overwrite them, and may read columns outs … ldw − 1 of w's rows (the SIMD one does, with
     * whole vectors and no masks, when ldw and ldy reach outs rounded up to whole vectors: give it rows padded so,
     * its fast path). Nothing else of y is written.
     */
    void convLanes(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, int xo, int count,
                   float[] y, int yOff, int ldy);

    /** F64 form. */
    void convLanes(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, int xo, int count,
                   double[] y, int yOff, int ldy);
}
