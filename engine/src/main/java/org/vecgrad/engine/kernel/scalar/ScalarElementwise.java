package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.math.Erf;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;

/**
 * The reference elementwise kernels: plain loops over {@link #f}, {@link #df} and {@link #binary(BinaryOp, double,
 * double)}, the test oracle of the Vector API kernels and the fallback path.
 *
 * <p>Conventions shared by both implementations:
 * <ul>
 *   <li>F32 kernels widen to double, compute there and round once to float ("careful reference"); the backward
 *       rule rounds f'(x) to float and then forms the float product g·f'. The parameters
 *       of LEAKY_RELU, ELU, SWISH and CLAMP are first rounded to float (an F32 kernel works with F32 parameters);
 *       POW keeps its exponent in double.</li>
 *   <li>Stable forms: σ(x) from e^{−|x|} (no overflow, σ(−1000) = 0); softplus = max(x, 0) + ln(1 + e^{−|x|});
 *       ELU through expm1; GELU_TANH as x·σ(2u) (= ½x(1 + tanh u) without the cancellation for x ≪ 0); exact GELU
 *       through {@link Erf#normalCdf}; the derivatives of σ, tanh, swish from e^{−|x|} rather than from y, so they
 *       stay relatively accurate where y rounds to 1.</li>
 *   <li>NaN in gives NaN out, also for the derivatives (f'(NaN) = NaN for every op). At ±∞ SWISH, GELU and
 *       GELU_TANH and their derivatives take their limits (e.g. gelu(−∞) = −0, gelu'(+∞) = 1).</li>
 *   <li>The backward rule multiplies: out = g·f'(x), so g = ±∞ or NaN where f' = 0 gives NaN.</li>
 *   <li>axpy uses Math.fma: one rounding per element.</li>
 * </ul>
 */
public final class ScalarElementwise implements ElementwiseKernels {

    /** Beyond |t| = 800, σ(t) is exactly 0 or 1 in double and t·σ(−|t|) is 0: clamping keeps ∞·0 out. */
    private static final double SIGMOID_SATURATION = 800.0;

    /** √(2/π), the scale of the tanh approximation of GELU. */
    public static final double GELU_TANH_SCALE = 0.7978845608028654;

    /** The cubic coefficient of the tanh approximation of GELU. */
    public static final double GELU_TANH_CUBIC = 0.044715;

    /** 2√(2/π). */
    public static final double GELU_TANH_2K = 2.0 * GELU_TANH_SCALE;

    /** 3·0.044715. */
    public static final double GELU_TANH_3C = 3.0 * GELU_TANH_CUBIC;

    /** |x| from which gelu_tanh'(x) is exactly 1 or 0 in double and in float (2u ≈ 1980 there). */
    public static final double GELU_TANH_DERIVATIVE_SATURATION = 30.0;

    // ---------------------------------------------------------------------------------------------------------
    // The math, one element at a time (public: the Vector API kernels use it for tails and rare lanes).

    /** f(x) for {@code op} with parameters p0, p1. */
    public static double f(UnaryOp op, double p0, double p1, double x) {
        return switch (op) {
            case IDENTITY -> x;
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case POW -> x != x ? x : Math.pow(x, p0);
            case CLAMP -> Math.min(Math.max(x, p0), p1);
            case STEP -> x > 0 ? 1.0 : (x != x ? x : 0.0);
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(x, 0.0);
            case LEAKY_RELU -> x > 0 ? x : p0 * x;
            case ELU -> x > 0 ? x : p0 * Math.expm1(x);
            case SOFTPLUS -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            case SWISH -> swish(p0, x);
            case GELU -> x == Double.NEGATIVE_INFINITY ? -0.0 : x * Erf.normalCdf(x);
            case GELU_TANH -> geluTanh(x);
            case HARD_SIGMOID -> Math.min(Math.max(0.25 * x + 0.5, 0.0), 1.0);
            case HARD_TANH -> Math.min(Math.max(x, -1.0), 1.0);
        };
    }

