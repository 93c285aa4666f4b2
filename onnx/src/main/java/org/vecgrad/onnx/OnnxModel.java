package org.vecgrad.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.UnaryOp;

/**
 * An ONNX model loaded for inference: {@link #load} parses the file, checks the whole graph and compiles every
 * node before returning, so a model either loads completely or not at all (an {@link OnnxFormatException} says
 * what and where; an {@link OnnxUnsupportedException} names an operator, opset or data type vecgrad cannot run
 * yet). {@link #run} then evaluates it on named inputs.
 *
 * <pre>{@code
 * OnnxModel model = OnnxModel.load(Path.of("mlp.onnx"));
 * System.out.println(model.summary());
 * NdArray logits = model.run(Map.of("input", x)).get("output");
 * }</pre>
 *
 * <ul>
 *   <li>Eval semantics: Dropout is the identity; there is no training state.</li>
 *   <li>Inputs are checked on every call against the declared element type, rank and fixed dimensions; symbolic
 *       dimensions ({@code dim_param}, e.g. a dynamic batch) take any size. Declared output shapes are checked
 *       too. An operator that fails names its node, op type and input shapes.</li>
 *   <li>Nodes run in a topological order computed at load (a cycle or an undefined input is refused); Constant
 *       nodes, and integer (shape) arithmetic on constants, are evaluated once at load.</li>
 *   <li>Loading is bounded by the file (see the package documentation); running is not bounded beyond what the
 *       graph computes, as in any runtime: serve graphs you trust, or bound their inputs.</li>
 *   <li>{@code run} keeps no state between calls: one model may serve several threads at once.</li>
 *   <li>Planned at load for serving: a Gemm whose weight and bias are initializers runs as a {@code Dense} kernel
 *       holding op(B) once in the layout the product wants (the initializer itself is then released), and a Relu
 *       that is the only reader of a Gemm's or Conv's output runs inside that node (a Conv applies it, with its
 *       bias, in its own output pass; a Gemm in place after its product). {@link #summary} counts the nodes that
 *       remain.</li>
 *   <li>Integer outputs (e.g. a graph that returns a Shape) are returned as F64 arrays.</li>
 * </ul>
 */
public final class OnnxModel {
    /** Lowest and highest version of the default ONNX operator set accepted. */
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 20;
    /** Default cap on the total size of a model's external data files. */
    public static final long DEFAULT_MAX_EXTERNAL_BYTES = 8L << 30;
    /** Largest model file read (protobuf messages are limited to 2 GiB; bigger weights live in external data). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    /**
     * A graph input or output.
     *
     * @param name  its name in the graph
     * @param dtype F32 or F64; I64 or I32 for an integer input (token ids, sequence lengths); null for an integer
     *              output
     * @param dims  its declared dimensions, −1 where symbolic or unknown; null when no shape is declared
     * @param dimParams the names of symbolic dimensions (null entries where fixed)
     */
    public record Port(String name, DType dtype, long[] dims, String[] dimParams) {
        @Override
        public String toString() {
            if (dims == null) {
                return name + ": " + dtype + " (shape not declared)";
            }
            StringBuilder sb = new StringBuilder(name).append(": ").append(dtype).append(" [");
            for (int i = 0; i < dims.length; i++) {
                sb.append(i > 0 ? ", " : "").append(dims[i] >= 0 ? String.valueOf(dims[i])
                        : dimParams != null && dimParams[i] != null ? dimParams[i] : "?");
            }
            return sb.append(']').toString();
        }
    }

    /**
     * One node to run: its kernel reads slots {@code in} and writes slots {@code out}; {@code relu} applies a ReLU
     * fused into it in place on its first output (which the kernel allocates); {@code freeAfter} lists the slots
     * whose last reader it is.
     */
    private record Step(Node node, Ops.Kernel kernel, int[] in, int[] out, boolean relu, int[] freeAfter) {
    }

