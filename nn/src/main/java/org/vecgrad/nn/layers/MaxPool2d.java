package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.MaxPool2d} over [N, C, H, W] (or [C, H, W]): the largest value of each window; the gradient
 * goes to it. Defaults as PyTorch's: stride = kernel_size, padding 0 (at most half the kernel), dilation 1,
 * ceil_mode false. No parameters.
 */
public class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;

    /** A square window, stride = kernel. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** A square window and stride, padding on every side. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {1, 1}, false);
    }

    /** Every argument as (H, W). */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernel = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
        Pools.checkArguments(getClass().getSimpleName(), kernel, this.stride, this.padding, this.dilation);
    }

    @Override
    public Tensor forward(Tensor x) {
        return NnOps.maxPool(x, PoolGeometry.maxPool2d(Pools.describe(this, extraRepr()), x.shape(), kernel, stride, padding,
                dilation, ceilMode));
    }

    /** kernel_size (kH, kW). */
    public int[] kernelSize() {
        return kernel.clone();
    }

    /** stride (sH, sW). */
    public int[] stride() {
        return stride.clone();
    }

    /** padding (pH, pW), on both sides of each axis. */
    public int[] padding() {
        return padding.clone();
    }

    /** dilation (dH, dW). */
    public int[] dilation() {
        return dilation.clone();
    }

    /** ceil_mode. */
    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Pools.pair(kernel) + ", stride=" + Pools.pair(stride) + ", padding="
                + Pools.pair(padding) + ", dilation=" + Pools.pair(dilation) + ", ceil_mode=" + ceilMode;
    }
}
