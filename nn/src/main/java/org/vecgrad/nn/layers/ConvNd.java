package org.vecgrad.nn.layers;

import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Padding;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.init.Init;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d} share (PyTorch's {@code _ConvNd}): the
 * hyper-parameters, their checks, the weight and bias, PyTorch's initialisation and its repr.
 *
 * <p>Weight: [out, in/groups, kH, kW] for a convolution ([out, in/groups, k] in 1-D), [in, out/groups, kH, kW] for
 * a transposed one; bias [out]. Initialisation as PyTorch's: weight ~ U(−1/√fan_in, 1/√fan_in) (kaiming_uniform
 * with a = √5), bias ~ U(−1/√fan_in, 1/√fan_in), fan_in = size(1)·kH·kW of the weight (in/groups·kH·kW for a
 * convolution; for a transposed one PyTorch's formula gives out/groups·kH·kW), drawn in that order from a
 * SplitMix64 generator seeded by the builder's seed or by {@link Rng#nextSeed()}. F32 unless converted with
 * {@link Module#to(DType)}.
 */
public abstract class ConvNd extends Module {
    final int in;
    final int out;
    final int[] kernel;
    final int[] stride;
    final Padding padding;
    final int[] dilation;
    final int[] outputPadding;
    final int groups;
    final boolean hasBias;
    final boolean oneD;
    final boolean transposed;

    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    ConvNd(Builder<?> b, boolean oneD, boolean transposed) {
        this.in = b.in;
        this.out = b.out;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding;
        this.dilation = b.dilation.clone();
        this.outputPadding = b.outputPadding.clone();
        this.groups = b.groups;
        this.hasBias = b.bias;
        this.oneD = oneD;
        this.transposed = transposed;
        check();
        int[] shape = transposed ? new int[] {in, out / groups, kernel[0], kernel[1]}
                : oneD ? new int[] {out, in / groups, kernel[1]} : new int[] {out, in / groups, kernel[0], kernel[1]};
        RandomGenerator rng = Init.generator(b.seed != null ? b.seed : Rng.nextSeed());
        NdArray w = Init.standardUniform(NdArray.zeros(DType.F32, shape), rng);
        registerParameter("weight", Tensor.of(w));
        if (hasBias) {
            NdArray bias = Init.standardUniform(NdArray.zeros(DType.F32, out), Init.Fans.of(shape), rng);
            registerParameter("bias", Tensor.of(bias));
        }
    }

    private void check() {
        String name = getClass().getSimpleName();
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(name + "(in_channels = " + in + ", out_channels = " + out + "): both"
                    + " must be >= 1");
        }
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(name + "(" + in + ", " + out + "): in_channels " + in + " and"
                    + " out_channels " + out + " must both be divisible by groups " + groups);
        }
        for (int a = oneD ? 1 : 0; a < 2; a++) {
            String axis = oneD ? "" : a == 0 ? " (H)" : " (W)";
            if (kernel[a] < 1 || stride[a] < 1 || dilation[a] < 1) {
                throw new IllegalArgumentException(name + "(" + in + ", " + out + "): kernel_size " + kernel[a]
                        + ", stride " + stride[a] + " and dilation " + dilation[a] + axis + " must be >= 1");
            }
            if (transposed && (outputPadding[a] < 0 || outputPadding[a] >= Math.max(stride[a], dilation[a]))) {
                throw new IllegalArgumentException(name + "(" + in + ", " + out + "): output_padding "
                        + outputPadding[a] + axis + " must be in [0, max(stride, dilation)) = [0, "
                        + Math.max(stride[a], dilation[a]) + ")");
            }
        }
        if (!transposed && outputPadding[0] + outputPadding[1] != 0) {
            throw new IllegalArgumentException(name + ": output_padding is only for transposed convolutions");
        }
        if (padding.isSame() && (transposed || stride[0] != 1 || stride[1] != 1)) {
            throw new IllegalArgumentException(name + "(" + in + ", " + out + "): padding \"same\" needs a"
                    + " non-transposed convolution with stride 1 (as in PyTorch), got stride " + pairStr(stride));
        }
        if (transposed) {
            int[] p = padding.resolve(kernel[0], kernel[1], dilation[0], dilation[1]);
            if (p[0] != p[1] || p[2] != p[3]) {
                throw new IllegalArgumentException(name + ": padding must be the same on both sides of an axis,"
                        + " got " + padding);
            }
        }
    }

    /** The weight (see the class comment for its layout). */
    public Tensor weight() {
        return param("weight");
    }

    /** The bias [out], or null without one. */
    public Tensor bias() {
        return hasBias ? param("bias") : null;
    }

    /** in_channels. */
    public int inChannels() {
        return in;
    }

    /** out_channels. */
    public int outChannels() {
        return out;
    }

    /** groups. */
    public int groups() {
        return groups;
    }

    /** kernel_size: (kH, kW), or (k) for a 1-D layer. */
    public int[] kernelSize() {
        return axes(kernel);
    }

    /** stride: (sH, sW), or (s) for a 1-D layer. */
    public int[] stride() {
        return axes(stride);
    }

    /** dilation: (dH, dW), or (d) for a 1-D layer. */
    public int[] dilation() {
        return axes(dilation);
    }

    /** output_padding of a transposed convolution (zeros otherwise): (opH, opW), or (op) for a 1-D layer. */
    public int[] outputPadding() {
        return axes(outputPadding);
    }

    /** The padding as given ("same", "valid", or amounts). */
    public Padding padding() {
        return padding;
    }

    /** The padding in zeros per side, "same" resolved: {top, bottom, left, right}, or {left, right} in 1-D. */
    public int[] resolvedPadding() {
        int[] p = padding.resolve(kernel[0], kernel[1], dilation[0], dilation[1]);
        return oneD ? new int[] {p[2], p[3]} : p;
    }

    private int[] axes(int[] v) {
        return oneD ? new int[] {v[1]} : v.clone();
    }

    /** The geometry of this layer for an input of shape {@code x}; its messages name this layer. */
    abstract ConvGeometry geometry(int[] x);

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "x");
        return forward(x, geometry(x.shape()));
    }

    abstract Tensor forward(Tensor x, ConvGeometry g);

    /** "Conv2d(3, 16, kernel_size=(5, 5), stride=(1, 1))" (with the layer's name when it has one), for messages. */
    String describe() {
        return (name() != null ? "'" + name() + "' " : "") + getClass().getSimpleName() + "(" + extraRepr() + ")";
    }

    int[] padPair() {
        int[] p = padding.resolve(kernel[0], kernel[1], dilation[0], dilation[1]);
        return new int[] {p[0], p[2]};
    }

    /** PyTorch's repr: the non-default arguments after the sizes. */
    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder().append(in).append(", ").append(out).append(", kernel_size=")
                .append(pairStr(kernel)).append(", stride=").append(pairStr(stride));
        if (padding.isSame() || !padding.equals(Padding.VALID)) {
            sb.append(", padding=").append(padding.isSame() ? "same" : oneD ? "(" + padding.resolve(1, kernel[1], 1,
                    dilation[1])[2] + ",)" : padding.toString().matches("\\d+") ? pairStr(padPair()) : padding);
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            sb.append(", dilation=").append(pairStr(dilation));
        }
        if (outputPadding[0] != 0 || outputPadding[1] != 0) {
            sb.append(", output_padding=").append(pairStr(outputPadding));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (!hasBias) {
            sb.append(", bias=false");
        }
        return sb.toString();
    }

    String pairStr(int[] v) {
        return oneD ? "(" + v[1] + ",)" : "(" + v[0] + ", " + v[1] + ")";
    }

    /**
     * The optional arguments of a convolution layer, PyTorch's keyword arguments: {@code
     * Conv2d.builder(3, 16, 3).stride(2).padding(1).build()}. Defaults: stride 1, padding 0, dilation 1, groups 1,
     * output_padding 0 (transposed only), a bias.
     *
     * @param <T> the layer it builds
     */
    public static final class Builder<T extends ConvNd> {
        private final Function<Builder<T>, T> make;
        private final boolean oneD;
        final int in;
        final int out;
        final int[] kernel;
        int[] stride = {1, 1};
        Padding padding = Padding.VALID;
        int[] dilation = {1, 1};
        int[] outputPadding = {0, 0};
        int groups = 1;
        boolean bias = true;
        Long seed;

        Builder(Function<Builder<T>, T> make, boolean oneD, int in, int out, int kH, int kW) {
            this.make = make;
            this.oneD = oneD;
            this.in = in;
            this.out = out;
            this.kernel = new int[] {kH, kW};
        }

        /** The same stride on both axes (1-D: the stride). */
        public Builder<T> stride(int s) {
            stride = oneD ? new int[] {1, s} : new int[] {s, s};
            return this;
        }

        /** Stride (sH, sW). */
        public Builder<T> stride(int sH, int sW) {
            requireTwoD("stride(sH, sW)");
            stride = new int[] {sH, sW};
            return this;
        }

        /** p zeros on every side (1-D: both ends); p ≥ 0. */
        public Builder<T> padding(int p) {
            padding = oneD ? Padding.of1d(p, p) : Padding.of(p);
            return this;
        }

        /** pH above and below, pW left and right. */
        public Builder<T> padding(int pH, int pW) {
            requireTwoD("padding(pH, pW)");
            padding = Padding.of(pH, pW);
            return this;
        }

        /** Any {@link Padding}: per side, "same", "valid". */
        public Builder<T> padding(Padding p) {
            padding = Objects.requireNonNull(p, "padding");
            return this;
        }

        /** "same" or "valid". */
        public Builder<T> padding(String mode) {
            padding = Padding.of(mode);
            return this;
        }

        /** The same dilation on both axes (1-D: the dilation). */
        public Builder<T> dilation(int d) {
            dilation = oneD ? new int[] {1, d} : new int[] {d, d};
            return this;
        }

        /** Dilation (dH, dW). */
        public Builder<T> dilation(int dH, int dW) {
            requireTwoD("dilation(dH, dW)");
            dilation = new int[] {dH, dW};
            return this;
        }

        /** Extra rows and columns at the bottom and right of a transposed convolution's output. */
        public Builder<T> outputPadding(int op) {
            outputPadding = oneD ? new int[] {0, op} : new int[] {op, op};
            return this;
        }

        /** output_padding (opH, opW). */
        public Builder<T> outputPadding(int opH, int opW) {
            requireTwoD("outputPadding(opH, opW)");
            outputPadding = new int[] {opH, opW};
            return this;
        }

        /** Groups (in and out channels must be divisible by it; groups = in: depthwise). */
        public Builder<T> groups(int g) {
            groups = g;
            return this;
        }

        /** With (default) or without a bias. */
        public Builder<T> bias(boolean b) {
            bias = b;
            return this;
        }

        /** The seed of the initial weights (default: one drawn from {@link Rng}). */
        public Builder<T> seed(long s) {
            seed = s;
            return this;
        }

        /** The layer. */
        public T build() {
            return make.apply(this);
        }

        private void requireTwoD(String what) {
            if (oneD) {
                throw new IllegalArgumentException(what + " is for 2-D layers; a 1-D layer takes one value");
            }
        }
    }
}
