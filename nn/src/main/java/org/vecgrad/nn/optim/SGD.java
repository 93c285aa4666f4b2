package org.vecgrad.nn.optim;

import java.util.List;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with
 * PyTorch's update rule and defaults ({@code torch.optim.SGD}). For each parameter θ with gradient g, step t:
 * <pre>
 *   g ← g + λθ                                  if weightDecay λ ≠ 0
 *   if momentum μ ≠ 0:
 *       b ← g                                   at the first step (no buffer yet)
 *       b ← μ·b + (1 − τ)·g                     afterwards (τ = dampening)
 *       g ← g + μ·b  if nesterov, else  g ← b
 *   θ ← θ − γ·g                                 (γ = lr; θ + γ·g with maximize)
 * </pre>
 * Defaults: lr 1e-3, momentum 0, dampening 0, weightDecay 0, nesterov false. Nesterov needs momentum &gt; 0 and
 * dampening 0 (checked at {@link #step()}). Momentum in this form follows Sutskever et al. (2013); it differs from
 * the textbook v ← μv + γg by where the learning rate sits, which matters when the learning rate changes.
 */
public class SGD extends Optimizer {
    /** PyTorch's default learning rate (since 2.0). */
    public static final double DEFAULT_LR = 1e-3;

    private double momentum;
    private double dampening;
    private double weightDecay;
    private boolean nesterov;
    private boolean maximize;

    /** Plain SGD with lr 1e-3. */
    public SGD(List<? extends Parameter> params) {
        this(params, DEFAULT_LR);
    }

    /** Plain SGD with the given learning rate. */
    public SGD(List<? extends Parameter> params, double lr) {
        super(params, lr);
    }

    /** Momentum factor μ ∈ [0, 1) (0 disables momentum; μ ≥ 1 never forgets a gradient and diverges); returns this. */
    public SGD momentum(double momentum) {
        this.momentum = checkRange("momentum", momentum, 0, 1, true, false);
        return this;
    }

    /** Dampening τ of the momentum's gradient term, ≥ 0; returns this. */
    public SGD dampening(double dampening) {
        this.dampening = checkRange("dampening", dampening, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** L2 penalty λ ≥ 0 added to the gradient as λθ; returns this. */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY, true, false);
        return this;
    }

    /** Nesterov momentum (needs momentum &gt; 0 and dampening 0); returns this. */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** Maximize the objective instead of minimizing it; returns this. */
    public SGD maximize(boolean maximize) {
        this.maximize = maximize;
        return this;
    }

    /** The momentum factor. */
    public double momentum() {
        return momentum;
    }

    @Override
    protected void validate() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov needs momentum > 0 and dampening = 0, got momentum = "
                    + momentum + ", dampening = " + dampening);
        }
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("momentum_buffer");
    }

    @Override
    protected void update(NdArray theta, NdArray grad, State s) {
        NdArray buf = momentum != 0 ? s.get("momentum_buffer") : null;
        boolean first = momentum != 0 && buf == null; // PyTorch: no buffer yet → b = g
        if (first) {
            buf = NdArray.zerosLike(theta);
            s.put("momentum_buffer", buf);
        }
        int n = theta.size();
        if (theta.dtype() == DType.F32) {
            kernels().sgdStep(theta.floatData(), theta.offset(), grad.floatData(), grad.offset(),
                    buf == null ? null : buf.floatData(), buf == null ? 0 : buf.offset(), n, lr(), momentum,
                    dampening, weightDecay, nesterov, first, maximize);
        } else {
            kernels().sgdStep(theta.doubleData(), theta.offset(), grad.doubleData(), grad.offset(),
                    buf == null ? null : buf.doubleData(), buf == null ? 0 : buf.offset(), n, lr(), momentum,
                    dampening, weightDecay, nesterov, first, maximize);
        }
    }
}
