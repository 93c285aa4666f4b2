package org.vecgrad.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * One direction of one recurrent layer over a whole sequence as a single differentiable op, with PyTorch's gate
 * layouts: the kernel behind nn's {@code RNN}, {@code LSTM} and {@code GRU}. Its backward (through time) sits
 * beside its forward in {@code RecurrentKernels-X.java.template}, written once for F32 and F64.
 *
 * <p>With x [T, B, I] (time-major), h₀ [B, H], weights W_ih [G·H, I], W_hh [G·H, H], biases b_ih, b_hh [G·H] and
 * σ the logistic function, each step t computes (PyTorch's formulas and gate order):
 * <pre>
 *   RNN  (G = 1)  h' = tanh or relu(W_ih x + b_ih + W_hh h + b_hh)
 *   LSTM (G = 4)  i, f, g, o = σ, σ, tanh, σ of the four row blocks of W_ih x + b_ih + W_hh h + b_hh
 *                 c' = f·c + i·g,   h' = o·tanh(c')
 *   GRU  (G = 3)  r, z = σ of the first two blocks of W_ih x + b_ih + W_hh h + b_hh
 *                 n = tanh(W_in x + b_in + r·(W_hn h + b_hn)),   h' = (1 − z)·n + z·h
 * </pre>
 *
 * <p>How it runs: both weights are transposed and packed once per call for the GEMM's micro-kernel
 * ({@link org.vecgrad.engine.Blas#spack}, so no step packs them). The input projections ([B, I]·W_ihᵀ + biases) go
 * in chunks of steps ({@link #chunkSteps}: as many steps as 2¹⁵ elements hold, one at B = 32, H = 256), one GEMM
 * per chunk just before its steps, so they are still in cache when the steps read them; each step then adds
 * h·W_hhᵀ with one small GEMM (B × G·H × H) and runs the gate loop (SIMD elementwise passes over each row), which
 * writes the new state and keeps the activations the backward pass needs in the projection's own buffer. Nothing
 * is allocated per step. When no backward can follow (grad mode off, or no input requires grad) only the two
 * states a step reads and writes are kept, not all T + 1, the gate buffer holds one chunk of steps, not T, and the
 * results are the arrays the kernel wrote (no packed value narrowed apart). Backward runs the steps in reverse: a
 * fused loop gives the
 * gates' pre-activation gradients and one small GEMM per step (on W_hh packed once) carries ∂L/∂h back; the weight
 * and input gradients are then three GEMMs over all steps at once (dx = dG·W_ih, dW_ih = dGᵀ·x,
 * dW_hh = dG_hᵀ·H_prev).
 *
 * <p>Variable lengths (ONNX's {@code sequence_lens}, PyTorch's packed sequences): with {@code lengths[b]} = Lᵦ,
 * steps t ≥ Lᵦ of row b are padding: they leave its state unchanged and output zeros, so the final state is the
 * one after step Lᵦ − 1, and a reverse direction starts at step Lᵦ − 1 from h₀.
 *
 * <p>Two ways to differentiate, one fast and one general. A plain backward pass runs the fused loops above on
 * arrays and records nothing. When the backward pass must itself be differentiable (createGraph: gradgradcheck,
 * gradient penalties, Hessian-vector products), the rules instead rebuild the recurrence with {@link Tensor} ops,
 * one step at a time as the formulas read ({@link #composite}), and differentiate that with a recorded pass: its
 * gradients are then Tensor expressions of the inputs, differentiable again. Forward mode (a {@linkplain ForwardAD
 * dual level}, {@link Autograd#jvp}) runs the same composite on the dual inputs and returns its tangent. Both cost
 * a few Tensor ops per step and the arrays they allocate; they exist to be right, not fast.
 */
public final class Recurrent {
    private Recurrent() {
    }

    /** The recurrence; {@link #gates()} row blocks of H in the weights, in PyTorch's order. */
    public enum Cell {
        /** h' = tanh(…). */
        RNN_TANH(1),
        /** h' = relu(…). */
        RNN_RELU(1),
        /** Gates i, f, g, o; a cell state. */
        LSTM(4),
        /** Gates r, z, n. */
        GRU(3);

        private final int gates;

        Cell(int gates) {
            this.gates = gates;
        }

        /** G, the number of H-row blocks of the weights. */
        public int gates() {
            return gates;
        }

        private int code() {
            return switch (this) {
                case RNN_TANH -> RecurrentKernelsF64.RNN_TANH;
                case RNN_RELU -> RecurrentKernelsF64.RNN_RELU;
                case LSTM -> RecurrentKernelsF64.LSTM;
                case GRU -> RecurrentKernelsF64.GRU;
            };
        }
    }

    /**
     * What a direction returns: the output [T, B, H] (h at every step, zero at padded steps), the final hidden
     * state h_N [B, H] and, for an LSTM, the final cell state c_N [B, H] (else null).
     */
    public record Result(Tensor output, Tensor hN, Tensor cN) {
    }

    /**
     * Runs {@code cell} over x [T, B, I] (forward in time, or from the last step back when {@code reverse}).
     *
     * @param h0      initial hidden state [B, H], or null for zeros
     * @param c0      initial cell state [B, H] for an LSTM (null for zeros); must be null for the others
     * @param bIh     b_ih [G·H] or null (no bias); likewise {@code bHh}
     * @param lengths per-row lengths in 1..T, or null (every row has T steps)
     * @throws IllegalArgumentException naming the op and the shapes when a shape, dtype or length does not fit
     */
    public static Result apply(Cell cell, Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh,
            Tensor bHh, int[] lengths, boolean reverse) {
        Objects.requireNonNull(cell, "cell");
        String op = "Recurrent(" + cell + ")";
        Objects.requireNonNull(x, op + ": x");
        Objects.requireNonNull(wIh, op + ": wIh");
        Objects.requireNonNull(wHh, op + ": wHh");
        if (x.rank() != 3 || x.shape(0) < 1 || x.shape(1) < 1) {
            throw new IllegalArgumentException(op + ": x must be [T, B, I] with T, B >= 1; got "
                    + Shapes.str(x.shape()));
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": x must be F32 or F64; got " + x.dtype() + " "
                    + Shapes.str(x.shape()));
        }
        int T = x.shape(0);
        int B = x.shape(1);
        int I = x.shape(2);
        if (wHh.rank() != 2 || wHh.shape(0) % cell.gates != 0 || wHh.shape(0) != cell.gates * wHh.shape(1)) {
            throw new IllegalArgumentException(op + ": weight_hh must be [" + cell.gates + "·H, H]; got "
                    + Shapes.str(wHh.shape()));
        }
        int H = wHh.shape(1);
        int GH = cell.gates * H;
        DType dt = x.dtype();
        expect(op, "weight_ih", wIh, dt, GH, I);
        expect(op, "bias_ih", bIh, dt, GH);
        expect(op, "bias_hh", bHh, dt, GH);
        expect(op, "h0", h0, dt, B, H);
        if (cell != Cell.LSTM && c0 != null) {
            throw new IllegalArgumentException(op + ": only an LSTM has a cell state; got c0 "
                    + Shapes.str(c0.shape()));
        }
        expect(op, "c0", c0, dt, B, H);
        int[] lens = null;
        if (lengths != null) {
            if (lengths.length != B) {
                throw new IllegalArgumentException(op + ": " + lengths.length + " lengths for a batch of " + B
                        + " (x " + Shapes.str(x.shape()) + ")");
            }
            for (int b = 0; b < B; b++) {
                if (lengths[b] < 1 || lengths[b] > T) {
                    throw new IllegalArgumentException(op + ": lengths[" + b + "] = " + lengths[b]
                            + " is outside 1.." + T + " (x " + Shapes.str(x.shape()) + ")");
                }
            }
            lens = lengths.clone();
        }
        boolean lstm = cell == Cell.LSTM;
        int S = cell == Cell.GRU ? 4 * H : GH;
        NdArray xd = dense(x.data());
        NdArray wi = dense(wIh.data());
        NdArray wh = dense(wHh.data());
        NdArray bi = bIh == null ? null : dense(bIh.data());
        NdArray bh = bHh == null ? null : dense(bHh.data());
        // inputs in a fixed order: x, W_ih, W_hh, then the optional ones; slot k of the backward's result is input k
        List<Tensor> ins = new ArrayList<>(List.of(x, wIh, wHh));
        int[] slot = {-1, -1, -1, -1};                                     // bIh, bHh, h0, c0
        Tensor[] optional = {bIh, bHh, h0, c0};
        for (int k = 0; k < 4; k++) {
            if (optional[k] != null) {
                slot[k] = ins.size();
                ins.add(optional[k]);
            }
        }
        Tensor[] inputs = ins.toArray(new Tensor[0]);
        // No backward can run (grad mode off, or no input requires grad: Tensor.make's rule for recording a node):
        // keep only the two states a step needs
        boolean keep = GradMode.isEnabled() && Arrays.stream(inputs).anyMatch(Tensor::requiresGrad);
        int slots = keep ? T + 1 : 2;
        NdArray hs = NdArray.zeros(dt, slots, B, H);
        NdArray cs = lstm ? NdArray.zeros(dt, slots, B, H) : null;
        int first = slot(keep, reverse, T, 0);
        if (h0 != null) {
            hs.row(first).copyFrom(h0.data());
        }
        if (c0 != null) {
            cs.row(first).copyFrom(c0.data());
        }
        // the gates of every step for the backward pass, else those of one chunk of steps, reused
        NdArray gates = NdArray.zeros(dt, keep ? T : chunkSteps(T, B, S), B, S);
        NdArray gh = cell == Cell.GRU ? NdArray.zeros(dt, B, S) : null;
        // Nothing to record (see keep), no tangent to carry and no anomaly check: three plain results, the output
        // written by the kernel itself. Else one op whose value packs y, then h_N, then c_N, narrowed (copied) apart.
        boolean plain = !keep && !GradMode.anomaly() && Arrays.stream(inputs).allMatch(t -> t.tan() == null);
        NdArray packed = NdArray.zeros(dt, T + (plain ? 0 : lstm ? 2 : 1), B, H);
        if (dt == DType.F32) {
            RecurrentKernelsF32.forward(cell.code(), reverse, keep, T, B, I, H, xd.floatData(), wi.floatData(),
                    wh.floatData(), f(bi), f(bh), lens, packed.floatData(), hs.floatData(), f(cs),
                    gates.floatData(), f(gh));
        } else {
            RecurrentKernelsF64.forward(cell.code(), reverse, keep, T, B, I, H, xd.doubleData(), wi.doubleData(),
                    wh.doubleData(), d(bi), d(bh), lens, packed.doubleData(), hs.doubleData(), d(cs),
                    gates.doubleData(), d(gh));
        }
        int last = slot(keep, reverse, T, T);
        if (plain) {
            return new Result(Tensor.of(packed), Tensor.of(hs.row(last).copy()),
                    lstm ? Tensor.of(cs.row(last).copy()) : null);
        }
        packed.row(T).copyFrom(hs.row(last));
        if (lstm) {
            packed.row(T + 1).copyFrom(cs.row(last));
        }

        Composite comp = new Composite(cell, inputs, slot, lens, reverse);
        BackwardRule[] rules = new BackwardRule[ins.size()];
        if (keep) {
            Backward bw = new Backward(cell, reverse, T, B, I, H, xd, wi, wh, lens, hs, cs, gates,
                    bi != null, bh != null, slot, comp);
            for (int k = 0; k < rules.length; k++) {
                int kk = k;
                rules[k] = (g, y) -> bw.gradient(g, kk);
            }
        } else { // not recorded (see keep): the rules are never called, and nothing holds hs, cs, gates
            Arrays.fill(rules, (BackwardRule) (g, y) -> {
                throw new IllegalStateException(op + ": no backward was recorded for this forward pass");
            });
        }
        Tensor out = Tensor.customWithJvp(op, packed, inputs, comp::tangent, rules);
        Tensor output = out.narrow(0, 0, T);
        Tensor hN = out.narrow(0, T, 1).reshape(B, H);
        Tensor cN = lstm ? out.narrow(0, T + 1, 1).reshape(B, H) : null;
        return new Result(output, hN, cN);
    }

    /**
     * The state slot before step s (s = 0 … T − 1 in the order of the steps; s = T: after the last step): t, or
     * t + 1 in reverse, of T + 1 slots when the states are kept; else s mod 2 of 2 slots.
     */
    static int slot(boolean keep, boolean reverse, int T, int s) {
        return keep ? (reverse ? T - s : s) : s & 1;
    }

    /**
     * Elements of the input projections a chunk of steps aims for ({@link #chunkSteps}): 2¹⁵, 128 KiB in F32, so that
     * a chunk, written by its product and then read by its steps' products and gate loops, stays in L2 beside the
     * packed weights.
     */
    static final int DEFAULT_CHUNK_BUDGET = 1 << 15;

    private static volatile int chunkBudget = DEFAULT_CHUNK_BUDGET;

    /**
     * Steps whose input projections one product computes: as many as the chunk budget holds
     * ({@value #DEFAULT_CHUNK_BUDGET} elements), at least 1 and at most T. Without a backward to keep the gates for,
     * the op's gate buffer holds only this many steps, [chunkSteps, B, S], whatever T is. The chunking changes no
     * bit of the result: each row of a product on a packed B does not depend on the rows around it.
     */
    static int chunkSteps(int T, int B, int S) {
        return (int) Math.max(1, Math.min(T, chunkBudget / ((long) B * S)));
    }

    /** Sets the chunk budget in elements (tests only: a small one chunks small sequences); returns the old one. */
    static int setChunkBudget(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("Recurrent chunk budget " + elements + " must be >= 1");
        }
        int old = chunkBudget;
        chunkBudget = elements;
        return old;
    }

    /**
     * The recurrence as Tensor ops, the way {@link Recurrent}'s formulas read, on x [T, B, I] (time-major): the
     * packed result of {@link #apply}, [T + 1, B, H] (outputs, then h_N) or [T + 2, B, H] (then c_N, LSTM). Padded
     * steps (t ≥ lengths[b]) blend with the row's mask m ∈ {0, 1}: h ← h + m·(h' − h), output m·h'.
     */
    static Tensor composite(Cell cell, Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh,
            Tensor bHh, int[] lengths, boolean reverse) {
        int T = x.shape(0);
        int B = x.shape(1);
        int I = x.shape(2);
        int H = wHh.shape(1);
        DType dt = x.dtype();
        Tensor h = h0 != null ? h0 : Tensor.zeros(dt, B, H);
        Tensor c = cell != Cell.LSTM ? null : c0 != null ? c0 : Tensor.zeros(dt, B, H);
        Tensor xp = Tensor.affine(x.reshape(T * B, I), false, wIh, true, bIh);   // x·W_ihᵀ + b_ih, every step
        Tensor[] parts = new Tensor[T + (c == null ? 1 : 2)];
        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            Tensor gi = xp.narrow(0, t * B, B);
            Tensor gh = Tensor.affine(h, false, wHh, true, bHh);                  // h·W_hhᵀ + b_hh
            Tensor hNext;
            Tensor cNext = null;
            switch (cell) {
                case RNN_TANH -> hNext = gi.add(gh).tanh();
                case RNN_RELU -> hNext = gi.add(gh).relu();
                case LSTM -> {
                    Tensor a = gi.add(gh);
                    Tensor i = a.narrow(1, 0, H).sigmoid();
                    Tensor f = a.narrow(1, H, H).sigmoid();
                    Tensor g = a.narrow(1, 2 * H, H).tanh();
                    Tensor o = a.narrow(1, 3 * H, H).sigmoid();
                    cNext = f.mul(c).add(i.mul(g));                               // c' = f·c + i·g
                    hNext = o.mul(cNext.tanh());                                  // h' = o·tanh(c')
                }
                default -> {                                                      // GRU
                    Tensor r = gi.narrow(1, 0, H).add(gh.narrow(1, 0, H)).sigmoid();
                    Tensor z = gi.narrow(1, H, H).add(gh.narrow(1, H, H)).sigmoid();
                    Tensor n = gi.narrow(1, 2 * H, H).add(r.mul(gh.narrow(1, 2 * H, H))).tanh();
                    hNext = n.add(z.mul(h.sub(n)));                               // h' = (1 − z)·n + z·h
                }
            }
            if (lengths == null) {
                parts[t] = hNext;
            } else {
                NdArray m = NdArray.zeros(dt, B, 1);
                for (int b = 0; b < B; b++) {
                    m.set(t < lengths[b] ? 1 : 0, b, 0);
                }
                Tensor mask = Tensor.of(m);
                parts[t] = hNext.mul(mask);                                       // padding outputs 0
                hNext = h.add(mask.mul(hNext.sub(h)));                            // and keeps the state
                cNext = cNext == null ? null : c.add(mask.mul(cNext.sub(c)));
            }
            h = hNext;
            c = cNext;
        }
        for (int t = 0; t < T; t++) {
            parts[t] = parts[t].reshape(1, B, H);
        }
        parts[T] = h.reshape(1, B, H);
        if (c != null) {
            parts[T + 1] = c.reshape(1, B, H);
        }
        return Tensor.concat(0, parts);
    }

    /**
     * The general path of one {@link #apply} call: its inputs (x, W_ih, W_hh, then the optional ones at
     * {@code slot}) run through {@link #composite}, for the forward-mode rule and for recorded backward passes.
     */
    private static final class Composite {
        private final Cell cell;
        private final Tensor[] inputs;
        private final int[] slot;
        private final int[] lengths;
        private final boolean reverse;
        private Tensor lastG;
        private Tensor[] grads;

        Composite(Cell cell, Tensor[] inputs, int[] slot, int[] lengths, boolean reverse) {
            this.cell = cell;
            this.inputs = inputs;
            this.slot = slot;
            this.lengths = lengths;
            this.reverse = reverse;
        }

        private Tensor run(Tensor[] in) {
            return composite(cell, in[0], at(in, 2), at(in, 3), in[1], in[2], at(in, 0), at(in, 1), lengths,
                    reverse);
        }

        private Tensor at(Tensor[] in, int optional) {
            return slot[optional] < 0 ? null : in[slot[optional]];
        }

        /** ẏ: the composite run on the inputs as they are (dual, in the open level), without recording. */
        NdArray tangent(NdArray[] ignored) {
            try (GradMode.Scope off = GradMode.noGrad()) {
                return run(inputs).tan();
            }
        }

        /**
         * ∂L/∂input k as a recorded Tensor expression: the composite is rebuilt on identity views of the inputs
         * and differentiated with createGraph for g; once per g for all inputs (again in a later pass, as the
         * fused path does, since the inputs' values may have changed in between).
         */
        Tensor gradient(Tensor g, int k) {
            if (g != lastG || grads[k] == null) {
                Tensor[] views = new Tensor[inputs.length];
                List<Tensor> wanted = new ArrayList<>();
                for (int i = 0; i < inputs.length; i++) {
                    // an identity op per input: the inner pass stops there, not at whatever computed the input
                    views[i] = inputs[i].requiresGrad() ? inputs[i].reshape(inputs[i].shape()) : inputs[i];
                    if (inputs[i].requiresGrad()) {
                        wanted.add(views[i]);
                    }
                }
                Tensor[] gs = Autograd.grad(new Tensor[] {run(views)}, wanted.toArray(new Tensor[0]),
                        new Tensor[] {g}, true, true);
                grads = new Tensor[inputs.length];
                for (int i = 0, w = 0; i < inputs.length; i++) {
                    if (inputs[i].requiresGrad()) {
                        grads[i] = gs[w++];
                    }
                }
                lastG = g;
            }
            Tensor r = grads[k];
            grads[k] = null;
            return r;
        }
    }

    /** The saved forward state and, once per backward pass, every input's gradient. */
    private static final class Backward {
        private final Cell cell;
        private final boolean reverse;
        private final int T, B, I, H;
        private final NdArray x, wIh, wHh, hs, cs, gates;
        private final int[] lengths;
        private final boolean biasIh, biasHh;
        private final int[] slot;
        private final Composite composite;
        private Tensor lastG;
        private NdArray[] grads;

        Backward(Cell cell, boolean reverse, int T, int B, int I, int H, NdArray x, NdArray wIh,
                NdArray wHh, int[] lengths, NdArray hs, NdArray cs, NdArray gates, boolean biasIh, boolean biasHh,
                int[] slot, Composite composite) {
            this.cell = cell;
            this.reverse = reverse;
            this.T = T;
            this.B = B;
            this.I = I;
            this.H = H;
            this.x = x;
            this.wIh = wIh;
            this.wHh = wHh;
            this.lengths = lengths;
            this.hs = hs;
            this.cs = cs;
            this.gates = gates;
            this.biasIh = biasIh;
            this.biasHh = biasHh;
            this.slot = slot;
            this.composite = composite;
        }

        Tensor gradient(Tensor g, int k) {
            if (GradMode.isEnabled()) {                        // createGraph: the recorded, differentiable path
                return composite.gradient(g, k);
            }
            if (g != lastG || grads[k] == null) {
                run(dense(g.data()));
                lastG = g;
            }
            NdArray r = grads[k];
            grads[k] = null;                                   // handed over: the pass may keep it as a leaf's grad
            return Tensor.ownedGradient(r);
        }

        private void run(NdArray g) {
            DType dt = g.dtype();
            boolean lstm = cell == Cell.LSTM;
            int GH = cell.gates * H;
            NdArray dx = NdArray.zeros(dt, T, B, I);
            NdArray dWIh = NdArray.zeros(dt, GH, I);
            NdArray dWHh = NdArray.zeros(dt, GH, H);
            NdArray dbIh = biasIh ? NdArray.zeros(dt, GH) : null;
            NdArray dbHh = biasHh ? NdArray.zeros(dt, GH) : null;
            NdArray dh0 = NdArray.zeros(dt, B, H);
            NdArray dc0 = lstm ? NdArray.zeros(dt, B, H) : null;
            NdArray dgx = NdArray.zeros(dt, T, B, GH);
            NdArray dgh = cell == Cell.GRU ? NdArray.zeros(dt, T, B, GH) : dgx;
            NdArray dh = NdArray.zeros(dt, B, H);
            NdArray dhp = NdArray.zeros(dt, B, H);
            NdArray dc = lstm ? NdArray.zeros(dt, B, H) : null;
            NdArray dy = g;                                    // read-only: its first T rows are dy [T, B, H]
            NdArray dhT = g.row(T).copy();
            NdArray dcT = lstm ? g.row(T + 1).copy() : null;
            if (dt == DType.F32) {
                RecurrentKernelsF32.backward(cell.code(), reverse, T, B, I, H, x.floatData(), wIh.floatData(),
                        wHh.floatData(), lengths, hs.floatData(), f(cs), gates.floatData(), dy.floatData(),
                        dhT.floatData(), f(dcT), dx.floatData(), dh0.floatData(), f(dc0), dWIh.floatData(),
                        dWHh.floatData(), f(dbIh), f(dbHh), dgx.floatData(), dgh.floatData(), dh.floatData(),
                        dhp.floatData(), f(dc));
            } else {
                RecurrentKernelsF64.backward(cell.code(), reverse, T, B, I, H, x.doubleData(), wIh.doubleData(),
                        wHh.doubleData(), lengths, hs.doubleData(), d(cs), gates.doubleData(), dy.doubleData(),
                        dhT.doubleData(), d(dcT), dx.doubleData(), dh0.doubleData(), d(dc0), dWIh.doubleData(),
                        dWHh.doubleData(), d(dbIh), d(dbHh), dgx.doubleData(), dgh.doubleData(), dh.doubleData(),
                        dhp.doubleData(), d(dc));
            }
            int n = 3 + (slot[0] >= 0 ? 1 : 0) + (slot[1] >= 0 ? 1 : 0) + (slot[2] >= 0 ? 1 : 0)
                    + (slot[3] >= 0 ? 1 : 0);
            grads = new NdArray[n];
            grads[0] = dx;
            grads[1] = dWIh;
            grads[2] = dWHh;
            NdArray[] optional = {dbIh, dbHh, dh0, dc0};
            for (int k = 0; k < 4; k++) {
                if (slot[k] >= 0) {
                    grads[slot[k]] = optional[k];
                }
            }
        }
    }

    private static void expect(String op, String name, Tensor t, DType dt, int... shape) {
        if (t == null) {
            return;
        }
        if (t.dtype() != dt || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + dt + " " + Shapes.str(shape)
                    + "; got " + t.dtype() + " " + Shapes.str(t.shape()));
        }
    }

    /** a itself when its elements start at index 0 of its storage, else a copy that does. */
    private static NdArray dense(NdArray a) {
        return a.offset() == 0 ? a : a.copy();
    }

    private static float[] f(NdArray a) {
        return a == null ? null : a.floatData();
    }

    private static double[] d(NdArray a) {
        return a == null ? null : a.doubleData();
    }
}
