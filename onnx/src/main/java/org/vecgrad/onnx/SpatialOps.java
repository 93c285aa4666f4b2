package org.vecgrad.onnx;

import java.util.Arrays;
import java.util.Map;
import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Convolution;
import org.vecgrad.engine.nn.Normalization;
import org.vecgrad.engine.nn.Padding;
import org.vecgrad.engine.nn.PoolGeometry;
import org.vecgrad.engine.nn.Pooling;
import org.vecgrad.engine.nn.Windows;

/**
 * The convolution, pooling and normalization operators (Conv, ConvTranspose, MaxPool, AveragePool,
 * GlobalAveragePool, BatchNormalization, LayerNormalization, InstanceNormalization), mapped onto the engine's
 * 2-D kernels ({@link Convolution}, {@link Pooling}) and the autodiff normalizations run without gradients.
 *
 * <p>Spatial rank: 1-D and 2-D inputs ([N, C, L] runs as [N, C, 1, L]); 3-D convolutions and pools are refused.
 * Pads are ONNX's [begin₀, begin₁, end₀, end₁]. Conv takes any pads (the engine pads each side on its own) and
 * every auto_pad (SAME_UPPER puts the odd element at the end, SAME_LOWER at the beginning, for any stride);
 * the pools need equal pads at both ends of an axis, at most half the kernel (PyTorch's rule, which the engine
 * follows); ConvTranspose needs symmetric pads too (output_shape is accepted when it resolves to them). Pooling
 * follows PyTorch's ceil_mode rule (a last window that would start inside the end padding is dropped), which is
 * what every PyTorch export expects.
 */
final class SpatialOps {
    private SpatialOps() {
    }

    static void register(Map<String, Ops.Factory> all) {
        all.put("Conv", SpatialOps::conv);
        all.put("ConvTranspose", SpatialOps::convTranspose);
        all.put("MaxPool", n -> pool(n, true));
        all.put("AveragePool", n -> pool(n, false));
        all.put("GlobalAveragePool", n -> {
            n.only();
            return in -> {
                NdArray x = Ops.floats(in, 0);
                if (x.rank() < 3) {
                    throw new IllegalArgumentException("expected [N, C, spatial...], got " + in[0].describe());
                }
                int[] s = x.shape();
                int[] out = s.clone();
                Arrays.fill(out, 2, out.length, 1);
                int planes = s[0] * s[1];
                return one(x.reshape(planes, planes == 0 ? 0 : x.size() / planes).mean(1, true).reshape(out));
            };
        });
        all.put("BatchNormalization", SpatialOps::batchNorm);
        all.put("LayerNormalization", SpatialOps::layerNorm);
        all.put("InstanceNormalization", n -> {
            n.only("epsilon");
            double eps = n.f("epsilon", 1e-5f);
            return in -> {
                NdArray x = Ops.floats(in, 0);
                if (x.rank() < 3) {
                    throw new IllegalArgumentException("expected [N, C, spatial...], got " + in[0].describe());
                }
                // instance norm is group norm with one channel per group
                return one(NnOps.groupNorm(n.where(), constant(x), x.shape(1), constant(Ops.floats(in, 1)),
                        constant(Ops.floats(in, 2)), eps).data());
            };
        });
    }

    private static Value[] one(NdArray a) {
        return new Value[] {new Value.Floats(a)};
    }

    private static Tensor constant(NdArray a) {
        return Tensor.of(a, false);
    }

    // ------------------------------------------------------------------------------------ attributes

    /** The attributes every spatial operator shares, read and checked at load. */
    private record Window(long[] kernel, long[] strides, long[] dilations, long[] pads, String autoPad) {

        static Window read(Node n) throws OnnxFormatException {
            String autoPad = n.s("auto_pad", "NOTSET");
            if (!Arrays.asList("NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER").contains(autoPad)) {
                throw n.error("auto_pad = '" + autoPad + "'; expected NOTSET, VALID, SAME_UPPER or SAME_LOWER");
            }
            long[] pads = n.ints("pads", null);
            if (pads != null && !autoPad.equals("NOTSET")) {
                throw n.error("pads " + Arrays.toString(pads) + " given with auto_pad = " + autoPad
                        + " (ONNX allows pads only with NOTSET)");
            }
            long[] kernel = n.ints("kernel_shape", null);
            long[] strides = n.ints("strides", null);
            long[] dilations = n.ints("dilations", null);
            for (long[] a : new long[][] {kernel, strides, dilations, pads}) {
                if (a != null && (a.length == 0 || a.length > 4)) {
                    throw n.error("a spatial attribute has " + a.length + " entries; 1-D and 2-D operators are "
                            + "supported");
                }
            }
            if (kernel != null && kernel.length > 2 || pads != null && pads.length % 2 != 0) {
                throw new OnnxUnsupportedException(n.where() + ": kernel_shape " + Arrays.toString(kernel)
                        + ", pads " + Arrays.toString(pads) + ": only 1-D and 2-D windows are supported");
            }
            return new Window(kernel, strides, dilations, pads, autoPad);
        }

