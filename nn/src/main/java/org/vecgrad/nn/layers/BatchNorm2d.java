package org.vecgrad.nn.layers;

/**
 * PyTorch's {@code nn.BatchNorm2d} over [N, C, H, W]: statistics per channel over N, H and W. See {@link BatchNorm}.
 */
public class BatchNorm2d extends BatchNorm {
    /** C channels, PyTorch's defaults (eps 1e-5, momentum 0.1, affine, running statistics). */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** Every argument; momentum null means a cumulative average of the batch statistics. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    int[] ranks() {
        return new int[] {4};
    }

    @Override
    String layouts() {
        return "[N, C, H, W] (rank 4)";
    }
}
