package org.vecgrad.nn.layers;

/**
 * PyTorch's {@code nn.BatchNorm1d} over [N, C] or [N, C, L]: statistics per channel over N (and L). See
 * {@link BatchNorm}.
 */
public class BatchNorm1d extends BatchNorm {
    /** C features, PyTorch's defaults (eps 1e-5, momentum 0.1, affine, running statistics). */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** Every argument; momentum null means a cumulative average of the batch statistics. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    int[] ranks() {
        return new int[] {2, 3};
    }

    @Override
    String layouts() {
        return "[N, C] or [N, C, L] (rank 2 or 3)";
    }
}
