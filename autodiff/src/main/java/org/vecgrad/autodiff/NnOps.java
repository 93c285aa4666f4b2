package org.vecgrad.autodiff;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Padding;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.engine.nn.Windows;

/**
 * The operations of convolutional networks on {@link Tensor}s, with PyTorch's names, argument order, defaults and
 * semantics ({@code torch.nn.functional}): convolutions (1-D, 2-D, transposed), pooling (max, average, adaptive
 * average), normalization (batch, layer, group), channel dropout, flatten and channel concatenation. Activations
 * are NCHW ([N, C, H, W]; 1-D: [N, C, L]); a convolution weight is [out_channels, in_channels/groups, kH, kW].
 *
 * <pre>{@code
 * Tensor h = NnOps.conv2d(x, w1, b1, new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1).relu();
 * h = NnOps.maxPool2d(h, 2);                                      // [N, C, H/2, W/2]
 * h = NnOps.batchNorm(h, runningMean, runningVar, gamma, beta, true, 0.1, 1e-5);
 * Tensor logits = NnOps.flatten(NnOps.adaptiveAvgPool2d(h, 1, 1), 1, -1).matmul(wFc);
 * }</pre>
 *
 * <p>Every operation is differentiable, forward (jvp) and backward, F32 and F64; the convolutions, the average
 * poolings and the normalizations are differentiable twice or more (their backward rules are operations of the
 * same kind), max pooling's gradient is routed to each window's argmax. Bad arguments are refused before anything
 * is computed, with a message naming the operation, the shapes and the rule broken (a kernel larger than the padded
 * input, channels not divisible by groups, a wrong rank, a negative padding, …). The arithmetic runs on the
 * engine's kernels ({@code org.vecgrad.engine.nn}): convolutions on the packed SIMD GEMM.
 */
public final class NnOps {
    private NnOps() {
    }

    private static final int[] ONE = {1, 1};
    private static final int[] ZERO = {0, 0};

    // ============================================================================================ convolution

    /** conv2d with stride 1, no padding, no dilation, one group. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, ONE, Padding.VALID, ONE, 1);
    }

    /**
     * 2-D convolution (PyTorch's {@code F.conv2d}, a cross-correlation): x [N, C, H, W], weight
     * [O, C/groups, kH, kW], bias [O] or null → [N, O, OH, OW], OH = ⌊(H + padding − dilation·(kH − 1) − 1)/stride⌋
     * + 1 (padding: both sides summed).
     *
     * @param stride   {sH, sW}, each ≥ 1
     * @param padding  {@link Padding#of(int)}, {@link Padding#of(int, int)}, {@link Padding#sides}, {@link
     *                 Padding#VALID} or {@link Padding#SAME} (stride 1 only)
     * @param dilation {dH, dW}, each ≥ 1
     * @param groups   ≥ 1, dividing C and O (groups = C: depthwise; O = m·C: channel multiplier m)
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, Padding padding, int[] dilation,
                                int groups) {
        Objects.requireNonNull(x, "conv2d: x");
        Objects.requireNonNull(weight, "conv2d: weight");
        return conv(x, weight, bias, ConvGeometry.conv2d("conv2d", x.data.shape(), weight.data.shape(), stride,
                padding, dilation, groups), "conv2d");
    }

    /**
     * 1-D convolution (PyTorch's {@code F.conv1d}): x [N, C, L], weight [O, C/groups, k], bias [O] or null →
     * [N, O, OL]. Padding: {@link Padding#of(int)} (both ends), {@link Padding#of1d} (each end), "valid", "same".
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, Padding padding, int dilation,
                                int groups) {
        Objects.requireNonNull(x, "conv1d: x");
        Objects.requireNonNull(weight, "conv1d: weight");
        return conv(x, weight, bias, ConvGeometry.conv1d("conv1d", x.data.shape(), weight.data.shape(), stride,
                padding, dilation, groups), "conv1d");
    }

    /**
     * A convolution of a geometry built beforehand (layers build it with their own name, so that its messages name
     * the layer): y = conv(x, weight) + bias.
     */
    public static Tensor conv(Tensor x, Tensor weight, Tensor bias, ConvGeometry g) {
        return conv(x, weight, bias, g, g.is1d() ? "conv1d" : "conv2d");
    }

