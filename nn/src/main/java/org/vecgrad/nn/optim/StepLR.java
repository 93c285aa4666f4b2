package org.vecgrad.nn.optim;

/**
 * Multiplies the learning rate by γ every {@code stepSize} epochs: lr(e) = base·γ^⌊e/stepSize⌋ (PyTorch's
 * {@code StepLR}; γ defaults to 0.1).
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /** γ = 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /** @param stepSize ≥ 1 epochs between decays; @param gamma decay factor &gt; 0 */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize = " + stepSize + " is outside the allowed range"
                    + " [1, ∞)");
        }
        this.stepSize = stepSize;
        this.gamma = checkPositive("StepLR: gamma", gamma);
    }

    @Override
    protected double next(double lr, int epoch) {
        return epoch % stepSize == 0 ? lr * gamma : lr;
    }

    @Override
    public double closedForm(int epoch) {
        return baseLr() * Math.pow(gamma, epoch / stepSize);
    }
}
