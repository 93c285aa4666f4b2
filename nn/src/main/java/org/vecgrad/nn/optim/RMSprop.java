package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * RMSprop (Tieleman &amp; Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine Learning, 2012),
 * with PyTorch's update rule and defaults ({@code torch.optim.RMSprop}); the centered variant follows Graves
 * (2013). For each parameter θ with gradient g:
 * <pre>
 *   g ← g + λθ                                if weightDecay λ ≠ 0
 *   v ← αv + (1 − α)g²                        square_avg (starts at 0)
 *   a ← αa + (1 − α)g;  d = √(v − a²) + ε     if centered (grad_avg starts at 0)
 *   d = √v + ε                                otherwise
 *   b ← μb + g/d;  θ ← θ − γb                 if momentum μ &gt; 0 (momentum_buffer starts at 0)
 *   θ ← θ − γ·g/d                             otherwise
 * </pre>
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 */
public class RMSprop extends Optimizer {
    /** Default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** Default smoothing constant α. */
    public static final double DEFAULT_ALPHA = 0.99;
    /** Default ε. */
    public static final double DEFAULT_EPS = 1e-8;

    private double alpha = DEFAULT_ALPHA;
    private double eps = DEFAULT_EPS;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    /** RMSprop with every default. */
    public RMSprop(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** RMSprop with the given learning rate. */
    public RMSprop(List<? extends Parameter> params, double lr) {
        super(params, lr);
    }

    /** Smoothing constant α ∈ [0, 1]; returns this. */
    public RMSprop alpha(double alpha) {
        this.alpha = checkRange("alpha", alpha, 0, 1, true, true);
        return this;
    }

    /** ε &gt; 0; returns this. */
    public RMSprop eps(double eps) {
        this.eps = checkRange("eps", eps, 0, Double.POSITIVE_INFINITY, false, false);
        return this;
    }

    /** L2 penalty λ ≥ 0; returns this. */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** Momentum μ ∈ [0, 1); returns this. */
    public RMSprop momentum(double momentum) {
        this.momentum = checkRange("momentum", momentum, 0, 1, true, false);
        return this;
    }

    /** Normalise by the variance estimate v − a² instead of v; returns this. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("square_avg", "grad_avg", "momentum_buffer");
    }

    @Override
    protected void update(NdArray theta, NdArray grad, State s) {
        NdArray v = s.getOrCreate("square_avg", theta, 0);
        NdArray a = centered ? s.getOrCreate("grad_avg", theta, 0) : null;
        NdArray b = momentum > 0 ? s.getOrCreate("momentum_buffer", theta, 0) : null;
        int n = theta.size();
        if (theta.dtype() == DType.F32) {
            kernels().rmspropStep(theta.floatData(), theta.offset(), grad.floatData(), grad.offset(), v.floatData(),
                    v.offset(), a == null ? null : a.floatData(), a == null ? 0 : a.offset(),
                    b == null ? null : b.floatData(), b == null ? 0 : b.offset(), n, lr(), alpha, eps, weightDecay,
                    momentum);
        } else {
            kernels().rmspropStep(theta.doubleData(), theta.offset(), grad.doubleData(), grad.offset(),
                    v.doubleData(), v.offset(), a == null ? null : a.doubleData(), a == null ? 0 : a.offset(),
                    b == null ? null : b.doubleData(), b == null ? 0 : b.offset(), n, lr(), alpha, eps, weightDecay,
                    momentum);
        }
    }
}
