package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.ConvGeometry;

/**
 * PyTorch's {@code nn.ConvTranspose2d}, the gradient of a convolution with respect to its input (a "deconvolution"
 * that upsamples): [N, in, H, W] → [N, out, OH, OW] with
 * OH = (H − 1)·stride − 2·padding + dilation·(kH − 1) + output_padding + 1; weight [in, out/groups, kH, kW],
 * bias [out]. Padding must be symmetric per axis (a number or a pair); output_padding below max(stride, dilation).
 * See {@link ConvNd} for initialisation and the optional arguments.
 */
public class ConvTranspose2d extends ConvNd {

    /** in → out channels, a square kernel, stride 1, no padding, a bias. */
    public ConvTranspose2d(int in, int out, int kernelSize) {
        this(builder(in, out, kernelSize));
    }

    ConvTranspose2d(ConvNd.Builder<ConvTranspose2d> b) {
        super(b, false, true);
    }

    /** A builder for the optional arguments, square kernel. */
    public static ConvNd.Builder<ConvTranspose2d> builder(int in, int out, int kernelSize) {
        return builder(in, out, kernelSize, kernelSize);
    }

    /** A builder for the optional arguments, kH × kW kernel. */
    public static ConvNd.Builder<ConvTranspose2d> builder(int in, int out, int kH, int kW) {
        return new ConvNd.Builder<>(ConvTranspose2d::new, false, in, out, kH, kW);
    }

    @Override
    ConvGeometry geometry(int[] x) {
        return ConvGeometry.convTranspose2d(describe(), x, weight().shape(), stride, padPair(), outputPadding,
                dilation, groups);
    }

    @Override
    Tensor forward(Tensor x, ConvGeometry g) {
        return NnOps.convTranspose(x, weight(), bias(), g);
    }
}
