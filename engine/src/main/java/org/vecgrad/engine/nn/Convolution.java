package org.vecgrad.engine.nn;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * The three products of a convolution on {@link NdArray}s, F32 or F64, for a {@link ConvGeometry}:
 * <pre>
 *   forward      y  = conv(x, w) + b                 [N, C, H, W] * [O, C/g, kH, kW] → [N, O, OH, OW]
 *   inputGrad    dx = convᵀ(gy, w)                   (also the forward of conv_transpose2d)
 *   weightGrad   dw = Σₙ gyₙ ⋆ xₙ                    (the correlation of the output gradient with the input)
 * </pre>
 * Each runs on the packed SIMD GEMM through {@link org.vecgrad.engine.Blas}: per image and group the weight is an
 * Og × K matrix and the input an im2col matrix K × P (K = C/g·kH·kW, P = OH·OW), built chunk by chunk in a
 * bounded per-thread buffer (see {@code Workspace}: at most max(2¹⁹, K + Og) elements); a 1×1 stride-1 unpadded
 * kernel multiplies the input in place; a stride-1 forward on images wider than a chunk
 * builds its im2col rows as whole-row copies from a padded band of the input (one copy per row and band instead of
 * one per output row and tap); a stride-1 convolution with few channels runs on direct SIMD kernels instead
 * ({@link DirectConv}). The products are bilinear, and each one's two partial derivatives are the
 * other two, which is what makes the autodiff rules of {@code conv2d} differentiable any number of times.
 *
 * <p>Threads: the GEMM splits each product across its pool by blocks of C, never along the depth, the direct
 * kernels split the images (or the output channels, for the weight gradient), and the other loops here are
 * sequential, so every result is bit-identical for any thread count.
 */
public final class Convolution {
    private Convolution() {
    }

    /** y = conv(x, w) (+ bias when not null, shape [O]). */
    public static NdArray forward(NdArray x, NdArray w, NdArray bias, ConvGeometry g) {
        return forward(x, w, bias, g, false);
    }

    /**
     * y = conv(x, w) (+ bias when not null, shape [O]), through a ReLU when {@code relu} (y = max(·, 0), −0 → +0,
     * NaN kept, as {@code UnaryOp.RELU}): the same bits as the ReLU applied to the result, in the output pass of the
     * direct kernels (no second pass over y) and after the product on the other paths. For inference (Conv + Relu
     * in an ONNX graph); the autodiff op keeps the two apart.
     */
    public static NdArray forward(NdArray x, NdArray w, NdArray bias, ConvGeometry g, boolean relu) {
        check("conv forward", "input", x, g.inputShape(), w);
        check("conv forward", "weight", w, g.weightShape(), w);
        if (bias != null) {
            check("conv forward", "bias", bias, new int[] {g.o}, w);
        }
        NdArray y = NdArray.zeros(w.dtype(), g.outputShape());
        if (w.dtype() == DType.F32) {
            SpatialF32.forward(x.floatData(), x.offset(), w.floatData(), w.offset(),
                    bias == null ? null : bias.floatData(), bias == null ? 0 : bias.offset(), relu, y.floatData(), 0,
                    g);
        } else {
            SpatialF64.forward(x.doubleData(), x.offset(), w.doubleData(), w.offset(),
                    bias == null ? null : bias.doubleData(), bias == null ? 0 : bias.offset(), relu, y.doubleData(), 0,
                    g);
        }
        return y;
    }

    /**
     * dx = convᵀ(gy, w): the gradient of a convolution with respect to its input, shaped like the input
     * ({@link ConvGeometry#inputShape()}); with {@code bias} (shape [C], one per channel of the result) added, the
     * forward of conv_transpose2d.
     */
    public static NdArray inputGrad(NdArray gy, NdArray w, NdArray bias, ConvGeometry g) {
        check("conv input gradient", "output gradient", gy, g.outputShape(), w);
        check("conv input gradient", "weight", w, g.weightShape(), w);
        NdArray dx = NdArray.zeros(w.dtype(), g.inputShape());
        if (bias != null) {
            check("conv_transpose2d", "bias", bias, new int[] {g.c}, w);
            int plane = g.h * g.w;
            NdArray rows = dx.reshape(g.n * g.c, plane);
            for (int i = 0; i < g.n * g.c; i++) {
                rows.row(i).fill(bias.getFlat(i % g.c));
            }
        }
        if (w.dtype() == DType.F32) {
            SpatialF32.inputGrad(gy.floatData(), gy.offset(), w.floatData(), w.offset(), dx.floatData(), 0, g);
        } else {
            SpatialF64.inputGrad(gy.doubleData(), gy.offset(), w.doubleData(), w.offset(), dx.doubleData(), 0, g);
        }
        return dx;
    }