    private static Tensor conv(Tensor x, Tensor weight, Tensor bias, ConvGeometry g, String op) {
        sameDtype(op, x, weight, bias);
        checkShape(op, "input", x, g.inputShape());
        checkShape(op, "weight", weight, g.weightShape());
        checkBias(op, bias, g.outputShape()[1]);
        return ConvOps.conv(op, x, weight, bias, g);
    }

    /**
     * Transposed 2-D convolution (PyTorch's {@code F.conv_transpose2d}, the gradient of conv2d with respect to its
     * input): x [N, C_in, H, W], weight [C_in, C_out/groups, kH, kW], bias [C_out] or null → [N, C_out, OH, OW]
     * with OH = (H − 1)·sH − 2·pH + dH·(kH − 1) + output_paddingH + 1.
     *
     * @param outputPadding {opH, opW}: extra rows/columns at the bottom/right, each below max(stride, dilation)
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        Objects.requireNonNull(x, "conv_transpose2d: x");
        Objects.requireNonNull(weight, "conv_transpose2d: weight");
        return convTranspose(x, weight, bias, ConvGeometry.convTranspose2d("conv_transpose2d", x.data.shape(),
                weight.data.shape(), stride, padding, outputPadding, dilation, groups));
    }

    /** conv_transpose2d for a geometry from {@link ConvGeometry#convTranspose2d} (x is that conv's output). */
    public static Tensor convTranspose(Tensor x, Tensor weight, Tensor bias, ConvGeometry g) {
        String op = "conv_transpose2d";
        sameDtype(op, x, weight, bias);
        checkShape(op, "input", x, g.outputShape());
        checkShape(op, "weight", weight, g.weightShape());
        checkBias(op, bias, g.inputShape()[1]);
        return ConvOps.convT(op, x, weight, bias, g);
    }

    // ============================================================================================ pooling

    /** max_pool2d with a square window, stride = kernel, no padding (PyTorch's defaults). */
    public static Tensor maxPool2d(Tensor x, int kernelSize) {
        int[] k = {kernelSize, kernelSize};
        return maxPool2d(x, k, k, ZERO, ONE, false);
    }

