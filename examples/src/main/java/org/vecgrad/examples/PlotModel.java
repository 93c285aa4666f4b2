package org.vecgrad.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Input;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.ModelGraph;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.SymbolicTensor;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.GlobalAveragePooling2D;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;

/**
 * Keras's {@code plot_model(model, show_shapes=True)}: three models drawn as boxes (each layer with its input and
 * output shapes) and arrows, written as Graphviz DOT by {@link ModelGraph} and as PNG (by Graphviz's {@code dot}
 * when it is on the PATH, else drawn in Java2D; {@code --renderer=java} always uses Java2D).
 * <ul>
 *   <li>the circles network, a {@code Sequential}: a chain;</li>
 *   <li>a wide-and-deep network with the functional API: two inputs, a branch, a merge ({@code Concatenate}) and
 *       two outputs;</li>
 *   <li>an Inception block (GoogLeNet's, Szegedy et al., 2015) with the functional API: four parallel branches
 *       (1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max pooling then 1×1) joined along the channels;</li>
 *   <li>a subclassed module with a skip connection. Keras cannot draw subclassed models (their structure exists
 *       only in {@code forward}'s code); vecgrad runs one forward pass on an input shape the caller gives and draws
 *       the graph autodiff recorded, with one box per submodule call and per parameterless operation.</li>
 * </ul>
 */
public final class PlotModel {
    private PlotModel() {
    }

    /** One drawing: which model, its graph, the DOT file and the PNG, and who drew the PNG. */
    public record Drawing(String name, ModelGraph graph, Path dot, Path png, boolean byGraphviz) {
    }

    public record Result(List<Drawing> drawings) {
        public Drawing drawing(String name) {
            return drawings.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Wide and deep (Cheng et al., 2016): the wide input goes straight to the output, the deep one through two layers. */
    public static Model wideAndDeep() {
        SymbolicTensor wide = Input.of("wide_input", 5);
        SymbolicTensor deep = Input.of("deep_input", 6);
        SymbolicTensor h1 = new Dense(30, "relu").name("hidden1").call(deep);
        SymbolicTensor h2 = new Dense(30, "relu").name("hidden2").call(h1);
        SymbolicTensor concat = new Concatenate().name("concat").call(wide, h2);
        Map<String, SymbolicTensor> inputs = new LinkedHashMap<>();
        inputs.put("wide_input", wide);
        inputs.put("deep_input", deep);
        Map<String, SymbolicTensor> outputs = new LinkedHashMap<>();
        outputs.put("main_output", new Dense(1).name("main_output").call(concat));
        outputs.put("aux_output", new Dense(1).name("aux_output").call(h2));
        return new Model(inputs, outputs);
    }

    /**
     * An Inception block on 1×28×28 images: a 3×3 convolution and 2×2 pooling as stem, then GoogLeNet's four branches
     * (the 1×1 convolutions before the 3×3 and 5×5 ones cut the channels, and so the cost, first), concatenated along
     * the channels (8 + 12 + 4 + 4 = 28), global average pooling and a 10-way classifier.
     */
    public static Model inceptionBlock() {
        SymbolicTensor image = Input.of("image", 1, 28, 28);
        SymbolicTensor stem = new MaxPool2d(2).name("stem_pool").call(
                Conv2d.builder(1, 16, 3).padding(1).build().name("stem_conv").call(image));
        SymbolicTensor b1 = new Conv2d(16, 8, 1).name("b1_1x1").call(stem);
        SymbolicTensor b2 = Conv2d.builder(8, 12, 3).padding("same").build().name("b2_3x3")
                .call(new Conv2d(16, 8, 1).name("b2_reduce").call(stem));
        SymbolicTensor b3 = Conv2d.builder(2, 4, 5).padding("same").build().name("b3_5x5")
                .call(new Conv2d(16, 2, 1).name("b3_reduce").call(stem));
        SymbolicTensor b4 = new Conv2d(16, 4, 1).name("b4_proj")
                .call(new MaxPool2d(3, 1, 1).name("b4_pool").call(stem));
        SymbolicTensor joined = new Concatenate(1).name("concat").call(b1, b2, b3, b4);
        SymbolicTensor pooled = new GlobalAveragePooling2D().name("global_pool").call(joined);
        return Model.of(image, new Linear(28, 10).name("classifier").call(pooled));
    }

    /** A subclassed network with a skip connection: y = σ(head(relu(fc2(h)) + h)), h = relu(fc1(x)). */
    public static final class ResidualNet extends Module {
        private final Linear fc1 = register("fc1", new Linear(2, 16));
        private final Linear fc2 = register("fc2", new Linear(16, 16));
        private final Linear head = register("head", new Linear(16, 1));

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = fc1.forward(x).relu();
            return head.forward(fc2.forward(h).relu().add(h)).sigmoid();
        }
    }

    public static Result run(Options o) {
        boolean java = "java".equals(o.params().getOrDefault("renderer", "auto"));
        String dotExe = java ? null : GraphExample.findOnPath("dot");
        o.println("plot_model: each model as Graphviz DOT and as PNG (" + (dotExe != null ? "rendered by " + dotExe
                : java ? "drawn in Java2D (--renderer=java)" : "drawn in Java2D: Graphviz 'dot' is not on the PATH")
                + ").");
        List<Drawing> drawings = new ArrayList<>();
        drawings.add(draw(o, dotExe, "sequential", "The circles network (Sequential)",
                ModelGraph.of(Circles.model(o.seed()))));
        drawings.add(draw(o, dotExe, "functional", "Wide and deep (functional API: two inputs, two outputs)",
                ModelGraph.of(wideAndDeep())));
        drawings.add(draw(o, dotExe, "inception", "An Inception block (functional API: four branches, one concat)",
                ModelGraph.of(inceptionBlock())));
        o.println("\nA subclassed module's structure is in its forward() code, which Keras cannot draw; vecgrad"
                + " traces one forward pass\non samples of a shape you give (here [2]) and draws what autodiff"
                + " recorded, one box per submodule call:");
        drawings.add(draw(o, dotExe, "subclass", "ResidualNet (subclassed Module, traced on samples of shape [2])",
                ModelGraph.trace(new ResidualNet(), 2)));
        return new Result(List.copyOf(drawings));
    }

    private static Drawing draw(Options o, String dotExe, String name, String title, ModelGraph g) {
        String src = g.toDot(true);
        Path dot = o.file("model_" + name + ".dot");
        try {
            Files.writeString(dot, src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path png = o.file("model_" + name + ".png");
        boolean byGraphviz = dotExe != null && GraphExample.render(o, dotExe, dot, png) != null;
        if (!byGraphviz) {
            DotPicture.render(src, title, g.nodes().stream().anyMatch(n -> n.type() == null)
                    ? "blue: model input; grey: an operation without parameters" : "blue: model input", png);
        }
        o.printf("%n%s: %d boxes, %d arrows%n  %s%n  wrote %s and %s%n", title, g.nodes().size(), g.edges().size(),
                String.join(" | ", g.names()), dot, png);
        return new Drawing(name, g, dot, png, byGraphviz);
    }
}
