package org.vecgrad.engine.nn;

import java.util.Objects;
import org.vecgrad.engine.Shapes;

/**
 * The shape arithmetic of one 2-D convolution (a 1-D one is the case H = 1), validated once: input [N, C, H, W],
 * weight [O, C/groups, kH, kW], output [N, O, OH, OW] with
 * <pre>  OH = ⌊(H + padTop + padBottom − dH·(kH − 1) − 1) / sH⌋ + 1     (likewise OW)</pre>
 * The factories check every rule PyTorch checks and say which one a call breaks, naming the operation (or layer)
 * given as {@code op}: wrong rank, channels not divisible by groups, a weight whose input channels do not match,
 * stride or dilation below 1, "same" padding with a stride, a (dilated) kernel larger than the padded input.
 *
 * <p>Columns: the GEMM formulation sees, per image and group, the weight as a matrix Og × K (Og = O/groups,
 * K = Cg·kH·kW, Cg = C/groups) and the input as K × P (P = OH·OW output positions, the im2col matrix).
 */
public final class ConvGeometry {
    final int n;
    final int c;
    final int h;
    final int w;
    final int o;
    final int kH;
    final int kW;
    final int sH;
    final int sW;
    final int padTop;
    final int padBottom;
    final int padLeft;
    final int padRight;
    final int dH;
    final int dW;
    final int groups;
    final int outH;
    final int outW;
    /** Channels per group, input and output. */
    final int cg;
    final int og;
    /** Rows of the im2col matrix: Cg·kH·kW. */
    final int k;
    /** Output positions per image: OH·OW. */
    final int p;
    final boolean oneD;

    private ConvGeometry(int n, int c, int h, int w, int o, int kH, int kW, int sH, int sW, int[] pad, int dH,
                         int dW, int groups, int outH, int outW, boolean oneD) {
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.o = o;
        this.kH = kH;
        this.kW = kW;
        this.sH = sH;
        this.sW = sW;
        this.padTop = pad[0];
        this.padBottom = pad[1];
        this.padLeft = pad[2];
        this.padRight = pad[3];
        this.dH = dH;
        this.dW = dW;
        this.groups = groups;
        this.outH = outH;
        this.outW = outW;
        this.cg = c / groups;
        this.og = o / groups;
        this.k = Math.multiplyExact(Math.multiplyExact(cg, kH), kW);
        this.p = Math.multiplyExact(outH, outW);
        this.oneD = oneD;
        Math.multiplyExact(Math.multiplyExact(n, c), Math.multiplyExact(h, w));
        Math.multiplyExact(Math.multiplyExact(n, o), p);
    }

    /**
     * conv2d of x [N, C, H, W] with weight [O, C/groups, kH, kW].
     *
     * @param op       the operation or layer, for messages ("conv2d", "Conv2d(3, 8, kernel_size=(3, 3))")
     * @param stride   {sH, sW}, each ≥ 1
     * @param padding  explicit amounts, "valid" or "same" (stride 1 only)
     * @param dilation {dH, dW}, each ≥ 1
     * @param groups   ≥ 1, dividing C and O
     */
    public static ConvGeometry conv2d(String op, int[] x, int[] weight, int[] stride, Padding padding,
                                      int[] dilation, int groups) {
        Objects.requireNonNull(padding, "padding");
        rank(op, "input", x, 4, "[N, C, H, W]");
        rank(op, "weight", weight, 4, "[out_channels, in_channels/groups, kH, kW]");
        checkPair(op, "stride", stride);
        checkPair(op, "dilation", dilation);
        return make(op, x[0], x[1], x[2], x[3], weight, weight[2], weight[3], stride[0], stride[1], padding,
                dilation[0], dilation[1], groups, false, Shapes.str(x), Shapes.str(weight));
    }

    /**
     * conv1d of x [N, C, L] with weight [O, C/groups, k]: the 2-D case with H = 1. Only the width part of
     * {@code padding} applies ({@link Padding#of(int)} pads both ends of the sequence).
     */
    public static ConvGeometry conv1d(String op, int[] x, int[] weight, int stride, Padding padding, int dilation,
                                      int groups) {
        Objects.requireNonNull(padding, "padding");
        rank(op, "input", x, 3, "[N, C, L]");
        rank(op, "weight", weight, 3, "[out_channels, in_channels/groups, k]");
        if (stride < 1) {
            throw new IllegalArgumentException(op + ": stride " + stride + " must be >= 1");
        }
        if (dilation < 1) {
            throw new IllegalArgumentException(op + ": dilation " + dilation + " must be >= 1");
        }
        int[] w4 = {weight[0], weight[1], 1, weight[2]};
        int[] p = padding.resolve(1, weight[2], 1, dilation);
        Padding widthOnly = padding.isSame() ? padding : Padding.of1d(p[2], p[3]);      // a 1-D input has no rows
        return make(op, x[0], x[1], 1, x[2], w4, 1, weight[2], 1, stride, widthOnly, 1, dilation, groups, true,
                Shapes.str(x), Shapes.str(weight));
    }

