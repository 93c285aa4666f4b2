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
}
