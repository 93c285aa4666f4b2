package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.Windows;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.AdaptiveAvgPool2d}: [N, C, H, W] (or [C, H, W]) → [N, C, outH, outW] whatever H and W, output
 * (i, j) averaging rows ⌊i·H/outH⌋ … ⌈(i + 1)·H/outH⌉ − 1 (likewise columns). Output size 1 is global average
 * pooling (keeping the 1 × 1 axes; {@link GlobalAveragePooling2D} drops them). No parameters.
 */
public class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /** A square output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** An outH × outW output. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output_size (" + outH + ", " + outW
                    + ") must be >= 1 on each axis");
        }
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    public Tensor forward(Tensor x) {
        return NnOps.average(x, Windows.adaptiveAvgPool2d(Pools.describe(this, extraRepr()), x.shape(), outH, outW));
    }

    /** output_size (outH, outW). */
    public int[] outputSize() {
        return new int[] {outH, outW};
    }

    @Override
    protected String extraRepr() {
        return "output_size=(" + outH + ", " + outW + ")";
    }
}
