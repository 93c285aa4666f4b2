package org.vecgrad.onnx.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.InferenceMode;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.Module;
import org.vecgrad.onnx.OnnxUnsupportedException;

/**
 * Writes a vecgrad model as an ONNX file (PyTorch's {@code torch.onnx.export}): opset 17, named inputs and
 * outputs, a dynamic batch axis, weights as initializers in the model's dtype (FLOAT for F32, DOUBLE for F64).
 * The graph computes what {@link Module#predict} computes: evaluation semantics (Dropout is the identity,
 * BatchNorm uses its running statistics).
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Conv2d(1, 6, 5), new ReLU(), new MaxPool2d(2), new Flatten(),
 *         new Linear(6 * 12 * 12, 10));
 * OnnxExporter.export(net, new int[] {1, 28, 28}, Path.of("lenet.onnx"));       // samples [1, 28, 28]
 * OnnxExporter.export(functionalModel, Path.of("model.onnx"));                   // shapes from its Inputs
 * }</pre>
 *
 * What exports: {@link org.vecgrad.nn.Sequential} and the functional {@link Model} (branches, shared layers,
 * Concatenate, Add), nested in each other, over the layers listed in the package documentation. Anything else — a
 * layer without an ONNX mapping, a subclass of a mapped layer, a Module subclass with its own {@code forward} —
 * is refused with an {@link OnnxUnsupportedException} naming the layer's path and class; nothing is written.
 */
public final class OnnxExporter {
    /** The opset written (the first with LayerNormalization; the last PyTorch 1.13 writes). */
    public static final int OPSET = 17;
    /** The ONNX IR version of opset 17. */
    public static final int IR_VERSION = 8;

    private OnnxExporter() {
    }

    /** Exports a model whose input shape it knows (a functional Model, a Sequential with its inputShape set). */
    public static void export(Module model, Path file) throws IOException {
        export(model, null, file, ExportOptions.defaults());
    }

    /** Exports {@code model} for samples of {@code sampleShape} (no batch axis), with the default options. */
    public static void export(Module model, int[] sampleShape, Path file) throws IOException {
        export(model, sampleShape, file, ExportOptions.defaults());
    }

