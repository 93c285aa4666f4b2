package org.vecgrad.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * ONNX {@code LSTM}, {@code GRU} and {@code RNN} (opsets 11–20) on vecgrad's fused recurrent kernel
 * ({@link Recurrent}, the op behind nn's {@code LSTM}, {@code GRU} and {@code RNN}), run without gradients.
 *
 * <p>Mapping, done once at load when W, R and B are initializers (else on each run):
 * <ul>
 *   <li>Gate order: ONNX stacks LSTM gates i, o, f, c and GRU gates z, r, h; the kernel takes PyTorch's i, f, g, o
 *       and r, z, n. Each direction's row blocks of W [D, G·H, I], R [D, G·H, H] and B [D, 2·G·H] (Wb then Rb) are
 *       copied into that order.</li>
 *   <li>direction forward, reverse or bidirectional (the kernel runs each direction over the whole sequence);
 *       Y is [T, D, B, H], Y_h and Y_c [D, B, H]; with {@code layout} = 1 (opset 14+) X is [B, T, I], Y
 *       [B, T, D, H] and the states [B, D, H]. Any subset of the outputs may be used.</li>
 *   <li>sequence_lens: steps t ≥ len[b] are padding: Y is zero there, Y_h and Y_c are the states after step
 *       len[b] − 1, and the reverse direction starts at that step (each length in 1..T).</li>
 *   <li>Optional B (zero when absent), initial_h and initial_c (zero when absent).</li>
 *   <li>GRU needs linear_before_reset = 1 (what PyTorch exports: r multiplies R·h + Rb): that is the form the
 *       kernel computes; 0 is refused by name, as are non-default activations (RNN takes Tanh or Relu per
 *       direction), activation_alpha/beta, clip, LSTM's input_forget = 1 and peepholes (input P).</li>
 * </ul>
 * Bad shapes (W, R or B against hidden_size and the number of directions, X against input_size, states, lengths)
 * are refused naming the node, the shapes and the expected ones: at load for initializers, on the call otherwise.
 */
final class RecurrentOps {
    private RecurrentOps() {
    }

    /** The three operators: gate count, default activations, and PyTorch's gate blocks in ONNX's numbering. */
    private enum Kind {
        RNN(1, List.of("Tanh"), new int[] {0}),
        LSTM(4, List.of("Sigmoid", "Tanh", "Tanh"), new int[] {0, 2, 3, 1}),   // i, f, g, o from i, o, f, c
        GRU(3, List.of("Sigmoid", "Tanh"), new int[] {1, 0, 2});               // r, z, n from z, r, h

        final int gates;
        final List<String> activations;
        /** PyTorch's gate block k is ONNX's block {@code fromOnnx[k]}. */
        final int[] fromOnnx;

        Kind(int gates, List<String> activations, int[] fromOnnx) {
            this.gates = gates;
            this.activations = activations;
            this.fromOnnx = fromOnnx;
        }
    }

    static void register(Map<String, Ops.Factory> all) {
        for (Kind k : Kind.values()) {
            all.put(k.name(), n -> compile(n, k));
        }
    }

    private static final int X = 0, W = 1, R = 2, B = 3, LENS = 4, H0 = 5, C0 = 6, P = 7;

    /** Each direction's weights in PyTorch's gate order, as constant tensors for the kernel. */
    private record Weights(Tensor[] wIh, Tensor[] wHh, Tensor[] bIh, Tensor[] bHh, int inputSize, DType dtype) {
    }

    private static Ops.Kernel compile(Node n, Kind kind) throws OnnxFormatException {
        List<String> known = new ArrayList<>(List.of("activation_alpha", "activation_beta", "activations", "clip",
                "direction", "hidden_size"));
        if (kind == Kind.LSTM) {
            known.add("input_forget");
        }
        if (kind == Kind.GRU) {
            known.add("linear_before_reset");
        }
        if (n.opset >= 14) {
            known.add("layout");
        }
        n.only(known.toArray(new String[0]));
        int maxInputs = kind == Kind.LSTM ? 8 : 6;
        if (n.inputs().size() > maxInputs) {
            throw n.error(n.inputs().size() + " inputs; " + kind + " takes at most " + maxInputs);
        }
        if (!n.hasInput(X) || !n.hasInput(W) || !n.hasInput(R)) {
            throw n.error("inputs X, W and R are required; got " + n.inputs());
        }
        if (!n.has("hidden_size")) {
            throw n.error("the required attribute hidden_size is missing");
        }
        int hidden = n.i("hidden_size", 0, 1, Integer.MAX_VALUE / 8);
        String direction = n.s("direction", "forward");
        if (!List.of("forward", "reverse", "bidirectional").contains(direction)) {
            throw n.error("direction = '" + direction + "'; expected forward, reverse or bidirectional");
        }
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        int layout = n.i("layout", 0, 0, 1);
        Recurrent.Cell[] cells = cells(n, kind, dirs);
        for (String a : new String[] {"activation_alpha", "activation_beta"}) {
            if (n.has(a)) {
                throw unsupported(n, a + " = " + java.util.Arrays.toString(n.floats(a)), "it parametrizes "
                        + "activations other than the defaults");
            }
        }
        if (n.has("clip")) {
            throw unsupported(n, "clip = " + n.f("clip", 0), "the kernel does not clip the gates' inputs");
        }
        if (kind == Kind.LSTM && n.i("input_forget", 0) != 0) {
            throw unsupported(n, "input_forget = " + n.i("input_forget", 0), "coupled input and forget gates");
        }
        if (kind == Kind.GRU) {
            long lbr = n.i("linear_before_reset", 0);
            if (lbr == 0) {
                throw unsupported(n, "linear_before_reset = 0", "ONNX's default; the kernel computes PyTorch's GRU, "
                        + "h̃ = tanh(W·x + Wb + r ⊙ (R·h + Rb)), which is linear_before_reset = 1");
            }
            if (lbr != 1) {
                throw n.error("attribute linear_before_reset = " + lbr + " is outside 0..1");
            }
        }
        if (kind == Kind.LSTM && n.hasInput(P)) {
            throw unsupported(n, "input P (peepholes, '" + n.inputs().get(P) + "')", "the kernel has no peephole "
                    + "connections");
        }
        Weights fixed = null;
        if (n.constantInput(W) != null && n.constantInput(R) != null
                && (!n.hasInput(B) || n.constantInput(B) != null)) {
            try {
                fixed = weights(kind, direction, dirs, hidden, n.constantInput(W), n.constantInput(R),
                        n.constantInput(B));
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        Weights atLoad = fixed;
        boolean reverseOnly = direction.equals("reverse");
        return in -> {
            Weights w = atLoad != null ? atLoad
                    : weights(kind, direction, dirs, hidden, in[W], in[R], in.length > B ? in[B] : null);
            NdArray x = Ops.floats(in, X);
            String form = layout == 0 ? "[seq_length, batch_size, input_size]" : "[batch_size, seq_length, "
                    + "input_size] (layout = 1)";
            if (x.rank() != 3 || x.shape(2) != w.inputSize() || x.dtype() != w.dtype()) {
                throw new IllegalArgumentException("X must be " + w.dtype() + " " + form + " with input_size "
                        + w.inputSize() + " (from W); got " + x.dtype() + " " + Shapes.str(x.shape()));
            }
            NdArray seq = layout == 0 ? x : x.permute(1, 0, 2);
            int steps = seq.shape(0);
            int batch = seq.shape(1);
            int[] lens = lengths(in, steps, batch);
            NdArray h0 = state(in, H0, "initial_h", layout, dirs, batch, hidden, w.dtype());
            NdArray c0 = kind == Kind.LSTM ? state(in, C0, "initial_c", layout, dirs, batch, hidden, w.dtype())
                    : null;
            Tensor xs = Tensor.of(seq, false);
            NdArray[] ys = new NdArray[dirs];
            NdArray[] hs = new NdArray[dirs];
            NdArray[] cs = new NdArray[dirs];
            for (int d = 0; d < dirs; d++) {
                Recurrent.Result r = Recurrent.apply(cells[d], xs, h0 == null ? null : Tensor.of(h0.row(d), false),
                        c0 == null ? null : Tensor.of(c0.row(d), false), w.wIh()[d], w.wHh()[d], w.bIh()[d],
                        w.bHh()[d], lens, reverseOnly || d == 1);
                ys[d] = r.output().data().reshape(steps, 1, batch, hidden);
                hs[d] = r.hN().data().reshape(1, batch, hidden);
                cs[d] = r.cN() == null ? null : r.cN().data().reshape(1, batch, hidden);
            }
            NdArray y = dirs == 1 ? ys[0] : NdArray.concat(1, ys);             // [T, D, B, H]
            NdArray yh = dirs == 1 ? hs[0] : NdArray.concat(0, hs);            // [D, B, H]
            NdArray yc = kind != Kind.LSTM ? null : dirs == 1 ? cs[0] : NdArray.concat(0, cs);
            if (layout == 1) {
                y = y.permute(2, 0, 1, 3);
                yh = yh.permute(1, 0, 2);
                yc = yc == null ? null : yc.permute(1, 0, 2);
            }
            return yc == null ? new Value[] {new Value.Floats(y), new Value.Floats(yh)}
                    : new Value[] {new Value.Floats(y), new Value.Floats(yh), new Value.Floats(yc)};
        };
    }

    private static OnnxUnsupportedException unsupported(Node n, String what, String why) {
        return new OnnxUnsupportedException(n.where() + ": " + what + " is not supported (" + why + ")");
    }

    /** Each direction's recurrence from the activations attribute (absent: the defaults). */
    private static Recurrent.Cell[] cells(Node n, Kind kind, int dirs) throws OnnxFormatException {
        List<String> acts = n.strings("activations");
        int per = kind.activations.size();
        Recurrent.Cell[] cells = new Recurrent.Cell[dirs];
        if (acts != null && acts.size() != per && acts.size() != per * dirs) {
            throw n.error("activations " + acts + " has " + acts.size() + " entries; " + kind + " takes " + per
                    + " per direction (" + per * dirs + " for " + dirs + " direction" + (dirs > 1 ? "s" : "") + ")");
        }
        for (int d = 0; d < dirs; d++) {
            List<String> mine = acts == null ? kind.activations
                    : acts.size() == per ? acts : acts.subList(d * per, (d + 1) * per);
            if (kind == Kind.RNN && mine.get(0).equalsIgnoreCase("Relu")) {
                cells[d] = Recurrent.Cell.RNN_RELU;
                continue;
            }
            boolean defaults = true;
            for (int k = 0; k < per; k++) {
                defaults &= mine.get(k).equalsIgnoreCase(kind.activations.get(k));
            }
            if (!defaults) {
                throw unsupported(n, "activations = " + acts, kind + " runs " + kind.activations
                        + (kind == Kind.RNN ? " or [Relu]" : "") + " per direction");
            }
            cells[d] = switch (kind) {
                case RNN -> Recurrent.Cell.RNN_TANH;
                case LSTM -> Recurrent.Cell.LSTM;
                case GRU -> Recurrent.Cell.GRU;
            };
        }
        return cells;
    }

    /** W, R and B checked against hidden_size and the directions, each direction's blocks in PyTorch's order. */
    private static Weights weights(Kind kind, String direction, int dirs, int hidden, Value wv, Value rv, Value bv) {
        long gh = (long) kind.gates * hidden;
        String need = "direction = " + direction + " and hidden_size = " + hidden + " need ";
        NdArray w = array(wv, "W");
        if (w.rank() != 3 || w.shape(0) != dirs || w.shape(1) != gh) {
            throw new IllegalArgumentException("W is " + w.dtype() + " " + Shapes.str(w.shape()) + " but " + need
                    + "[" + dirs + ", " + gh + ", input_size] (num_directions, " + kind.gates + "·hidden_size, "
                    + "input_size)");
        }
        NdArray r = array(rv, "R");
        if (r.rank() != 3 || r.shape(0) != dirs || r.shape(1) != gh || r.shape(2) != hidden
                || r.dtype() != w.dtype()) {
            throw new IllegalArgumentException("R is " + r.dtype() + " " + Shapes.str(r.shape()) + " but " + need
                    + w.dtype() + " [" + dirs + ", " + gh + ", " + hidden + "] (num_directions, " + kind.gates
                    + "·hidden_size, hidden_size)");
        }
        NdArray b = bv == null ? null : array(bv, "B");
        if (b != null && (b.rank() != 2 || b.shape(0) != dirs || b.shape(1) != 2 * gh || b.dtype() != w.dtype())) {
            throw new IllegalArgumentException("B is " + b.dtype() + " " + Shapes.str(b.shape()) + " but " + need
                    + w.dtype() + " [" + dirs + ", " + 2 * gh + "] (num_directions, 2·" + kind.gates
                    + "·hidden_size: Wb then Rb)");
        }
        Tensor[] wIh = new Tensor[dirs];
        Tensor[] wHh = new Tensor[dirs];
        Tensor[] bIh = new Tensor[dirs];
        Tensor[] bHh = new Tensor[dirs];
        for (int d = 0; d < dirs; d++) {
            wIh[d] = Tensor.of(pytorchOrder(kind, w.row(d), hidden), false);
            wHh[d] = Tensor.of(pytorchOrder(kind, r.row(d), hidden), false);
            if (b != null) {
                bIh[d] = Tensor.of(pytorchOrder(kind, b.row(d).rows(0, (int) gh), hidden), false);
                bHh[d] = Tensor.of(pytorchOrder(kind, b.row(d).rows((int) gh, 2 * (int) gh), hidden), false);
            }
        }
        return new Weights(wIh, wHh, bIh, bHh, w.shape(2), w.dtype());
    }

    private static NdArray array(Value v, String name) {
        if (v instanceof Value.Floats f) {
            return f.array();
        }
        throw new IllegalArgumentException(name + " is " + (v == null ? "absent" : v.describe()) + "; a FLOAT or "
                + "DOUBLE tensor is expected");
    }

    /** A copy of {@code a} (gate blocks of {@code hidden} rows, ONNX's order) with the blocks in PyTorch's order. */
    private static NdArray pytorchOrder(Kind kind, NdArray a, int hidden) {
        NdArray out = NdArray.zeros(a.dtype(), a.shape());
        for (int k = 0; k < kind.gates; k++) {
            int from = kind.fromOnnx[k] * hidden;
            out.rows(k * hidden, (k + 1) * hidden).copyFrom(a.rows(from, from + hidden));
        }
        return out;
    }

    /** sequence_lens as per-row lengths for the kernel, or null when absent or every row runs all steps. */
    private static int[] lengths(Value[] in, int steps, int batch) {
        if (in.length <= LENS || in[LENS] == null) {
            return null;
        }
        if (!(in[LENS] instanceof Value.Ints v)) {
            throw new IllegalArgumentException("sequence_lens is " + in[LENS].describe() + "; an INT32 tensor is "
                    + "expected");
        }
        if (v.shape().length != 1 || v.data().length != batch) {
            throw new IllegalArgumentException("sequence_lens is " + v.describe() + " but the batch has " + batch
                    + " rows");
        }
        int[] lens = new int[batch];
        boolean all = true;
        for (int b = 0; b < batch; b++) {
            long l = v.data()[b];
            if (l < 1 || l > steps) {
                throw new IllegalArgumentException("sequence_lens[" + b + "] = " + l + " is outside 1.." + steps
                        + " (seq_length)");
            }
            lens[b] = (int) l;
            all &= l == steps;
        }
        return all ? null : lens;
    }

    /** initial_h or initial_c as [D, B, H] (null when absent), checked against its layout's shape. */
    private static NdArray state(Value[] in, int i, String name, int layout, int dirs, int batch, int hidden,
                                 DType dtype) {
        if (in.length <= i || in[i] == null) {
            return null;
        }
        NdArray s = array(in[i], name);
        int[] want = layout == 0 ? new int[] {dirs, batch, hidden} : new int[] {batch, dirs, hidden};
        if (s.dtype() != dtype || !java.util.Arrays.equals(s.shape(), want)) {
            throw new IllegalArgumentException(name + " is " + s.dtype() + " " + Shapes.str(s.shape()) + "; "
                    + dtype + " " + Shapes.str(want) + (layout == 0 ? " (num_directions, batch_size, hidden_size)"
                    : " (batch_size, num_directions, hidden_size; layout = 1)") + " is expected");
        }
        return layout == 0 ? s : s.permute(1, 0, 2);
    }
}
