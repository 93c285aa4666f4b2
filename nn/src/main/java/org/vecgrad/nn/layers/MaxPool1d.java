package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.MaxPool1d} over [N, C, L] (or [C, L]). Defaults as PyTorch's: stride = kernel_size,
 * padding 0 (at most half the kernel), dilation 1, ceil_mode false. No parameters.
 */
public class MaxPool1d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final boolean ceilMode;

    /** Window k, stride k. */
    public MaxPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false);
    }

    /** Every argument. */
    public MaxPool1d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this.kernel = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        Pools.checkArguments(getClass().getSimpleName(), new int[] {1, kernel}, new int[] {1, stride},
                new int[] {0, padding}, new int[] {1, dilation});
    }

    @Override
    public Tensor forward(Tensor x) {
        return NnOps.maxPool(x, PoolGeometry.maxPool1d(Pools.describe(this, extraRepr()), x.shape(), kernel, stride, padding,
                dilation, ceilMode));
    }

    /** kernel_size. */
    public int kernelSize() {
        return kernel;
    }

    /** stride. */
    public int stride() {
        return stride;
    }

    /** padding, at both ends. */
    public int padding() {
        return padding;
    }

    /** dilation. */
    public int dilation() {
        return dilation;
    }

    /** ceil_mode. */
    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + ceilMode;
    }
}
