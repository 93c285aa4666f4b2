package org.vecgrad.nn.optim;

/** Multiplies the learning rate by γ every epoch: lr(e) = base·γᵉ (PyTorch's {@code ExponentialLR}). */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /** @param gamma decay factor &gt; 0 */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = checkPositive("ExponentialLR: gamma", gamma);
    }

    @Override
    protected double next(double lr, int epoch) {
        return lr * gamma;
    }

    @Override
    public double closedForm(int epoch) {
        return baseLr() * Math.pow(gamma, epoch);
    }
}
