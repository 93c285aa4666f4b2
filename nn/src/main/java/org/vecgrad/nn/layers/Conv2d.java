package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.ConvGeometry;

/**
 * PyTorch's {@code nn.Conv2d}: y = x ⋆ W + b over [N, in, H, W] → [N, out, OH, OW] with
 * OH = ⌊(H + padTop + padBottom − dilation·(kH − 1) − 1)/stride⌋ + 1; weight [out, in/groups, kH, kW], bias [out].
 * Parameters: out·(in/groups·kH·kW + 1) with a bias.
 *
 * <pre>{@code
 * Conv2d c1 = new Conv2d(1, 6, 5);                                      // LeNet's first layer
 * Conv2d dw = Conv2d.builder(32, 32, 3).padding(1).groups(32).build();  // depthwise 3×3
 * }</pre>
 *
 * See {@link ConvNd} for initialisation and the optional arguments.
 */
public class Conv2d extends ConvNd {

    /** in → out channels, a square kernel, stride 1, no padding, a bias. */
    public Conv2d(int in, int out, int kernelSize) {
        this(builder(in, out, kernelSize));
    }

    Conv2d(ConvNd.Builder<Conv2d> b) {
        super(b, false, false);
    }

    /** A builder for the optional arguments, square kernel. */
    public static ConvNd.Builder<Conv2d> builder(int in, int out, int kernelSize) {
        return builder(in, out, kernelSize, kernelSize);
    }

    /** A builder for the optional arguments, kH × kW kernel. */
    public static ConvNd.Builder<Conv2d> builder(int in, int out, int kH, int kW) {
        return new ConvNd.Builder<>(Conv2d::new, false, in, out, kH, kW);
    }

    @Override
    ConvGeometry geometry(int[] x) {
        return ConvGeometry.conv2d(describe(), x, weight().shape(), stride, padding, dilation, groups);
    }

    @Override
    Tensor forward(Tensor x, ConvGeometry g) {
        return NnOps.conv(x, weight(), bias(), g);
    }
}
