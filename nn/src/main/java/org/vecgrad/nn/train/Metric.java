package org.vecgrad.nn.train;

import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.Batch;

/**
 * A quantity accumulated over the batches of an epoch (Keras's stateful metrics): {@link #reset()} at the start,
 * {@link #update} per batch with the model's output, {@link #result()} at any time.
 */
public interface Metric {
    /** The key in logs and {@link History}, e.g. "accuracy" (validation values get a "val_" prefix). */
    String name();

    /** Forgets everything accumulated. */
    void reset();

    /** Accumulates one batch: the model's output for {@code batch.x()} and the batch's labels or targets. */
    void update(NdArray output, Batch batch);

    /** The value over everything since the last reset (NaN before any update). */
    double result();

    /** A fresh copy with no accumulated state (so training and validation keep separate counts). */
    Metric copy();
}
