package org.vecgrad.onnx.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.InferenceMode;
import org.vecgrad.nn.Merge;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.SymbolicTensor;
import org.vecgrad.nn.layers.AdaptiveAvgPool2d;
import org.vecgrad.nn.layers.Add;
import org.vecgrad.nn.layers.AvgPool2d;
import org.vecgrad.nn.layers.BatchNorm;
import org.vecgrad.nn.layers.BatchNorm1d;
import org.vecgrad.nn.layers.BatchNorm2d;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Conv1d;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.ConvNd;
import org.vecgrad.nn.layers.ConvTranspose2d;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Dropout2d;
import org.vecgrad.nn.layers.ELU;
import org.vecgrad.nn.layers.Embedding;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.GELU;
import org.vecgrad.nn.layers.GlobalAveragePooling2D;
import org.vecgrad.nn.layers.GroupNorm;
import org.vecgrad.nn.layers.HardSigmoid;
import org.vecgrad.nn.layers.HardTanh;
import org.vecgrad.nn.layers.Identity;
import org.vecgrad.nn.layers.LayerNorm;
import org.vecgrad.nn.layers.LeakyReLU;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.LogSoftmax;
import org.vecgrad.nn.layers.MaxPool1d;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.Maxout;
import org.vecgrad.nn.layers.PReLU;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.layers.Sigmoid;
import org.vecgrad.nn.layers.Softmax;
import org.vecgrad.nn.layers.Softplus;
import org.vecgrad.nn.layers.Swish;
import org.vecgrad.nn.layers.Tanh;
import org.vecgrad.nn.rnn.GRU;
import org.vecgrad.nn.rnn.LSTM;
import org.vecgrad.nn.rnn.RNN;
import org.vecgrad.nn.rnn.RNNBase;
import org.vecgrad.onnx.OnnxUnsupportedException;
import org.vecgrad.onnx.export.OnnxGraph.Attr;

/**
 * Writes one model into an {@link OnnxGraph}: a walk over Sequential chains and functional Model calls that emits,
 * for each layer, the ONNX nodes computing what its {@code forward} computes in evaluation mode. Every value
 * carries a probe: a zero tensor of the shape the layer produces for the sample (batch 1), obtained by running
 * the layer itself, so shape-dependent choices (Gemm or MatMul, PReLU's slope layout, a pooling window) follow
 * vecgrad's own shape rules. Parameters become initializers named by their state-dict path ({@code 0.weight});
 * a parameter read by two calls of a shared layer is written once.
 */
final class Emitter {
    /** A graph value: its name and a zero tensor of its shape at the probe sizes. */
    record Val(String name, Tensor probe) {
        int[] shape() {
            return probe.shape();
        }

        int rank() {
            return probe.rank();
        }
    }

    /** The layer classes with a mapping (exact classes: a subclass may compute something else). */
    static final Set<Class<? extends Module>> LAYERS = Set.of(Linear.class, Dense.class, Maxout.class, ReLU.class,
            Sigmoid.class, Tanh.class, Softplus.class, LeakyReLU.class, ELU.class, PReLU.class, HardSigmoid.class,
            HardTanh.class, Softmax.class, LogSoftmax.class, GELU.class, Swish.class, Identity.class, Dropout.class,
            Dropout2d.class, Flatten.class, Conv1d.class, Conv2d.class, ConvTranspose2d.class, MaxPool1d.class,
            MaxPool2d.class, AvgPool2d.class, AdaptiveAvgPool2d.class, GlobalAveragePooling2D.class,
            BatchNorm1d.class, BatchNorm2d.class, LayerNorm.class, GroupNorm.class, Embedding.class,
            Concatenate.class, Add.class, LSTM.class, GRU.class, RNN.class, Sequential.class, Model.class);

    final OnnxGraph g = new OnnxGraph();
    final DType dtype;
    /** True when some input axis other than the batch axis is dynamic (windows sized at export are then wrong). */
    final boolean spatialDynamic;
    private final Map<Tensor, String> params = new IdentityHashMap<>();

    Emitter(DType dtype, boolean spatialDynamic) {
        this.dtype = dtype;
        this.spatialDynamic = spatialDynamic;
    }

    // ============================================================================================ helpers

    /** An initializer for a parameter, written once however many calls read it. */
    String param(String name, Tensor t) {
        return params.computeIfAbsent(t, k -> g.initializer(name, k.data().to(dtype)));
    }

