package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Linear;

class SummaryTest {
    static final Pattern ROW = Pattern.compile("^ (\\S+) \\((\\w+)\\)\\s+(\\(.*?\\)|\\[.*?]|\\?)\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);

    record Row(String name, String type, String shape, long params) {
    }

    static List<Row> rows(String summary) {
        List<Row> out = new ArrayList<>();
        Matcher m = ROW.matcher(summary);
        while (m.find()) {
            out.add(new Row(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
        }
        return out;
    }

    static long total(String summary, String what) {
        Matcher m = Pattern.compile("^" + what + " params: (\\d+)$", Pattern.MULTILINE).matcher(summary);
        assertTrue(m.find(), what + " in\n" + summary);
        return Long.parseLong(m.group(1));
    }

    @Test
    void kerasExampleDense3Dense2Dense2Has26Parameters() {
        Sequential model = new Sequential(
                Dense.builder(3).activation("relu").inputDim(3).build(),
                new Dense(2, "relu"),
                new Dense(2, "sigmoid"));
        model.inputShape(3);
        String s = model.summary();
        System.out.print(s);
        assertEquals(List.of(
                new Row("dense", "Dense", "(None, 3)", 12),
                new Row("dense_1", "Dense", "(None, 2)", 8),
                new Row("dense_2", "Dense", "(None, 2)", 6)), rows(s));
        assertEquals(26, total(s, "Total"));
        assertEquals(26, total(s, "Trainable"));
        assertEquals(0, total(s, "Non-trainable"));
        for (int[] io : new int[][] {{3, 3}, {3, 2}, {2, 2}}) {
            assertEquals((io[0] + 1) * io[1], Dense.builder(io[1]).inputDim(io[0]).build().numParameters(),
                    "(inputs + 1)·outputs");
        }
        assertTrue(s.startsWith("Model: \"sequential\"\n"), s);
    }

    @Test
    void longLayerNamesWidenTheColumnsAndKeepThemAligned() {
        Sequential model = new Sequential(
                Dense.builder(4).inputDim(3).build().name("a_layer_name_far_longer_than_keras_column"),
                new Dense(2));
        model.inputShape(3);
        String s = model.summary();
        List<String> table = s.lines().filter(l -> l.startsWith(" ")).toList();
        assertEquals(3, table.size(), s);
        int shape = table.get(0).indexOf("Output Shape");
        int params = table.get(0).indexOf("Param #");
        for (String row : table.subList(1, table.size())) {
            assertEquals(shape, row.indexOf("(None"), "shape column aligned:\n" + s);
            assertTrue(row.charAt(params - 1) == ' ' && Character.isDigit(row.charAt(params)),
                    "parameter column aligned:\n" + s);
        }
        int rule = s.lines().filter(l -> l.startsWith("=")).findFirst().orElseThrow().length();
        assertTrue(rule >= table.stream().mapToInt(String::length).max().orElseThrow(), "rules span the rows:\n" + s);
    }

    @Test
    void frozenLayersCountAsNonTrainable() {
        Sequential model = new Sequential(new Linear(4, 5, true, 1), new Linear(5, 2, true, 2));
        model.get(0).requiresGrad(false);
        String s = model.summary();
        assertEquals(37, total(s, "Total"));
        assertEquals(12, total(s, "Trainable"));
        assertEquals(25, total(s, "Non-trainable"));
        assertEquals("(None, 5)", rows(s).get(0).shape(), "shape from Linear's in_features");
    }

    @Test
    void functionalModelSummaryListsInputsAndSharedLayersOnce() {
        SymbolicTensor a = Input.of("a", 4);
        SymbolicTensor b = Input.of("b", 3);
        Dense shared = new Dense(5, "relu");
        SymbolicTensor ha = shared.call(a);
        SymbolicTensor hb = shared.call(new Dense(4).call(b));
        SymbolicTensor h = new Concatenate().call(ha, hb);
        Model m = new Model(new java.util.LinkedHashMap<>(Map.of("a", a)) {
            {
                put("b", b);
            }
        }, Map.of("score", new Dense(1, "sigmoid").call(h)));
        String s = m.summary();
        System.out.print(s);
        List<Row> r = rows(s);
        assertEquals(List.of("a", "b"), r.subList(0, 2).stream().map(Row::name).toList());
        assertEquals("[(None, 4)]", r.get(0).shape());
        assertEquals(List.of("a", "b", "dense", "dense_1", "concatenate", "dense_2"),
                r.stream().map(Row::name).toList(), "the shared layer listed once");
        long sum = r.stream().mapToLong(Row::params).sum();
        assertEquals((4 + 1) * 5 + (3 + 1) * 4 + (10 + 1) * 1, sum, "the shared Dense counted once");
        assertEquals(sum, total(s, "Total"));
        assertEquals(sum, m.numParameters());
        Tensor out = m.forward(Map.of("a", Tensor.zeros(DType.F32, 2, 4), "b", Tensor.zeros(DType.F32, 2, 3)))
                .get("score");
        assertArrayEquals(new int[] {2, 1}, out.shape());
        var e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Map.of("a", Tensor.zeros(DType.F32, 2, 5), "b", Tensor.zeros(DType.F32, 2, 3))));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void functionalModelRejectsUndeclaredInputs() {
        SymbolicTensor a = Input.of("a", 2);
        SymbolicTensor stray = Input.of("stray", 2);
        SymbolicTensor y = new Concatenate().call(new Dense(2).call(a), stray);
        var e = assertThrows(IllegalArgumentException.class, () -> Model.of(a, y));
        assertTrue(e.getMessage().contains("stray"), e.getMessage());
    }

    @Test
    void plainModulesShowUnknownShapes() {
        ModuleTest.Net net = new ModuleTest.Net();
        String s = net.summary();
        assertEquals("?", rows(s).get(0).shape());
        assertEquals(net.numParameters(), total(s, "Total"));
    }
}
