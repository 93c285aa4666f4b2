package org.vecgrad.nn.optim;

import java.util.Objects;

/**
 * A learning-rate schedule over epochs (PyTorch's {@code torch.optim.lr_scheduler.LRScheduler}). Construction
 * records the optimizer's learning rate as the base rate and sets epoch 0; each {@link #step()} (once per epoch,
 * after the optimizer's steps) advances the epoch and sets the optimizer's learning rate.
 *
 * <p>{@link #step()} uses PyTorch's recursive ("chainable") form, which starts from the optimizer's current rate,
 * so the values match PyTorch's to the last bit and the schedule composes with manual changes; {@link #closedForm}
 * gives the same schedule as a formula of the epoch (equal up to rounding when nothing else changes the rate).
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    private final double baseLr;
    private int lastEpoch;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.baseLr = optimizer.lr();
    }

    /** The learning rate the optimizer had when the schedule was created. */
    public final double baseLr() {
        return baseLr;
    }

    /** The epoch reached (0 before the first {@link #step()}). */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /** The learning rate set by the last step (the optimizer's current one). */
    public final double lastLr() {
        return optimizer.lr();
    }

    /** Advances one epoch and sets the optimizer's learning rate. */
    public final void step() {
        lastEpoch++;
        optimizer.setLr(next(optimizer.lr(), lastEpoch));
    }

    /**
     * Jumps to {@code epoch} (e.g. when resuming from a checkpoint) and sets the optimizer's learning rate to
     * {@link #closedForm}(epoch).
     */
    public final void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " must be >= 0");
        }
        lastEpoch = epoch;
        optimizer.setLr(closedForm(epoch));
    }

    /** The rate at {@code epoch} from the rate {@code lr} at epoch − 1 (PyTorch's {@code get_lr}). */
    protected abstract double next(double lr, int epoch);

    /** The rate at {@code epoch} as a formula of the base rate (PyTorch's {@code _get_closed_form_lr}). */
    public abstract double closedForm(int epoch);

    static double checkPositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " = " + v + " is outside the allowed range (0, ∞)");
        }
        return v;
    }
}
