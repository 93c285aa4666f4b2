package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), with PyTorch's update rule and
 * defaults ({@code torch.optim.Adam}), including its AMSGrad variant (Reddi et al., ICLR 2018). For each
 * parameter θ with gradient g at step t (1, 2, …):
 * <pre>
 *   g ← g + λθ                                if weightDecay λ ≠ 0 (L2, coupled; see {@link AdamW})
 *   m ← β₁m + (1 − β₁)g                       exp_avg
 *   v ← β₂v + (1 − β₂)g²                      exp_avg_sq
 *   v̄ ← max(v̄, v) if amsgrad, else v̄ = v    max_exp_avg_sq
 *   θ ← θ − (γ/(1 − β₁ᵗ)) · m / (√v̄/√(1 − β₂ᵗ) + ε)
 * </pre>
 * which is θ − γ·m̂/(√v̂ + ε) with the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v̄/(1 − β₂ᵗ), computed in the order
 * PyTorch computes it. m and v start at 0. Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay 0,
 * amsgrad false.
 */
public class Adam extends Optimizer {
    /** Default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** Default β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default ε. */
    public static final double DEFAULT_EPS = 1e-8;

    private double beta1 = DEFAULT_BETA1;
    private double beta2 = DEFAULT_BETA2;
    private double eps = DEFAULT_EPS;
    private double weightDecay;
    private boolean amsgrad;
    private final boolean decoupled;

    /** Adam with every default. */
    public Adam(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** Adam with the given learning rate. */
    public Adam(List<? extends Parameter> params, double lr) {
        this(params, lr, false, 0.0);
    }

    Adam(List<? extends Parameter> params, double lr, boolean decoupled, double weightDecay) {
        super(params, lr);
        this.decoupled = decoupled;
        this.weightDecay = checkRange(decoupled ? "AdamW" : "Adam", "weightDecay", weightDecay, 0,
                Double.POSITIVE_INFINITY, true, false);
    }

    /** β₁, β₂ ∈ [0, 1); returns this. Both are checked before either is set. */
    public Adam betas(double beta1, double beta2) {
        checkRange("beta1", beta1, 0, 1, true, false);
        checkRange("beta2", beta2, 0, 1, true, false);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** ε &gt; 0, added to the denominator; returns this. */
    public Adam eps(double eps) {
        this.eps = checkRange("eps", eps, 0, Double.POSITIVE_INFINITY, false, false);
        return this;
    }

    /** Weight decay λ ≥ 0 (L2 in Adam, decoupled in AdamW); returns this. */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** Use the AMSGrad variant (the running maximum of v); returns this. */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    /** The current weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    }

    @Override
    protected void update(NdArray theta, NdArray grad, State s) {
        NdArray m = s.getOrCreate("exp_avg", theta, 0);
        NdArray v = s.getOrCreate("exp_avg_sq", theta, 0);
        NdArray vMax = amsgrad ? s.getOrCreate("max_exp_avg_sq", theta, 0) : null;
        long t = s.step();
        double lr = lr();
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double decay = decoupled ? 1 - lr * weightDecay : 1; // AdamW shrinks θ; Adam adds λθ to g
        double l2 = decoupled ? 0 : weightDecay;
        int n = theta.size();
        if (theta.dtype() == DType.F32) {
            kernels().adamStep(theta.floatData(), theta.offset(), grad.floatData(), grad.offset(), m.floatData(),
                    m.offset(), v.floatData(), v.offset(), vMax == null ? null : vMax.floatData(),
                    vMax == null ? 0 : vMax.offset(), n, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
        } else {
            kernels().adamStep(theta.doubleData(), theta.offset(), grad.doubleData(), grad.offset(), m.doubleData(),
                    m.offset(), v.doubleData(), v.offset(), vMax == null ? null : vMax.doubleData(),
                    vMax == null ? 0 : vMax.offset(), n, beta1, beta2, l2, decay, stepSize, bc2Sqrt, eps);
        }
    }
}
