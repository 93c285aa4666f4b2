package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.layers.Add;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;

/** plot_model's graph: the boxes, arrows and shapes of Sequential, functional and traced subclassed models. */
class ModelGraphTest {

    @Test
    void sequentialIsAChainWithTracedShapes() {
        Sequential s = new Sequential(new Linear(3, 4, true, 1), new ReLU(), new Linear(4, 2, true, 2));
        ModelGraph g = ModelGraph.of(s);                               // Linear knows its input size
        assertEquals(List.of("input", "linear", "re_lu", "linear_1"), g.names());
        assertEquals(List.of("(None, 3)", "(None, 4)", "(None, 4)", "(None, 2)"),
                g.nodes().stream().map(ModelGraph.Node::outputShape).toList());
        assertEquals(List.of("(None, 4)"), g.node("re_lu").inputShapes());
        assertEquals(List.of("re_lu"), g.inputsOf("linear_1"));
        assertEquals(3, g.edges().size());
        assertTrue(g.node("input").isInput());
        assertEquals("Linear", g.node("linear").type());
        // a declared input shape builds lazily sized layers
        Sequential lazy = new Sequential(new Dense(5, "relu"), new Dense(1));
        assertEquals("(None, 1)", ModelGraph.of(lazy, 7).node("dense_1").outputShape());
        assertEquals(List.of("(None, 7)"), ModelGraph.of(lazy, 7).node("dense").inputShapes());
    }

    @Test
    void functionalModelKeepsBranchesMergesAndSharedLayers() {
        SymbolicTensor wide = Input.of("wide", 5);
        SymbolicTensor deep = Input.of("deep", 6);
        SymbolicTensor h1 = new Dense(30, "relu").name("hidden1").call(deep);
        SymbolicTensor h2 = new Dense(30, "relu").name("hidden2").call(h1);
        SymbolicTensor cat = new Concatenate().name("concat").call(wide, h2);
        SymbolicTensor main = new Dense(1).name("main_output").call(cat);
        SymbolicTensor aux = new Dense(1).name("aux_output").call(h2);
        Map<String, SymbolicTensor> inputs = new LinkedHashMap<>();
        inputs.put("wide", wide);
        inputs.put("deep", deep);
        Map<String, SymbolicTensor> outputs = new LinkedHashMap<>();
        outputs.put("main", main);
        outputs.put("aux", aux);
        Model m = new Model(inputs, outputs);
        ModelGraph g = ModelGraph.of(m);
        assertEquals(7, g.nodes().size(), g.names().toString());
        assertEquals(List.of("wide", "hidden2"), g.inputsOf("concat"));
        assertEquals(List.of("(None, 5)", "(None, 30)"), g.node("concat").inputShapes());
        assertEquals("(None, 35)", g.node("concat").outputShape());
        assertEquals(List.of("hidden2"), g.inputsOf("aux_output"));
        assertEquals(List.of("hidden1"), g.inputsOf("hidden2"));
        assertEquals(6, g.edges().size());

        // a layer called twice is one box with two arrows in
        SymbolicTensor a = Input.of("a", 4);
        Dense shared = new Dense(4, "tanh");
        SymbolicTensor twice = shared.call(shared.call(a));
        Model sm = Model.of(a, new Add().call(twice, a));
        ModelGraph sg = ModelGraph.of(sm, 4);
        assertEquals(List.of("a", "dense", "add"), sg.names());
        assertEquals(List.of("a", "dense"), sg.inputsOf("dense"));
        assertEquals(List.of("dense", "a"), sg.inputsOf("add"));
    }

