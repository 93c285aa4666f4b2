package org.vecgrad.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;

/**
 * A chain of modules, each fed the previous one's output (PyTorch's {@code nn.Sequential}, Keras's
 * {@code Sequential}). Submodules are named "0", "1", …, so parameters are {@code 0.weight}, {@code 0.bias}, ….
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         Dense.builder(3).activation("relu").inputDim(3).build(),
 *         new Dense(2, "relu"),
 *         new Dense(2, "sigmoid"));
 * System.out.print(model.summary());       // 12 + 8 + 6 = 26 parameters
 * }</pre>
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();
    private int[] inputShape;

    /** A chain of these modules, in order. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public Sequential add(Module layer) {
        Objects.requireNonNull(layer, "layer");
        register(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    /**
     * Declares the sample shape (no batch axis), which builds lazily sized layers at once and lets
     * {@link #summary()} show output shapes; returns this.
     */
    public Sequential inputShape(int... shape) {
        this.inputShape = shape.clone();
        traceShapes(shape);
        return this;
    }

    /** {@link #inputShape(int...)}: builds lazily sized layers for samples of this shape; returns this. */
    @Override
    public Sequential build(int... sampleShape) {
        return inputShape(sampleShape);
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        return layers.get(index);
    }

    /** Number of modules. */
    public int size() {
        return layers.size();
    }

    /** The modules, in order (unmodifiable). */
    public List<Module> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }

    @Override
    public int[] inputShape() {
        if (inputShape != null) {
            return inputShape.clone();
        }
        return layers.isEmpty() ? null : layers.get(0).inputShape();
    }

    /** The output shape (with batch axis 1) after each layer for one zero sample of {@code shape}. */
    private List<int[]> traceShapes(int[] shape) {
        List<int[]> out = new ArrayList<>();
        DType dt = dtype() != null ? dtype() : DType.F32;
        probe(() -> {
            Tensor x = Tensor.zeros(dt, Functional.batchOf1(shape));
            for (Module m : layers) {
                x = m.forward(x);
                out.add(x.shape());
            }
            return x;
        });
        return out;
    }

    /** The Keras table; output shapes are shown when the input shape is known (declared or from the first layer). */
    @Override
    public String summary() {
        int[] s = inputShape();
        return s == null ? super.summary() : summary(s);
    }

    /** The Keras table for samples of {@code inputShape} (no batch axis). */
    public String summary(int... inputShape) {
        List<int[]> shapes = traceShapes(inputShape);
        List<Summary.Row> rows = new ArrayList<>();
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            rows.add(new Summary.Row(Summary.layerName(m, counters), m, Functional.kerasShape(shapes.get(i))));
        }
        return Summary.format(this, rows);
    }
}
