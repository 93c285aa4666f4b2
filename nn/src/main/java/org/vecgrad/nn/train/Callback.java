package org.vecgrad.nn.train;

import java.util.Map;

/**
 * Hooks into {@link Trainer#fit} (Keras's {@code Callback}). Epochs are 0-based here; logs hold the epoch's
 * "loss", metrics and "val_…" values. Call {@link Trainer#stopTraining()} to end after the current epoch.
 */
public interface Callback {
    /** Before the first epoch. */
    default void onTrainBegin(Trainer trainer) {
    }

    /** Before each epoch. */
    default void onEpochBegin(int epoch) {
    }

    /** After each batch: running "loss" and metrics of the epoch so far. */
    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** After each epoch (and its validation). */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** After the last epoch. */
    default void onTrainEnd() {
    }
}