    /** Operators whose first output is always a new array, so a ReLU that follows may run on it in place. */
    private static final Set<String> FRESH_OUTPUT = Set.of("Gemm", "Conv");

    private final List<Port> inputs;
    private final List<Port> outputs;
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final Value[] constants;
    private final List<Step> steps;
    private final Set<Object> constantStorage = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Integer> operators;
    private final long parameterCount;
    private final long opset;
    private final String producer;
    private final String graphName;

    private OnnxModel(List<Port> inputs, List<Port> outputs, int[] inputSlots, int[] outputSlots, Value[] constants,
                      List<Step> steps, Map<String, Integer> operators, long parameterCount, long opset,
                      String producer, String graphName) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.inputSlots = inputSlots;
        this.outputSlots = outputSlots;
        this.constants = constants;
        this.steps = List.copyOf(steps);
        this.operators = Collections.unmodifiableMap(operators);
        this.parameterCount = parameterCount;
        this.opset = opset;
        this.producer = producer;
        this.graphName = graphName;
        for (Value v : constants) {
            if (v instanceof Value.Floats f) {
                constantStorage.add(storage(f.array()));
            }
        }
    }

    // ================================================================================================ loading

    /**
     * Loads a model file; external data is read from the file's folder, up to the default cap. The file is mapped
     * rather than read into the heap, and each initializer is decoded from the mapping into its own array; the
     * model keeps no reference to the file, so the mapping goes with the loading. The file must not be truncated
     * while it loads (as with any mapped file, the JVM then fails with an InternalError).
     */
    public static OnnxModel load(Path file) throws IOException {
        return load(file, DEFAULT_MAX_EXTERNAL_BYTES);
    }

    /** Loads a model file; external data (total at most {@code maxExternalBytes}) comes from the file's folder. */
    public static OnnxModel load(Path file, long maxExternalBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new OnnxFormatException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a model file may have (keep large weights in external data)");
        }
        Path folder = file.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // mapped, not read into the heap: each initializer is decoded from the mapping straight into its array,
            // so the heap never holds the file and the weights at once; the mapping goes with the last reference
            MappedByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return build(bytes, new TensorData.External(folder, maxExternalBytes));
        } catch (OnnxUnsupportedException e) {
            throw new OnnxUnsupportedException(file.getFileName() + ": " + e.getMessage());
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(file.getFileName() + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Loads a model held in memory (it may not use external data). */
    public static OnnxModel fromBytes(byte[] bytes) throws OnnxFormatException {
        Objects.requireNonNull(bytes, "bytes");
        return build(ByteBuffer.wrap(bytes), new TensorData.External(null, 0));
    }

    private static OnnxModel build(ByteBuffer file, TensorData.External ext) throws OnnxFormatException {
        OnnxProto.Model model = OnnxProto.parseModel(file);
        Long opset = model.opsets().get("");
        if (opset == null) {
            throw new OnnxUnsupportedException("model imports no default ONNX opset (opset_import)");
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new OnnxUnsupportedException("opset " + opset + " of the default domain is outside the "
                    + "supported range " + MIN_OPSET + ".." + MAX_OPSET);
        }
        OnnxProto.Graph g = model.graph();
        Map<String, Integer> slot = new HashMap<>();
        List<Value> constants = new ArrayList<>();
        long params = 0;
        for (OnnxProto.Tensor t : g.initializers()) {
            if (t.name().isEmpty() || slot.containsKey(t.name())) {
                throw new OnnxFormatException(t.path() + ": initializer name '" + t.name() + "' is "
                        + (t.name().isEmpty() ? "empty" : "repeated"));
            }
            Value v = TensorData.toValue(t, file, ext);
            slot.put(t.name(), constants.size());
            constants.add(v);
            if (v instanceof Value.Floats f) {
                params += f.array().size();
            }
        }
        // graph inputs that are not initializers are what run() takes
        Set<String> initializers = new java.util.HashSet<>(slot.keySet());
        List<Port> inputs = new ArrayList<>();
        List<Integer> inputSlots = new ArrayList<>();
        for (OnnxProto.ValueInfo vi : g.inputs()) {
            if (initializers.remove(vi.name())) {
                continue; // an initializer listed as an input (IR < 4 convention): a constant here
            }
            if (vi.name().isEmpty() || slot.containsKey(vi.name())) {
                throw new OnnxFormatException("graph input '" + vi.name() + "' is " + (vi.name().isEmpty()
                        ? "unnamed" : "declared twice"));
            }
            inputs.add(port(vi, "input"));
            slot.put(vi.name(), constants.size());
            inputSlots.add(constants.size());
            constants.add(null);
        }
        // node outputs: each name defined once
        List<OnnxProto.Node> nodes = g.nodes();
        Map<String, Integer> producerOf = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).outputs()) {
                if (o.isEmpty()) {
                    continue;
                }
                if (slot.containsKey(o) || producerOf.putIfAbsent(o, i) != null) {
                    throw new OnnxFormatException(nodes.get(i).path() + " ('" + nodes.get(i).name() + "'): output '"
                            + o + "' is already defined (each value has one producer)");
                }
            }
        }
        int[] order = topologicalOrder(nodes, slot, producerOf);
        // compile in order; fold nodes whose inputs are all constants
        List<Step> steps = new ArrayList<>();
        boolean[] known = new boolean[constants.size() + producerOf.size()];
        for (int i = 0; i < constants.size(); i++) {
            known[i] = constants.get(i) != null;
        }
        Map<String, Integer> operators = new TreeMap<>();
        for (int idx : order) {
            OnnxProto.Node p = nodes.get(idx);
            long nodeOpset = opset;
            if (!p.domain().isEmpty() && !p.domain().equals("ai.onnx")) {
                throw new OnnxUnsupportedException("node '" + p.name() + "' (" + p.opType() + "): domain '"
                        + p.domain() + "' is not supported (only the default ONNX domain is)");
            }
            int[] in = new int[p.inputs().size()];
            Value[] knownInputs = new Value[in.length];
            boolean allConstant = true;
            for (int k = 0; k < in.length; k++) {
                String name = p.inputs().get(k);
                in[k] = name.isEmpty() ? -1 : slot.get(name);
                allConstant &= in[k] < 0 || known[in[k]];
                knownInputs[k] = in[k] < 0 ? null : constants.get(in[k]);
            }
            Node node = new Node(p, nodeOpset, file, knownInputs);
            Ops.Factory factory = Ops.ALL.get(p.opType());
            if (factory == null) {
                throw new OnnxUnsupportedException(node.where() + ": operator " + p.opType()
                        + " is not supported yet; supported: " + String.join(", ", Ops.ALL.keySet()));
            }
            Ops.Kernel kernel = factory.compile(node);
            operators.merge(p.opType(), 1, Integer::sum);
            if (p.opType().equals("Gemm") && in.length >= 2 && in[0] >= 0 && !known[in[0]] && in[1] >= 0
                    && known[in[1]] && (in.length < 3 || in[2] < 0 || known[in[2]])) {
                // a layer: its weight and bias are planned into the kernel, which then reads only A
                Dense dense = Dense.plan(node, constants.get(in[1]),
                        in.length < 3 || in[2] < 0 ? null : constants.get(in[2]));
                if (dense != null) {
                    kernel = dense;
                    in = new int[] {in[0]};
                }
            }
            node.release();
            int[] out = new int[p.outputs().size()];
            for (int k = 0; k < out.length; k++) {
                String name = p.outputs().get(k);
                if (name.isEmpty()) {
                    out[k] = -1;
                } else {
                    out[k] = constants.size();
                    slot.put(name, out[k]);
                    constants.add(null);
                }
            }
            // fold at load only what is cheap and bounded: Constant nodes and integer (shape) arithmetic
            boolean intOnly = true;
            for (int k : in) {
                intOnly &= k < 0 || constants.get(k) instanceof Value.Ints;
            }
            if (allConstant && (in.length == 0 || intOnly)) {
                Value[] results;
                try {
                    results = execute(node, kernel, gather(constants.toArray(new Value[0]), in), out.length);
                } catch (IllegalArgumentException e) {
                    throw new OnnxFormatException(e.getMessage() + " (evaluating its constant inputs at load)");
                }
                for (int k = 0; k < out.length; k++) {
                    if (out[k] >= 0) {
                        constants.set(out[k], results[k]);
                        known[out[k]] = true;
                    }
                }
            } else {
                steps.add(new Step(node, kernel, in, out, false, null));
            }
        }
        List<Port> outputs = new ArrayList<>();
        int[] outputSlots = new int[g.outputs().size()];
        for (int i = 0; i < outputSlots.length; i++) {
            OnnxProto.ValueInfo vi = g.outputs().get(i);
            Integer s = slot.get(vi.name());
            if (s == null) {
                throw new OnnxFormatException("graph output '" + vi.name() + "' is produced by no node, input or "
                        + "initializer");
            }
            outputSlots[i] = s;
            outputs.add(port(vi, "output"));
        }
        if (outputSlots.length == 0) {
            throw new OnnxFormatException("the graph declares no outputs");
        }
        int[] inSlots = inputSlots.stream().mapToInt(Integer::intValue).toArray();
        steps = fuseRelu(steps, outputSlots, constants.size());
        Value[] values = constants.toArray(new Value[0]);
        dropUnread(values, steps, outputSlots);
        return new OnnxModel(inputs, outputs, inSlots, outputSlots, values,
                withLiveness(steps, outputSlots, constants.size()), operators, params, opset, model.producerName()
                + (model.producerVersion().isEmpty() ? "" : " " + model.producerVersion()), g.name());
    }

    private static Port port(OnnxProto.ValueInfo vi, String what) throws OnnxFormatException {
        DType dtype = switch (vi.elemType()) {
            case OnnxProto.FLOAT -> DType.F32;
            case OnnxProto.DOUBLE -> DType.F64;
            case OnnxProto.INT64 -> what.equals("input") ? DType.I64 : null;
            case OnnxProto.INT32 -> what.equals("input") ? DType.I32 : null;
            case 0 -> what.equals("input") ? null : DType.F32;
            default -> null;
        };
        if (dtype == null && what.equals("input")) {
            throw new OnnxUnsupportedException("graph input '" + vi.name() + "' has element type "
                    + TensorData.typeName(vi.elemType()) + "; inputs must be FLOAT, DOUBLE, INT64 or INT32");
        }
        return new Port(vi.name(), dtype, vi.dims(), vi.dimParams());
    }

    /** Kahn's algorithm over node indices; a cycle or an input nobody defines is refused, naming the nodes. */
    private static int[] topologicalOrder(List<OnnxProto.Node> nodes, Map<String, Integer> defined,
                                          Map<String, Integer> producerOf) throws OnnxFormatException {
        int n = nodes.size();
        int[] pending = new int[n];
        List<List<Integer>> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (String in : nodes.get(i).inputs()) {
                if (in.isEmpty() || defined.containsKey(in)) {
                    continue;
                }
                Integer p = producerOf.get(in);
                if (p == null) {
                    throw new OnnxFormatException(nodes.get(i).path() + " ('" + nodes.get(i).name() + "', "
                            + nodes.get(i).opType() + "): input '" + in + "' is not a graph input, an initializer "
                            + "or any node's output");
                }
                pending[i]++;
                users.get(p).add(i);
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            for (int u : users.get(i)) {
                if (--pending[u] == 0) {
                    ready.add(u);
                }
            }
        }
        if (k < n) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < n && stuck.size() < 10; i++) {
                if (pending[i] > 0) {
                    stuck.add("'" + nodes.get(i).name() + "' (" + nodes.get(i).opType() + ")");
                }
            }
            throw new OnnxFormatException("the graph has a cycle: " + (n - k) + " nodes wait on each other, among "
                    + "them " + String.join(", ", stuck));
        }
        return order;
    }

    /**
     * Fuses each Relu into the Gemm or Conv before it when it is the only reader of that node's output (and the
     * output is not a graph output): the producer then writes the Relu's output slot and applies the ReLU, inside
     * its own output pass where its kernel has such a form ({@link Ops.Kernel#withRelu}: Conv), else in place after
     * it, saving the Relu's pass over memory (or a second one) and its array. The system property {@code
     * vecgrad.onnx.fuseIntoKernels=false}, read at each load, applies every fused ReLU in place after its producer
     * instead (the same bits): for the performance study, both forms loaded in one JVM.
     */
    private static List<Step> fuseRelu(List<Step> steps, int[] outputSlots, int slots) {
        boolean intoKernels = !"false".equals(System.getProperty("vecgrad.onnx.fuseIntoKernels"));
        int[] readers = new int[slots];
        for (Step st : steps) {
            for (int i : st.in()) {
                if (i >= 0) {
                    readers[i]++;
                }
            }
        }
        for (int o : outputSlots) {
            readers[o]++;
        }
        Map<Integer, Integer> producer = new HashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            Step st = steps.get(s);
            if (FRESH_OUTPUT.contains(st.node().proto.opType()) && st.out().length >= 1 && st.out()[0] >= 0) {
                producer.put(st.out()[0], s);
            }
        }
        List<Step> out = new ArrayList<>(steps);
        boolean[] removed = new boolean[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            Step relu = steps.get(s);
            if (!relu.node().proto.opType().equals("Relu") || relu.in().length != 1 || relu.in()[0] < 0
                    || readers[relu.in()[0]] != 1 || relu.out().length != 1 || relu.out()[0] < 0) {
                continue;
            }
            Integer p = producer.get(relu.in()[0]);
            if (p == null || out.get(p).relu()) {
                continue;
            }
            Step st = out.get(p);
            int[] o = st.out().clone();
            o[0] = relu.out()[0];
            Ops.Kernel fused = intoKernels ? st.kernel().withRelu() : null;
            out.set(p, fused != null ? new Step(st.node(), fused, st.in(), o, false, null)
                    : new Step(st.node(), st.kernel(), st.in(), o, true, null));
            removed[s] = true;
        }
        List<Step> kept = new ArrayList<>();
        for (int s = 0; s < out.size(); s++) {
            if (!removed[s]) {
                kept.add(out.get(s));
            }
        }
        return kept;
    }

    /**
     * Releases the constants no step and no graph output reads (the weights a {@link Dense} kernel keeps in its own
     * layout, initializers the graph never uses), so the model does not hold them twice.
     */
    private static void dropUnread(Value[] values, List<Step> steps, int[] outputSlots) {
        boolean[] read = new boolean[values.length];
        for (Step st : steps) {
            for (int i : st.in()) {
                if (i >= 0) {
                    read[i] = true;
                }
            }
        }
        for (int o : outputSlots) {
            read[o] = true;
        }
        for (int i = 0; i < values.length; i++) {
            if (!read[i]) {
                values[i] = null;
            }
        }
    }

    /** Each step also lists the slots whose last reader it is, so run() can drop intermediate values early. */
    private static List<Step> withLiveness(List<Step> steps, int[] outputSlots, int slots) {
        int[] last = new int[slots];
        Arrays.fill(last, -1);
        for (int s = 0; s < steps.size(); s++) {
            for (int i : steps.get(s).in()) {
                if (i >= 0) {
                    last[i] = s;
                }
            }
        }
        for (int o : outputSlots) {
            last[o] = Integer.MAX_VALUE;
        }
        List<Step> out = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            Step st = steps.get(s);
            List<Integer> free = new ArrayList<>();
            for (int i : st.in()) {
                if (i >= 0 && last[i] == s && !free.contains(i)) {
                    free.add(i);
                }
            }
            out.add(new Step(st.node(), st.kernel(), st.in(), st.out(), st.relu(),
                    free.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    private static Value[] gather(Value[] slots, int[] idx) {
        Value[] in = new Value[idx.length];
        for (int k = 0; k < idx.length; k++) {
            in[k] = idx[k] < 0 ? null : slots[idx[k]];
        }
        return in;
    }

    /** Runs one kernel; a failure names the node and its input shapes. */
    private static Value[] execute(Node node, Ops.Kernel kernel, Value[] in, int outputs) {
        Value[] out;
        try {
            out = kernel.run(in);
        } catch (RuntimeException e) {
            StringBuilder shapes = new StringBuilder();
            for (Value v : in) {
                shapes.append(shapes.isEmpty() ? "" : ", ").append(v == null ? "absent" : v.describe());
            }
            throw new IllegalArgumentException(node.where() + " on inputs (" + shapes + "): " + e.getMessage(), e);
        }
        if (out.length < outputs) {
            throw new IllegalArgumentException(node.where() + ": " + outputs + " outputs requested, the operator "
                    + "has " + out.length);
        }
        return out;
    }

    // ================================================================================================ running

    /**
     * Evaluates the graph. {@code inputs} maps every graph input's name to an array of its declared dtype, rank
     * and fixed dimensions; the result maps every graph output's name to a new array (never an input's or a
     * weight's storage). Nothing passed in is modified.
     *
     * @throws IllegalArgumentException for a missing, unknown or mis-shaped input (naming it, the declared and
     *                                  the given shape), or an operator that fails (naming its node)
     */
    public Map<String, NdArray> run(Map<String, NdArray> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        for (String name : inputs.keySet()) {
            if (indexOf(name) < 0) {
                throw new IllegalArgumentException("unknown input '" + name + "'; the model's inputs are "
                        + this.inputs);
            }
        }
        NdArray[] given = new NdArray[this.inputs.size()];
        for (int i = 0; i < given.length; i++) {
            given[i] = inputs.get(this.inputs.get(i).name());
        }
        Value[] slots = evaluate(given);
        Map<String, NdArray> result = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            result.put(outputs.get(i).name(), output(slots, i, given));
        }
        return result;
    }

    /** For a model with one input: runs it on {@code input} and returns the first output. */
    public NdArray run(NdArray input) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("run(NdArray) needs a model with one input; this one has "
                    + inputs.size() + ": " + inputs + " (use run(Map))");
        }
        NdArray[] given = {input};
        return output(evaluate(given), 0, given);
    }

    private int indexOf(String inputName) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(inputName)) {
                return i;
            }
        }
        return -1;
    }

    /** Checks the inputs (in the order of {@link #inputs()}) and runs the steps; returns every slot's value. */
    private Value[] evaluate(NdArray[] given) {
        Value[] slots = constants.clone();
        for (int i = 0; i < given.length; i++) {
            Port p = inputs.get(i);
            if (given[i] == null) {
                throw new IllegalArgumentException("input '" + p.name() + "' is missing; the model's inputs are "
                        + inputs);
            }
            check(p, given[i], "input");
            slots[inputSlots[i]] = given[i].dtype().isFloatingPoint() ? new Value.Floats(given[i])
                    : integers(p, given[i]);
        }
        for (Step s : steps) {
            Value[] out = execute(s.node(), s.kernel(), gather(slots, s.in()), s.out().length);
            if (s.relu()) {
                NdArray y = ((Value.Floats) out[0]).array();
                y.apply(UnaryOp.RELU, 0, 0, y);
            }
            for (int k = 0; k < s.out().length; k++) {
                if (s.out()[k] >= 0) {
                    slots[s.out()[k]] = out[k];
                }
            }
            for (int f : s.freeAfter()) {
                slots[f] = null;
            }
        }
        return slots;
    }

    /** Output {@code i} as a checked array of its own (never a view of a weight or of an input). */
    private NdArray output(Value[] slots, int i, NdArray[] given) {
        Value v = slots[outputSlots[i]];
        NdArray a;
        if (v instanceof Value.Floats f) {
            a = f.array();
            Object storage = storage(a);
            boolean shared = constantStorage.contains(storage);
            for (NdArray x : given) {
                shared |= x.dtype().isFloatingPoint() && storage(x) == storage;
            }
            if (shared) {
                a = a.copy();
            }
        } else {
            Value.Ints iv = (Value.Ints) v;
            double[] d = new double[iv.data().length];
            for (int k = 0; k < d.length; k++) {
                d[k] = iv.data()[k];
            }
            a = NdArray.wrap(d, 0, iv.shape());
        }
        check(outputs.get(i), a, "output");
        return a;
    }

    private static Object storage(NdArray a) {
        return a.dtype() == DType.F32 ? a.floatData() : a.doubleData();
    }

    /** An integer input (I64 or I32, as declared) as integer data; floating-point data there is refused. */
    private static Value integers(Port p, NdArray x) {
        long[] data = new long[x.size()];
        switch (x.dtype()) {
            case I64 -> System.arraycopy(x.longData(), x.offset(), data, 0, data.length);
            case I32 -> {
                int[] src = x.intData();
                for (int k = 0; k < data.length; k++) {
                    data[k] = src[x.offset() + k];
                }
            }
            default -> throw new IllegalArgumentException("input '" + p.name() + "' is declared " + p + " but "
                    + x.dtype() + " " + Shapes.str(x.shape()) + " was given");
        }
        return new Value.Ints(data, x.shape());
    }

    private static void check(Port p, NdArray x, String what) {
        boolean typeOk = p.dtype() == null || x.dtype() == p.dtype() || what.equals("output");
        boolean rankOk = p.dims() == null || p.dims().length == x.rank();
        boolean dimsOk = rankOk;
        for (int i = 0; rankOk && p.dims() != null && i < p.dims().length; i++) {
            dimsOk &= p.dims()[i] < 0 || p.dims()[i] == x.shape(i);
        }
        if (!typeOk || !dimsOk) {
            throw new IllegalArgumentException(what + " '" + p.name() + "' is declared " + p + " but " + x.dtype()
                    + " " + Shapes.str(x.shape()) + " was " + (what.equals("input") ? "given" : "computed"));
        }
    }

    // ================================================================================================ inspecting

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /** Operator type → number of nodes using it (folded constant nodes included), sorted by name. */
    public Map<String, Integer> operators() {
        return operators;
    }

    /** Elements in the floating-point initializers (the weights). */
    public long parameterCount() {
        return parameterCount;
    }

    /** The default-domain opset the model imports. */
    public long opset() {
        return opset;
    }

    /** Inputs, outputs, operators and parameter count, one item per line. */
    public String summary() {
        StringBuilder sb = new StringBuilder("ONNX model").append(graphName.isEmpty() ? "" : " '" + graphName + "'")
                .append(", opset ").append(opset).append(producer.isBlank() ? "" : ", from " + producer.strip())
                .append('\n');
        for (Port p : inputs) {
            sb.append("  input  ").append(p).append('\n');
        }
        for (Port p : outputs) {
            sb.append("  output ").append(p).append('\n');
        }
        sb.append("  operators ");
        boolean first = true;
        for (Map.Entry<String, Integer> e : operators.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
            first = false;
        }
        sb.append("\n  nodes run ").append(steps.size()).append(", parameters ").append(parameterCount).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
