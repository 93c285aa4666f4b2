package org.vecgrad.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Shapes;

/**
 * A model built with the functional API (Keras's functional {@code Model}): named {@link Input}s, layer calls, and
 * named outputs. Layers may be shared (called twice: one set of weights) and the graph may branch and merge.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.of("a", 4);
 * SymbolicTensor b = Input.of("b", 3);
 * SymbolicTensor h = new Concatenate().call(new Dense(8, "relu").call(a), b);
 * Model m = new Model(Map.of("a", a, "b", b), Map.of("score", new Dense(1).call(h)));
 * Map<String, Tensor> out = m.forward(Map.of("a", xa, "b", xb));
 * }</pre>
 *
 * Each distinct layer is registered once, under its name (its {@link Module#name()} or Keras's automatic
 * "dense", "dense_1", …), so parameters are named {@code dense.kernel}, {@code dense_1.bias}, ….
 */
public class Model extends Module {
    private final Map<String, SymbolicTensor> inputs;
    private final Map<String, SymbolicTensor> outputs;
    /** Layer calls in an order where every call comes after the calls it reads. */
    private final List<SymbolicTensor> order = new ArrayList<>();
    private final Map<Module, String> layerNames = new IdentityHashMap<>();

    /**
     * A model from inputs to outputs (iteration order of the maps is kept; use LinkedHashMap or Map.of for one
     * entry). Every value the outputs depend on must come from these inputs.
     */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public Model(Map<String, SymbolicTensor> inputs, Map<String, SymbolicTensor> outputs) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a Model needs at least one input and one output");
        }
        this.inputs = new LinkedHashMap<>(inputs);
        this.outputs = new LinkedHashMap<>(outputs);
        Set<SymbolicTensor> declared = Collections.newSetFromMap(new IdentityHashMap<>());
        inputs.forEach((n, s) -> {
            if (!s.isInput()) {
                throw new IllegalArgumentException("input '" + n + "' is " + s + ", not an Input.of(...)");
            }
            declared.add(s);
        });
        sort(declared);
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (SymbolicTensor s : order) {
            if (!layerNames.containsKey(s.layer)) {
                String name = Summary.layerName(s.layer, counters);
                layerNames.put(s.layer, name);
                register(name, s.layer);
            }
        }
    }

    /** A model of one input and one output (the output is named after its layer). */
    public static Model of(SymbolicTensor input, SymbolicTensor output) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        return new Model(Map.of(input.inputName == null ? "input" : input.inputName, input), Map.of("output", output));
    }

    /** Iterative post-order DFS from the outputs; each call listed once. */
    private void sort(Set<SymbolicTensor> declared) {
        Set<SymbolicTensor> done = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<SymbolicTensor> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, SymbolicTensor> out : outputs.entrySet()) {
            Deque<Object[]> stack = new ArrayDeque<>();
            stack.push(new Object[] {Objects.requireNonNull(out.getValue(), out.getKey()), 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                SymbolicTensor s = (SymbolicTensor) top[0];
                int next = (Integer) top[1];
                if (next == 0 && done.contains(s)) {
                    stack.pop();
                    continue;
                }
                if (s.isInput()) {
                    if (!declared.contains(s)) {
                        throw new IllegalArgumentException("output '" + out.getKey() + "' depends on " + s
                                + ", which is not among the model's inputs " + inputs.keySet());
                    }
                    done.add(s);
                    stack.pop();
                    continue;
                }
                onPath.add(s);
                if (next < s.inputs.size()) {
                    top[1] = next + 1;
                    stack.push(new Object[] {s.inputs.get(next), 0});
                } else {
                    stack.pop();
                    onPath.remove(s);
                    done.add(s);
                    order.add(s);
                }
            }
        }
    }

    /** The inputs by name, in order (unmodifiable): what {@link ModelGraph} and exporters walk from. */
    public Map<String, SymbolicTensor> inputMap() {
        return Collections.unmodifiableMap(inputs);
    }

    /** The outputs by name, in order (unmodifiable). */
    public Map<String, SymbolicTensor> outputMap() {
        return Collections.unmodifiableMap(outputs);
    }

    /** The layer calls, each after the calls it reads (unmodifiable); a shared layer appears once per call. */
    public List<SymbolicTensor> calls() {
        return Collections.unmodifiableList(order);
    }

    /** The name a layer is registered under (its parameters are {@code name.weight}, …), or null if not here. */
    public String layerName(Module layer) {
        return layerNames.get(layer);
    }

    /** The input names, in order. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** The output names, in order. */
    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    /** Runs the graph: input name → batch, to output name → result. Each layer call runs once. */
    public Map<String, Tensor> forward(Map<String, Tensor> feed) {
        Objects.requireNonNull(feed, "feed");
        if (!feed.keySet().equals(inputs.keySet())) {
            throw new IllegalArgumentException("Model inputs are " + inputs.keySet() + ", got " + feed.keySet());
        }
        Map<SymbolicTensor, Tensor> values = new IdentityHashMap<>();
        inputs.forEach((n, s) -> {
            Tensor x = feed.get(n);
            int[] want = s.shape();
            int[] got = x.shape();
            if (got.length != want.length + 1
                    || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(got, 1, got.length), want)) {
                throw new IllegalArgumentException("input '" + n + "' expects batches of shape (n, "
                        + Shapes.str(want) + "), got " + Shapes.str(got));
            }
            values.put(s, x);
        });
        for (SymbolicTensor s : order) {
            Tensor y;
            if (s.layer instanceof Merge m) {
                List<Tensor> xs = new ArrayList<>();
                for (SymbolicTensor in : s.inputs) {
                    xs.add(values.get(in));
                }
                y = m.forward(xs);
            } else {
                y = s.layer.forward(values.get(s.inputs.get(0)));
            }
            values.put(s, y);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        outputs.forEach((n, s) -> out.put(n, values.get(s)));
        return out;
    }

    /** The single output for the single input. */
    @Override
    public Tensor forward(Tensor x) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalStateException("forward(Tensor) needs one input and one output; this model has inputs "
                    + inputs.keySet() + " and outputs " + outputs.keySet() + ": use forward(Map)");
        }
        return forward(Map.of(inputs.keySet().iterator().next(), x)).values().iterator().next();
    }

    @Override
    public int[] inputShape() {
        return inputs.size() == 1 ? inputs.values().iterator().next().shape() : null;
    }

    /**
     * The Keras table: one row per input and per layer, in execution order; a shared layer is listed once, with the
     * output shape of its first call.
     */
    @Override
    public String summary() {
        List<Summary.Row> rows = new ArrayList<>();
        Set<Module> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        inputs.forEach((n, s) -> rows.add(new Summary.Row(n, null, "InputLayer",
                "[" + Functional.kerasShape(Functional.batchOf1(s.shape())) + "]")));
        for (SymbolicTensor s : order) {
            if (!listed.add(s.layer)) {
                continue;
            }
            rows.add(new Summary.Row(layerNames.get(s.layer), s.layer,
                    Functional.kerasShape(Functional.batchOf1(s.shape()))));
        }
        return Summary.format(this, rows);
    }
}
