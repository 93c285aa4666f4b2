package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.ConvGeometry;

/**
 * PyTorch's {@code nn.Conv1d}: y = x ⋆ W + b over [N, in, L] → [N, out, OL] with
 * OL = ⌊(L + padLeft + padRight − dilation·(k − 1) − 1)/stride⌋ + 1; weight [out, in/groups, k], bias [out].
 * See {@link ConvNd} for initialisation and the optional arguments.
 */
public class Conv1d extends ConvNd {

    /** in → out channels, kernel k, stride 1, no padding, a bias. */
    public Conv1d(int in, int out, int kernelSize) {
        this(builder(in, out, kernelSize));
    }

    Conv1d(ConvNd.Builder<Conv1d> b) {
        super(b, true, false);
    }

    /** A builder for the optional arguments. */
    public static ConvNd.Builder<Conv1d> builder(int in, int out, int kernelSize) {
        return new ConvNd.Builder<>(Conv1d::new, true, in, out, 1, kernelSize);
    }

    @Override
    ConvGeometry geometry(int[] x) {
        return ConvGeometry.conv1d(describe(), x, weight().shape(), stride[1], padding, dilation[1], groups);
    }

    @Override
    Tensor forward(Tensor x, ConvGeometry g) {
        return NnOps.conv(x, weight(), bias(), g);
    }
}
