package org.vecgrad.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.Shapes;

/**
 * A model's architecture as a graph of boxes (layers with their input and output shapes) and arrows, written as
 * Graphviz DOT: Keras's {@code plot_model(model, show_shapes=True)}. Rendering it to a picture is left to the
 * caller (Graphviz's {@code dot -Tpng}, or any drawing of the DOT subset {@link #toDot} writes), so this module stays
 * free of dependencies.
 *
 * <pre>{@code
 * String dot = ModelGraph.of(model).toDot(true);              // Sequential (input shape known) or Model
 * String dot = ModelGraph.of(net, 3).toDot(true);             // any Module, on samples of shape [3]
 * }</pre>
 *
 * <h2>What is drawn</h2>
 * <ul>
 *   <li>{@link Model} (functional API): one box per input and per distinct layer, an arrow per layer call input,
 *       so branches and merges show as they were written; a shared layer is one box with several arrows in, as in
 *       Keras. Shapes come from the symbolic tensors.</li>
 *   <li>{@link Sequential}: a chain, input box first; shapes from one zero sample run through the layers.</li>
 *   <li>Any other module (a subclass with its own {@code forward}): Keras cannot draw these, since the structure
 *       exists only in code. {@link #trace} runs one forward pass on a zero batch of the sample shape the caller
 *       gives and draws the autodiff graph it recorded, coarsened to the module level: an operation that reads a
 *       submodule's parameters becomes a box named after that submodule (path and type, e.g. {@code fc1: Linear}),
 *       consecutive operations of one call of one submodule are merged (e.g. a matmul and the bias add of a
 *       Linear written by hand), and operations without parameters (relu, add, sigmoid, …) are boxes of their
 *       own. What it cannot see: parameterless submodules (a {@code ReLU} layer shows as "relu", not by its field
 *       name), and code that does not go through tensor operations.</li>
 * </ul>
 */
public final class ModelGraph {
    /**
     * One box.
     *
     * @param id          DOT node id ("n0", "n1", …)
     * @param name        the layer's name (its path in the model), or the operation's name for a traced operation
     * @param type        the layer's class ("Dense", "InputLayer"), or null for a traced operation
     * @param inputShapes Keras-style shapes ("(None, 3)") of the inputs; empty for an input box
     * @param outputShape Keras-style shape of the output
     */
    public record Node(String id, String name, String type, List<String> inputShapes, String outputShape) {
        public Node {
            inputShapes = List.copyOf(inputShapes);
        }

        /** True for a model input box. */
        public boolean isInput() {
            return "InputLayer".equals(type);
        }
    }

    /** An arrow from one box's output into another box. */
    public record Edge(String from, String to) {
    }

    private final String title;
    private final List<Node> nodes;
    private final List<Edge> edges;

    private ModelGraph(String title, List<Node> nodes, List<Edge> edges) {
        this.title = title;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(new LinkedHashSet<>(edges));
    }

    /** The boxes, inputs first, every box after the boxes it reads. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The arrows, without duplicates. */
    public List<Edge> edges() {
        return edges;
    }