    /**
     * f'(x) for {@code op}; {@code y} = f(x) is read only by EXP (f' = y) and SQRT (f' = 1/(2y)). Values at kinks
     * as documented in {@link UnaryOp}; f'(NaN) = NaN.
     */
    public static double df(UnaryOp op, double p0, double p1, double x, double y) {
        if (x != x) {
            return x;
        }
        return switch (op) {
            case IDENTITY -> 1.0;
            case NEG -> -1.0;
            case ABS -> Math.signum(x);
            case EXP -> y;
            case LOG -> 1.0 / x;
            case SQRT -> 1.0 / (2.0 * y);
            case SQUARE -> 2.0 * x;
            case POW -> p0 == 0 ? 0.0 : p0 * Math.pow(x, p0 - 1.0);
            case CLAMP -> x >= p0 && x <= p1 ? 1.0 : 0.0;
            case STEP -> 0.0;
            case SIGMOID, SOFTPLUS -> sigmoidDerivativeOrSigmoid(op, x);
            case TANH -> {
                double e = Math.exp(-2.0 * Math.abs(x));
                double d = 1.0 + e;
                yield 4.0 * e / (d * d);
            }
            case RELU -> x > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> x > 0 ? 1.0 : p0;
            case ELU -> x > 0 ? 1.0 : p0 * Math.exp(x);
            case SWISH -> swishDerivative(p0, x);
            case GELU -> {
                if (Double.isInfinite(x)) {
                    yield x > 0 ? 1.0 : 0.0;
                }
                yield Erf.normalCdf(x) + x * Erf.normalPdf(x);
            }
            case GELU_TANH -> geluTanhDerivative(x);
            case HARD_SIGMOID -> x > -2.0 && x < 2.0 ? 0.25 : 0.0;
            case HARD_TANH -> x > -1.0 && x < 1.0 ? 1.0 : 0.0;
        };
    }

    /** a ∘ b. */
    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    /** σ(x) = 1/(1 + e^{−x}) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) below. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return x >= 0 ? r : e * r;
    }

    private static double sigmoidDerivativeOrSigmoid(UnaryOp op, double x) {
        if (op == UnaryOp.SOFTPLUS) {
            return sigmoid(x);
        }
        // σ(x)σ(−x) = e/(1+e)², e = e^{−|x|}: no 1 − σ cancellation
        double e = Math.exp(-Math.abs(x));
        double r = 1.0 / (1.0 + e);
        return e * r * r;
    }

    /** x·σ(βx); at x = ±∞ the limit (x where βx → +∞, ±0 where βx → −∞, x/2 when β = 0). */
    private static double swish(double beta, double x) {
        if (Double.isInfinite(x)) {
            return beta == 0 ? 0.5 * x : (beta * x > 0 ? x : Math.copySign(0.0, x));
        }
        double t = Math.max(Math.min(beta * x, SIGMOID_SATURATION), -SIGMOID_SATURATION);
        return x * sigmoid(t);
    }

    /** σ(t) + t·σ(t)σ(−t) with t = βx (clamped so that t·σ(−t) never forms ∞·0); limits at x = ±∞. */
    private static double swishDerivative(double beta, double x) {
        if (Double.isInfinite(x)) {
            return beta == 0 ? 0.5 : (beta * x > 0 ? 1.0 : 0.0);
        }
        double t = Math.max(Math.min(beta * x, SIGMOID_SATURATION), -SIGMOID_SATURATION);
        double e = Math.exp(-Math.abs(t));
        double r = 1.0 / (1.0 + e);
        double sp = t >= 0 ? r : e * r;
        double sm = t >= 0 ? e * r : r;
        return sp * (1.0 + t * sm);
    }

    /** ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³); −0 at −∞. */
    private static double geluTanh(double x) {
        if (x == Double.NEGATIVE_INFINITY) {
            return -0.0;
        }
        // 2u = (2√(2/π)·x)·(1 + 0.044715x²), in the operation order of the vector kernels (σ(2u) ≈ e^{2u} in the
        // lower tail amplifies any difference in 2u by |2u|)
        double t = (GELU_TANH_2K * x) * Math.fma(x * x, GELU_TANH_CUBIC, 1.0);
        t = Math.max(Math.min(t, SIGMOID_SATURATION), -SIGMOID_SATURATION);
        return x * sigmoid(t);
    }

