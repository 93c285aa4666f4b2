package org.vecgrad.nn.optim;

/**
 * Cosine annealing without restarts (Loshchilov &amp; Hutter, "SGDR", ICLR 2017; PyTorch's
 * {@code CosineAnnealingLR}): lr(e) = η_min + (base − η_min)·(1 + cos(π·e/T_max))/2, so the rate falls from base
 * at e = 0 to η_min at e = T_max (and, as in PyTorch, rises again after T_max along the same cosine).
 *
 * <p>{@link #step()} uses PyTorch's recursive form: lr(e) = η_min + (lr(e−1) − η_min)·(1 + cos(πe/T))/(1 +
 * cos(π(e−1)/T)), and lr(e−1) + (base − η_min)(1 − cos(π/T))/2 when (e − 1 − T) is a multiple of 2T (where that
 * quotient would divide by zero).
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /** η_min = 0. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /** @param tMax ≥ 1 epochs of the half period; @param etaMin the floor, ≥ 0 */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax = " + tMax + " is outside the allowed "
                    + "range [1, ∞)");
        }
        if (!(etaMin >= 0) || !Double.isFinite(etaMin)) {
            throw new IllegalArgumentException("CosineAnnealingLR: etaMin = " + etaMin + " is outside the "
                    + "allowed range [0, ∞)");
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    protected double next(double lr, int epoch) {
        if ((epoch - 1 - tMax) % (2 * tMax) == 0) {
            return lr + (baseLr() - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (lr - etaMin) + etaMin;
    }

    @Override
    public double closedForm(int epoch) {
        return etaMin + (baseLr() - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
