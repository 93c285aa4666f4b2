package org.vecgrad.nn.train;

import java.util.Map;
import java.util.Objects;
import org.vecgrad.engine.NdArray;

/**
 * Stops training when a monitored value has not improved for {@code patience} epochs (Keras's
 * {@code EarlyStopping}). Improvement means lower by more than {@code minDelta} ("min" mode), or higher ("max"
 * mode); the default mode is max for names containing "acc", min otherwise. With {@code restoreBestWeights}, the
 * model gets the weights of the best epoch back when training ends (as Keras 3 does, whether or not it stopped
 * early).
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean max;
    private Trainer trainer;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private Map<String, NdArray> bestWeights;

    /** Monitors "val_loss" with the given patience, minDelta 0, no restoring. */
    public EarlyStopping(int patience) {
        this("val_loss", patience, 0, false);
    }

    /**
     * @param monitor            the log key, e.g. "val_loss" or "val_accuracy"
     * @param patience           epochs without improvement before stopping (≥ 0)
     * @param minDelta           the smallest change that counts as an improvement (≥ 0)
     * @param restoreBestWeights whether to put back the best epoch's weights at the end
     */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: patience " + patience + " and minDelta " + minDelta
                    + " must be >= 0");
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.max = monitor.contains("acc");
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        this.trainer = trainer;
        best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (v == null) {
            throw new IllegalStateException("EarlyStopping monitors '" + monitor + "', which is not among the logs "
                    + logs.keySet() + " (validation values need validationSplit or validationData)");
        }
        boolean better = max ? v > best + minDelta : v < best - minDelta;
        if (better) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = trainer.model().stateDict();
            }
        } else if (++wait > patience) {
            stoppedEpoch = epoch;
            trainer.stopTraining();
        }
    }

    @Override
    public void onTrainEnd() {
        if (restoreBestWeights && bestWeights != null) {
            trainer.model().loadStateDict(bestWeights);
        }
    }

    /** The epoch after which training stopped, or −1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value, or −1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value. */
    public double best() {
        return best;
    }
}