    /**
     * σ(2u) + 2x·σ(2u)σ(−2u)·√(2/π)(1 + 3·0.044715x²), the ½(1 ± tanh) form of UnaryOp rewritten with σ. x is
     * clamped to ±{@value #GELU_TANH_DERIVATIVE_SATURATION}, where the derivative is already exactly 1 or 0; this
     * keeps x³ finite (no ∞·0) and gives the limits at ±∞.
     */
    private static double geluTanhDerivative(double x) {
        double xc = Math.max(Math.min(x, GELU_TANH_DERIVATIVE_SATURATION), -GELU_TANH_DERIVATIVE_SATURATION);
        double x2 = xc * xc;
        double t = (GELU_TANH_2K * xc) * Math.fma(x2, GELU_TANH_CUBIC, 1.0);
        double e = Math.exp(-Math.abs(t));
        double r = 1.0 / (1.0 + e);
        double sp = t >= 0 ? r : e * r;
        double sm = t >= 0 ? e * r : r;
        double du = GELU_TANH_2K * Math.fma(x2, GELU_TANH_3C, 1.0);
        return sp + sp * sm * xc * du;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kernels: the loops are ScalarElementwiseF32 and ScalarElementwiseF64, generated from one template

    @Override
    public void unary(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff, int n) {
        ScalarElementwiseF32.unary(op, p0, p1, x, xOff, y, yOff, n);
    }

    @Override
    public void unary(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff, int n) {
        ScalarElementwiseF64.unary(op, p0, p1, x, xOff, y, yOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, float[] x, int xOff, float[] y, int yOff,
                              float[] g, int gOff, float[] out, int outOff, int n) {
        ScalarElementwiseF32.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double p0, double p1, double[] x, int xOff, double[] y, int yOff,
                              double[] g, int gOff, double[] out, int outOff, int n) {
        ScalarElementwiseF64.unaryBackward(op, p0, p1, x, xOff, y, yOff, g, gOff, out, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        ScalarElementwiseF32.binary(op, a, aOff, b, bOff, out, outOff, n);
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        ScalarElementwiseF64.binary(op, a, aOff, b, bOff, out, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        ScalarElementwiseF32.binaryScalar(op, a, aOff, s, out, outOff, n);
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
        ScalarElementwiseF64.binaryScalar(op, a, aOff, s, out, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        ScalarElementwiseF32.scalarBinary(op, s, b, bOff, out, outOff, n);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
        ScalarElementwiseF64.scalarBinary(op, s, b, bOff, out, outOff, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        ScalarElementwiseF32.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        ScalarElementwiseF64.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void addRows(float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, int len, int rows) {
        ScalarElementwiseF32.addRows(x, xOff, ldx, y, yOff, ldy, len, rows);
    }

    @Override
    public void addRows(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, int len, int rows) {
        ScalarElementwiseF64.addRows(x, xOff, ldx, y, yOff, ldy, len, rows);
    }

    @Override
    public void transposeBias(float[] x, int xOff, int ldx, int outs, float[] b, int bOff, boolean relu, float[] y,
                              int yOff, int ldy, int n) {
        ScalarElementwiseF32.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y, yOff, ldy, n);
    }

    @Override
    public void transposeBias(double[] x, int xOff, int ldx, int outs, double[] b, int bOff, boolean relu,
                              double[] y, int yOff, int ldy, int n) {
        ScalarElementwiseF64.transposeBias(x, xOff, ldx, outs, b, bOff, relu, y, yOff, ldy, n);
    }

    @Override
    public void biasRows(float[] x, int xOff, int ldx, float b, boolean relu, float[] y, int yOff, int ldy, int len,
                         int rows) {
        ScalarElementwiseF32.biasRows(x, xOff, ldx, b, relu, y, yOff, ldy, len, rows);
    }

    @Override
    public void biasRows(double[] x, int xOff, int ldx, double b, boolean relu, double[] y, int yOff, int ldy,
                         int len, int rows) {
        ScalarElementwiseF64.biasRows(x, xOff, ldx, b, relu, y, yOff, ldy, len, rows);
    }

    @Override
    public void tapAxpy(float[] w, int wOff, int[] src, int taps, float[] x, int ldx, int cs, float[] y, int yOff,
                        int ldy, int rows, int len) {
        ScalarTapsF32.tapAxpy(w, wOff, src, taps, x, ldx, cs, y, yOff, ldy, rows, len);
    }

    @Override
    public void tapAxpy(double[] w, int wOff, int[] src, int taps, double[] x, int ldx, int cs, double[] y, int yOff,
                        int ldy, int rows, int len) {
        ScalarTapsF64.tapAxpy(w, wOff, src, taps, x, ldx, cs, y, yOff, ldy, rows, len);
    }

    @Override
    public void scaleShift(float[] x, int xOff, float a, float b, float[] y, int yOff, int n) {
        ScalarPoolNormF32.scaleShift(x, xOff, a, b, y, yOff, n);
    }

    @Override
    public void scaleShift(double[] x, int xOff, double a, double b, double[] y, int yOff, int n) {
        ScalarPoolNormF64.scaleShift(x, xOff, a, b, y, yOff, n);
    }

    @Override
    public void combine(float alpha, float[] g, int gOff, float beta, float[] x, int xOff, float c, float[] out,
                        int outOff, int n) {
        ScalarPoolNormF32.combine(alpha, g, gOff, beta, x, xOff, c, out, outOff, n);
    }

    @Override
    public void combine(double alpha, double[] g, int gOff, double beta, double[] x, int xOff, double c,
                        double[] out, int outOff, int n) {
        ScalarPoolNormF64.combine(alpha, g, gOff, beta, x, xOff, c, out, outOff, n);
    }

    @Override
    public void stencil3x3(float[] w, int wOff, float[] x, int xOff, int h, int wd, int padTop, int padLeft, boolean add,
                           float start, float[] y, int yOff, int outH, int outW) {
        ScalarTapsF32.stencil3x3(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, outH, outW);
    }

    @Override
    public void stencil3x3(double[] w, int wOff, double[] x, int xOff, int h, int wd, int padTop, int padLeft, boolean add,
                           double start, double[] y, int yOff, int outH, int outW) {
        ScalarTapsF64.stencil3x3(w, wOff, x, xOff, h, wd, padTop, padLeft, add, start, y, yOff, outH, outW);
    }

    @Override
    public void gather(float[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, float[] y, int yOff,
                       int n) {
        ScalarTapsF32.gather(x, xOff, idx, idxOff, keep, keepOff, y, yOff, n);
    }

    @Override
    public void gather(double[] x, int xOff, int[] idx, int idxOff, boolean[] keep, int keepOff, double[] y, int yOff,
                       int n) {
        ScalarTapsF64.gather(x, xOff, idx, idxOff, keep, keepOff, y, yOff, n);
    }

    @Override
    public void stridedRows(float[] x, int xOff, int ldx, int cs, int lo, int hi, float[] y, int yOff, int ldy,
                            int len, int rows) {
        ScalarConvTapsF32.stridedRows(x, xOff, ldx, cs, lo, hi, y, yOff, ldy, len, rows);
    }

    @Override
    public void stridedRows(double[] x, int xOff, int ldx, int cs, int lo, int hi, double[] y, int yOff, int ldy,
                            int len, int rows) {
        ScalarConvTapsF64.stridedRows(x, xOff, ldx, cs, lo, hi, y, yOff, ldy, len, rows);
    }

    @Override
    public void stridedTapsAdd(float[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               float[] x, int xOff, int ldx, int cs, int width, int rows) {
        ScalarConvTapsF32.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
    }

    @Override
    public void stridedTapsAdd(double[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               double[] x, int xOff, int ldx, int cs, int width, int rows) {
        ScalarConvTapsF64.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
    }

    @Override
    public void convTaps(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, float[] y,
                         int yOff, int ldy, int len) {
        ScalarConvTapsF32.convTaps(w, wOff, ldw, outs, src, taps, x, y, yOff, ldy, len);
    }

    @Override
    public void convTaps(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, double[] y,
                         int yOff, int ldy, int len) {
        ScalarConvTapsF64.convTaps(w, wOff, ldw, outs, src, taps, x, y, yOff, ldy, len);
    }

    @Override
    public void convLanes(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, int xo, int count,
                          float[] y, int yOff, int ldy) {
        ScalarConvTapsF32.convLanes(w, wOff, ldw, outs, src, taps, x, xo, count, y, yOff, ldy);
    }

    @Override
    public void convLanes(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, int xo, int count,
                          double[] y, int yOff, int ldy) {
        ScalarConvTapsF64.convLanes(w, wOff, ldw, outs, src, taps, x, xo, count, y, yOff, ldy);
    }
}
