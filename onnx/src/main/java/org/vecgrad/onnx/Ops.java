package org.vecgrad.onnx;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.MatMul;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * The ONNX operators vecgrad runs, each compiled once at load from its node ({@link Node}: attributes read and
 * checked there) into a {@link Kernel} that maps input values to output values. Floating-point work runs on
 * {@link NdArray}'s kernels (GEMM, elementwise, softmax, axis reductions); integer values (shapes, indices, axes)
 * are handled here. Semantics follow the ONNX operator docs for opsets 11–20, including the changes inside that
 * range (Softmax's axis coercion before 13; Squeeze, Unsqueeze and ReduceSum axes as an input from 13; Clip's
 * bounds as inputs from 11; Shape's start and end from 15; Reshape's allowzero from 14; ReduceMean and ReduceMax
 * axes as an input and Split's num_outputs from 18; Gelu from 20). The recurrent operators are in
 * {@link RecurrentOps}, Pad in {@link PadOp}.
 */
final class Ops {
    private Ops() {
    }

    /** A compiled node: inputs (null for an absent optional input) to outputs. */
    @FunctionalInterface
    interface Kernel {
        Value[] run(Value[] in);

        /**
         * This node with a ReLU applied to its first output inside its own output pass, or null when it has no such
         * form (the model then applies the ReLU in place after it). The fused form gives the same bits.
         */
        default Kernel withRelu() {
            return null;
        }
    }

    @FunctionalInterface
    interface Factory {
        Kernel compile(Node n) throws OnnxFormatException;
    }

    static final Map<String, Factory> ALL = new TreeMap<>();

    static {
        SpatialOps.register(ALL);
        LogicOps.register(ALL);
        RecurrentOps.register(ALL);
        PadOp.register(ALL);
        unary("Relu", NdArray::relu);
        unary("Sigmoid", NdArray::sigmoid);
        unary("Tanh", NdArray::tanh);
        unary("Exp", NdArray::exp);
        unary("Log", NdArray::log);
        unary("Sqrt", NdArray::sqrt);
        unary("Neg", NdArray::neg);
        unary("Abs", NdArray::abs);
        unary("Softplus", NdArray::softplus);
        unary("Erf", Ops::erf);
        ALL.put("LeakyRelu", n -> {
            n.only("alpha");
            double alpha = n.f("alpha", 0.01f);
            return floatKernel(x -> x.leakyRelu(alpha));
        });
        ALL.put("Elu", n -> {
            n.only("alpha");
            double alpha = n.f("alpha", 1f);
            return floatKernel(x -> x.elu(alpha));
        });
        ALL.put("Selu", n -> {
            n.only("alpha", "gamma");
            double alpha = n.f("alpha", 1.67326319217681884765625f);
            double gamma = n.f("gamma", 1.05070102214813232421875f);
            return floatKernel(x -> x.elu(alpha).mulInPlace(gamma));
        });
        ALL.put("HardSigmoid", n -> {
            n.only("alpha", "beta");
            double alpha = n.f("alpha", 0.2f);
            double beta = n.f("beta", 0.5f);
            return floatKernel(x -> x.mul(alpha).addInPlace(beta).apply(org.vecgrad.engine.UnaryOp.CLAMP, 0, 1));
        });
        ALL.put("Gelu", n -> {
            if (n.opset < 20) {
                throw n.error("Gelu is an operator of opset 20 and later; the model imports opset " + n.opset
                        + " (PyTorch before 2.x exports GELU as its Erf expansion, which runs at any opset)");
            }
            n.only("approximate");
            String approx = n.s("approximate", "none");
            if (!approx.equals("none") && !approx.equals("tanh")) {
                throw n.error("approximate = '" + approx + "'; expected 'none' or 'tanh'");
            }
            return floatKernel(approx.equals("none") ? NdArray::gelu : NdArray::geluTanh);
        });
        ALL.put("PRelu", n -> {
            n.only();
            // relu(x) − slope·relu(−x) = x for x > 0, slope·x otherwise (slope broadcasts to x)
            return in -> one(floats(in, 0).relu().sub(floats(in, 1).mul(floats(in, 0).neg().relu())));
        });
        ALL.put("Clip", Ops::clip);
        binary("Add", NdArray::add, Math::addExact);
        binary("Sub", NdArray::sub, Math::subtractExact);
        binary("Mul", NdArray::mul, Math::multiplyExact);
        binary("Div", NdArray::div, Ops::intDiv);
        ALL.put("Pow", n -> {
            n.only();
            return in -> one(pow(floats(in, 0), floats(in, 1)));
        });
        ALL.put("Gemm", Ops::gemm);
        ALL.put("MatMul", n -> {
            n.only();
            return in -> one(matmul(floats(in, 0), floats(in, 1)));
        });
        ALL.put("Softmax", n -> softmax(n, false));
        ALL.put("LogSoftmax", n -> softmax(n, true));
        ALL.put("Identity", n -> {
            n.only();
            return in -> one(in[0]);
        });
        ALL.put("Dropout", n -> {
            n.only("seed", "ratio");
            // eval semantics: the identity; the optional mask output is all true
            return in -> new Value[] {in[0], new Value.Ints(filled(Shapes.size(in[0].shape()), 1), in[0].shape())};
        });
        ALL.put("Constant", Ops::constant);
        ALL.put("Shape", n -> {
            n.only("start", "end");
            long start = n.i("start", 0);
            long end = n.i("end", Long.MAX_VALUE);
            return in -> {
                int[] s = in[0].shape();
                int from = (int) clampAxis(start, s.length);
                int to = (int) clampAxis(end, s.length);
                long[] out = new long[Math.max(0, to - from)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s[from + i];
                }
                return one(Value.Ints.vector(out));
            };
        });
        ALL.put("Flatten", n -> {
            n.only("axis");
            long axis = n.i("axis", 1);
            return in -> {
                int[] s = in[0].shape();
                int a = (int) (axis < 0 ? axis + s.length : axis);
                if (a < 0 || a > s.length) {
                    throw new IllegalArgumentException("axis " + axis + " is outside " + -s.length + ".."
                            + s.length + " for input " + in[0].describe());
                }
                int outer = Shapes.size(Arrays.copyOfRange(s, 0, a));
                return one(reshape(in[0], outer, Shapes.size(s) / Math.max(outer, 1)));
            };
        });
        ALL.put("Reshape", n -> {
            n.only("allowzero");
            boolean allowZero = n.i("allowzero", 0) != 0;
            return in -> one(reshape(in[0], reshapeTarget(in[0].shape(), ints(in, 1), allowZero)));
        });
        ALL.put("Transpose", n -> {
            n.only("perm");
            long[] perm = n.ints("perm", null);
            return in -> {
                int rank = in[0].shape().length;
                int[] p = new int[rank];
                for (int i = 0; i < p.length; i++) {
                    p[i] = perm == null ? p.length - 1 - i : (int) perm[i];
                }
                if (perm != null && perm.length != rank) {
                    throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " for an input of rank "
                            + rank);
                }
                if (in[0] instanceof Value.Ints iv) {
                    return one(permuteInts(iv, p));
                }
                return one(floats(in, 0).permute(p));
            };
        });
        ALL.put("Concat", n -> {
            n.only("axis");
            if (!n.has("axis")) {
                throw n.error("the required attribute 'axis' is missing");
            }
            long axis = n.i("axis", 0);
            return in -> one(concat(axis, in));
        });
        ALL.put("Squeeze", n -> squeeze(n, true));
        ALL.put("Unsqueeze", n -> squeeze(n, false));
        ALL.put("Gather", n -> {
            n.only("axis");
            long axis = n.i("axis", 0);
            return in -> one(gather(in[0], intValue(in, 1), axis));
        });
        ALL.put("ReduceMean", n -> reduce(n, Reduce.MEAN));
        ALL.put("ReduceSum", n -> reduce(n, Reduce.SUM));
        ALL.put("ReduceMax", n -> reduce(n, Reduce.MAX));
        ALL.put("Slice", n -> {
            n.only();
            return in -> {
                int[] s = in[0].shape();
                long[] starts = ints(in, 1);
                long[] ends = ints(in, 2);
                long[] axes = in.length > 3 && in[3] != null ? ints(in, 3) : null;
                long[] steps = in.length > 4 && in[4] != null ? ints(in, 4) : null;
                if (ends.length != starts.length || axes != null && axes.length != starts.length
                        || steps != null && steps.length != starts.length) {
                    throw new IllegalArgumentException("starts, ends, axes and steps must have one length; got "
                            + starts.length + ", " + ends.length + ", " + (axes == null ? "-" : axes.length) + ", "
                            + (steps == null ? "-" : steps.length));
                }
                int[] from = new int[s.length];
                int[] step = new int[s.length];
                int[] out = s.clone();
                Arrays.fill(step, 1);
                for (int k = 0; k < starts.length; k++) {
                    int ax = Shapes.axis(axes == null ? k : (int) axes[k], s.length);
                    long st = steps == null ? 1 : steps[k];
                    if (st == 0 || st < Integer.MIN_VALUE || st > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("step " + st + " on axis " + ax);
                    }
                    long dim = s[ax];
                    long b = starts[k] < 0 ? starts[k] + dim : starts[k];
                    long e = ends[k] < 0 ? ends[k] + dim : ends[k];
                    // ONNX clamping: [0, dim] going forward, [-1, dim - 1] going backward
                    b = st > 0 ? Math.clamp(b, 0, dim) : Math.clamp(b, 0, dim - 1);
                    e = st > 0 ? Math.clamp(e, 0, dim) : Math.clamp(e, -1, dim - 1);
                    long len = st > 0 ? (e - b + st - 1) / st : (b - e - st - 1) / -st;
                    from[ax] = (int) b;
                    step[ax] = (int) st;
                    out[ax] = (int) Math.max(0, len);
                }
                return one(strided(in[0], from, step, out));
            };
        });
        ALL.put("Split", n -> {
            boolean fromInput = n.opset >= 13;
            if (n.opset >= 18) {
                n.only("axis", "num_outputs");
            } else if (fromInput) {
                n.only("axis");
            } else {
                n.only("axis", "split");
            }
            long axis = n.i("axis", 0);
            long[] attrSplit = fromInput ? null : n.ints("split", null);
            int parts = n.proto.outputs().size();
            // opset 18: num_outputs (when split is not given) must be the number of outputs; chunks are
            // ceil(dim / num_outputs), the last one smaller
            boolean ceilChunks = n.has("num_outputs");
            if (ceilChunks && n.i("num_outputs", 0) != parts) {
                throw n.error("num_outputs = " + n.i("num_outputs", 0) + " but the node has " + parts + " outputs");
            }
            return in -> {
                int[] s = in[0].shape();
                int ax = Shapes.axis((int) axis, s.length);
                long[] split = fromInput ? (in.length > 1 && in[1] != null ? ints(in, 1) : null) : attrSplit;
                if (split == null && ceilChunks) {
                    int chunk = (s[ax] + parts - 1) / parts;
                    split = new long[parts];
                    for (int k = 0; k < parts; k++) {
                        split[k] = Math.max(0, Math.min(chunk, s[ax] - (long) k * chunk));
                    }
                }
                if (split == null) {
                    if (s[ax] % parts != 0) {
                        throw new IllegalArgumentException("axis " + ax + " of size " + s[ax] + " does not split "
                                + "into " + parts + " equal parts");
                    }
                    split = filled(parts, s[ax] / parts);
                }
                if (split.length != parts || Arrays.stream(split).sum() != s[ax]
                        || Arrays.stream(split).anyMatch(v -> v < 0)) {
                    throw new IllegalArgumentException("split " + Arrays.toString(split) + " into " + parts
                            + " outputs does not tile axis " + ax + " of size " + s[ax]);
                }
                Value[] outs = new Value[parts];
                int[] from = new int[s.length];
                int[] step = filledInts(s.length, 1);
                for (int k = 0; k < parts; k++) {
                    int[] os = s.clone();
                    os[ax] = (int) split[k];
                    outs[k] = strided(in[0], from.clone(), step, os);
                    from[ax] += (int) split[k];
                }
                return outs;
            };
        });
        ALL.put("Cast", n -> {
            n.only("to");
            int to = (int) n.i("to", 0);
            if (to != OnnxProto.FLOAT && to != OnnxProto.DOUBLE && TensorData.elementSize(to) == 0) {
                throw new OnnxUnsupportedException(n.where() + ": Cast to " + TensorData.typeName(to)
                        + " is not supported");
            }
            return in -> one(cast(in[0], to));
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Value[] one(Value v) {
        return new Value[] {v};
    }

    private static Value[] one(NdArray a) {
        return new Value[] {new Value.Floats(a)};
    }

    /** Most elements of an integer value computed by a graph (integer values are shapes, axes and indices). */
    static final int MAX_INT_ELEMENTS = 1 << 20;

    /** A new integer array for a result of this shape, refused before allocating when it is not shape-sized. */
    static long[] intResult(int[] shape) {
        int n = Shapes.size(shape);
        if (n > MAX_INT_ELEMENTS) {
            throw new IllegalArgumentException("an integer result of shape " + Shapes.str(shape) + " has more than "
                    + MAX_INT_ELEMENTS + " elements");
        }
        return new long[n];
    }

    private static int[] filledInts(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The elements {@code from + i·step} (per axis) for every index i of shape {@code out}: Slice and Split.
     * The caller guarantees every such index lies inside the value.
     */
    static Value strided(Value v, int[] from, int[] step, int[] out) {
        int[] s = v.shape();
        int[] st = Shapes.strides(s);
        int n = Shapes.size(out);
        int base = 0;
        for (int k = 0; k < s.length; k++) {
            base += from[k] * st[k];
        }
        long[] ints = v instanceof Value.Ints ? intResult(out) : null;
        NdArray f = v instanceof Value.Floats fl ? NdArray.zeros(fl.array().dtype(), out) : null;
        int[] pos = new int[out.length];
        int src = base;
        for (int o = 0; o < n; o++) {
            if (ints != null) {
                ints[o] = ((Value.Ints) v).data()[src];
            } else {
                f.setFlat(o, ((Value.Floats) v).array().getFlat(src));
            }
            for (int k = out.length - 1; k >= 0; k--) {
                pos[k]++;
                src += step[k] * st[k];
                if (pos[k] < out[k]) {
                    break;
                }
                src -= step[k] * st[k] * out[k];
                pos[k] = 0;
            }
        }
        return ints != null ? new Value.Ints(ints, out) : new Value.Floats(f);
    }

    /** Transpose of integer data (result axis i is axis {@code p[i]}), through the engine's I64 permute. */
    private static Value permuteInts(Value.Ints v, int[] p) {
        NdArray t = NdArray.wrap(v.data(), 0, v.shape()).permute(p);
        return new Value.Ints(t.longData(), t.shape());
    }

    /** Cast: floats to F32/F64 or to integers (truncated toward zero; BOOL is x ≠ 0), integers to floats. */
    static Value cast(Value v, int to) {
        if (to == OnnxProto.FLOAT || to == OnnxProto.DOUBLE) {
            DType d = to == OnnxProto.FLOAT ? DType.F32 : DType.F64;
            if (v instanceof Value.Floats f) {
                return new Value.Floats(f.array().dtype() == d ? f.array() : f.array().to(d));
            }
            long[] data = ((Value.Ints) v).data();
            NdArray a = NdArray.zeros(d, v.shape());
            for (int i = 0; i < data.length; i++) {
                a.setFlat(i, data[i]);
            }
            return new Value.Floats(a);
        }
        long[] out;
        if (v instanceof Value.Floats f) {
            NdArray a = f.array();
            out = new long[a.size()];
            for (int i = 0; i < out.length; i++) {
                double x = a.getFlat(i);
                out[i] = to == OnnxProto.BOOL ? (x != 0 ? 1 : 0) : (long) x;
            }
        } else {
            out = ((Value.Ints) v).data().clone();
            if (to == OnnxProto.BOOL) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = out[i] != 0 ? 1 : 0;
                }
            }
        }
        return new Value.Ints(out, v.shape());
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Input {@code i} as floating-point data; an integer value there is a type error. */
    static NdArray floats(Value[] in, int i) {
        if (i >= in.length || in[i] == null) {
            throw new IllegalArgumentException("input " + i + " is missing");
        }
        if (in[i] instanceof Value.Floats f) {
            return f.array();
        }
        throw new IllegalArgumentException("input " + i + " is " + in[i].describe() + "; a FLOAT or DOUBLE tensor"
                + " is expected");
    }

    /** Input {@code i} as integer data (shapes, axes, indices). */
    static long[] ints(Value[] in, int i) {
        return intValue(in, i).data();
    }

    static Value.Ints intValue(Value[] in, int i) {
        if (i >= in.length || in[i] == null) {
            throw new IllegalArgumentException("input " + i + " is missing");
        }
        if (in[i] instanceof Value.Ints v) {
            return v;
        }
        throw new IllegalArgumentException("input " + i + " is " + in[i].describe() + "; an integer tensor is "
                + "expected");
    }

    private static Kernel floatKernel(UnaryOperator<NdArray> f) {
        return in -> one(f.apply(floats(in, 0)));
    }

    private static void unary(String op, UnaryOperator<NdArray> f) {
        ALL.put(op, n -> {
            n.only();
            return floatKernel(f);
        });
    }

    @FunctionalInterface
    private interface FloatOp {
        NdArray apply(NdArray a, NdArray b);
    }

    @FunctionalInterface
    private interface IntOp {
        long apply(long a, long b);
    }

    /** An elementwise binary operator: broadcast NdArray arithmetic on floats, exact arithmetic on integers. */
    private static void binary(String op, FloatOp f, IntOp i) {
        ALL.put(op, n -> {
            n.only();
            return in -> {
                if (in[0] instanceof Value.Ints a && in[1] instanceof Value.Ints b) {
                    return one(intBroadcast(a, b, i));
                }
                return one(f.apply(floats(in, 0), floats(in, 1)));
            };
        });
    }

    private static long intDiv(long a, long b) {
        if (b == 0) {
            throw new IllegalArgumentException("integer division by zero");
        }
        return a / b; // ONNX integer Div truncates, as Java does
    }

    /** For each output element, the row-major index of the element of {@code s} it reads (NumPy broadcast). */
    static int[] broadcastIndex(int[] s, int[] out) {
        int[] idx = new int[Shapes.size(out)];
        int r = out.length;
        int[] stride = new int[r];
        int acc = 1;
        for (int k = r - 1, j = s.length - 1; k >= 0; k--, j--) {
            stride[k] = j >= 0 && s[j] != 1 ? acc : 0;
            acc *= j >= 0 ? s[j] : 1;
        }
        int[] pos = new int[r];
        int src = 0;
        for (int o = 0; o < idx.length; o++) {
            idx[o] = src;
            for (int k = r - 1; k >= 0; k--) {
                pos[k]++;
                src += stride[k];
                if (pos[k] < out[k]) {
                    break;
                }
                src -= stride[k] * out[k];
                pos[k] = 0;
            }
        }
        return idx;
    }

    private static Value.Ints intBroadcast(Value.Ints a, Value.Ints b, IntOp op) {
        int[] out = Shapes.broadcast(a.shape(), b.shape());
        long[] r = intResult(out);
        int[] ia = broadcastIndex(a.shape(), out);
        int[] ib = broadcastIndex(b.shape(), out);
        for (int k = 0; k < r.length; k++) {
            r[k] = op.apply(a.data()[ia[k]], b.data()[ib[k]]);
        }
        return new Value.Ints(r, out);
    }

    /** xʸ, broadcast: a single exponent runs on the engine's POW kernel, a tensor of them elementwise. */
    private static NdArray pow(NdArray x, NdArray y) {
        if (y.size() == 1 && y.rank() <= x.rank()) {
            double p = y.getFlat(0);
            if (Double.isFinite(p)) {
                return x.pow(p).reshape(Shapes.broadcast(x.shape(), y.shape()));
            }
        }
        int[] out = Shapes.broadcast(x.shape(), y.shape());
        int[] ix = broadcastIndex(x.shape(), out);
        int[] iy = broadcastIndex(y.shape(), out);
        NdArray r = NdArray.zeros(x.dtype(), out);
        for (int k = 0; k < ix.length; k++) {
            r.setFlat(k, Math.pow(x.getFlat(ix[k]), y.getFlat(iy[k])));
        }
        return r;
    }

    /**
     * erf(x), from the engine's exact GELU: gelu(y) = y·Φ(y) and erf(x) = 2Φ(x√2) − 1. Computed in F64 (so the
     * cancellation near 0 costs at most ~1e-16 absolute) and rounded to the input's dtype.
     */
    static NdArray erf(NdArray x) {
        NdArray y = x.to(DType.F64).mulInPlace(Math.sqrt(2));
        NdArray g = y.gelu();
        NdArray out = NdArray.zeros(x.dtype(), x.shape());
        for (int i = 0; i < out.size(); i++) {
            double yi = y.getFlat(i);
            double e = yi == 0 || Double.isNaN(yi) ? yi / Math.sqrt(2)
                    : Double.isInfinite(yi) ? Math.signum(yi) : 2 * (g.getFlat(i) / yi) - 1;
            out.setFlat(i, e);
        }
        return out;
    }

    private static Kernel clip(Node n) throws OnnxFormatException {
        n.only("min", "max");
        if (n.opset < 11) {
            double lo = n.f("min", -Float.MAX_VALUE);
            double hi = n.f("max", Float.MAX_VALUE);
            return floatKernel(x -> x.clamp(lo, hi));
        }
        return in -> {
            double lo = in.length > 1 && in[1] != null ? scalar(floats(in, 1), "min") : Double.NEGATIVE_INFINITY;
            double hi = in.length > 2 && in[2] != null ? scalar(floats(in, 2), "max") : Double.POSITIVE_INFINITY;
            return one(floats(in, 0).clamp(lo, hi));
        };
    }

    private static double scalar(NdArray a, String what) {
        if (a.size() != 1) {
            throw new IllegalArgumentException(what + " must be a single value, got shape " + Shapes.str(a.shape()));
        }
        return a.getFlat(0);
    }

    private static Kernel gemm(Node n) throws OnnxFormatException {
        n.only("alpha", "beta", "transA", "transB");
        double alpha = n.f("alpha", 1f);
        double beta = n.f("beta", 1f);
        boolean ta = n.i("transA", 0) != 0;
        boolean tb = n.i("transB", 0) != 0;
        return in -> {
            NdArray a = floats(in, 0);
            NdArray b = floats(in, 1);
            if (a.rank() != 2 || b.rank() != 2) {
                throw new IllegalArgumentException("A " + Shapes.str(a.shape()) + " and B " + Shapes.str(b.shape())
                        + " must be matrices");
            }
            int m = ta ? a.shape(1) : a.shape(0);
            int nn = tb ? b.shape(0) : b.shape(1);
            NdArray c = NdArray.zeros(a.dtype(), m, nn);
            boolean hasC = in.length > 2 && in[2] != null;
            if (hasC) {
                NdArray bias = floats(in, 2);
                int[] s = Shapes.broadcast(c.shape(), bias.shape());
                if (!Arrays.equals(s, c.shape())) {
                    throw new IllegalArgumentException("C " + Shapes.str(bias.shape()) + " does not broadcast to "
                            + Shapes.str(c.shape()));
                }
                c.addInPlace(bias);
            }
            MatMul.gemm(ta, tb, alpha, a, b, hasC ? beta : 0, c);
            return one(c);
        };
    }

    /** NumPy matmul on the ranks the engine's batched GEMM covers: 1-D operands promoted, batch dims folded. */
    static NdArray matmul(NdArray a, NdArray b) {
        boolean vecA = a.rank() == 1;
        boolean vecB = b.rank() == 1;
        NdArray a2 = vecA ? a.reshape(1, a.size()) : a;
        NdArray b2 = vecB ? b.reshape(b.size(), 1) : b;
        int[] sa = a2.shape();
        int[] sb = b2.shape();
        int k = sa[sa.length - 1];
        int n = sb[sb.length - 1];
        int[] batchA = Arrays.copyOf(sa, sa.length - 2);
        int[] batchB = Arrays.copyOf(sb, sb.length - 2);
        NdArray out;
        int[] batch;
        if (batchB.length == 0) {
            // the batch folds into the rows of A: one GEMM
            batch = batchA;
            out = a2.reshape(-1, k).matmul(b2);
        } else if (Arrays.equals(batchA, batchB) || batchA.length == 0) {
            batch = batchB;
            int nb = Shapes.size(batchB);
            out = a2.reshape(batchA.length == 0 ? 1 : nb, sa[sa.length - 2], k)
                    .matmul(b2.reshape(nb, sb[sb.length - 2], n));
        } else {
            throw new IllegalArgumentException("MatMul of " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + ": batch dimensions must be equal or absent on one side (general broadcasting is not "
                    + "supported yet)");
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = sa[sa.length - 2];
        shape[batch.length + 1] = n;
        if (vecA || vecB) {
            int[] s = new int[shape.length - (vecA ? 1 : 0) - (vecB ? 1 : 0)];
            System.arraycopy(shape, 0, s, 0, batch.length);
            if (!vecA) {
                s[batch.length] = shape[batch.length];
            }
            if (!vecB) {
                s[s.length - 1] = n;
            }
            shape = s;
        }
        return out.reshape(shape);
    }

    private static Kernel softmax(Node n, boolean log) throws OnnxFormatException {
        n.only("axis");
        long axis = n.i("axis", n.opset < 13 ? 1 : -1);
        boolean coerce = n.opset < 13; // before 13: flatten to [prod(:axis), prod(axis:)], softmax on rows
        return in -> {
            NdArray x = floats(in, 0);
            int a = Shapes.axis((int) axis, Math.max(x.rank(), 1));
            if (coerce) {
                int outer = Shapes.size(Arrays.copyOfRange(x.shape(), 0, a));
                NdArray m = x.reshape(outer, x.size() / Math.max(outer, 1));
                return one((log ? m.logSoftmax(1) : m.softmax(1)).reshape(x.shape()));
            }
            return one(log ? x.logSoftmax(a) : x.softmax(a));
        };
    }

    private static Kernel constant(Node n) throws OnnxFormatException {
        n.only("value", "value_float", "value_floats", "value_int", "value_ints");
        Value v;
        if (n.has("value")) {
            v = n.tensor("value");
        } else if (n.has("value_float")) {
            v = new Value.Floats(NdArray.scalar(DType.F32, n.f("value_float", 0)));
        } else if (n.has("value_floats")) {
            float[] f = n.floats("value_floats");
            v = new Value.Floats(NdArray.of(f, f.length));
        } else if (n.has("value_int")) {
            v = new Value.Ints(new long[] {n.i("value_int", 0)}, new int[0]);
        } else if (n.has("value_ints")) {
            v = Value.Ints.vector(n.ints("value_ints", null));
        } else {
            throw new OnnxUnsupportedException(n.where() + ": a Constant needs one of value, value_float(s), "
                    + "value_int(s) (sparse and string constants are not supported)");
        }
        Value out = v;
        return in -> one(out);
    }

    private static long clampAxis(long a, int rank) {
        long x = a < 0 ? a + rank : a;
        return Math.max(0, Math.min(rank, x));
    }

    /** Reshape's target: 0 copies the input's dim (unless allowzero), −1 is inferred by the array's reshape. */
    private static int[] reshapeTarget(int[] in, long[] target, boolean allowZero) {
        int[] s = new int[target.length];
        for (int i = 0; i < s.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                if (i >= in.length) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(target) + " copies dim " + i
                            + " (0) of an input of rank " + in.length);
                }
                t = in[i];
            }
            if (t < -1 || t > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(target) + " has dim " + t);
            }
            s[i] = (int) t;
        }
        return s;
    }

    /** A value with a new shape (a view for floats; integer data is never modified, so it is shared too). */
    static Value reshape(Value v, int... shape) {
        if (v instanceof Value.Floats f) {
            return new Value.Floats(f.array().reshape(shape));
        }
        Value.Ints iv = (Value.Ints) v;
        int n = iv.data().length;
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && infer < 0) {
                infer = i;
            } else {
                known *= s[i] < 0 ? Long.MAX_VALUE : s[i];
            }
        }
        if (infer >= 0 && known > 0 && known <= n && n % known == 0) {
            s[infer] = (int) (n / known);
        }
        for (int d : s) {
            if (d < 0) {
                throw new IllegalArgumentException("reshape " + iv.describe() + " to " + Shapes.str(shape)
                        + ": cannot infer the shape");
            }
        }
        if (Shapes.size(s) != n) {
            throw new IllegalArgumentException("reshape " + iv.describe() + " to " + Shapes.str(shape)
                    + ": sizes differ");
        }
        return new Value.Ints(iv.data(), s);
    }

    private static Value concat(long axis, Value[] in) {
        if (in[0] instanceof Value.Floats) {
            NdArray[] parts = new NdArray[in.length];
            for (int i = 0; i < in.length; i++) {
                parts[i] = floats(in, i);
            }
            return new Value.Floats(NdArray.concat((int) axis, parts));
        }
        // integer concatenation: copy each part's chunk of the outer rows
        int[] s0 = intValue(in, 0).shape();
        int ax = Shapes.axis((int) axis, s0.length);
        int outer = Shapes.size(Arrays.copyOfRange(s0, 0, ax));
        int[] os = s0.clone();
        os[ax] = 0;
        for (int i = 0; i < in.length; i++) {
            int[] s = intValue(in, i).shape();
            for (int d = 0; d < s.length; d++) {
                if (s.length != s0.length || d != ax && s[d] != s0[d]) {
                    throw new IllegalArgumentException("Concat along axis " + ax + ": part " + i + " is "
                            + in[i].describe() + ", part 0 is " + in[0].describe());
                }
            }
            os[ax] = Math.addExact(os[ax], s[ax]);
        }
        long[] out = intResult(os);
        int rowOut = outer == 0 ? 0 : out.length / outer;
        int pos = 0;
        for (Value v : in) {
            long[] d = ((Value.Ints) v).data();
            int chunk = outer == 0 ? 0 : d.length / outer;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(d, o * chunk, out, o * rowOut + pos, chunk);
            }
            pos += chunk;
        }
        return new Value.Ints(out, os);
    }

    private static Kernel squeeze(Node n, boolean squeeze) throws OnnxFormatException {
        boolean fromInput = n.opset >= 13;
        if (fromInput) {
            n.only();
        } else {
            n.only("axes");
        }
        long[] attrAxes = fromInput ? null : n.ints("axes", null);
        if (!squeeze && !fromInput && attrAxes == null) {
            throw n.error("the required attribute 'axes' is missing");
        }
        return in -> {
            long[] axes = fromInput ? (in.length > 1 && in[1] != null ? ints(in, 1) : null) : attrAxes;
            int[] s = in[0].shape();
            if (squeeze) {
                boolean[] drop = new boolean[s.length];
                if (axes == null) {
                    for (int i = 0; i < s.length; i++) {
                        drop[i] = s[i] == 1;
                    }
                } else {
                    for (long a : axes) {
                        int ax = Shapes.axis((int) a, s.length);
                        if (s[ax] != 1) {
                            throw new IllegalArgumentException("cannot squeeze axis " + a + " of "
                                    + in[0].describe() + ": its size is not 1");
                        }
                        drop[ax] = true;
                    }
                }
                int[] out = new int[s.length];
                int r = 0;
                for (int i = 0; i < s.length; i++) {
                    if (!drop[i]) {
                        out[r++] = s[i];
                    }
                }
                return one(reshape(in[0], Arrays.copyOf(out, r)));
            }
            if (axes == null) {
                throw new IllegalArgumentException("Unsqueeze needs axes (input 1)");
            }
            int rank = s.length + axes.length;
            boolean[] added = new boolean[rank];
            for (long a : axes) {
                int ax = Shapes.axis((int) a, rank);
                if (added[ax]) {
                    throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " repeat axis " + ax);
                }
                added[ax] = true;
            }
            int[] out = new int[rank];
            for (int i = 0, j = 0; i < rank; i++) {
                out[i] = added[i] ? 1 : s[j++];
            }
            return one(reshape(in[0], out));
        };
    }

    /** Gather along {@code axis}: out = data[:axis] × indices × data[axis+1:], negative indices counted back. */
    static Value gather(Value data, Value.Ints indices, long axisAttr) {
        int[] s = data.shape();
        int ax = Shapes.axis((int) axisAttr, s.length);
        int dim = s[ax];
        int outer = Shapes.size(Arrays.copyOfRange(s, 0, ax));
        int inner = Shapes.size(Arrays.copyOfRange(s, ax + 1, s.length));
        long[] idx = indices.data();
        int[] is = indices.shape();
        int[] os = new int[s.length - 1 + is.length];
        System.arraycopy(s, 0, os, 0, ax);
        System.arraycopy(is, 0, os, ax, is.length);
        System.arraycopy(s, ax + 1, os, ax + is.length, s.length - ax - 1);
        Object src;
        int srcOff;
        Object dst;
        NdArray result = null;
        if (data instanceof Value.Floats f) {
            NdArray a = f.array();
            result = NdArray.zeros(a.dtype(), os);
            src = a.dtype() == DType.F32 ? a.floatData() : a.doubleData();
            dst = a.dtype() == DType.F32 ? result.floatData() : result.doubleData();
            srcOff = a.offset();
        } else {
            src = ((Value.Ints) data).data();
            dst = intResult(os);
            srcOff = 0;
        }
        for (int k = 0; k < idx.length; k++) {
            long i = idx[k] < 0 ? idx[k] + dim : idx[k];
            if (i < 0 || i >= dim) {
                throw new IllegalArgumentException("index " + idx[k] + " is outside " + -dim + ".." + (dim - 1)
                        + " for axis " + ax + " of " + data.describe());
            }
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, srcOff + (int) ((o * (long) dim + i) * inner), dst,
                        (o * idx.length + k) * inner, inner);
            }
        }
        return result != null ? new Value.Floats(result) : new Value.Ints((long[]) dst, os);
    }

    private enum Reduce { MEAN, SUM, MAX }

    private static Kernel reduce(Node n, Reduce kind) throws OnnxFormatException {
        // axes moved from an attribute to an input: ReduceSum at opset 13, the others at 18
        boolean axesInput = kind == Reduce.SUM && n.opset >= 13 || n.opset >= 18;
        if (axesInput) {
            n.only("keepdims", "noop_with_empty_axes");
        } else {
            n.only("keepdims", "axes");
        }
        boolean keep = n.i("keepdims", 1) != 0;
        boolean noop = n.i("noop_with_empty_axes", 0) != 0;
        long[] attrAxes = axesInput ? null : n.ints("axes", null);
        return in -> {
            NdArray x = floats(in, 0);
            long[] axes = axesInput ? (in.length > 1 && in[1] != null ? ints(in, 1) : null) : attrAxes;
            if (axes == null || axes.length == 0) {
                if (noop) {
                    return one(x);
                }
                axes = new long[x.rank()];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = i;
                }
            }
            boolean[] reduced = new boolean[x.rank()];
            for (long a : axes) {
                reduced[Shapes.axis((int) a, x.rank())] = true;
            }
            NdArray r = x;
            for (int ax = x.rank() - 1; ax >= 0; ax--) {
                if (reduced[ax]) {
                    r = switch (kind) {
                        case MEAN -> r.mean(ax, true);
                        case SUM -> r.sum(ax, true);
                        case MAX -> r.max(ax, true);
                    };
                }
            }
            if (!keep) {
                int[] s = new int[x.rank()];
                int k = 0;
                for (int i = 0; i < s.length; i++) {
                    if (!reduced[i]) {
                        s[k++] = x.shape(i);
                    }
                }
                r = r.reshape(Arrays.copyOf(s, k));
            }
            return one(r);
        };
    }
}
