package org.vecgrad.nn.train;

import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.data.Batch;

/**
 * The fraction of samples classified correctly, named "accuracy".
 * <ul>
 *   <li>Output [n, C] with C &gt; 1 (scores, logits or probabilities): the predicted class is the first argmax of
 *       each row, compared with the label.</li>
 *   <li>Output [n] or [n, 1] (one probability per sample): class 1 when the output is &gt; threshold (default
 *       0.5; use 0 for logits), compared with the label, or with target &gt; 0.5 for 0/1 float targets.</li>
 * </ul>
 */
public final class Accuracy implements Metric {
    private final double threshold;
    private long correct;
    private long total;

    /** Threshold 0.5 for single-output models. */
    public Accuracy() {
        this(0.5);
    }

    /** The given threshold for single-output models (0 when the model outputs logits). */
    public Accuracy(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public void update(NdArray output, Batch batch) {
        int n = batch.size();
        boolean single = output.rank() == 1 || output.rank() == 2 && output.shape(1) == 1;
        if (output.rank() == 0 || output.shape(0) != n || !single && output.rank() != 2) {
            throw new IllegalArgumentException("accuracy: expected an output [" + n + ", C] or [" + n + "], got "
                    + Shapes.str(output.shape()));
        }
        int[] pred = single ? null : output.argmax(1);
        for (int i = 0; i < n; i++) {
            int p = single ? (output.getFlat(i) > threshold ? 1 : 0) : pred[i];
            int truth = batch.labels() != null ? batch.labels()[i] : (batch.y().getFlat(i) > 0.5 ? 1 : 0);
            if (p == truth) {
                correct++;
            }
        }
        total += n;
    }

    @Override
    public double result() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    @Override
    public Metric copy() {
        return new Accuracy(threshold);
    }
}
