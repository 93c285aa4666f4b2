package org.vecgrad.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradCheck;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The fused layers against loops of the cells (the reference written with ordinary tensor operations) on random
 * shapes, gradcheck of whole layers through functionalCall, names and init, dropout between layers, bad input.
 */
class RnnLayerTest {

    /** One direction of one layer as a loop of {@code cell}, with lengths emulated by masks (F64). */
    private static Tensor[] cellLoop(RNNCellBase cell, Tensor x, Tensor h0, Tensor c0, int[] lengths,
            boolean reverse) {
        int T = x.shape(0);
        int B = x.shape(1);
        int H = cell.hiddenSize();
        Tensor h = h0;
        Tensor c = c0;
        Tensor[] ys = new Tensor[T];
        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            NdArray m = NdArray.zeros(DType.F64, B, 1);
            for (int b = 0; b < B; b++) {
                m.setFlat(b, lengths == null || t < lengths[b] ? 1 : 0);
            }
            Tensor mask = Tensor.of(m);
            Tensor keep = mask.rsub(1);
            Tensor xt = x.narrow(0, t, 1).reshape(B, x.shape(2));
            Tensor hNew;
            if (cell instanceof LSTMCell lstm) {
                LSTMCell.State st = lstm.forward(xt, h, c);
                hNew = st.h();
                c = st.c().mul(mask).add(c.mul(keep));
            } else {
                hNew = cell instanceof GRUCell gru ? gru.forward(xt, h) : ((RNNCell) cell).forward(xt, h);
            }
            ys[t] = hNew.mul(mask).reshape(1, B, H);
            h = hNew.mul(mask).add(h.mul(keep));
        }
        return new Tensor[] {Tensor.concat(0, ys), h, c};
    }

    /** A cell holding the layer's parameters of one layer and direction (same tensors). */
    private static RNNCellBase cellOf(RNNBase layer, String kind, int in, int H, String sfx) {
        RNNCellBase cell = switch (kind) {
            case "lstm" -> new LSTMCell(in, H, true, 0);
            case "gru" -> new GRUCell(in, H, true, 0);
            default -> new RNNCell(in, H, true, kind, 0);
        };
        cell.to(DType.F64);
        Map<String, NdArray> s = new LinkedHashMap<>();
        for (String n : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
            s.put(n, layer.namedParameters().get(n + sfx).data());
        }
        cell.loadStateDict(s);
        return cell;
    }

    @Test
    void fusedLayersEqualLoopsOfTheirCells() {
        SplittableRandom rng = new SplittableRandom(18);
        for (String kind : new String[] {"tanh", "relu", "lstm", "gru"}) {
            for (int trial = 0; trial < 3; trial++) {
                int T = 1 + rng.nextInt(5);
                int B = 1 + rng.nextInt(4);
                int I = 1 + rng.nextInt(5);
                int H = 1 + rng.nextInt(5);
                int L = 1 + rng.nextInt(2);
                RNNBase layer = switch (kind) {
                    case "lstm" -> new LSTM(I, H, L, true, false, 0, true, trial);
                    case "gru" -> new GRU(I, H, L, true, false, 0, true, trial);
                    default -> new RNN(I, H, L, kind, true, false, 0, true, trial);
                };
                layer.to(DType.F64);
                int[] lengths = new int[B];
                for (int b = 0; b < B; b++) {
                    lengths[b] = 1 + rng.nextInt(T);
                }
                Tensor x = Tensor.randn(DType.F64, rng, T, B, I);
                Tensor h0 = Tensor.randn(DType.F64, rng, 2 * L, B, H);
                Tensor c0 = kind.equals("lstm") ? Tensor.randn(DType.F64, rng, 2 * L, B, H) : null;
                RNNBase.Result fused = layer.run(x, h0, c0, lengths);
                Tensor in = x;
                for (int l = 0; l < L; l++) {
                    Tensor[] outs = new Tensor[2];
                    for (int d = 0; d < 2; d++) {
                        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                        int idx = 2 * l + d;
                        RNNCellBase cell = cellOf(layer, kind, in.shape(2), H, sfx);
                        Tensor[] ref = cellLoop(cell, in, h0.narrow(0, idx, 1).squeeze(0),
                                c0 == null ? null : c0.narrow(0, idx, 1).squeeze(0), lengths, d == 1);
                        outs[d] = ref[0];
                        String what = kind + " T=" + T + " B=" + B + " I=" + I + " H=" + H + " L=" + L + " " + sfx;
                        assertTrue(ref[1].data().allClose(fused.hN().data().row(idx), 1e-12, 1e-12, false),
                                what + " h_n");
                        if (c0 != null) {
                            assertTrue(ref[2].data().allClose(fused.cN().data().row(idx), 1e-12, 1e-12, false),
                                    what + " c_n");
                        }
                    }
                    in = Tensor.concat(2, outs);
                }
                assertTrue(in.data().allClose(fused.output().data(), 1e-12, 1e-12, false), kind + " output");
            }
        }
    }

    @Test
    void gradcheckWholeLayersThroughFunctionalCall() {
        check("LSTM 2 layers bidirectional batch_first", new LSTM(3, 2, 2, true, true, 0, true, 1), 2, 3, 3);
        check("GRU 2 layers", new GRU(2, 3, 2, true, false, 0, false, 2), 3, 2, 2);
        check("RNN relu bidirectional no bias", new RNN(2, 2, 1, "relu", false, false, 0, true, 3), 3, 2, 2);
    }

    private static void check(String what, RNNBase m, int... shape) {
        RnnHigherOrderTest.Setup s = RnnHigherOrderTest.setup(what, m, null, shape);
        GradCheck.Report r = GradCheck.check(s.f(), s.inputs());
        assertTrue(r.passed(), what + "\n" + r);
    }

    @Test
    void pyTorchNamesShapesAndInit() {
        LSTM m = new LSTM(3, 4, 2, true, false, 0, true, 5);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
                "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse", "weight_ih_l1", "weight_hh_l1",
                "bias_ih_l1", "bias_hh_l1", "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse",
                "bias_hh_l1_reverse"), new ArrayList<>(m.stateDict().keySet()));
        assertEquals(List.of(16, 8), List.of(m.stateDict().get("weight_ih_l1").shape(0),
                m.stateDict().get("weight_ih_l1").shape(1)));
        double k = 0.5;                                                   // 1/√4
        m.stateDict().forEach((n, a) -> {
            assertTrue(a.max() <= k && a.min() >= -k, n + " in ±1/√H");
            assertTrue(a.max() > 0.2 * k && a.min() < -0.2 * k, n + " spread over ±1/√H");
        });
        LSTM copy = new LSTM(3, 4, 2, true, false, 0, true, 6);
        copy.loadStateDict(m.stateDict());
        Tensor x = Tensor.randn(DType.F32, new SplittableRandom(1), 2, 3, 3);
        assertTrue(copy.forward(x).data().allClose(m.forward(x).data(), 0, 0, false), "state dict round trip");
    }

    @Test
    void dropoutActsBetweenLayersInTrainingOnly() {
        GRU m = new GRU(3, 8, 2, true, false, 0.5, false, 4);
        Tensor x = Tensor.randn(DType.F32, new SplittableRandom(2), 4, 2, 3);
        m.eval();
        NdArray a = m.forward(x).data();
        assertTrue(a.allClose(m.forward(x).data(), 0, 0, false), "eval: no dropout");
        m.train();
        assertFalse(a.allClose(m.forward(x).data(), 1e-6, 1e-6, false), "training: dropout between layers");
        GRU one = new GRU(3, 8, 1, true, false, 0.5, false, 4);
        assertTrue(one.forward(x).data().allClose(one.forward(x).data(), 0, 0, false), "one layer: no dropout");
    }

    @Test
    void badInputNamesTheLayerAndShapes() {
        LSTM m = new LSTM(3, 4, 2, true, true, 0, false, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(DType.F32, 2, 5, 2)));
        assertTrue(e.getMessage().contains("LSTM") && e.getMessage().contains("[batch, time, 3]")
                && e.getMessage().contains("[2, 5, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(DType.F32, 2, 5, 3), Tensor.zeros(DType.F32, 1, 2, 4), null));
        assertTrue(e.getMessage().contains("h0 must be [2, 2, 4]") && e.getMessage().contains("[1, 2, 4]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GRU(3, 4).forward(Tensor.zeros(DType.F32, 5, 2,
                3), null, new int[] {5, 0}));
        assertTrue(e.getMessage().contains("lengths[1] = 0") && e.getMessage().contains("1..5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4, 1, "gelu", true, false, 0, false, 1));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
    }
}
