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

    // ------------------------------------------------------------------------------------------ optimizer steps
    // In-place updates of a parameter θ (p), its gradient g and the optimizer's state buffers, n elements from
    // each offset; PyTorch's update rules (torch.optim). F32 forms compute in float arithmetic, each hyperparameter
    // first rounded to float, every operation rounded (no FMA), in the order written below, left to right; F64 forms
    // the same in double. Both implementations give the same bits. The arrays must not overlap one another.

    /**
     * Adam / AdamW / AMSGrad:
     * <pre>
     *   g ← g + l2·θ                  only if l2 ≠ 0 (so θ = ±∞ does not make 0·∞ = NaN)
     *   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g·g
     *   v̄ ← max(v̄, v) if vMax != null (AMSGrad; v̄ stored back), else v̄ = v
     *   θ ← θ·decay − stepSize·m / (√v̄ / bc2Sqrt + eps)
     * </pre>
     * with stepSize = γ/(1 − β₁ᵗ), bc2Sqrt = √(1 − β₂ᵗ), decay = 1 − γλ for AdamW and 1 for Adam (θ·1 = θ).
     */
    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                  float[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
                  double stepSize, double bc2Sqrt, double eps);

    /** F64 form of {@link #adamStep(float[], int, float[], int, float[], int, float[], int, float[], int, int, double, double, double, double, double, double, double)}. */
    void adamStep(double[] p, int pOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
                  double[] vMax, int vMaxOff, int n, double beta1, double beta2, double l2, double decay,
                  double stepSize, double bc2Sqrt, double eps);

    /**
     * SGD with optional momentum μ (buf != null), dampening τ, Nesterov and L2 weight decay λ:
     * <pre>
     *   g ← g + λ·θ                   only if λ ≠ 0
     *   b ← g if first, else μ·b + (1 − τ)·g      (only if buf != null; b stored back)
     *   g ← g + μ·b if nesterov, else g ← b       (only if buf != null)
     *   θ ← θ − γ·g  (θ + γ·g if maximize)
     * </pre>
     */
    void sgdStep(float[] p, int pOff, float[] g, int gOff, float[] buf, int bufOff, int n, double lr,
                 double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
                 boolean maximize);

    /** F64 form of {@link #sgdStep(float[], int, float[], int, float[], int, int, double, double, double, double, boolean, boolean, boolean)}. */
    void sgdStep(double[] p, int pOff, double[] g, int gOff, double[] buf, int bufOff, int n, double lr,
                 double momentum, double dampening, double weightDecay, boolean nesterov, boolean first,
                 boolean maximize);

    /**
     * RMSprop, optionally centered (avg != null) and with momentum μ (buf != null):
     * <pre>
     *   g ← g + λ·θ                   only if λ ≠ 0
     *   v ← α·v + (1 − α)·g·g                                       (sq)
     *   a ← α·a + (1 − α)·g;  d = √(v − a·a) + eps   if centered   (avg)
     *   d = √v + eps                                 otherwise
     *   b ← μ·b + g/d;  θ ← θ − γ·b                  if buf != null
     *   θ ← θ − γ·g/d                                otherwise
     * </pre>
     */
    void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] sq, int sqOff, float[] avg, int avgOff,
                     float[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
                     double momentum);

    /** F64 form of {@link #rmspropStep(float[], int, float[], int, float[], int, float[], int, float[], int, int, double, double, double, double, double)}. */
    void rmspropStep(double[] p, int pOff, double[] g, int gOff, double[] sq, int sqOff, double[] avg, int avgOff,
                     double[] buf, int bufOff, int n, double lr, double alpha, double eps, double weightDecay,
                     double momentum);

    /**
     * Adagrad with the step's learning rate {@code clr} (= γ/(1 + (t − 1)·η), computed by the caller):
     * <pre>
     *   g ← g + λ·θ                   only if λ ≠ 0
     *   s ← s + g·g;   θ ← θ − clr·g / (√s + eps)
     * </pre>
     */
    void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] sum, int sumOff, int n, double clr,
                     double eps, double weightDecay);

    /** F64 form of {@link #adagradStep(float[], int, float[], int, float[], int, int, double, double, double)}. */
    void adagradStep(double[] p, int pOff, double[] g, int gOff, double[] sum, int sumOff, int n, double clr,
                     double eps, double weightDecay);
}