    /** An initializer for an array computed at export (a reordered or reshaped weight, ones, zeros). */
    String array(String name, NdArray a) {
        return g.initializer(name, a.to(dtype));
    }

    /** A rank-0 constant of the model's dtype. */
    String scalar(String name, double v) {
        return g.initializer(name, NdArray.scalar(dtype, v));
    }

    /** An INT64 vector constant (shapes, axes). */
    String longs(String name, long... v) {
        return g.initializer(name, NdArray.of(v, v.length));
    }

    String op(String op, String path, List<String> in, Attr... attrs) {
        return g.node(op, path + "/" + op, in, attrs);
    }

    String op(String op, String path, String x, Attr... attrs) {
        return op(op, path, List.of(x), attrs);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static OnnxUnsupportedException unsupported(String path, Module m, String why) {
        return new OnnxUnsupportedException("ONNX export: layer '" + path + "' (" + m.getClass().getSimpleName()
                + "): " + why);
    }

    // ============================================================================================ the walk

    /** The values of {@code m}'s call on {@code in}: the single output of a layer, or a Model's outputs in order. */
    List<Val> emit(Module m, String path, List<Val> in) throws OnnxUnsupportedException {
        Class<?> c = m.getClass();
        if (!LAYERS.contains(c)) {
            Class<?> known = c.getSuperclass();
            while (known != null && !LAYERS.contains(known)) {
                known = known.getSuperclass();
            }
            throw unsupported(path, m, known != null
                    ? "a subclass of " + known.getSimpleName() + " is not exported, since it may compute something"
                    + " else; use " + known.getSimpleName() + " itself"
                    : "no ONNX mapping" + (c.getSuperclass() == Module.class ? " for a Module subclass with its own"
                    + " forward (the exporter maps layers, not Java code): build the network from Sequential or the"
                    + " functional Model API" : "") + "; exportable layers: " + exportable());
        }
        if (m instanceof Sequential s) {
            Val v = single(in, path, m, "input");
            for (Map.Entry<String, Module> e : s.namedChildren().entrySet()) {
                v = single(emit(e.getValue(), join(path, e.getKey()), List.of(v)), join(path, e.getKey()),
                        e.getValue(), "output");
            }
            return List.of(v);
        }
        if (m instanceof Model model) {
            return emitModel(model, path, in);
        }
        if (!(m instanceof Merge)) {
            single(in, path, m, "input");
        }
        if (m instanceof BatchNorm b && !b.trackRunningStats()) {     // before the probe, which would need a batch
            throw unsupported(path, b, "track_running_stats = false normalizes with each batch's own statistics"
                    + " in evaluation too; ONNX's BatchNormalization (inference) needs running statistics");
        }
        Tensor probe = probe(m, in);
        return List.of(new Val(layer(m, path, in, probe), probe));
    }

    private static Val single(List<Val> vals, String path, Module m, String what) throws OnnxUnsupportedException {
        if (vals.size() != 1) {
            throw unsupported(path, m, "has " + vals.size() + " " + what + "s where one is used");
        }
        return vals.get(0);
    }

    private List<Val> emitModel(Model model, String path, List<Val> in) throws OnnxUnsupportedException {
        Map<SymbolicTensor, Val> vals = new IdentityHashMap<>();
        List<SymbolicTensor> inputs = new ArrayList<>(model.inputMap().values());
        if (inputs.size() != in.size()) {
            throw unsupported(path, model, "has " + inputs.size() + " inputs, called with " + in.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            vals.put(inputs.get(i), in.get(i));
        }
        for (SymbolicTensor call : model.calls()) {
            List<Val> args = call.inputs().stream().map(vals::get).toList();
            String p = join(path, model.layerName(call.layer()));
            vals.put(call, single(emit(call.layer(), p, args), p, call.layer(), "output"));
        }
        return model.outputMap().values().stream().map(vals::get).toList();
    }

    /** A zero tensor of the shape {@code m} gives for the probes of {@code in} (vecgrad's own shape rules). */
    private Tensor probe(Module m, List<Val> in) {
        try (var scope = InferenceMode.enter()) {
            Tensor y = m instanceof Merge mg ? mg.forward(in.stream().map(Val::probe).toList())
                    : m.forward(in.get(0).probe());
            return Tensor.zeros(dtype, y.shape());
        }
    }

    private static String exportable() {
        return LAYERS.stream().map(Class::getSimpleName).sorted().toList().toString();
    }

    // ============================================================================================ layers

    /** The nodes of one layer (not Sequential or Model); returns the output value's name. */
    private String layer(Module m, String path, List<Val> in, Tensor out) throws OnnxUnsupportedException {
        Val x = in.get(0);
        String v = x.name();
        return switch (m) {
            case Linear l -> affine(path, x, param(join(path, "weight"), l.weight()), true,
                    l.bias() == null ? null : param(join(path, "bias"), l.bias()), l.weight().data());
            case Dense d -> {
                String y = affine(path, x, param(join(path, "kernel"), d.kernel()), false,
                        d.bias() == null ? null : param(join(path, "bias"), d.bias()), d.kernel().data());
                Module act = d.namedChildren().get("activation");
                yield act == null ? y : emit(act, join(path, "activation"), List.of(new Val(y, out))).get(0).name();
            }
            case Maxout mo -> {
                if (x.rank() != 2) {
                    throw unsupported(path, m, "exported for [n, in] inputs, got " + Shapes.str(x.shape()));
                }
                Tensor w = mo.localParameters().get("weight");
                int units = out.shape(-1);
                String z = op("Gemm", path, List.of(v, param(join(path, "weight"), w), param(join(path, "bias"),
                        mo.localParameters().get("bias"))), Attr.i("transB", 1));
                String r = op("Reshape", path, List.of(z, longs(path + "/shape", 0, units, w.shape(0) / units)));
                yield op("ReduceMax", path, r, Attr.ints("axes", 2L), Attr.i("keepdims", 0));
            }
            case ReLU r -> op("Relu", path, v);
            case Sigmoid s -> op("Sigmoid", path, v);
            case Tanh t -> op("Tanh", path, v);
            case Softplus s -> op("Softplus", path, v);
            case LeakyReLU l -> op("LeakyRelu", path, v, Attr.f("alpha", l.negativeSlope()));
            case ELU e -> op("Elu", path, v, Attr.f("alpha", e.alpha()));
            case PReLU p -> {
                NdArray w = p.weight().data();
                // ONNX broadcasts the slope from the right: per-channel slopes [C] become [C, 1, …] for [N, C, …]
                String slope = w.size() == 1 || x.rank() <= 2 ? param(join(path, "weight"), p.weight())
                        : array(join(path, "weight"), w.reshape(slopeShape(w.size(), x.rank())));
                yield op("PRelu", path, List.of(v, slope));
            }
            case HardSigmoid h -> op("HardSigmoid", path, v, Attr.f("alpha", 0.25), Attr.f("beta", 0.5));
            case HardTanh h -> op("Clip", path, List.of(v, scalar(path + "/min", -1), scalar(path + "/max", 1)));
            case Softmax s -> op("Softmax", path, v, Attr.i("axis", s.dim()));
            case LogSoftmax s -> op("LogSoftmax", path, v, Attr.i("axis", s.dim()));
            case GELU ge -> gelu(path, v, ge);
            case Swish s -> {
                String bx = s.isLearnable() ? op("Mul", path, List.of(v, param(join(path, "beta"),
                        s.localParameters().get("beta")))) : s.beta() == 1 ? v
                        : op("Mul", path, List.of(v, scalar(path + "/beta", s.beta())));
                yield op("Mul", path, List.of(v, op("Sigmoid", path, bx)));
            }
            case Identity i -> v;
            case Dropout d -> v;                                   // Dropout2d too: the identity in eval
            case Flatten f -> x.rank() == 2 ? v : op("Flatten", path, v, Attr.i("axis", 1));
            case ConvNd c -> conv(path, x, c);
            case MaxPool2d p -> {
                requireRank(path, m, x, 4, "[N, C, H, W]");
                int[] pad = p.padding();
                yield ceilTrim(path, p, x, out, p.ceilMode(), op("MaxPool", path, v, Attr.ints("kernel_shape",
                        p.kernelSize()), Attr.ints("strides", p.stride()), Attr.ints("pads", pad[0], pad[1], pad[0],
                        pad[1]), Attr.ints("dilations", p.dilation()), Attr.i("ceil_mode", p.ceilMode() ? 1 : 0)));
            }
            case MaxPool1d p -> {
                requireRank(path, m, x, 3, "[N, C, L]");
                yield ceilTrim(path, p, x, out, p.ceilMode(), op("MaxPool", path, v, Attr.ints("kernel_shape",
                        p.kernelSize()), Attr.ints("strides", p.stride()), Attr.ints("pads", p.padding(),
                        p.padding()), Attr.ints("dilations", p.dilation()), Attr.i("ceil_mode", p.ceilMode() ? 1
                        : 0)));
            }
            case AvgPool2d p -> avgPool(path, x, p, out.shape());
            case AdaptiveAvgPool2d p -> adaptiveAvgPool(path, x, p);
            case GlobalAveragePooling2D p -> {
                requireRank(path, m, x, 4, "[N, C, H, W]");
                yield op("Flatten", path, op("GlobalAveragePool", path, v), Attr.i("axis", 1));
            }
            case BatchNorm b -> batchNorm(path, v, b);        // running statistics checked in emit
            case LayerNorm l -> {
                int[] ns = l.normalizedShape();
                String scale = l.elementwiseAffine() ? param(join(path, "weight"), l.localParameters().get("weight"))
                        : array(path + "/ones", NdArray.ones(dtype, ns));
                String bias = l.elementwiseAffine() ? param(join(path, "bias"), l.localParameters().get("bias"))
                        : array(path + "/zeros", NdArray.zeros(dtype, ns));
                yield op("LayerNormalization", path, List.of(v, scale, bias), Attr.i("axis", -ns.length),
                        Attr.f("epsilon", l.eps()));
            }
            case GroupNorm gn -> groupNorm(path, x, gn);
            case Embedding e -> op("Gather", path, List.of(param(join(path, "weight"), e.weight()),
                    op("Cast", path, v, Attr.i("to", OnnxGraph.INT64))), Attr.i("axis", 0));
            case Concatenate c -> op("Concat", path, in.stream().map(Val::name).toList(), Attr.i("axis", c.axis()));
            case Add a -> {
                String y = v;
                for (int i = 1; i < in.size(); i++) {
                    y = op("Add", path, List.of(y, in.get(i).name()));
                }
                yield y;
            }
            case RNNBase r -> Recurrent.emit(this, path, x, r);
            default -> throw unsupported(path, m, "no ONNX mapping; exportable layers: " + exportable());
        };
    }

    /** x·Wᵀ + b (Linear, W [out, in]) or x·K + b (Dense, K [in, out]): Gemm on [n, in], else MatMul and Add. */
    private String affine(String path, Val x, String w, boolean transposed, String bias, NdArray wData) {
        if (x.rank() == 2) {
            List<String> in = bias == null ? List.of(x.name(), w) : List.of(x.name(), w, bias);
            return op("Gemm", path, in, Attr.i("transB", transposed ? 1 : 0));
        }
        String k = transposed ? array(path + "/weight_t", wData.transpose().copy()) : w;
        String y = op("MatMul", path, List.of(x.name(), k));
        return bias == null ? y : op("Add", path, List.of(y, bias));
    }

    private static int[] slopeShape(int channels, int rank) {
        int[] s = new int[rank - 1];
        Arrays.fill(s, 1);
        s[0] = channels;
        return s;
    }

    private String gelu(String path, String x, GELU ge) {
        String h;                                          // y = x · h, h = Φ(x) or its approximation
        switch (ge.approximate()) {
            case "tanh" -> {                               // ½(1 + tanh(√(2/π)(x + 0.044715x³)))
                String x3 = op("Mul", path, List.of(x, op("Mul", path, List.of(x, x))));
                String inner = op("Add", path, List.of(x, op("Mul", path, List.of(x3, scalar(path + "/c",
                        0.044715)))));
                String t = op("Tanh", path, op("Mul", path, List.of(inner, scalar(path + "/k",
                        Math.sqrt(2 / Math.PI)))));
                h = op("Mul", path, List.of(op("Add", path, List.of(t, scalar(path + "/one", 1))),
                        scalar(path + "/half", 0.5)));
            }
            case "sigmoid" -> h = op("Sigmoid", path, op("Mul", path, List.of(x, scalar(path + "/k", 1.702))));
            default -> {                                   // ½(1 + erf((x − μ)/(σ√2))), μ = 0 and σ = 1 when exact
                String z = ge.mu() == 0 ? x : op("Sub", path, List.of(x, scalar(path + "/mu", ge.mu())));
                String e = op("Erf", path, op("Div", path, List.of(z, scalar(path + "/sqrt2",
                        ge.sigma() * Math.sqrt(2)))));
                h = op("Mul", path, List.of(op("Add", path, List.of(e, scalar(path + "/one", 1))),
                        scalar(path + "/half", 0.5)));
            }
        }
        return op("Mul", path, List.of(x, h));
    }

    private String conv(String path, Val x, ConvNd c) throws OnnxUnsupportedException {
        boolean transposed = c instanceof ConvTranspose2d;
        int spatial = c.kernelSize().length;
        requireRank(path, c, x, spatial + 2, spatial == 1 ? "[N, C, L]" : "[N, C, H, W]");
        int[] p = c.resolvedPadding();                     // {top, bottom, left, right} or {left, right}
        long[] pads = spatial == 1 ? new long[] {p[0], p[1]} : new long[] {p[0], p[2], p[1], p[3]};
        List<String> in = new ArrayList<>(List.of(x.name(), param(join(path, "weight"), c.weight())));
        if (c.bias() != null) {
            in.add(param(join(path, "bias"), c.bias()));
        }
        List<Attr> attrs = new ArrayList<>(List.of(Attr.ints("kernel_shape", c.kernelSize()),
                Attr.ints("strides", c.stride()), Attr.ints("pads", pads), Attr.ints("dilations", c.dilation()),
                Attr.i("group", c.groups())));
        if (transposed) {
            attrs.add(Attr.ints("output_padding", c.outputPadding()));
        }
        return op(transposed ? "ConvTranspose" : "Conv", path, in, attrs.toArray(Attr[]::new));
    }

    /**
     * A pool in ceil_mode keeps PyTorch's output size. PyTorch drops a last window that would start in the right
     * padding (the output is then one shorter than ⌈(in + 2p − d(k − 1) − 1)/s⌉ + 1); ONNX Runtime at opset 17
     * keeps it. A Slice to PyTorch's size follows the pool on the axes where the two differ, so both readings of
     * the node give the same output (the Slice is a no-op for a runtime that drops the window itself), and the
     * fixed spatial size makes it exact.
     */
    private String ceilTrim(String path, Module m, Val x, Tensor out, boolean ceilMode, String y)
            throws OnnxUnsupportedException {
        if (!ceilMode) {
            return y;
        }
        if (spatialDynamic) {
            throw unsupported(path, m, "ceil_mode = true with dynamic axes other than the batch: PyTorch's and"
                    + " ONNX Runtime's output sizes differ for some input sizes, which the export fixes only for"
                    + " fixed spatial sizes");
        }
        int rank = x.rank();
        List<Long> axes = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (int a = 2; a < rank; a++) {
            axes.add((long) a);
            ends.add((long) out.shape(a));
        }
        long[] starts = new long[axes.size()];
        return op("Slice", path, List.of(y, longs(path + "/starts", starts), longs(path + "/ends",
                ends.stream().mapToLong(Long::longValue).toArray()), longs(path + "/axes",
                axes.stream().mapToLong(Long::longValue).toArray())));
    }

    /**
     * AveragePool. One case needs care: with ceil_mode and count_include_pad, PyTorch (and vecgrad) divide a
     * window that runs past the padded input by the part inside the padded input, ONNX Runtime by the whole
     * kernel. The node is then written with count_include_pad = 0 (a divisor both runtimes agree on: the window's
     * elements inside the unpadded input) and multiplied by a constant [OH, OW] of inside/PyTorch divisors
     * (1 where the window does not touch the padding), which the fixed spatial size allows.
     */
    private String avgPool(String path, Val x, AvgPool2d p, int[] outShape) throws OnnxUnsupportedException {
        requireRank(path, p, x, 4, "[N, C, H, W]");
        int[] k = p.kernelSize();
        int[] s = p.stride();
        int[] pad = p.padding();
        boolean correct = p.ceilMode() && p.countIncludePad();
        String y = ceilTrim(path, p, x, Tensor.zeros(dtype, outShape), p.ceilMode(), op("AveragePool", path,
                x.name(), Attr.ints("kernel_shape", k), Attr.ints("strides", s), Attr.ints("pads", pad[0], pad[1],
                pad[0], pad[1]), Attr.i("ceil_mode", p.ceilMode() ? 1 : 0), Attr.i("count_include_pad",
                p.countIncludePad() && !correct ? 1 : 0)));
        if (!correct || pad[0] + pad[1] == 0) {
            return y;                                  // without padding the two divisors are the same
        }
        double[][] f = new double[2][];
        for (int a = 0; a < 2; a++) {
            int size = x.shape()[2 + a];
            f[a] = new double[outShape[2 + a]];
            for (int i = 0; i < f[a].length; i++) {
                int start = i * s[a] - pad[a];
                int end = Math.min(start + k[a], size + pad[a]);
                f[a][i] = (double) (Math.min(end, size) - Math.max(start, 0)) / (end - start);
            }
        }
        NdArray c = NdArray.zeros(DType.F64, f[0].length, f[1].length);
        for (int i = 0; i < f[0].length; i++) {
            for (int j = 0; j < f[1].length; j++) {
                c.set(f[0][i] * f[1][j], i, j);
            }
        }
        return op("Mul", path, List.of(y, array(path + "/divisor_correction", c)));
    }

    private String adaptiveAvgPool(String path, Val x, AdaptiveAvgPool2d p) throws OnnxUnsupportedException {
        requireRank(path, p, x, 4, "[N, C, H, W]");
        int[] o = p.outputSize();
        if (o[0] == 1 && o[1] == 1) {
            return op("GlobalAveragePool", path, x.name());
        }
        int h = x.shape()[2];
        int w = x.shape()[3];
        if (spatialDynamic || h % o[0] != 0 || w % o[1] != 0) {
            throw unsupported(path, p, "output_size (" + o[0] + ", " + o[1] + ") on a " + h + " × " + w + " input"
                    + (spatialDynamic ? " whose spatial axes are declared dynamic" : "") + " has no fixed ONNX"
                    + " window: exported are output size 1 (GlobalAveragePool) and sizes dividing the input's"
                    + " (AveragePool)");
        }
        int kh = h / o[0];
        int kw = w / o[1];
        return op("AveragePool", path, x.name(), Attr.ints("kernel_shape", kh, kw), Attr.ints("strides", kh, kw));
    }

    private String batchNorm(String path, String x, BatchNorm b) {
        int c = b.numFeatures();
        String scale = b.affine() ? param(join(path, "weight"), b.localParameters().get("weight"))
                : array(path + "/ones", NdArray.ones(dtype, c));
        String bias = b.affine() ? param(join(path, "bias"), b.localParameters().get("bias"))
                : array(path + "/zeros", NdArray.zeros(dtype, c));
        return op("BatchNormalization", path, List.of(x, scale, bias, array(join(path, "running_mean"),
                b.runningMean()), array(join(path, "running_var"), b.runningVar())), Attr.f("epsilon", b.eps()));
    }

    /**
     * GroupNorm as PyTorch exports it: [N, C, …] reshaped to [N, G, rest], InstanceNormalization (scale 1, bias
     * 0) normalizes each group, the shape is restored, then the per-channel γ and β.
     */
    private String groupNorm(String path, Val x, GroupNorm gn) throws OnnxUnsupportedException {
        if (x.rank() < 2) {
            throw unsupported(path, gn, "needs [N, C, …], got " + Shapes.str(x.shape()));
        }
        int groups = gn.numGroups();
        String r = op("Reshape", path, List.of(x.name(), longs(path + "/groups_shape", 0, groups, -1)));
        String n = op("InstanceNormalization", path, List.of(r, array(path + "/ones", NdArray.ones(dtype, groups)),
                array(path + "/zeros", NdArray.zeros(dtype, groups))), Attr.f("epsilon", gn.eps()));
        String y = op("Reshape", path, List.of(n, op("Shape", path, x.name())));
        if (!gn.affine()) {
            return y;
        }
        int[] s = slopeShape(gn.numChannels(), x.rank());
        String w = array(join(path, "weight"), gn.localParameters().get("weight").data().reshape(s));
        String b = array(join(path, "bias"), gn.localParameters().get("bias").data().reshape(s));
        return op("Add", path, List.of(op("Mul", path, List.of(y, w)), b));
    }

    private static void requireRank(String path, Module m, Val x, int rank, String layout)
            throws OnnxUnsupportedException {
        if (x.rank() != rank) {
            throw unsupported(path, m, "exported for batched " + layout + " inputs (rank " + rank + "), got "
                    + Shapes.str(x.shape()));
        }
    }
}