    /** The box called {@code name} (the first, when a traced layer was called twice). */
    public Node node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no box '" + name + "' in " + names()));
    }

    /** The boxes' names, in order. */
    public List<String> names() {
        return nodes.stream().map(Node::name).toList();
    }

    /** The names of the boxes with an arrow into {@code name}'s box. */
    public List<String> inputsOf(String name) {
        String id = node(name).id();
        Map<String, String> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n.name()));
        return edges.stream().filter(e -> e.to().equals(id)).map(e -> byId.get(e.from())).toList();
    }

    // ================================================================================================ building

    /**
     * The graph of a {@link Model}, or of a {@link Sequential} whose input shape is known (declared, or from its
     * first layer). Other modules need a sample shape: {@link #of(Module, int...)}.
     */
    public static ModelGraph of(Module model) {
        Objects.requireNonNull(model, "model");
        if (model instanceof Model m) {
            return ofModel(m);
        }
        int[] shape = model.inputShape();
        if (model instanceof Sequential s && shape != null) {
            return ofSequential(s, shape);
        }
        throw new IllegalArgumentException("ModelGraph.of(" + model.getClass().getSimpleName() + "): the input shape"
                + " is unknown; give the shape of one sample, e.g. ModelGraph.of(model, 3), and the model is traced");
    }

    /**
     * The graph of any module on samples of {@code inputShape} (no batch axis): a {@link Model} as built (its
     * inputs carry their own shapes, so {@code inputShape} is not used), a {@link Sequential} as a chain, anything
     * else {@linkplain #trace traced}.
     */
    public static ModelGraph of(Module model, int... inputShape) {
        Objects.requireNonNull(model, "model");
        if (model instanceof Model m) {
            return ofModel(m);
        }
        return model instanceof Sequential s ? ofSequential(s, checkShape(model, inputShape)) : trace(model,
                inputShape);
    }

    private static int[] checkShape(Module model, int[] shape) {
        Objects.requireNonNull(shape, "inputShape");
        if (shape.length == 0) {
            throw new IllegalArgumentException("ModelGraph of " + model.getClass().getSimpleName() + ": give the"
                    + " shape of one sample (no batch axis), e.g. 3 or 1, 28, 28; got " + Shapes.str(shape));
        }
        Shapes.size(shape);
        return shape.clone();
    }

    private static String keras(int[] sampleShape) {
        return Functional.kerasShape(Functional.batchOf1(sampleShape));
    }

    private static String title(Module m) {
        return m.name() != null ? m.name() : Summary.snake(m.getClass().getSimpleName());
    }

    private static ModelGraph ofModel(Model m) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<SymbolicTensor, String> idOf = new IdentityHashMap<>();
        Map<Module, String> layerIds = new IdentityHashMap<>();
        m.inputMap().forEach((name, s) -> {
            String id = "n" + nodes.size();
            nodes.add(new Node(id, name, "InputLayer", List.of(), keras(s.shape())));
            idOf.put(s, id);
        });
        for (SymbolicTensor call : m.calls()) {
            String id = layerIds.get(call.layer);
            if (id == null) {                                          // a shared layer is drawn once
                id = "n" + nodes.size();
                List<String> in = call.inputs.stream().map(t -> keras(t.shape())).toList();
                nodes.add(new Node(id, m.layerName(call.layer), call.layer.getClass().getSimpleName(), in,
                        keras(call.shape())));
                layerIds.put(call.layer, id);
            }
            for (SymbolicTensor in : call.inputs) {
                edges.add(new Edge(idOf.get(in), id));
            }
            idOf.put(call, id);
        }
        return new ModelGraph(title(m), nodes, edges);
    }

    private static ModelGraph ofSequential(Sequential s, int[] shape) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node("n0", "input", "InputLayer", List.of(), keras(shape)));
        DType dt = s.dtype() != null ? s.dtype() : DType.F32;
        Map<String, Integer> counters = new LinkedHashMap<>();
        Tensor[] x = {Tensor.zeros(dt, Functional.batchOf1(shape))};
        for (Module layer : s.layers()) {
            String in = Functional.kerasShape(x[0].shape());
            x[0] = s.probe(() -> layer.forward(x[0]));
            String id = "n" + nodes.size();
            nodes.add(new Node(id, Summary.layerName(layer, counters), layer.getClass().getSimpleName(), List.of(in),
                    Functional.kerasShape(x[0].shape())));
            edges.add(new Edge(nodes.get(nodes.size() - 2).id(), id));
        }
        return new ModelGraph(title(s), nodes, edges);
    }

    // ================================================================================================ tracing

    /** A box of the traced graph: the tensors it covers (the last is its output) and the parameters they read. */
    private static final class Group {
        final String id;
        final String owner;                    // module path, or null for an operation without parameters
        final Set<Tensor> params = Collections.newSetFromMap(new IdentityHashMap<>());
        Tensor output;
        final List<String> inputShapes = new ArrayList<>();

        Group(String id, String owner, Tensor output) {
            this.id = id;
            this.owner = owner;
            this.output = output;
        }
    }

    /**
     * Runs {@code model.forward} once on a zero batch of one sample of {@code inputShape} (in eval mode, recording
     * the autodiff graph; the modes are restored and no gradient is computed) and draws the graph it recorded at
     * the level of submodules, as the class documentation describes.
     */
    public static ModelGraph trace(Module model, int... inputShape) {
        Objects.requireNonNull(model, "model");
        int[] shape = checkShape(model, inputShape);
        DType dt = model.dtype() != null ? model.dtype() : DType.F32;
        Tensor x = Tensor.zeros(dt, Functional.batchOf1(shape)).requiresGrad(true);
        Map<Module, Boolean> modes = new LinkedHashMap<>();
        model.namedModules().values().forEach(m -> modes.put(m, m.isTraining()));
        Tensor y;
        try {
            model.train(false);
            y = model.forward(x);
        } finally {
            modes.forEach(Module::train);                      // parents first: each child ends in its own mode
        }
        // the owner (module path) of every parameter
        Map<Tensor, String> owner = new IdentityHashMap<>();
        model.namedModules().forEach((path, m) -> m.localParameters().values().forEach(p -> owner.putIfAbsent(p,
                path.isEmpty() ? title(model) : path)));
        Map<String, Module> modules = model.namedModules();

        List<Tensor> order = topological(y);
        Map<Tensor, Boolean> data = new IdentityHashMap<>();              // depends on the input x
        Map<Tensor, Set<Tensor>> reads = new IdentityHashMap<>();         // parameters read by a tensor's subgraph
        Map<Tensor, Integer> consumers = new IdentityHashMap<>();
        for (Tensor t : order) {
            boolean d = t == x;
            Set<Tensor> ps = Collections.newSetFromMap(new IdentityHashMap<>());
            if (owner.containsKey(t)) {
                ps.add(t);
            }
            for (Tensor in : t.inputs()) {
                d |= data.get(in);
                if (!data.get(in)) {
                    ps.addAll(reads.get(in));
                }
                consumers.merge(in, 1, Integer::sum);
            }
            data.put(t, d);
            reads.put(t, ps);
        }

        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node("n0", "input", "InputLayer", List.of(), Functional.kerasShape(x.shape())));
        Map<Tensor, Group> groupOf = new IdentityHashMap<>();
        List<Group> groups = new ArrayList<>();
        Group inputGroup = new Group("n0", null, x);
        groupOf.put(x, inputGroup);
        for (Tensor t : order) {
            if (t == x || !data.get(t)) {
                continue;
            }
            List<Tensor> dataIn = t.inputs().stream().filter(data::get).toList();
            Set<Tensor> mine = reads.get(t);                  // parameters this operation reads directly
            String who = mine.isEmpty() ? null : owner.get(mine.iterator().next());
            Group g = null;
            if (who != null && dataIn.size() == 1) {
                Group prev = groupOf.get(dataIn.get(0));
                // the same call of the same module: its previous operation, used only here, reading other parameters
                if (prev != inputGroup && who.equals(prev.owner) && prev.output == dataIn.get(0)
                        && consumers.get(dataIn.get(0)) == 1 && Collections.disjoint(prev.params, mine)) {
                    g = prev;
                }
            }
            if (g == null) {
                g = new Group("n" + (groups.size() + 1), who, t);
                for (Tensor in : dataIn) {
                    g.inputShapes.add(Functional.kerasShape(in.shape()));
                    edges.add(new Edge(groupOf.get(in).id, g.id));
                }
                groups.add(g);
            }
            g.params.addAll(mine);
            g.output = t;
            groupOf.put(t, g);
        }
        for (Group g : groups) {
            Module m = g.owner == null ? null : modules.get(g.owner.equals(title(model)) ? "" : g.owner);
            nodes.add(new Node(g.id, g.owner != null ? g.owner : g.output.op(), m == null ? null
                    : m.getClass().getSimpleName(), g.inputShapes, Functional.kerasShape(g.output.shape())));
        }
        return new ModelGraph(title(model) + " (traced on " + Functional.kerasShape(x.shape()) + ")", nodes, edges);
    }

    /** Every tensor y depends on, each after its inputs (iterative post-order DFS). */
    private static List<Tensor> topological(Tensor y) {
        List<Tensor> out = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {y, 0});
        seen.add(y);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Tensor t = (Tensor) top[0];
            int next = (Integer) top[1];
            List<Tensor> ins = t.inputs();
            if (next < ins.size()) {
                top[1] = next + 1;
                if (seen.add(ins.get(next))) {
                    stack.push(new Object[] {ins.get(next), 0});
                }
            } else {
                stack.pop();
                out.add(t);
            }
        }
        return out;
    }

    // ================================================================================================ DOT

    /**
     * Graphviz DOT, top to bottom: {@code nK [label="name: Type\ninput: (None, 3)\noutput: (None, 2)"]} per box
     * (the shape lines only with {@code showShapes}; traced operations show their name alone), input boxes filled
     * light blue, traced operations light grey, and {@code nA -> nB} per arrow. Render with {@code dot -Tpng}.
     */
    public String toDot(boolean showShapes) {
        StringBuilder sb = new StringBuilder("digraph model {\n  rankdir=TB;\n  label=\"").append(escape(title))
                .append("\";\n  labelloc=t;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white,"
                        + " fontname=\"Helvetica\"];\n");
        for (Node n : nodes) {
            StringBuilder label = new StringBuilder(n.name());
            if (n.type() != null) {
                label.append(": ").append(n.type());
            }
            if (showShapes) {
                if (!n.inputShapes().isEmpty()) {
                    label.append("\ninput: ").append(n.inputShapes().size() == 1 ? n.inputShapes().get(0)
                            : n.inputShapes().toString());
                }
                label.append("\noutput: ").append(n.outputShape());
            }
            sb.append("  ").append(n.id()).append(" [label=\"").append(escape(label.toString())).append('"');
            if (n.isInput()) {
                sb.append(", fillcolor=lightblue");
            } else if (n.type() == null) {
                sb.append(", fillcolor=lightgrey");
            }
            sb.append("];\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(e.from()).append(" -> ").append(e.to()).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return "ModelGraph(" + title + ", boxes " + names() + ", " + edges.size() + " arrows)";
    }
}