    /**
     * Exports {@code model} for samples of {@code sampleShape} (no batch axis; null when the model knows it) to
     * {@code file}. The file is written only once the whole graph has been built and checked.
     *
     * @throws OnnxUnsupportedException naming the first layer that cannot be exported
     * @throws IllegalArgumentException when the sample shape is missing or does not fit the model
     */
    public static void export(Module model, int[] sampleShape, Path file, ExportOptions options)
            throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = toBytes(model, sampleShape, options);
        Files.write(file, bytes);
    }

    /** The ONNX ModelProto bytes {@link #export(Module, int[], Path, ExportOptions)} writes. */
    public static byte[] toBytes(Module model, int[] sampleShape, ExportOptions options)
            throws OnnxUnsupportedException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        DType dtype = model.dtype() != null ? model.dtype() : DType.F32;
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new OnnxUnsupportedException("ONNX export: the model's parameters are " + dtype
                    + "; F32 and F64 models are exported");
        }
        // inputs: name → sample shape (no batch axis)
        Map<String, int[]> inputs = new LinkedHashMap<>();
        List<String> outputNames;
        if (model.getClass() == Model.class) {
            Model m = (Model) model;
            m.inputMap().forEach((n, s) -> inputs.put(n, s.shape()));
            outputNames = m.outputNames();
            if (sampleShape != null && (inputs.size() != 1 || !Arrays.equals(sampleShape,
                    inputs.values().iterator().next()))) {
                throw new IllegalArgumentException("ONNX export: this functional Model's inputs have shapes "
                        + describe(inputs) + "; give a null sample shape (or that one)");
            }
        } else {
            int[] s = sampleShape != null ? sampleShape.clone() : model.inputShape();
            if (s == null || s.length == 0) {
                throw new IllegalArgumentException("ONNX export of " + model.getClass().getSimpleName() + ": give"
                        + " the shape of one sample (no batch axis), e.g. new int[] {1, 28, 28}"
                        + (s == null ? "" : "; got []"));
            }
            Shapes.size(s);
            inputs.put(options.inputNames().get(0), s);
            outputNames = options.outputNames();
            checkCount("input", options.inputNames(), 1);
            checkCount("output", options.outputNames(), 1);
        }
        Map<Integer, String> dynamic = options.dynamicAxes();
        for (Map.Entry<String, int[]> in : inputs.entrySet()) {
            for (int axis : dynamic.keySet()) {
                if (axis > in.getValue().length) {
                    throw new IllegalArgumentException("ONNX export: dynamic axis " + axis + " ('" + dynamic.get(axis)
                            + "') is outside input '" + in.getKey() + "' of rank " + (in.getValue().length + 1)
                            + " (axis 0 is the batch)");
                }
            }
        }
        boolean spatialDynamic = dynamic.keySet().stream().anyMatch(a -> a != 0);
        Emitter e = new Emitter(dtype, spatialDynamic);
        outputNames.forEach(e.g::reserve);
        List<Emitter.Val> in = new ArrayList<>();
        int elem = dtype == DType.F32 ? OnnxGraph.FLOAT : OnnxGraph.DOUBLE;
        for (Map.Entry<String, int[]> i : inputs.entrySet()) {
            int[] shape = probeShape(i.getValue(), -1);
            e.g.input(port(i.getKey(), elem, shape, dynamic, null));
            in.add(new Emitter.Val(i.getKey(), Tensor.zeros(dtype, shape)));
        }
        List<Emitter.Val> out = e.emit(model, "", in);
        if (out.size() != outputNames.size()) {
            throw new IllegalArgumentException("ONNX export: the model has " + out.size() + " outputs, "
                    + outputNames.size() + " names were given: " + outputNames);
        }
        // which output axes follow which dynamic input axis: run the model again with that axis one longer
        List<Map<Integer, String>> outDynamic = new ArrayList<>();
        out.forEach(v -> outDynamic.add(new LinkedHashMap<>()));
        for (Map.Entry<Integer, String> d : dynamic.entrySet()) {
            List<int[]> varied = run(model, dtype, inputs, dynamic, d.getKey());
            for (int k = 0; k < out.size(); k++) {
                int[] base = out.get(k).shape();
                for (int a = 0; a < base.length; a++) {
                    if (varied.get(k).length == base.length && varied.get(k)[a] != base[a]) {
                        outDynamic.get(k).putIfAbsent(a, d.getValue());
                    }
                }
            }
        }
        for (int k = 0; k < out.size(); k++) {
            e.g.output(out.get(k).name(), port(outputNames.get(k), elem, out.get(k).shape(), null,
                    outDynamic.get(k)));
        }
        String graph = options.graphName() != null ? options.graphName() : model.getClass().getSimpleName();
        return e.g.toBytes(graph, "vecgrad", "", IR_VERSION, OPSET);
    }

    private static void checkCount(String what, List<String> names, int n) {
        if (names.size() != n) {
            throw new IllegalArgumentException("ONNX export: " + n + " " + what + " name(s) expected, got " + names);
        }
    }

    /** [1, sample…], the probe sizes, with axis {@code varied} (if ≥ 0) one longer. */
    private static int[] probeShape(int[] sample, int varied) {
        int[] s = new int[sample.length + 1];
        s[0] = 1;
        System.arraycopy(sample, 0, s, 1, sample.length);
        if (varied >= 0) {
            s[varied]++;
        }
        return s;
    }

    private static OnnxGraph.Port port(String name, int elem, int[] shape, Map<Integer, String> inputDynamic,
                                       Map<Integer, String> outputDynamic) {
        long[] dims = new long[shape.length];
        String[] params = new String[shape.length];
        for (int a = 0; a < shape.length; a++) {
            String p = inputDynamic != null ? inputDynamic.get(a) : outputDynamic.get(a);
            dims[a] = p == null ? shape[a] : -1;
            params[a] = p;
        }
        return new OnnxGraph.Port(name, elem, dims, params);
    }

    /** The output shapes of {@code model} with axis {@code varied} of every input one longer than probed. */
    private static List<int[]> run(Module model, DType dtype, Map<String, int[]> inputs, Map<Integer, String> dynamic,
                                   int varied) {
        try (var scope = InferenceMode.enter()) {
            if (model instanceof Model m) {
                Map<String, Tensor> feed = new LinkedHashMap<>();
                inputs.forEach((n, s) -> feed.put(n, Tensor.zeros(dtype, probeShape(s, varied))));
                return m.forward(feed).values().stream().map(Tensor::shape).toList();
            }
            int[] s = inputs.values().iterator().next();
            return List.of(model.forward(Tensor.zeros(dtype, probeShape(s, varied))).shape());
        }
    }

    private static String describe(Map<String, int[]> inputs) {
        StringBuilder sb = new StringBuilder();
        inputs.forEach((n, s) -> sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(Shapes.str(s)));
        return sb.toString();
    }
}