    /** A subclassed model with a residual connection and a layer called twice. */
    static final class Residual extends Module {
        final Linear fc1 = register("fc1", new Linear(3, 8, true, 1));
        final Linear fc2 = register("fc2", new Linear(8, 8, true, 2));
        final Linear head = register("head", new Linear(8, 1, true, 3));

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = fc1.forward(x).relu();
            Tensor r = fc2.forward(fc2.forward(h).relu()).relu().add(h);        // fc2 twice, then the skip
            return head.forward(r).sigmoid();
        }
    }

    @Test
    void tracedSubclassShowsModulesOperationsAndTheSkipConnection() {
        Residual net = new Residual();
        net.train();
        ModelGraph g = ModelGraph.trace(net, 3);
        assertEquals(List.of("input", "fc1", "relu", "fc2", "relu", "fc2", "relu", "add", "head", "sigmoid"),
                g.names());
        assertEquals("Linear", g.node("fc1").type());
        assertNull(g.node("relu").type(), "an operation without parameters");
        assertEquals(List.of("(None, 3)"), g.node("fc1").inputShapes());
        assertEquals("(None, 8)", g.node("fc1").outputShape());
        assertEquals("(None, 1)", g.node("sigmoid").outputShape());
        // the skip: add reads the last relu and fc1's relu
        ModelGraph.Node add = g.node("add");
        List<String> into = g.edges().stream().filter(e -> e.to().equals(add.id())).map(ModelGraph.Edge::from)
                .toList();
        assertEquals(List.of(g.nodes().get(6).id(), g.nodes().get(2).id()), into);
        assertEquals(10, g.edges().size());
        // tracing changed nothing: modes restored, no gradients
        assertTrue(net.isTraining() && net.fc1.isTraining());
        assertTrue(net.namedParameters().values().stream().allMatch(p -> p.grad() == null));
        assertEquals(g.names(), ModelGraph.of(net, 3).names(), "of() traces what it cannot read");
    }

    /** A linear map written as two operations (matmul, then the bias): one box. */
    static final class HandLinear extends Module {
        final Tensor w;
        final Tensor b;

        HandLinear() {
            w = registerParameter("weight", Tensor.ones(org.vecgrad.engine.DType.F32, 2, 3));
            b = registerParameter("bias", Tensor.zeros(org.vecgrad.engine.DType.F32, 2));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(w.mT()).add(b);
        }
    }

    static final class TwoHandLinears extends Module {
        final HandLinear first = register("first", new HandLinear());
        final Dropout drop = register("drop", new Dropout(0.5, 1));

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = drop.forward(first.forward(x)).tanh();
            return first.forward(h.matmul(Tensor.ones(h.dtype(), 2, 3)));         // the same module again
        }
    }

    @Test
    void operationsOfOneCallMergeButTwoCallsStayTwoBoxes() {
        TwoHandLinears net = new TwoHandLinears();
        ModelGraph g = ModelGraph.trace(net, 3);
        assertEquals(List.of("input", "first", "tanh", "matmul", "first"), g.names(),
                "matmul + bias add is one box per call; dropout is the identity in eval mode");
        assertEquals("HandLinear", g.node("first").type());
        assertEquals("(None, 2)", g.node("first").outputShape());
        assertTrue(net.drop.isTraining(), "mode restored");
    }

    @Test
    void dotHasOneLabelledBoxPerNodeAndOneLinePerArrow() {
        Sequential s = new Sequential(new Linear(3, 4, true, 1), new ReLU());
        String dot = ModelGraph.of(s).toDot(true);
        assertTrue(dot.startsWith("digraph model {") && dot.contains("rankdir=TB;"), dot);
        assertTrue(dot.contains("n0 [label=\"input: InputLayer\\noutput: (None, 3)\", fillcolor=lightblue];"), dot);
        assertTrue(dot.contains("n1 [label=\"linear: Linear\\ninput: (None, 3)\\noutput: (None, 4)\"];"), dot);
        assertTrue(dot.contains("n0 -> n1;") && dot.contains("n1 -> n2;"), dot);
        String bare = ModelGraph.of(s).toDot(false);
        assertFalse(bare.contains("output:"), bare);
        assertTrue(ModelGraph.trace(new Residual(), 3).toDot(true).contains("[label=\"relu\\ninput: (None, 8)"
                + "\\noutput: (None, 8)\", fillcolor=lightgrey]"));
    }

    @Test
    void badInputSaysWhatIsMissing() {
        Module plain = new Residual();
        var e = assertThrows(IllegalArgumentException.class, () -> ModelGraph.of(plain));
        assertTrue(e.getMessage().contains("Residual") && e.getMessage().contains("ModelGraph.of(model, 3)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelGraph.trace(plain));
        assertTrue(e.getMessage().contains("shape of one sample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelGraph.trace(plain, 4));
        assertTrue(e.getMessage().contains("[1, 4]"), "the layer's own message: " + e.getMessage());
        assertTrue(plain.isTraining(), "mode restored after a failed trace");
    }
}
