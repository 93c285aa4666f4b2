package org.vecgrad.onnx.export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How {@link OnnxExporter} names and shapes a model's graph (PyTorch's {@code input_names}, {@code output_names}
 * and {@code dynamic_axes}). Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * ExportOptions.defaults()                                   // "input" → "output", axis 0 dynamic ("batch")
 *         .inputNames("pixels").outputNames("logits")
 *         .dynamicAxes(Map.of(0, "batch", 1, "time"));       // a batch-first sequence of any length
 * }</pre>
 *
 * A functional {@link org.vecgrad.nn.Model} keeps its own input and output names; the names here are for every
 * other module (one input, one output). The dynamic axes apply to every input: an axis listed here is written as a
 * named dimension ({@code dim_param}) and may have any size at run time; the others are fixed to the sample
 * shape. Output axes whose size follows a dynamic input axis are named after it.
 */
public final class ExportOptions {
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final Map<Integer, String> dynamicAxes;
    private final String graphName;

    private ExportOptions(List<String> inputNames, List<String> outputNames, Map<Integer, String> dynamicAxes,
                          String graphName) {
        this.inputNames = inputNames;
        this.outputNames = outputNames;
        this.dynamicAxes = dynamicAxes;
        this.graphName = graphName;
    }

    /** Input "input", output "output", axis 0 dynamic and named "batch", the graph named after the model's class. */
    public static ExportOptions defaults() {
        return new ExportOptions(List.of("input"), List.of("output"), Map.of(0, "batch"), null);
    }

    /** The graph input's name (a module of one input; a functional Model keeps its own). */
    public ExportOptions inputNames(String... names) {
        return new ExportOptions(names(names, "input"), outputNames, dynamicAxes, graphName);
    }

    /** The graph output's name (a module of one output; a functional Model keeps its own). */
    public ExportOptions outputNames(String... names) {
        return new ExportOptions(inputNames, names(names, "output"), dynamicAxes, graphName);
    }

    /**
     * Input axis → dimension name for the axes that may change size at run time (default {0: "batch"}); an empty
     * map fixes every axis to the sample shape.
     */
    public ExportOptions dynamicAxes(Map<Integer, String> axes) {
        Objects.requireNonNull(axes, "axes");
        Map<Integer, String> copy = new TreeMap<>();
        axes.forEach((a, n) -> {
            if (a == null || a < 0 || n == null || n.isEmpty()) {
                throw new IllegalArgumentException("ExportOptions.dynamicAxes: axis " + a + " → '" + n
                        + "': axes must be >= 0 and names non-empty");
            }
            copy.put(a, n);
        });
        return new ExportOptions(inputNames, outputNames, java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(copy)), graphName);
    }

    /** The GraphProto's name (default: the model's class name). */
    public ExportOptions graphName(String name) {
        return new ExportOptions(inputNames, outputNames, dynamicAxes, Objects.requireNonNull(name, "name"));
    }

    List<String> inputNames() {
        return inputNames;
    }

    List<String> outputNames() {
        return outputNames;
    }

    Map<Integer, String> dynamicAxes() {
        return dynamicAxes;
    }

    String graphName() {
        return graphName;
    }

    private static List<String> names(String[] names, String what) {
        Objects.requireNonNull(names, what + " names");
        if (names.length == 0 || Arrays.stream(names).anyMatch(n -> n == null || n.isEmpty())
                || Arrays.stream(names).distinct().count() != names.length) {
            throw new IllegalArgumentException("ExportOptions: " + what + " names " + Arrays.toString(names)
                    + " must be non-empty and distinct");
        }
        return List.of(names);
    }

    @Override
    public String toString() {
        return "ExportOptions(inputs " + inputNames + ", outputs " + outputNames + ", dynamic axes " + dynamicAxes
                + (graphName != null ? ", graph '" + graphName + "'" : "") + ")";
    }
}
