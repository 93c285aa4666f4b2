package org.vecgrad.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.nn.Input;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.SymbolicTensor;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Linear;

/**
 * The same 3 → 3 → 2 → 2 network built the three ways Keras and PyTorch offer — a {@link Sequential} list of layers,
 * the functional API ({@link Input} → layer calls → {@link Model}), and a subclass of {@link Module} with its own
 * {@code forward} — each printing its {@code summary()}. A dense layer from n inputs to m outputs has an m × n
 * weight matrix and m biases, n·m + m parameters, so the network has (3·3 + 3) + (3·2 + 2) + (2·2 + 2) = 26.
 */
public final class Summaries {
    private Summaries() {
    }

    /** The widths 3 → 3 → 2 → 2. */
    public static final int[] SIZES = {3, 3, 2, 2};

    /** One way of building the network: its summary table and its parameter count. */
    public record Built(String how, Module model, String summary, long parameters, int[] outputShape) {
    }

    /** The three models, and the count the formula gives. */
    public record Result(List<Built> models, long formulaCount) {
    }

    /** 1. Sequential: the layers in order. */
    public static Sequential sequential() {
        return new Sequential(
                Dense.builder(3).activation("relu").inputDim(3).build(),
                new Dense(2, "relu"),
                new Dense(2, "sigmoid"));
    }

    /** 2. Functional: from an Input, call each layer on the previous result, then tie input and output together. */
    public static Model functional() {
        SymbolicTensor x = Input.of("features", 3);
        SymbolicTensor h1 = new Dense(3, "relu").call(x);
        SymbolicTensor h2 = new Dense(2, "relu").call(h1);
        SymbolicTensor y = new Dense(2, "sigmoid").call(h2);
        return Model.of(x, y);
    }

    /** 3. Subclass: register the layers as fields and write forward yourself (PyTorch's usual style). */
    public static final class ThreeLayerNet extends Module {
        private final Linear fc1;
        private final Linear fc2;
        private final Linear fc3;

        public ThreeLayerNet() {
            fc1 = register("fc1", new Linear(3, 3));
            fc2 = register("fc2", new Linear(3, 2));
            fc3 = register("fc3", new Linear(2, 2));
            fc1.name("fc1");   // shown by summary() instead of the automatic linear, linear_1, ...
            fc2.name("fc2");
            fc3.name("fc3");
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc3.forward(fc2.forward(fc1.forward(x).relu()).relu()).sigmoid();
        }
    }

    public static Result run(Options o) {
        long formula = 0;
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i + 1 < SIZES.length; i++) {
            long n = SIZES[i];
            long m = SIZES[i + 1];
            formula += n * m + m;
            terms.append(i == 0 ? "" : " + ").append("(").append(n).append("*").append(m).append(" + ").append(m)
                    .append(")");
        }
        o.println("The 3 -> 3 -> 2 -> 2 network (ReLU, ReLU, sigmoid), built three ways.");
        o.println("Parameters of a dense layer from n inputs to m outputs: an m x n weight matrix (one weight per"
                + " input-output pair)");
        o.println("plus m biases = n*m + m. Here: " + terms + " = " + formula + ".");
        o.println("");
        List<Built> built = new ArrayList<>();
        built.add(describe(o, "1) Sequential: a list of layers, each fed the previous one's output",
                sequential()));
        built.add(describe(o, "2) Functional API: Input -> layer calls -> Model (graphs may branch and merge)",
                functional()));
        built.add(describe(o, "3) Subclassing Module: layers as fields, forward() written by hand (output shapes"
                + " are unknown until it runs, hence '?')", new ThreeLayerNet()));
        o.println("All three have " + formula + " parameters; only the way the computation is described differs.");
        return new Result(List.copyOf(built), formula);
    }

    private static Built describe(Options o, String how, Module model) {
        o.println(how);
        String s = model.summary();
        o.print(s);
        Tensor y = model.forward(Tensor.randn(DType.F32, new SplittableRandom(1), 5, 3));
        o.printf("forward on a batch of 5 samples: output shape %s%n%n", java.util.Arrays.toString(y.shape()));
        return new Built(how, model, s, model.numParameters(), y.shape());
    }
}