        /** attribute a as {H, W} for r spatial axes (1-D: H is 1 and takes {@code h}). */
        static int[] hw(long[] a, int r, int dflt, int h, String what) {
            if (a == null) {
                return new int[] {r == 1 ? h : dflt, dflt};
            }
            if (a.length != r) {
                throw new IllegalArgumentException(what + " " + Arrays.toString(a) + " has " + a.length
                        + " entries for " + r + " spatial axes");
            }
            for (long v : a) {
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + " " + Arrays.toString(a) + " has the entry " + v);
                }
            }
            return r == 1 ? new int[] {h, (int) a[0]} : new int[] {(int) a[0], (int) a[1]};
        }

        /** {top, bottom, left, right} for input {H, W}, kernel, strides and dilations as {H, W}. */
        int[] resolvePads(int r, int[] in, int[] k, int[] s, int[] d) {
            int[] p = new int[4];
            if (autoPad.startsWith("SAME")) {
                for (int a = 2 - r; a < 2; a++) {
                    long out = (in[a] + (long) s[a] - 1) / s[a];
                    long total = Math.max(0, (out - 1) * s[a] + (long) d[a] * (k[a] - 1) + 1 - in[a]);
                    int small = (int) (total / 2);
                    int large = (int) (total - small);
                    p[2 * a] = autoPad.equals("SAME_UPPER") ? small : large;
                    p[2 * a + 1] = autoPad.equals("SAME_UPPER") ? large : small;
                }
            } else if (pads != null) {
                if (pads.length != 2 * r) {
                    throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " has " + pads.length
                            + " entries for " + r + " spatial axes (expected " + 2 * r + ")");
                }
                for (int i = 0; i < r; i++) {
                    int a = i + 2 - r;
                    for (int side = 0; side < 2; side++) {
                        long v = pads[i + side * r];
                        if (v < 0 || v > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException("pads " + Arrays.toString(pads)
                                    + " has the entry " + v + " (negative pads are not supported)");
                        }
                        p[2 * a + side] = (int) v;
                    }
                }
            }
            return p;
        }
    }

    /** The spatial rank of x ([N, C, L] → 1, [N, C, H, W] → 2), refusing the others. */
    private static int spatialRank(NdArray x, String what) {
        int r = x.rank() - 2;
        if (r != 1 && r != 2) {
            throw new IllegalArgumentException(what + " " + x.dtype() + " " + Shapes.str(x.shape())
                    + ": only 1-D ([N, C, L]) and 2-D ([N, C, H, W]) inputs are supported");
        }
        return r;
    }

    /** [N, C, L] as [N, C, 1, L]; 4-D shapes unchanged. */
    private static int[] as2d(int[] s) {
        return s.length == 4 ? s : new int[] {s[0], s[1], 1, s[2]};
    }

    /** A 2-D result back to the input's spatial rank. */
    private static NdArray back(NdArray y, int r) {
        return r == 2 ? y : y.reshape(y.shape(0), y.shape(1), y.shape(3));
    }

    private static void checkKernel(long[] attr, NdArray w, int r) {
        if (attr != null && !Arrays.equals(Window.hw(attr, r, 1, 1, "kernel_shape"),
                new int[] {r == 1 ? 1 : w.shape(2), w.shape(w.rank() - 1)})) {
            throw new IllegalArgumentException("kernel_shape " + Arrays.toString(attr) + " does not match the weight "
                    + Shapes.str(w.shape()));
        }
    }

    // ------------------------------------------------------------------------------------ convolution

    /** A convolution's operands at run time: x, w, b, the spatial rank, 4-D shapes, strides and dilations {H, W}. */
    private record ConvCall(NdArray x, NdArray w, NdArray b, int r, int[] xs, int[] ws, int[] s, int[] d) {
        static ConvCall of(Value[] in, Window win) {
            NdArray x = Ops.floats(in, 0);
            NdArray w = Ops.floats(in, 1);
            NdArray b = in.length > 2 && in[2] != null ? Ops.floats(in, 2) : null;
            int r = spatialRank(x, "input");
            if (w.rank() != x.rank()) {
                throw new IllegalArgumentException("the weight " + Shapes.str(w.shape()) + " and the input "
                        + Shapes.str(x.shape()) + " differ in rank");
            }
            checkKernel(win.kernel, w, r);
            return new ConvCall(x, w, b, r, as2d(x.shape()), as2d(w.shape()),
                    Window.hw(win.strides, r, 1, 1, "strides"), Window.hw(win.dilations, r, 1, 1, "dilations"));
        }

        int[] pads(Window win) {
            return win.resolvePads(r, new int[] {xs[2], xs[3]}, new int[] {ws[2], ws[3]}, s, d);
        }
    }

    private static Ops.Kernel conv(Node n) throws OnnxFormatException {
        n.only("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        return new Conv(Window.read(n), n.i("group", 1, 1, Integer.MAX_VALUE), false);
    }

    /** Conv, and Conv + Relu fused ({@link Convolution#forward(NdArray, NdArray, NdArray, ConvGeometry, boolean)}). */
    private record Conv(Window win, int group, boolean relu) implements Ops.Kernel {
        @Override
        public Value[] run(Value[] in) {
            ConvCall c = ConvCall.of(in, win);
            int[] p = c.pads(win);
            ConvGeometry g = ConvGeometry.conv2d("Conv", c.xs, c.ws, c.s, Padding.sides(p[0], p[1], p[2], p[3]),
                    c.d, group);
            return one(back(Convolution.forward(c.x.reshape(c.xs), c.w.reshape(c.ws), c.b, g, relu), c.r));
        }

        @Override
        public Ops.Kernel withRelu() {
            return relu ? null : new Conv(win, group, true);
        }
    }

    private static Ops.Kernel convTranspose(Node n) throws OnnxFormatException {
        n.only("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", "output_padding",
                "output_shape");
        Window win = Window.read(n);
        if (win.autoPad.startsWith("SAME") && !n.has("output_shape")) {
            throw new OnnxUnsupportedException(n.where() + ": auto_pad = " + win.autoPad + " is not supported "
                    + "for ConvTranspose (give pads or output_shape)");
        }
        int group = n.i("group", 1, 1, Integer.MAX_VALUE);
        long[] outputPadding = n.ints("output_padding", null);
        long[] outputShape = n.ints("output_shape", null);
        return in -> {
            ConvCall c = ConvCall.of(in, win);
            int[] op = Window.hw(outputPadding, c.r, 0, 0, "output_padding");
            int[] pad = new int[2];
            if (outputShape != null) {
                // ONNX: total = s·(in − 1) + output_padding + d·(k − 1) + 1 − output_shape, split over both ends
                int[] target = Window.hw(outputShape.length == c.x.rank() ? Arrays.copyOfRange(outputShape, 2,
                        outputShape.length) : outputShape, c.r, 1, 1, "output_shape");
                for (int a = 2 - c.r; a < 2; a++) {
                    long total = (long) c.s[a] * (c.xs[2 + a] - 1) + op[a]
                            + (long) c.d[a] * (c.ws[2 + a] - 1) + 1 - target[a];
                    if (total < 0 || total % 2 != 0) {
                        throw new IllegalArgumentException("output_shape " + Arrays.toString(outputShape)
                                + " needs a total padding of " + total + " on spatial axis " + (a + c.r - 2)
                                + "; only an even, non-negative total (equal pads at both ends) is supported");
                    }
                    pad[a] = (int) (total / 2);
                }
            } else {
                int[] p = c.pads(win);
                if (p[0] != p[1] || p[2] != p[3]) {
                    throw new IllegalArgumentException("pads " + Arrays.toString(win.pads) + " differ at the two "
                            + "ends of an axis; ConvTranspose supports symmetric pads only");
                }
                pad = new int[] {p[0], p[2]};
            }
            ConvGeometry g = ConvGeometry.convTranspose2d("ConvTranspose", c.xs, c.ws, c.s, pad, op, c.d, group);
            return one(back(Convolution.inputGrad(c.x.reshape(c.xs), c.w.reshape(c.ws), c.b, g), c.r));
        };
    }

    // ------------------------------------------------------------------------------------ pooling

    private static Ops.Kernel pool(Node n, boolean max) throws OnnxFormatException {
        if (max) {
            n.only("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
            if (n.i("storage_order", 0) != 0) {
                throw new OnnxUnsupportedException(n.where() + ": storage_order = 1 (column-major indices) is not "
                        + "supported");
            }
            if (n.proto.outputs().size() > 1 && !n.proto.outputs().get(1).isEmpty()) {
                throw new OnnxUnsupportedException(n.where() + ": the Indices output of MaxPool is not supported "
                        + "(only Y)");
            }
        } else {
            n.only("auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides");
        }
        Window win = Window.read(n);
        if (win.kernel == null) {
            throw n.error("the required attribute 'kernel_shape' is missing");
        }
        boolean ceil = n.i("ceil_mode", 0) != 0;
        boolean includePad = n.i("count_include_pad", 0) != 0;
        String op = max ? "MaxPool" : "AveragePool";
        return in -> {
            NdArray x = Ops.floats(in, 0);
            int r = spatialRank(x, "input");
            int[] xs = as2d(x.shape());
            int[] k = Window.hw(win.kernel, r, 1, 1, "kernel_shape");
            int[] s = Window.hw(win.strides, r, 1, 1, "strides");
            int[] d = Window.hw(win.dilations, r, 1, 1, "dilations");
            int[] p = win.resolvePads(r, new int[] {xs[2], xs[3]}, k, s, d);
            if (p[0] != p[1] || p[2] != p[3]) {
                throw new IllegalArgumentException("pads {top " + p[0] + ", bottom " + p[1] + ", left " + p[2]
                        + ", right " + p[3] + "} (auto_pad " + win.autoPad + ") differ at the two ends of an axis; "
                        + op + " supports symmetric pads only");
            }
            int[] pad = {p[0], p[2]};
            NdArray x4 = x.reshape(xs);
            NdArray y;
            if (max) {
                PoolGeometry g = PoolGeometry.maxPool2d(op, xs, k, s, pad, d, ceil);
                y = Pooling.maxPoolValues(x4, g);
            } else {
                y = Pooling.average(x4, Windows.avgPool2d(op, xs, k, s, pad, ceil, includePad));
            }
            return one(back(y, r));
        };
    }

    // ------------------------------------------------------------------------------------ normalization

    private static Ops.Kernel batchNorm(Node n) throws OnnxFormatException {
        n.only("epsilon", "momentum", "training_mode");
        if (n.i("training_mode", 0) != 0) {
            throw new OnnxUnsupportedException(n.where() + ": training_mode = 1 is not supported (inference only: "
                    + "the running statistics are used)");
        }
        for (int i = 1; i < n.proto.outputs().size(); i++) {
            if (!n.proto.outputs().get(i).isEmpty()) {
                throw new OnnxUnsupportedException(n.where() + ": the training outputs (running mean and variance) "
                        + "are not supported");
            }
        }
        double eps = n.f("epsilon", 1e-5f);
        return in -> {
            NdArray x = Ops.floats(in, 0);
            if (x.rank() < 2) {
                throw new IllegalArgumentException("expected [N, C, ...], got " + in[0].describe());
            }
            int c = x.shape(1);
            NdArray[] v = new NdArray[4];
            String[] names = {"scale", "B", "input_mean", "input_var"};
            for (int i = 0; i < 4; i++) {
                v[i] = Ops.floats(in, i + 1);
                if (!Arrays.equals(v[i].shape(), new int[] {c}) || v[i].dtype() != x.dtype()) {
                    throw new IllegalArgumentException(names[i] + " is " + in[i + 1].describe() + "; expected "
                            + x.dtype() + " [" + c + "] for input " + in[0].describe());
                }
            }
            // y = x·scale + shift per channel, one fused pass over each [n, c] run: scale = γ/√(var + ε),
            // shift = β − mean·scale
            double[] scale = new double[c];
            double[] shift = new double[c];
            for (int k = 0; k < c; k++) {
                scale[k] = v[0].getFlat(k) / Math.sqrt(v[3].getFlat(k) + eps);
                shift[k] = v[1].getFlat(k) - v[2].getFlat(k) * scale[k];
            }
            int runLength = c == 0 || x.size() == 0 ? 0 : x.size() / (x.shape(0) * c);
            NdArray y = NdArray.zerosLike(x);
            Normalization.scaleShift(x, x.shape(0), c, runLength, scale, shift, y);
            return one(y);
        };
    }

    private static Ops.Kernel layerNorm(Node n) throws OnnxFormatException {
        n.only("axis", "epsilon", "stash_type");
        for (int i = 1; i < n.proto.outputs().size(); i++) {
            if (!n.proto.outputs().get(i).isEmpty()) {
                throw new OnnxUnsupportedException(n.where() + ": the Mean and InvStdDev outputs are not supported");
            }
        }
        long axis = n.i("axis", -1);
        double eps = n.f("epsilon", 1e-5f);
        return in -> {
            NdArray x = Ops.floats(in, 0);
            int a = Shapes.axis((int) axis, x.rank());
            int[] norm = Arrays.copyOfRange(x.shape(), a, x.rank());
            NdArray scale = Ops.floats(in, 1);
            NdArray bias = in.length > 2 && in[2] != null ? Ops.floats(in, 2) : null;
            boolean exact = Arrays.equals(scale.shape(), norm) && (bias == null || Arrays.equals(bias.shape(), norm));
            if (exact) {
                return one(NnOps.layerNorm("LayerNormalization", constant(x), norm, constant(scale),
                        bias == null ? null : constant(bias), eps).data());
            }
            // Scale and B broadcast to X[axis:]: normalize, then apply them with broadcasting
            NdArray y = NnOps.layerNorm("LayerNormalization", constant(x), norm, null, null, eps).data();
            y = y.mul(scale);
            return one(bias == null ? y : y.add(bias));
        };
    }
}