    /**
     * 2-D max pooling (PyTorch's {@code F.max_pool2d}) over [N, C, H, W] or [C, H, W]: each output is the largest
     * input of its window (taps at stride·o − padding + dilation·i; padding never wins; a NaN does); the gradient
     * goes to that input (the first largest on a tie).
     *
     * @param padding  each at most half the kernel
     * @param ceilMode round the output size up (a last window that would start in the padding is dropped)
     */
    public static Tensor maxPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        Objects.requireNonNull(x, "max_pool2d: x");
        return maxPool(x, PoolGeometry.maxPool2d("max_pool2d", x.data.shape(), kernelSize, stride, padding,
                dilation, ceilMode));
    }

    /** 1-D max pooling (PyTorch's {@code F.max_pool1d}) over [N, C, L] or [C, L]. */
    public static Tensor maxPool1d(Tensor x, int kernelSize, int stride, int padding, int dilation,
                                   boolean ceilMode) {
        Objects.requireNonNull(x, "max_pool1d: x");
        return maxPool(x, PoolGeometry.maxPool1d("max_pool1d", x.data.shape(), kernelSize, stride, padding,
                dilation, ceilMode));
    }

    /** Max pooling of a geometry built beforehand (by a layer, with its name). */
    public static Tensor maxPool(Tensor x, PoolGeometry g) {
        checkShape("max_pool", "input", x, g.inputShape());
        return PoolOps.maxPool("maxPool", x, g);
    }

    /** avg_pool2d with a square window, stride = kernel, no padding. */
    public static Tensor avgPool2d(Tensor x, int kernelSize) {
        int[] k = {kernelSize, kernelSize};
        return avgPool2d(x, k, k, ZERO, false, true);
    }

    /**
     * 2-D average pooling (PyTorch's {@code F.avg_pool2d}) over [N, C, H, W] or [C, H, W]: the mean of each window;
     * with {@code countIncludePad} the divisor counts the padded positions inside the window (PyTorch's default),
     * otherwise only the input positions.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        Objects.requireNonNull(x, "avg_pool2d: x");
        return average(x, Windows.avgPool2d("avg_pool2d", x.data.shape(), kernelSize, stride, padding, ceilMode,
                countIncludePad));
    }

    /**
     * Adaptive average pooling (PyTorch's {@code F.adaptive_avg_pool2d}) to outH × outW (any size; 1 × 1 is global
     * average pooling): output (i, j) averages rows ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉ − 1, likewise columns.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        Objects.requireNonNull(x, "adaptive_avg_pool2d: x");
        return average(x, Windows.adaptiveAvgPool2d("adaptive_avg_pool2d", x.data.shape(), outH, outW));
    }

    /** Window averages of a geometry built beforehand (by a layer, with its name). */
    public static Tensor average(Tensor x, Windows windows) {
        checkShape("avg_pool", "input", x, windows.inputShape());
        return PoolOps.average("avgPool", x, windows);
    }

    // ============================================================================================ normalization

    /**
     * Batch normalization (PyTorch's {@code F.batch_norm}) over [N, C], [N, C, L] or [N, C, H, W]: per channel,
     * y = (x − μ)/√(σ² + ε)·γ + β. In training μ and the biased σ² are the batch's (over N and the spatial axes),
     * and, when given, the running statistics are updated in place: running_mean ← (1 − momentum)·running_mean +
     * momentum·μ, running_var ← (1 − momentum)·running_var + momentum·σ²·M/(M − 1) (unbiased; M values per
     * channel). In evaluation the running statistics are used (and needed).
     *
     * @param runningMean [C] or null (training only)
     * @param runningVar  [C] or null (training only)
     * @param weight      γ [C], or null for 1
     * @param bias        β [C], or null for 0
     */
    public static Tensor batchNorm(Tensor x, NdArray runningMean, NdArray runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return batchNorm("batch_norm", x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** {@link #batchNorm(Tensor, NdArray, NdArray, Tensor, Tensor, boolean, double, double)} with messages naming {@code op}. */
    public static Tensor batchNorm(String op, Tensor x, NdArray runningMean, NdArray runningVar, Tensor weight,
                                   Tensor bias, boolean training, double momentum, double eps) {
        requireChannels(op, x);
        sameDtype(op, x, weight, bias);
        checkEps(op, eps);
        int n = x.shape(0);
        int c = x.shape(1);
        int hw = n == 0 || c == 0 ? 0 : x.size() / (n * c);
        checkChannelVector(op, "weight", weight == null ? null : weight.data, c);
        checkChannelVector(op, "bias", bias == null ? null : bias.data, c);
        checkChannelVector(op, "running_mean", runningMean, c);
        checkChannelVector(op, "running_var", runningVar, c);
        for (NdArray run : new NdArray[] {runningMean, runningVar}) {
            if (run != null && run.dtype() != x.dtype()) {
                throw new IllegalArgumentException(op + ": the input is " + x.dtype() + " but the running statistics"
                        + " are " + run.dtype() + "; convert one with to(DType) (a module: Module.to)");
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": give both running_mean and running_var, or neither");
        }
        if (!training) {
            if (runningMean == null) {
                throw new IllegalArgumentException(op + ": evaluation mode needs running_mean and running_var");
            }
            return batchNormEval(x, runningMean, runningVar, weight, bias, eps, c);
        }
        long m = (long) n * hw;
        if (m <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got"
                    + " input of shape " + Shapes.str(x.data.shape()));
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": momentum " + momentum + " must be in [0, 1]");
        }
        double[] mean = new double[c];
        double[] var = new double[c];
        Tensor y = NormOps.normalize("batchNorm", x, weight, bias, eps, NormOps.View.batchNorm(n, c, hw), mean, var);
        if (runningMean != null) {
            double unbias = (double) m / (m - 1);
            for (int k = 0; k < c; k++) {
                runningMean.setFlat(k, (1 - momentum) * runningMean.getFlat(k) + momentum * mean[k]);
                runningVar.setFlat(k, (1 - momentum) * runningVar.getFlat(k) + momentum * var[k] * unbias);
            }
        }
        return y;
    }

    /** y = x·scale + shift per channel, scale = γ/√(running_var + ε), shift = β − running_mean·scale. */
    private static Tensor batchNormEval(Tensor x, NdArray rm, NdArray rv, Tensor weight, Tensor bias, double eps,
                                       int c) {
        int[] keep = new int[x.rank()];
        Arrays.fill(keep, 1);
        keep[1] = c;
        NdArray inv = rv.add(eps).sqrt();
        inv = NdArray.ones(x.dtype(), c).divInPlace(inv);
        Tensor scale = weight == null ? Tensor.constant(inv) : weight.mul(Tensor.constant(inv));
        Tensor shift = Tensor.constant(rm.mul(-1)).mul(scale);
        if (bias != null) {
            shift = shift.add(bias);
        }
        return x.mul(scale.reshape(keep)).add(shift.reshape(keep));
    }

    /**
     * Layer normalization (PyTorch's {@code F.layer_norm}) over the last d axes, whose sizes are
     * {@code normalizedShape}: each sample's μ and biased σ² over those axes; weight and bias have that shape (or
     * are null).
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return layerNorm("layer_norm", x, normalizedShape, weight, bias, eps);
    }

    /** {@link #layerNorm(Tensor, int[], Tensor, Tensor, double)} with messages naming {@code op}. */
    public static Tensor layerNorm(String op, Tensor x, int[] normalizedShape, Tensor weight, Tensor bias,
                                   double eps) {
        Objects.requireNonNull(x, op + ": x");
        Objects.requireNonNull(normalizedShape, op + ": normalized_shape");
        sameDtype(op, x, weight, bias);
        checkEps(op, eps);
        int r = x.rank();
        int dims = normalizedShape.length;
        int[] s = x.data.shape();
        if (dims == 0 || dims > r || !Arrays.equals(Arrays.copyOfRange(s, r - dims, r), normalizedShape)) {
            throw new IllegalArgumentException(op + ": normalized_shape " + Shapes.str(normalizedShape) + " must be"
                    + " the last axes of the input, got input " + Shapes.str(s));
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !Arrays.equals(t.data.shape(), normalizedShape)) {
                throw new IllegalArgumentException(op + ": " + (t == weight ? "weight" : "bias") + " has shape "
                        + Shapes.str(t.data.shape()) + ", expected normalized_shape " + Shapes.str(normalizedShape));
            }
        }
        return NormOps.layerNorm("layerNorm", x, Shapes.size(normalizedShape), weight, bias, eps);
    }

    /**
     * Group normalization (PyTorch's {@code F.group_norm}) over [N, C, ...]: the C channels in numGroups groups of
     * consecutive channels, each sample's group normalized by its own μ and biased σ²; weight and bias are
     * per channel [C] (or null).
     */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        return groupNorm("group_norm", x, numGroups, weight, bias, eps);
    }

    /** {@link #groupNorm(Tensor, int, Tensor, Tensor, double)} with messages naming {@code op}. */
    public static Tensor groupNorm(String op, Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        requireChannels(op, x);
        sameDtype(op, x, weight, bias);
        checkEps(op, eps);
        int n = x.shape(0);
        int c = x.shape(1);
        if (numGroups < 1 || c % numGroups != 0) {
            throw new IllegalArgumentException(op + ": channels " + c + " (input " + Shapes.str(x.data.shape())
                    + ") are not divisible by num_groups " + numGroups);
        }
        checkChannelVector(op, "weight", weight == null ? null : weight.data, c);
        checkChannelVector(op, "bias", bias == null ? null : bias.data, c);
        int hw = n == 0 ? 0 : x.size() / (n * c);
        return NormOps.normalize("groupNorm", x, weight, bias, eps, NormOps.View.groupNorm(n, c, numGroups, hw),
                null, null);
    }

    // ============================================================================================ others

    /**
     * Channel dropout (PyTorch's {@code F.dropout2d}) on [N, C, H, W]: in training each whole channel (n, c) is
     * zeroed with probability p and the others scaled by 1/(1 − p), one draw per channel from {@code rng} in
     * row-major order; otherwise the identity.
     */
    public static Tensor dropout2d(Tensor x, double p, boolean training, RandomGenerator rng) {
        Objects.requireNonNull(x, "dropout2d: x");
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout2d: p = " + p + " must be in [0, 1)");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("dropout2d: input must be [N, C, H, W] (rank 4), got "
                    + Shapes.str(x.data.shape()) + " (rank " + x.rank() + ")");
        }
        if (!training || p == 0) {
            return x;
        }
        Objects.requireNonNull(rng, "dropout2d: rng");
        int n = x.shape(0);
        int c = x.shape(1);
        NdArray mask = NdArray.zeros(x.dtype(), n, c, 1, 1);
        double keep = 1 / (1 - p);
        for (int i = 0; i < n * c; i++) {
            if (rng.nextDouble() >= p) {
                mask.setFlat(i, keep);
            }
        }
        return x.mul(Tensor.constant(mask));
    }

    /**
     * torch.flatten: axes startDim … endDim (negative from the end) merged into one; a view. {@code flatten(x, 1,
     * -1)} keeps the batch axis: [N, C, H, W] → [N, C·H·W].
     */
    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        Objects.requireNonNull(x, "flatten: x");
        int r = Math.max(1, x.rank());
        int a = Shapes.axis(startDim, r);
        int b = Shapes.axis(endDim, r);
        if (a > b) {
            throw new IllegalArgumentException("flatten: start_dim " + startDim + " comes after end_dim " + endDim
                    + " for input " + Shapes.str(x.data.shape()));
        }
        if (x.rank() == 0) {
            return x.reshape(1);
        }
        int[] s = x.data.shape();
        int[] t = new int[s.length - (b - a)];
        int j = 0;
        for (int i = 0; i < a; i++) {
            t[j++] = s[i];
        }
        int merged = 1;
        for (int i = a; i <= b; i++) {
            merged = Math.multiplyExact(merged, s[i]);
        }
        t[j++] = merged;
        for (int i = b + 1; i < s.length; i++) {
            t[j++] = s[i];
        }
        return x.reshape(t);
    }

    /** torch.cat: concatenation along {@code dim} (dim = 1 joins the channels of branches, as an Inception block). */
    public static Tensor cat(int dim, Tensor... parts) {
        return Tensor.concat(dim, parts);
    }

    // ============================================================================================ checks

    private static void sameDtype(String op, Tensor x, Tensor a, Tensor b) {
        DType d = x.dtype();
        for (Tensor t : new Tensor[] {a, b}) {
            if (t != null && t.dtype() != d) {
                throw new IllegalArgumentException(op + ": the input is " + d + " " + Shapes.str(x.data.shape())
                        + " but a parameter is " + t.dtype() + " " + Shapes.str(t.data.shape())
                        + "; convert one with to(DType) (a module: Module.to)");
            }
        }
    }

    private static void requireChannels(String op, Tensor x) {
        Objects.requireNonNull(x, op + ": x");
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + ": input must be [N, C, ...] (rank >= 2), got "
                    + Shapes.str(x.data.shape()) + " (rank " + x.rank() + ")");
        }
    }

    private static void checkShape(String op, String what, Tensor t, int[] shape) {
        Objects.requireNonNull(t, op + ": " + what);
        if (!Arrays.equals(t.data.shape(), shape)) {
            throw new IllegalArgumentException(op + ": " + what + " has shape " + Shapes.str(t.data.shape())
                    + ", expected " + Shapes.str(shape));
        }
    }

    private static void checkBias(String op, Tensor bias, int channels) {
        if (bias != null && (bias.rank() != 1 || bias.shape(0) != channels)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + channels + "] (one per output"
                    + " channel), got " + Shapes.str(bias.data.shape()));
        }
    }

    private static void checkChannelVector(String op, String what, NdArray a, int c) {
        if (a != null && (a.rank() != 1 || a.shape(0) != c)) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [" + c + "] (one per channel),"
                    + " got " + Shapes.str(a.shape()));
        }
    }

    private static void checkEps(String op, double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException(op + ": eps " + eps + " must be finite and > 0");
        }
    }
}
