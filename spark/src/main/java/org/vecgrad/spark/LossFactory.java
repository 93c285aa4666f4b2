package org.vecgrad.spark;

import java.io.Serializable;
import org.vecgrad.nn.loss.Loss;

/** Builds the loss on each executor ({@code CrossEntropyLoss::new}); it must reduce by the mean (the default). */
@FunctionalInterface
public interface LossFactory extends Serializable {
    /** A new loss. */
    Loss create();
}
