package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Adagrad (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011), with PyTorch's update rule and defaults ({@code torch.optim.Adagrad}). For each
 * parameter θ with gradient g at step t (1, 2, …):
 * <pre>
 *   γₜ = γ / (1 + (t − 1)·η)                  η = lrDecay
 *   g ← g + λθ                                if weightDecay λ ≠ 0
 *   s ← s + g²                                sum, starting at initialAccumulatorValue
 *   θ ← θ − γₜ·g/(√s + ε)
 * </pre>
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 */
public class Adagrad extends Optimizer {
    /** Default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** Default ε. */
    public static final double DEFAULT_EPS = 1e-10;

    private double lrDecay;
    private double weightDecay;
    private double initialAccumulatorValue;
    private double eps = DEFAULT_EPS;

    /** Adagrad with every default. */
    public Adagrad(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** Adagrad with the given learning rate. */
    public Adagrad(List<? extends Parameter> params, double lr) {
        super(params, lr);
    }

    /** Learning-rate decay η ≥ 0; returns this. */
    public Adagrad lrDecay(double lrDecay) {
        this.lrDecay = checkRange("lrDecay", lrDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** L2 penalty λ ≥ 0; returns this. */
    public Adagrad weightDecay(double weightDecay) {
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** Starting value ≥ 0 of the sum of squared gradients (used when a parameter's state is created); returns this. */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = checkRange("initialAccumulatorValue", value, 0, Double.POSITIVE_INFINITY,
                true, false);
        return this;
    }

    /** ε &gt; 0; returns this. */
    public Adagrad eps(double eps) {
        this.eps = checkRange("eps", eps, 0, Double.POSITIVE_INFINITY, false, false);
        return this;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("sum");
    }

    @Override
    protected void update(NdArray theta, NdArray grad, State s) {
        NdArray sum = s.getOrCreate("sum", theta, initialAccumulatorValue);
        double clr = lr() / (1 + (s.step() - 1) * lrDecay);
        int n = theta.size();
        if (theta.dtype() == DType.F32) {
            kernels().adagradStep(theta.floatData(), theta.offset(), grad.floatData(), grad.offset(),
                    sum.floatData(), sum.offset(), n, clr, eps, weightDecay);
        } else {
            kernels().adagradStep(theta.doubleData(), theta.offset(), grad.doubleData(), grad.offset(),
                    sum.doubleData(), sum.offset(), n, clr, eps, weightDecay);
        }
    }
}