    /**
     * The convolution whose input gradient is conv_transpose2d of x [N, Cin, H, W] with weight
     * [Cin, Cout/groups, kH, kW]: a conv2d from [N, Cout, OH', OW'] to [N, Cin, H, W], where
     * OH' = (H − 1)·sH − 2·pH + dH·(kH − 1) + outputPaddingH + 1 (likewise OW').
     *
     * @param padding       {pH, pW}, each ≥ 0 (removed from both sides of the transposed output)
     * @param outputPadding {opH, opW}, each ≥ 0 and below max(stride, dilation) of its axis
     */
    public static ConvGeometry convTranspose2d(String op, int[] x, int[] weight, int[] stride, int[] padding,
                                               int[] outputPadding, int[] dilation, int groups) {
        rank(op, "input", x, 4, "[N, C_in, H, W]");
        rank(op, "weight", weight, 4, "[in_channels, out_channels/groups, kH, kW]");
        checkPair(op, "stride", stride);
        checkPair(op, "dilation", dilation);
        pairShape(op, "padding", padding);
        pairShape(op, "output_padding", outputPadding);
        if (padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException(op + ": padding (" + padding[0] + ", " + padding[1]
                    + ") must be >= 0");
        }
        for (int a = 0; a < 2; a++) {
            int op2 = outputPadding[a];
            int limit = Math.max(stride[a], dilation[a]);
            if (op2 < 0 || op2 >= limit) {
                throw new IllegalArgumentException(op + ": output_padding " + op2 + " (axis " + (a == 0 ? "H" : "W")
                        + ") must be in [0, max(stride, dilation)) = [0, " + limit + ")");
            }
        }
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must be >= 1");
        }
        if (weight[0] != x[1]) {
            throw new IllegalArgumentException(op + ": weight " + Shapes.str(weight) + " expects " + weight[0]
                    + " input channels (its axis 0), but the input " + Shapes.str(x) + " has " + x[1]);
        }
        if (x[1] % groups != 0) {
            throw new IllegalArgumentException(op + ": input channels " + x[1] + " are not divisible by groups "
                    + groups);
        }
        int cout = weight[1] * groups;
        int oh = (x[2] - 1) * stride[0] - 2 * padding[0] + dilation[0] * (weight[2] - 1) + outputPadding[0] + 1;
        int ow = (x[3] - 1) * stride[1] - 2 * padding[1] + dilation[1] * (weight[3] - 1) + outputPadding[1] + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": the output would be " + oh + " × " + ow + " for input "
                    + Shapes.str(x) + ", weight " + Shapes.str(weight) + ", stride (" + stride[0] + ", " + stride[1]
                    + "), padding (" + padding[0] + ", " + padding[1] + "): padding removes more than the"
                    + " transposed convolution produces");
        }
        // The adjoint: a conv2d from the transposed output back to x's shape, with the same padding on both sides.
        // When output_padding reaches the stride (allowed while below the dilation) that conv would have an output
        // row or column more than x; the transposed convolution has no input there, so it is cut off.
        ConvGeometry g = make(op, x[0], cout, oh, ow, weight, weight[2], weight[3], stride[0], stride[1],
                Padding.of(padding[0], padding[1]), dilation[0], dilation[1], groups, false,
                "[" + x[0] + ", " + cout + ", " + oh + ", " + ow + "]", Shapes.str(weight));
        if (g.outH < x[2] || g.outW < x[3]) {
            throw new IllegalStateException(op + ": transposed geometry " + g + " does not map back to "
                    + Shapes.str(x));
        }
        if (g.outH != x[2] || g.outW != x[3]) {
            g = new ConvGeometry(g.n, g.c, g.h, g.w, g.o, g.kH, g.kW, g.sH, g.sW, g.padding(), g.dH, g.dW, g.groups,
                    x[2], x[3], false);
        }
        return g;
    }

    private static ConvGeometry make(String op, int n, int c, int h, int w, int[] weight, int kH, int kW, int sH,
                                     int sW, Padding padding, int dH, int dW, int groups, boolean oneD,
                                     String xStr, String wStr) {
        if (n < 0 || c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException(op + ": input " + xStr + " must have N >= 0 and channels and spatial"
                    + " sizes >= 1");
        }
        int o = weight[0];
        if (o < 1 || weight[1] < 1 || kH < 1 || kW < 1) {
            throw new IllegalArgumentException(op + ": weight " + wStr + " must have every dimension >= 1");
        }
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must be >= 1");
        }
        if (c % groups != 0) {
            throw new IllegalArgumentException(op + ": input channels " + c + " (input " + xStr
                    + ") are not divisible by groups " + groups);
        }
        if (o % groups != 0) {
            throw new IllegalArgumentException(op + ": output channels " + o + " (weight " + wStr
                    + ") are not divisible by groups " + groups);
        }
        if (weight[1] != c / groups) {
            throw new IllegalArgumentException(op + ": weight " + wStr + " expects " + weight[1] + " × groups "
                    + groups + " = " + (long) weight[1] * groups + " input channels, but the input " + xStr + " has "
                    + c);
        }
        if (padding.isSame() && (sH != 1 || sW != 1)) {
            throw new IllegalArgumentException(op + ": padding \"same\" needs stride 1 (as in PyTorch), got stride "
                    + (oneD ? Integer.toString(sW) : "(" + sH + ", " + sW + ")"));
        }
        int[] pad = padding.resolve(kH, kW, dH, dW);
        long effH = (long) dH * (kH - 1) + 1;
        long effW = (long) dW * (kW - 1) + 1;
        long paddedH = (long) h + pad[0] + pad[1];
        long paddedW = (long) w + pad[2] + pad[3];
        if (effH > paddedH || effW > paddedW) {
            String k = oneD ? Long.toString(effW) : effH + " × " + effW;
            String pd = oneD ? Long.toString(paddedW) : paddedH + " × " + paddedW;
            throw new IllegalArgumentException(op + ": the kernel (" + k + (dH > 1 || dW > 1 ? " after dilation"
                    : "") + ") is larger than the padded input (" + pd + ": input " + xStr + ", padding " + padding
                    + "); the kernel must fit inside the padded input");
        }
        int outH = (int) ((paddedH - effH) / sH + 1);
        int outW = (int) ((paddedW - effW) / sW + 1);
        return new ConvGeometry(n, c, h, w, o, kH, kW, sH, sW, pad, dH, dW, groups, outH, outW, oneD);
    }

    private static void rank(String op, String what, int[] s, int rank, String layout) {
        Objects.requireNonNull(s, what);
        if (s.length != rank) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + layout + " (rank " + rank + "), got "
                    + Shapes.str(s) + " (rank " + s.length + ")");
        }
    }

    private static void pairShape(String op, String name, int[] v) {
        Objects.requireNonNull(v, name);
        if (v.length != 2) {
            throw new IllegalArgumentException(op + ": " + name + " needs 2 values (H, W), got " + v.length);
        }
    }

    private static void checkPair(String op, String name, int[] v) {
        pairShape(op, name, v);
        if (v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(op + ": " + name + " (" + v[0] + ", " + v[1] + ") must be >= 1");
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** The input shape: [N, C, H, W], or [N, C, L] for a 1-D convolution. */
    public int[] inputShape() {
        return oneD ? new int[] {n, c, w} : new int[] {n, c, h, w};
    }

    /** The weight shape: [O, C/groups, kH, kW], or [O, C/groups, k]. */
    public int[] weightShape() {
        return oneD ? new int[] {o, cg, kW} : new int[] {o, cg, kH, kW};
    }

    /** The output shape: [N, O, OH, OW], or [N, O, OL]. */
    public int[] outputShape() {
        return oneD ? new int[] {n, o, outW} : new int[] {n, o, outH, outW};
    }

    /** The padding actually applied, {top, bottom, left, right} ("same" resolved). */
    public int[] padding() {
        return new int[] {padTop, padBottom, padLeft, padRight};
    }

    /** Groups. */
    public int groups() {
        return groups;
    }

    /** True for a 1-D convolution (H = kH = 1). */
    public boolean is1d() {
        return oneD;
    }

    /** Rows of the per-group im2col matrix, C/groups·kH·kW (the GEMM's depth). */
    public int columnRows() {
        return k;
    }

    /** A 1×1 kernel, stride 1, no padding: the input already is the im2col matrix, so the product needs no copy. */
    public boolean isPointwise() {
        return kH == 1 && kW == 1 && sH == 1 && sW == 1 && padTop == 0 && padBottom == 0 && padLeft == 0
                && padRight == 0;
    }

    /** Multiply-adds of one forward pass: N·O·OH·OW·K. */
    public long macs() {
        return (long) n * o * p * k;
    }

    @Override
    public String toString() {
        return "conv(input " + Shapes.str(inputShape()) + ", weight " + Shapes.str(weightShape()) + ", stride (" + sH
                + ", " + sW + "), padding (" + padTop + ", " + padBottom + ", " + padLeft + ", " + padRight
                + "), dilation (" + dH + ", " + dW + "), groups " + groups + ") -> " + Shapes.str(outputShape());
    }
}
