package org.vecgrad.nn.data;

import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * A mini-batch: features stacked along a new first axis and, for a labelled dataset, the class labels, or for a
 * regression dataset, the stacked targets. Exactly one of {@code labels} and {@code y} is non-null.
 *
 * @param x      features, shape {@code [b, feature shape…]}
 * @param labels class indices, length b (labelled datasets), else null
 * @param y      targets, shape {@code [b, target shape…]} (regression datasets), else null
 */
public record Batch(NdArray x, int[] labels, NdArray y) {
    public Batch {
        Objects.requireNonNull(x, "x");
        if ((labels == null) == (y == null)) {
            throw new IllegalArgumentException("a batch has either labels or targets y, not " + (labels == null
                    ? "neither" : "both"));
        }
        int b = x.rank() == 0 ? -1 : x.shape(0);
        int nLabels = labels != null ? labels.length : (y.rank() == 0 ? -1 : y.shape(0));
        if (b != nLabels) {
            throw new IllegalArgumentException("batch: x has " + b + " rows but there are " + nLabels
                    + (labels != null ? " labels" : " target rows"));
        }
    }

    /** Number of samples b. */
    public int size() {
        return x.shape(0);
    }

    /**
     * The labels as an array of shape {@code [b, 1]} (e.g. for binary cross-entropy against a [b, 1] output), or
     * {@code y} converted to {@code dtype} when the batch has targets.
     */
    public NdArray labelsAsColumn(DType dtype) {
        if (labels == null) {
            return y.to(dtype);
        }
        NdArray out = NdArray.zeros(dtype, labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            out.setFlat(i, labels[i]);
        }
        return out;
    }
}
