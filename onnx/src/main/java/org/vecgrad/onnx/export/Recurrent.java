package org.vecgrad.onnx.export;

import java.util.ArrayList;
import java.util.List;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.rnn.GRU;
import org.vecgrad.nn.rnn.LSTM;
import org.vecgrad.nn.rnn.RNN;
import org.vecgrad.nn.rnn.RNNBase;
import org.vecgrad.onnx.OnnxUnsupportedException;
import org.vecgrad.onnx.export.OnnxGraph.Attr;

/**
 * vecgrad's (PyTorch's) LSTM, GRU and RNN layers as ONNX LSTM, GRU and RNN nodes, one node per layer of the stack
 * (both directions in one node). What differs between the two conventions, and is converted here:
 * <ul>
 *   <li>Gate order. PyTorch stacks an LSTM's gate rows as i, f, g, o and ONNX as i, o, f, c (c is PyTorch's g);
 *       a GRU's as r, z, n and ONNX as z, r, h. The weight and bias rows are permuted blockwise.</li>
 *   <li>GRU's candidate: PyTorch applies the reset gate after the recurrent product, n = tanh(W_in·x + b_in +
 *       r ⊙ (W_hn·h + b_hn)), which is ONNX's {@code linear_before_reset = 1}.</li>
 *   <li>Tensors: W [D, G·H, in], R [D, G·H, H] and B [D, 2·G·H] (input biases, then recurrent ones) stack the
 *       directions (forward first, as PyTorch's {@code _reverse} parameters come second); no bias means no B
 *       (ONNX's default is zeros).</li>
 *   <li>Layout: ONNX's output Y is [T, D, B, H]; PyTorch's is [T, B, D·H], so Y is transposed to [T, B, D, H] and
 *       reshaped (a single direction just squeezes axis 1). batch_first inputs and outputs are transposed
 *       [B, T, …] ↔ [T, B, …] around the stack.</li>
 * </ul>
 * Initial states are zeros (the layer's {@code forward(x)}), so the optional initial_h and initial_c inputs and the
 * final-state outputs are not used. Dropout between layers is a training-time operation and is left out.
 */
final class Recurrent {
    private Recurrent() {
    }

    static String emit(Emitter e, String path, Emitter.Val x, RNNBase r) throws OnnxUnsupportedException {
        if (x.rank() != 3) {
            throw Emitter.unsupported(path, r, "needs a rank-3 input, got rank " + x.rank());
        }
        String op;
        int[] gateOrder;                                  // ONNX's gate k is PyTorch's gate gateOrder[k]
        List<Attr> attrs = new ArrayList<>();
        switch (r) {
            case LSTM l -> {
                op = "LSTM";
                gateOrder = new int[] {0, 3, 1, 2};       // i, o, f, c  ←  i, f, g, o
            }
            case GRU gr -> {
                op = "GRU";
                gateOrder = new int[] {1, 0, 2};          // z, r, h  ←  r, z, n
                attrs.add(Attr.i("linear_before_reset", 1));
            }
            case RNN rn -> {
                op = "RNN";
                gateOrder = new int[] {0};
                String act = rn.nonlinearity().equals("relu") ? "Relu" : "Tanh";
                attrs.add(r.bidirectional() ? Attr.strings("activations", act, act) : Attr.strings("activations",
                        act));
            }
            default -> throw Emitter.unsupported(path, r, "no ONNX mapping");
        }
        int h = r.hiddenSize();
        int dirs = r.bidirectional() ? 2 : 1;
        attrs.add(Attr.i("hidden_size", h));
        attrs.add(Attr.s("direction", r.bidirectional() ? "bidirectional" : "forward"));
        String seq = r.batchFirst() ? e.op("Transpose", path, x.name(), Attr.ints("perm", 1, 0, 2)) : x.name();
        var p = r.localParameters();
        for (int l = 0; l < r.numLayers(); l++) {
            NdArray[] w = new NdArray[dirs];
            NdArray[] rr = new NdArray[dirs];
            NdArray[] b = new NdArray[dirs];
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                w[d] = unsqueeze(reorder(p.get("weight_ih" + sfx).data(), gateOrder, h));
                rr[d] = unsqueeze(reorder(p.get("weight_hh" + sfx).data(), gateOrder, h));
                if (r.bias()) {
                    b[d] = unsqueeze(NdArray.concat(0, reorder(p.get("bias_ih" + sfx).data(), gateOrder, h),
                            reorder(p.get("bias_hh" + sfx).data(), gateOrder, h)));
                }
            }
            String lp = path + "/l" + l;
            List<String> in = new ArrayList<>(List.of(seq, e.array(lp + "/W", NdArray.concat(0, w)),
                    e.array(lp + "/R", NdArray.concat(0, rr))));
            if (r.bias()) {
                in.add(e.array(lp + "/B", NdArray.concat(0, b)));
            }
            String y = e.op(op, lp, in, attrs.toArray(Attr[]::new));       // [T, D, B, H]
            seq = dirs == 1 ? e.op("Squeeze", lp, List.of(y, e.longs(lp + "/axes", 1)))
                    : e.op("Reshape", lp, List.of(e.op("Transpose", lp, y, Attr.ints("perm", 0, 2, 1, 3)),
                    e.longs(lp + "/shape", 0, 0, -1)));
        }
        return r.batchFirst() ? e.op("Transpose", path, seq, Attr.ints("perm", 1, 0, 2)) : seq;
    }

    /** The gate blocks of {@code w} ([G·H, …] or [G·H]) in ONNX's order. */
    private static NdArray reorder(NdArray w, int[] order, int h) {
        NdArray[] blocks = new NdArray[order.length];
        for (int k = 0; k < order.length; k++) {
            blocks[k] = w.rows(order[k] * h, (order[k] + 1) * h);
        }
        return NdArray.concat(0, blocks);
    }

    private static NdArray unsqueeze(NdArray a) {
        int[] s = new int[a.rank() + 1];
        s[0] = 1;
        System.arraycopy(a.shape(), 0, s, 1, a.rank());
        return a.copy().reshape(s);
    }
}
