package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.Windows;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.AvgPool2d} over [N, C, H, W] (or [C, H, W]): the mean of each window. Defaults as PyTorch's:
 * stride = kernel_size, padding 0 (at most half the kernel), ceil_mode false, count_include_pad true (padded
 * positions count in the divisor). No parameters.
 */
public class AvgPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    /** A square window, stride = kernel. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** A square window and stride, padding on every side. */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {padding, padding}, false,
                true);
    }

    /** Every argument, sizes as (H, W). */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.kernel = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        Pools.checkArguments(getClass().getSimpleName(), kernel, this.stride, this.padding, new int[] {1, 1});
    }

    @Override
    public Tensor forward(Tensor x) {
        return NnOps.average(x, Windows.avgPool2d(Pools.describe(this, extraRepr()), x.shape(), kernel, stride, padding, ceilMode,
                countIncludePad));
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

    /** ceil_mode. */
    public boolean ceilMode() {
        return ceilMode;
    }

    /** count_include_pad. */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Pools.pair(kernel) + ", stride=" + Pools.pair(stride) + ", padding="
                + Pools.pair(padding) + ", ceil_mode=" + ceilMode + ", count_include_pad=" + countIncludePad;
    }
}
