package org.vecgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.nn.Padding;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.io.SafeTensors;

/**
 * Outputs, gradients and state of every convolutional operation and layer against PyTorch 1.13's, F64, from the
 * fixtures {@code nn/src/test/fixtures/make_conv_fixtures.py} wrote ({@code fixtures/conv.safetensors}): each value
 * within 1e-10·max(1, |PyTorch's|). Layers are built with the same arguments, load PyTorch's state dict (so its key
 * names must be exactly the layer's), run one training step and (where it differs) one evaluation step.
 */
class ConvFixturesTest {
    private static final double TOL = 1e-10;
    private static SafeTensors.Contents fixtures;

    static synchronized SafeTensors.Contents fixtures() throws IOException {
        if (fixtures == null) {
            try (InputStream in = ConvFixturesTest.class.getResourceAsStream("/org/vecgrad/nn/fixtures/conv.safetensors")) {
                if (in == null) {
                    throw new IllegalStateException("fixtures/conv.safetensors is missing: run /usr/bin/python3"
                            + " nn/src/test/fixtures/make_conv_fixtures.py");
                }
                fixtures = SafeTensors.fromBytes(in.readAllBytes());
            }
        }
        return fixtures;
    }

    static Stream<String> opCases() throws IOException {
        return fixtures().metadata().entrySet().stream().filter(e -> e.getValue().startsWith("op=")).map(Map.Entry::getKey);
    }

    static Stream<String> layerCases() throws IOException {
        return fixtures().metadata().entrySet().stream().filter(e -> e.getValue().startsWith("layer="))
                .map(Map.Entry::getKey);
    }