    /** dw: the gradient of a convolution with respect to its weight, shaped like the weight. */
    public static NdArray weightGrad(NdArray x, NdArray gy, ConvGeometry g) {
        check("conv weight gradient", "input", x, g.inputShape(), gy);
        check("conv weight gradient", "output gradient", gy, g.outputShape(), gy);
        NdArray dw = NdArray.zeros(gy.dtype(), g.weightShape());
        if (gy.dtype() == DType.F32) {
            SpatialF32.weightGrad(x.floatData(), x.offset(), gy.floatData(), gy.offset(), dw.floatData(), 0, g);
        } else {
            SpatialF64.weightGrad(x.doubleData(), x.offset(), gy.doubleData(), gy.offset(), dw.doubleData(), 0, g);
        }
        return dw;
    }

    /**
     * Σ of {@code t} [N, C, spatial…] over every axis but the channels (axis 1), shape [C]: the gradient of a
     * per-channel bias. One SIMD sum per (image, channel) plane, accumulated in double.
     */
    public static NdArray channelSums(NdArray t) {
        Objects.requireNonNull(t, "t");
        if (t.rank() < 2) {
            throw new IllegalArgumentException("channelSums: needs [N, C, ...], got " + Shapes.str(t.shape()));
        }
        int n = t.shape(0);
        int c = t.shape(1);
        int positions = c == 0 || n == 0 ? 0 : t.size() / (n * c);
        NdArray db = NdArray.zeros(t.dtype(), c);
        if (t.dtype() == DType.F32) {
            SpatialF32.biasGrad(t.floatData(), t.offset(), n, c, positions, db.floatData(), 0);
        } else {
            SpatialF64.biasGrad(t.doubleData(), t.offset(), n, c, positions, db.doubleData(), 0);
        }
        return db;
    }

    /**
     * Switches the stride-1 forward's im2col chunks made of whole-row copies of a padded band (see
     * {@code Workspace.bandRows}) on (the default) or off, so that those convolutions forward on the chunks built
     * run by run: for the performance study (the old and the new path in one JVM) and tests. On the SIMD backend
     * both give the same bits. Returns the previous setting.
     */
    public static boolean setShiftedForward(boolean on) {
        boolean old = Workspace.shifted;
        Workspace.shifted = on;
        return old;
    }

    /**
     * Switches the stride-1 input and weight gradients on the padded bands of whole grid rows (see {@code
     * Workspace.backwardBandRows}: one long add per row of the band's cols instead of col2im's short runs, and the
     * forward's whole-row im2col copies for the weight gradient) on (the default) or off (im2col chunks and col2im
     * run by run): for the performance study (both paths in one JVM) and tests. The sums are the same terms in
     * another order, so the bits may differ. Returns the previous setting.
     */
    public static boolean setShiftedBackward(boolean on) {
        boolean old = Workspace.shiftedBackward;
        Workspace.shiftedBackward = on;
        return old;
    }

    /**
     * Switches the column-stride-2 im2col rows on the backend's {@code stridedRows} (two loads and a rearrange per
     * vector of columns) and their col2im on {@code stridedTapsAdd} on (the default) or off (one masked gather per
     * im2col row, from index tables; col2im run by run in a scalar loop): for the performance study (both paths in
     * one JVM) and tests. Both give the same bits. Returns the previous setting.
     */
    public static boolean setStridedRows(boolean on) {
        boolean old = Workspace.strided;
        Workspace.strided = on;
        return old;
    }

    private static void check(String op, String what, NdArray a, int[] shape, NdArray like) {
        Objects.requireNonNull(a, what);
        if (a.dtype() != like.dtype()) {
            throw new IllegalArgumentException(op + ": " + what + " is " + a.dtype() + " but the weight is "
                    + like.dtype() + "; convert one with to(DType)");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(op + ": " + what + " has shape " + Shapes.str(a.shape())
                    + ", the geometry expects " + Shapes.str(shape));
        }
    }
}
