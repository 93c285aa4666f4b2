package org.vecgrad.engine.kernel;

/**
 * Optimizer updates as kernels, one call per parameter tensor. In-place updates of a parameter θ (p), its gradient
 * g and the optimizer's state buffers, n elements from each offset; PyTorch's update rules (torch.optim). F32 forms
 * compute in float arithmetic, each hyperparameter first rounded to float, every operation rounded (no FMA), in the
 * order written below, left to right; F64 forms the same in double. Both implementations give the same bits. The
 * arrays must not overlap one another. Not validated here (see {@link ElementwiseKernels}).
 */
public interface OptimizerKernels {

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
