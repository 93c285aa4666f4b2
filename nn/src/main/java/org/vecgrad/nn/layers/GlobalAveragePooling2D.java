package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.nn.Windows;
import org.vecgrad.nn.Module;

/**
 * Keras's {@code GlobalAveragePooling2D} on vecgrad's NCHW layout (Keras's data_format "channels_first"):
 * [N, C, H, W] → [N, C], the mean of each channel's plane; the classifier head of GoogLeNet-style networks. No
 * parameters.
 */
public class GlobalAveragePooling2D extends Module {
    /** The layer. */
    public GlobalAveragePooling2D() {
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(Pools.describe(this, extraRepr()) + ": input must be [N, C, H, W] (rank 4), got "
                    + Shapes.str(x.shape()) + " (rank " + x.rank() + ")");
        }
        Tensor y = NnOps.average(x, Windows.adaptiveAvgPool2d(Pools.describe(this, extraRepr()), x.shape(), 1, 1));
        return y.reshape(x.shape(0), x.shape(1));
    }
}