    /** "k=v;k=v" → map. */
    static Map<String, String> args(String c) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : fixtures().metadata().get(c).split(";")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    static int[] ints(String v) {
        return Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static NdArray get(String name) throws IOException {
        NdArray a = fixtures().tensors().get(name);
        if (a == null) {
            throw new IllegalStateException("fixture tensor '" + name + "' is missing");
        }
        return a.copy();
    }

    static void assertMatches(NdArray want, NdArray got, String what) {
        assertTrue(Arrays.equals(want.shape(), got.shape()), what + ": shape " + Shapes.str(got.shape())
                + ", PyTorch's " + Shapes.str(want.shape()));
        if (want.dtype() == DType.I64) {                      // a counter (num_batches_tracked): exact, as PyTorch's
            assertEquals(want, got, what);
            return;
        }
        assertEquals(DType.F64, got.dtype(), what);
        for (int i = 0; i < want.size(); i++) {
            double b = want.getFlat(i);
            double a = got.getFlat(i);
            assertTrue(Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b)), what + "[" + i + "]: " + a + ", PyTorch "
                    + b + " (difference " + (a - b) + ")");
        }
    }

    // ================================================================================================ operations

    @ParameterizedTest(name = "{0}")
    @MethodSource("opCases")
    void operationMatchesPyTorch(String c) throws IOException {
        Map<String, String> a = args(c);
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String name : a.get("inputs").split(",")) {
            in.put(name, Tensor.of(get(c + "." + name), true));
        }
        NdArray[] running = new NdArray[2];
        Tensor y = apply(c, a, in, running);
        assertMatches(get(c + ".y"), y.data(), c + " y");
        y.backward(Tensor.of(get(c + ".gy")));
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            assertMatches(get(c + ".grad." + e.getKey()), e.getValue().grad().data(), c + " grad " + e.getKey());
        }
        if (running[0] != null) {
            assertMatches(get(c + ".running_mean_after"), running[0], c + " running_mean");
            assertMatches(get(c + ".running_var_after"), running[1], c + " running_var");
        }
    }

    private static Tensor apply(String c, Map<String, String> a, Map<String, Tensor> in, NdArray[] running)
            throws IOException {
        Tensor x = in.get("x");
        Tensor w = in.get("weight");
        Tensor b = in.get("bias");
        String op = a.get("op");
        return switch (op) {
            case "conv2d" -> {
                int[] p = a.get("padding").equals("same") ? null : ints(a.get("padding"));
                yield NnOps.conv2d(x, w, b, ints(a.get("stride")), p == null ? Padding.SAME
                        : Padding.sides(p[0], p[1], p[2], p[3]), ints(a.get("dilation")), ints(a.get("groups"))[0]);
            }
            case "conv1d" -> NnOps.conv1d(x, w, b, ints(a.get("stride"))[0], a.get("padding").equals("same")
                    ? Padding.SAME : Padding.of(ints(a.get("padding"))[0]), ints(a.get("dilation"))[0],
                    ints(a.get("groups"))[0]);
            case "conv_transpose2d" -> NnOps.convTranspose2d(x, w, b, ints(a.get("stride")), ints(a.get("padding")),
                    ints(a.get("output_padding")), ints(a.get("groups"))[0], ints(a.get("dilation")));
            case "max_pool2d" -> NnOps.maxPool2d(x, ints(a.get("kernel")), ints(a.get("stride")),
                    ints(a.get("padding")), ints(a.get("dilation")), a.get("ceil").equals("1"));
            case "max_pool1d" -> NnOps.maxPool1d(x, ints(a.get("kernel"))[0], ints(a.get("stride"))[0],
                    ints(a.get("padding"))[0], ints(a.get("dilation"))[0], a.get("ceil").equals("1"));
            case "avg_pool2d" -> NnOps.avgPool2d(x, ints(a.get("kernel")), ints(a.get("stride")),
                    ints(a.get("padding")), a.get("ceil").equals("1"), a.get("count_include_pad").equals("1"));
            case "adaptive_avg_pool2d" -> NnOps.adaptiveAvgPool2d(x, ints(a.get("out"))[0], ints(a.get("out"))[1]);
            case "batch_norm" -> {
                running[0] = get(c + ".running_mean");
                running[1] = get(c + ".running_var");
                yield NnOps.batchNorm(x, running[0], running[1], w, b, a.get("training").equals("1"),
                        Double.parseDouble(a.get("momentum")), Double.parseDouble(a.get("eps")));
            }
            case "layer_norm" -> NnOps.layerNorm(x, ints(a.get("normalized_shape")), w, b,
                    Double.parseDouble(a.get("eps")));
            case "group_norm" -> NnOps.groupNorm(x, ints(a.get("groups"))[0], w, b, Double.parseDouble(a.get("eps")));
            default -> throw new IllegalStateException("fixture case " + c + ": unknown op " + op);
        };
    }

    // ================================================================================================ layers

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerCases")
    void layerMatchesPyTorch(String c) throws IOException {
        Map<String, String> a = args(c);
        Module m = layer(a).to(DType.F64);
        List<String> keys = a.get("keys").isEmpty() ? List.of() : List.of(a.get("keys").split(","));
        assertEquals(keys, new ArrayList<>(m.stateDict().keySet()), c + ": state-dict names and order");
        Map<String, NdArray> state = new LinkedHashMap<>();
        for (String k : keys) {
            state.put(k, get(c + ".state." + k));
        }
        m.loadStateDict(state);
        m.train();
        Tensor x = Tensor.of(get(c + ".x"), true);
        Tensor y = m.forward(x);
        assertMatches(get(c + ".y"), y.data(), c + " y");
        y.backward(Tensor.of(get(c + ".gy")));
        assertMatches(get(c + ".grad.x"), x.grad().data(), c + " grad x");
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            assertMatches(get(c + ".grad." + e.getKey()), e.getValue().grad().data(), c + " grad " + e.getKey());
        }
        m.stateDict().forEach((k, v) -> {
            try {
                assertMatches(get(c + ".after." + k), v, c + " state after the step: " + k);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        if (fixtures().tensors().containsKey(c + ".x_eval")) {
            m.eval();
            Map<String, NdArray> before = m.stateDict();
            assertMatches(get(c + ".y_eval"), m.forward(Tensor.of(get(c + ".x_eval"))).data(), c + " eval y");
            assertEquals(before, m.stateDict(), c + ": evaluation mode changed the state");
        }
    }

    private static Module layer(Map<String, String> a) {
        int k = a.containsKey("kernel") ? ints(a.get("kernel"))[0] : 0;
        int s = a.containsKey("stride") ? ints(a.get("stride"))[0] : k;
        int p = a.containsKey("padding") ? ints(a.get("padding"))[0] : 0;
        return switch (a.get("layer")) {
            case "Conv2d" -> {
                var b = Conv2d.builder(ints(a.get("in"))[0], ints(a.get("out"))[0], k).padding(p);
                if (a.containsKey("stride")) {
                    b.stride(s);
                }
                if (a.containsKey("groups")) {
                    b.groups(ints(a.get("groups"))[0]);
                }
                if (a.containsKey("bias")) {
                    b.bias(a.get("bias").equals("1"));
                }
                yield b.build();
            }
            case "Conv1d" -> Conv1d.builder(ints(a.get("in"))[0], ints(a.get("out"))[0], k).padding(p)
                    .dilation(ints(a.get("dilation"))[0]).build();
            case "ConvTranspose2d" -> ConvTranspose2d.builder(ints(a.get("in"))[0], ints(a.get("out"))[0], k)
                    .stride(s).padding(p).outputPadding(ints(a.get("output_padding"))[0]).build();
            case "MaxPool2d" -> new MaxPool2d(k);
            case "MaxPool1d" -> new MaxPool1d(k, s, p, 1, false);
            case "AvgPool2d" -> new AvgPool2d(k, s, p);
            case "AdaptiveAvgPool2d" -> new AdaptiveAvgPool2d(ints(a.get("out"))[0]);
            case "BatchNorm2d" -> new BatchNorm2d(ints(a.get("features"))[0]);
            case "BatchNorm1d" -> new BatchNorm1d(ints(a.get("features"))[0]);
            case "LayerNorm" -> new LayerNorm(ints(a.get("shape")));
            case "GroupNorm" -> new GroupNorm(ints(a.get("groups"))[0], ints(a.get("channels"))[0]);
            case "TinyInception" -> new TinyInception();
            default -> throw new IllegalStateException("unknown fixture layer " + a.get("layer"));
        };
    }

    /** The fixture script's TinyInception, attribute for attribute (so the state-dict names agree). */
    static final class TinyInception extends Module {
        final Sequential stem = register("stem", new Sequential(Conv2d.builder(1, 4, 3).padding(1).build(),
                new BatchNorm2d(4), new ReLU(), new MaxPool2d(2)));
        final Conv2d b1 = register("b1", new Conv2d(4, 2, 1));
        final Sequential b2 = register("b2", new Sequential(new Conv2d(4, 2, 1), new ReLU(),
                Conv2d.builder(2, 3, 3).padding(1).build()));
        final Sequential b3 = register("b3", new Sequential(new MaxPool2d(3, 1, 1), new Conv2d(4, 2, 1)));
        final AdaptiveAvgPool2d pool = register("pool", new AdaptiveAvgPool2d(1));
        final Linear fc = register("fc", new Linear(7, 3));

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = stem.forward(x);
            h = NnOps.cat(1, b1.forward(h), b2.forward(h), b3.forward(h)).relu();
            return fc.forward(NnOps.flatten(pool.forward(h), 1, -1));
        }
    }
}
