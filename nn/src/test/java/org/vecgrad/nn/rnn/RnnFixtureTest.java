package org.vecgrad.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.optim.GradClip;

/**
 * The recurrent layers and cells against PyTorch 1.13 on the fixtures of {@code nn/src/test/fixtures/
 * make_rnn_fixtures.py} (F64): weights loaded by their PyTorch names, then outputs, final states and the gradients
 * of input, initial states and every parameter, each within 1e-10·max(1, |PyTorch's|). The gate layouts show here:
 * a weight loaded into the wrong block would change every number.
 */
class RnnFixtureTest {

    static SafeTensors.Contents load(String name) throws IOException {
        try (InputStream in = RnnFixtureTest.class.getResourceAsStream(name + ".safetensors")) {
            assertNotNull(in, "fixture " + name + " (regenerate with nn/src/test/fixtures/make_rnn_fixtures.py)");
            return SafeTensors.fromBytes(in.readAllBytes());
        }
    }

    static void close(String what, NdArray expected, Tensor actual) {
        assertNotNull(actual, what + " is missing");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        for (int i = 0; i < expected.size(); i++) {
            double b = expected.getFlat(i);
            double a = actual.data().getFlat(i);
            assertTrue(Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)),
                    what + "[" + i + "]: " + a + " vs PyTorch's " + b);
        }
    }

    /** The module's parameters, loaded from the fixture by name (F64). */
    static void loadWeights(Module m, Map<String, NdArray> t) {
        m.to(DType.F64);
        Map<String, NdArray> state = new LinkedHashMap<>();
        for (String k : m.stateDict().keySet()) {
            state.put(k, t.get(k));
        }
        m.loadStateDict(state);
    }

    static Tensor leaf(Map<String, NdArray> t, String name) {
        NdArray a = t.get(name);
        return a == null ? null : Tensor.of(a.copy(), true);
    }

    static int[] ints(NdArray a) {
        if (a == null) {
            return null;
        }
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) a.getFlat(i);
        }
        return r;
    }

    static RNNBase layer(Map<String, String> meta) {
        int in = Integer.parseInt(meta.get("input_size"));
        int h = Integer.parseInt(meta.get("hidden_size"));
        int l = Integer.parseInt(meta.get("num_layers"));
        boolean bi = Boolean.parseBoolean(meta.get("bidirectional").toLowerCase());
        boolean bf = Boolean.parseBoolean(meta.get("batch_first").toLowerCase());
        return switch (meta.get("layer")) {
            case "RNN" -> new RNN(in, h, l, meta.get("nonlinearity"), true, bf, 0, bi, 1);
            case "LSTM" -> new LSTM(in, h, l, true, bf, 0, bi, 1);
            default -> new GRU(in, h, l, true, bf, 0, bi, 1);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "rnn_relu_2layer_bidir", "lstm_2layer_bidir_batchfirst", "lstm_lengths_bidir",
        "lstm_clip", "gru_2layer_bidir_lengths", "gru_batchfirst"})
    void layerMatchesPyTorch(String name) throws IOException {
        SafeTensors.Contents c = load(name);
        Map<String, NdArray> t = c.tensors();
        RNNBase m = layer(c.metadata());
        loadWeights(m, t);
        Tensor x = leaf(t, "input");
        Tensor h0 = leaf(t, "h0");
        Tensor c0 = leaf(t, "c0");
        RNNBase.Result r = m.run(x, h0, c0, ints(t.get("lengths")));
        close(name + " output", t.get("output"), r.output());
        close(name + " h_n", t.get("h_n"), r.hN());
        Tensor loss = r.output().mul(Tensor.of(t.get("dout"))).sum().add(r.hN().mul(Tensor.of(t.get("dh"))).sum());
        if (t.containsKey("c_n")) {
            close(name + " c_n", t.get("c_n"), r.cN());
            loss = loss.add(r.cN().mul(Tensor.of(t.get("dc"))).sum());
        }
        loss.backward();
        close(name + " grad input", t.get("grad.input"), x.grad());
        if (h0 != null) {
            close(name + " grad h0", t.get("grad.h0"), h0.grad());
        }
        if (c0 != null) {
            close(name + " grad c0", t.get("grad.c0"), c0.grad());
        }
        m.namedParameters().forEach((k, p) -> close(name + " grad " + k, t.get("grad." + k), p.grad()));
        if (c.metadata().containsKey("clip_max_norm")) {
            double total = GradClip.clipGradNorm(m.parameters(), Double.parseDouble(c.metadata().get("clip_max_norm")));
            double expected = Double.parseDouble(c.metadata().get("clip_total_norm"));
            assertEquals(expected, total, 1e-10 * expected, name + " total norm");
            m.namedParameters().forEach((k, p) -> close(name + " clipped grad " + k, t.get("clipped." + k), p.grad()));
        }
    }

    @Test
    void cellsMatchPyTorch() throws IOException {
        for (String name : new String[] {"cell_rnn_relu", "cell_lstm", "cell_gru"}) {
            SafeTensors.Contents c = load(name);
            Map<String, NdArray> t = c.tensors();
            int in = Integer.parseInt(c.metadata().get("input_size"));
            int h = Integer.parseInt(c.metadata().get("hidden_size"));
            RNNCellBase m = switch (c.metadata().get("layer")) {
                case "RNNCell" -> new RNNCell(in, h, true, c.metadata().get("nonlinearity"), 1);
                case "LSTMCell" -> new LSTMCell(in, h, true, 1);
                default -> new GRUCell(in, h, true, 1);
            };
            loadWeights(m, t);
            Tensor x = leaf(t, "input");
            Tensor h0 = leaf(t, "h0");
            Tensor c0 = leaf(t, "c0");
            Tensor h1;
            Tensor loss;
            if (m instanceof LSTMCell lstm) {
                LSTMCell.State s = lstm.forward(x, h0, c0);
                h1 = s.h();
                close(name + " c'", t.get("c_n"), s.c());
                loss = s.c().mul(Tensor.of(t.get("dc"))).sum();
            } else {
                h1 = m instanceof GRUCell gru ? gru.forward(x, h0) : ((RNNCell) m).forward(x, h0);
                loss = Tensor.scalar(DType.F64, 0);
            }
            close(name + " h'", t.get("h_n"), h1);
            loss.add(h1.mul(Tensor.of(t.get("dh"))).sum()).backward();
            close(name + " grad input", t.get("grad.input"), x.grad());
            close(name + " grad h", t.get("grad.h0"), h0.grad());
            if (c0 != null) {
                close(name + " grad c", t.get("grad.c0"), c0.grad());
            }
            m.namedParameters().forEach((k, p) -> close(name + " grad " + k, t.get("grad." + k), p.grad()));
        }
    }
}
