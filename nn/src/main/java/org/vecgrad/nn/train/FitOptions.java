package org.vecgrad.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.data.Dataset;

/**
 * The arguments of {@link Trainer#fit}, named as Keras's: {@code FitOptions.epochs(50).batchSize(32)
 * .validationSplit(0.2)}. Defaults: batch size 32, shuffling each epoch (SplitMix64, the
 * {@link org.vecgrad.nn.data.DataLoader}'s per-epoch permutation) from a seed taken from {@link Rng} when the
 * options are created (fixed by {@code Rng.manualSeed}), no validation, initial epoch 0, no callbacks.
 */
public final class FitOptions {
    int epochs;
    int batchSize = 32;
    double validationSplit;
    Dataset validationData;
    boolean shuffle = true;
    long seed = Rng.nextSeed();
    int initialEpoch;
    final List<Callback> callbacks = new ArrayList<>();

    private FitOptions(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs " + epochs + " must be >= 1");
        }
        this.epochs = epochs;
    }

    /** Train until epoch index {@code epochs} (Keras: with initialEpoch, the index of the last epoch + 1). */
    public static FitOptions epochs(int epochs) {
        return new FitOptions(epochs);
    }

    /** Samples per gradient step (the last batch may be smaller). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " must be >= 1");
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Holds out the last fraction (0 ≤ f &lt; 1) of the training samples, before shuffling, for validation. */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit " + fraction + " must be in [0, 1)");
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validates on this dataset after each epoch (overrides validationSplit). */
    public FitOptions validationData(Dataset data) {
        this.validationData = Objects.requireNonNull(data, "validationData");
        return this;
    }

    /** Shuffle each epoch from this seed (by default, from a seed taken from {@link Rng}). */
    public FitOptions shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** No shuffling: batches in index order. */
    public FitOptions noShuffle() {
        this.shuffle = false;
        return this;
    }

    /** Starts at this 0-based epoch (to resume from a checkpoint: the epoch it stored). */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initialEpoch " + initialEpoch + " must be >= 0");
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Adds callbacks, called in order. */
    public FitOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            this.callbacks.add(Objects.requireNonNull(c, "callback"));
        }
        return this;
    }
}
