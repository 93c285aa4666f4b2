package org.vecgrad.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * The reverse-mode engine and the functional autograd API: {@link #grad} (gradients of outputs with respect to
 * chosen inputs, optionally differentiable again), {@link #vjp}/{@link #hvp}, the forward-mode {@link #jvp} (on
 * {@link ForwardAD}), anomaly detection and Graphviz export.
 *
 * <h2>The backward pass</h2>
 * One iterative depth-first search from the outputs lists every tensor that requires grad in post-order (each
 * tensor once, however many paths lead to it, and without recursion, so a chain of 10⁵ operations is fine). Walking
 * that list backwards visits every consumer before what it consumes, so when a tensor is reached the gradient
 * flowing into it is complete: its rules are applied once, and their results are added to its inputs' pending
 * gradients. The per-pass state (pending gradient, visited mark) lives in a map owned by the pass, never in the
 * tensors, so leaves shared by graphs on different threads are safe; only the final addition into
 * {@link Tensor#grad()} synchronises, on the leaf.
 *
 * <p>In a plain pass, a pending gradient that is {@link Tensor#fresh} belongs to its tensor's slot alone: a rule
 * that routes its g to several inputs (add's pass-through) clears the mark, and so do a captured input and a
 * retained grad. Such a gradient may therefore be taken over — as a leaf's grad, or by a one-input rule that
 * writes its result into it (ReLU's backward: no new array for a gradient nobody else reads).
 */
@SuppressWarnings("try") // GradMode scopes are opened for their effect and never referenced
public final class Autograd {
    private Autograd() {
    }

    /** Per-pass state of one tensor. */
    private static final class Slot {
        final Tensor t;
        /** The slots of t's inputs (null where an input does not require grad), filled by the sort. */
        final Slot[] inputs;
        Tensor pending;
        boolean needed = true;
        boolean isInput;
        Tensor captured;

        Slot(Tensor t) {
            this.t = t;
            this.inputs = t.node == null ? NO_INPUTS : new Slot[t.node.inputs.length];
        }
    }

    private static final Slot[] NO_INPUTS = new Slot[0];

    // ================================================================================================ backward

    static void backward(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward() on a " + root.describe() + " that does not require grad:"
                    + " no tensor it was computed from requires grad (call requiresGrad(true) on the leaves), or it"
                    + " was computed under noGrad()");
        }
        run(new Tensor[] {root}, new Tensor[] {seed}, retainGraph, createGraph, null);
    }

    /**
     * The engine. With {@code inputs == null} gradients are added into the {@code grad} of leaves (and of results
     * that retain grad); otherwise nothing is stored and the gradients of {@code inputs} are returned (zeros for an
     * input the outputs do not depend on).
     */
    private static Tensor[] run(Tensor[] roots, Tensor[] seeds, boolean retainGraph, boolean createGraph,
                                Tensor[] inputs) {
        IdentityHashMap<Tensor, Slot> slots = new IdentityHashMap<>();
        List<Slot> order = topologicalOrder(roots, slots);
        boolean capture = inputs != null;
        if (capture) {
            for (Tensor in : inputs) {
                Slot s = slots.get(in);
                if (s != null) {
                    s.isInput = true;
                }
            }
            // Only tensors on a path to a requested input need their rules run (order lists inputs first).
            for (Slot s : order) {
                boolean needed = s.isInput;
                for (int j = 0; !needed && j < s.inputs.length; j++) {
                    needed = s.inputs[j] != null && s.inputs[j].needed;
                }
                s.needed = needed;
            }
        }
        boolean anomaly = GradMode.anomaly();
        try (GradMode.Scope mode = GradMode.set(createGraph)) {
            for (int r = 0; r < roots.length; r++) {
                seeds[r].fresh = false;                       // the caller's tensor: never taken over
                Slot s = slots.get(roots[r]);
                s.pending = s.pending == null ? seeds[r] : s.pending.add(seeds[r]);
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                Slot s = order.get(i);
                Tensor t = s.t;
                Tensor g = s.pending;
                s.pending = null;
                if (g == null || !s.needed) {
                    continue;
                }
                if (capture) {
                    if (s.isInput) {
                        s.captured = g;
                        g.fresh = false;                          // the caller's: no rule may reuse its storage
                    }
                } else if (t.node == null || t.retainsGrad) {
                    accumulate(t, g, createGraph);
                }
                Node n = t.node;
                if (n == null) {
                    continue;
                }
                int wanted = 0;
                for (Slot is : s.inputs) {
                    wanted += is != null && is.needed ? 1 : 0;
                }
                for (int j = 0; j < n.inputs.length; j++) {
                    Slot is = s.inputs[j];
                    if (is == null || !is.needed) {
                        continue;                                 // no gradient wanted for this input
                    }
                    Tensor gi = n.rules[j].apply(g, t);
                    checkGradient(n, j, is.t, gi, anomaly);
                    if (gi == g && wanted > 1) {
                        gi.fresh = false;                         // g passed through to several inputs: shared
                    }
                    is.pending = is.pending == null ? gi : sum(is.pending, gi, createGraph);
                }
            }
        }
        if (!retainGraph) {
            for (Slot s : order) {
                Node n = s.t.node;
                if (n != null) {
                    n.release();
                }
            }
        }
        if (!capture) {
            return null;
        }
        Tensor[] out = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            Slot s = slots.get(inputs[k]);
            Tensor g = s == null ? null : s.captured;
            out[k] = g != null ? g : new Tensor(NdArray.zerosLike(inputs[k].data), false);
            out[k].fresh = false;                             // the caller holds it now
        }
        return out;
    }

    /** Post-order of every tensor reachable from the roots through tensors that require grad; no recursion. */
    private static List<Slot> topologicalOrder(Tensor[] roots, IdentityHashMap<Tensor, Slot> slots) {
        List<Slot> order = new ArrayList<>();
        Slot[] stack = new Slot[64];
        int[] next = new int[64];
        for (Tensor root : roots) {
            if (slots.containsKey(root)) {
                continue;
            }
            Slot rs = new Slot(root);
            slots.put(root, rs);
            checkLive(root);
            int sp = 0;
            stack[sp] = rs;
            next[sp++] = 0;
            while (sp > 0) {
                Slot top = stack[sp - 1];
                Node n = top.t.node;
                int i = next[sp - 1];
                if (n != null && i < n.inputs.length) {
                    next[sp - 1] = i + 1;
                    Tensor c = n.inputs[i];
                    if (!c.requiresGrad) {
                        continue;
                    }
                    Slot cs = slots.get(c);                       // the one lookup per edge: the visited set
                    if (cs == null) {
                        checkLive(c);
                        cs = new Slot(c);
                        slots.put(c, cs);
                        if (sp == stack.length) {
                            stack = Arrays.copyOf(stack, sp * 2);
                            next = Arrays.copyOf(next, sp * 2);
                        }
                        stack[sp] = cs;
                        next[sp++] = 0;
                    }
                    top.inputs[i] = cs;
                } else {
                    sp--;
                    order.add(top);
                }
            }
        }
        return order;
    }

    private static void checkLive(Tensor t) {
        if (t.node != null && t.node.released) {
            throw new IllegalStateException("backward through a graph that was already released: the '"
                    + t.node.op + "' result " + Shapes.str(t.data.shape()) + " took part in an earlier backward"
                    + " pass, which freed its saved values. Pass retainGraph = true to the first backward if you"
                    + " need to differentiate the same graph twice.");
        }
    }

    private static void checkGradient(Node n, int j, Tensor in, Tensor gi, boolean anomaly) {
        if (gi == null || gi.dtype() != in.dtype() || !sameShape(gi.data, in.data)) {
            throw new IllegalStateException("the backward rule of '" + n.op + "' for input " + j + " returned "
                    + (gi == null ? "null" : gi.dtype() + " " + Shapes.str(gi.data.shape())) + ", but the input is "
                    + in.dtype() + " " + Shapes.str(in.data.shape()));
        }
        if (anomaly) {
            int bad = Masks.firstNonFinite(gi.data);
            if (bad >= 0) {
                throw new AnomalyException(n.op, true, "anomaly: the backward of '" + n.op + "' produced "
                        + gi.data.getFlat(bad) + " at flat index " + bad + " of the gradient for its input " + j
                        + " (" + in.dtype() + " " + Shapes.str(in.data.shape()) + ")"
                        + (n.createdAt != null ? "; the cause shows where its forward ran" : ""), n.createdAt);
            }
        }
    }

    /** Equal shapes, compared without copying them. */
    private static boolean sameShape(NdArray a, NdArray b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (a.shape(i) != b.shape(i)) {
                return false;
            }
        }
        return true;
    }

    /** Two contributions to one pending gradient; in a plain pass the sum is a new array nobody else holds. */
    private static Tensor sum(Tensor pending, Tensor gi, boolean createGraph) {
        Tensor s = pending.add(gi);
        s.fresh = !createGraph;
        return s;
    }

    /**
     * Adds g into t.grad: in place when the buffer is t's own and no graph is being recorded. The first gradient is
     * kept as it is when a graph is recorded (it is part of that graph), taken over without a copy when it is
     * {@link Tensor#fresh} (a buffer a rule just allocated, e.g. matmul's Aᵀ·G), and copied otherwise (it may be the
     * caller's upstream gradient, or share storage with another tensor).
     */
    private static void accumulate(Tensor t, Tensor g, boolean createGraph) {
        synchronized (t) {
            if (t.grad == null) {
                if (createGraph || g.fresh) {
                    g.fresh = false;                          // taken: a second route to g must copy
                    t.grad = g;
                } else {
                    t.grad = new Tensor(g.data.copy(), false);
                }
                t.gradOwned = !createGraph;
            } else if (!createGraph && t.gradOwned) {
                t.grad.data.addInPlace(g.data);
            } else {
                t.grad = t.grad.add(g);
                t.gradOwned = !createGraph;
            }
        }
    }

    // ================================================================================================ grad

    /**
     * The gradients of the sum of {@code outputs} (each must have one element) with respect to {@code inputs},
     * without touching any {@link Tensor#grad()}. With {@code createGraph} the result is itself differentiable
     * (and the graph is retained); otherwise the graph is released. An input the outputs do not depend on gets
     * zeros.
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, boolean createGraph) {
        return grad(outputs, inputs, null, createGraph, createGraph);
    }

    /** Single output, single input form of {@link #grad(Tensor[], Tensor[], boolean)}. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(new Tensor[] {output}, new Tensor[] {input}, createGraph)[0];
    }

    /**
     * Σₖ gradOutputsₖᵀ·∂outputsₖ/∂inputs for each input (vector-Jacobian products). {@code gradOutputs} may be
     * null when every output has one element (ones are used), and an element may be null for such an output.
     *
     * @param retainGraph keep the graph for another pass (PyTorch's default: equal to createGraph)
     * @param createGraph record the backward pass so the result can be differentiated again
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean retainGraph,
                                boolean createGraph) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(inputs, "inputs");
        if (gradOutputs != null && gradOutputs.length != outputs.length) {
            throw new IllegalArgumentException("grad: " + outputs.length + " outputs but " + gradOutputs.length
                    + " gradOutputs");
        }
        for (int k = 0; k < inputs.length; k++) {
            Objects.requireNonNull(inputs[k], "inputs[" + k + "]");
            if (!inputs[k].requiresGrad) {
                throw new IllegalArgumentException("grad: inputs[" + k + "] (" + inputs[k].describe()
                        + ") does not require grad, so no gradient flows to it; call requiresGrad(true) on it"
                        + " before computing the outputs");
            }
        }
        Tensor[] seeds = new Tensor[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            Tensor o = Objects.requireNonNull(outputs[k], "outputs[" + k + "]");
            if (!o.requiresGrad) {
                throw new IllegalArgumentException("grad: outputs[" + k + "] (" + o.describe() + ") does not"
                        + " require grad: it does not depend on any tensor that requires grad, or it was computed"
                        + " under noGrad()");
            }
            Tensor go = gradOutputs == null ? null : gradOutputs[k];
            if (go == null) {
                if (o.size() != 1) {
                    throw new IllegalArgumentException("grad: outputs[" + k + "] has shape "
                            + Shapes.str(o.data.shape()) + "; a non-scalar output needs gradOutputs[" + k + "]");
                }
                go = new Tensor(NdArray.ones(o.dtype(), o.data.shape()), false);
            } else if (go.dtype() != o.dtype() || !Arrays.equals(go.data.shape(), o.data.shape())) {
                throw new IllegalArgumentException("grad: gradOutputs[" + k + "] is " + go.dtype() + " "
                        + Shapes.str(go.data.shape()) + " but outputs[" + k + "] is " + o.dtype() + " "
                        + Shapes.str(o.data.shape()));
            }
            seeds[k] = go;
        }
        return run(outputs.clone(), seeds, retainGraph, createGraph, inputs.clone());
    }

    // ================================================================================================ functional

    /** A function's value and a directional derivative (or gradient) of it. */
    public record Result(Tensor output, Tensor[] derivatives) {
    }

    /**
     * Forward-mode product: f(x) and J·u, the derivative of f at {@code inputs} in the direction {@code tangents}
     * (u, one per input, same shapes and dtypes), by true forward mode: one pass of f on
     * {@linkplain ForwardAD dual numbers}, every operation computing its result's tangent ẏ = J_op·ẋ alongside its
     * value. No graph is recorded (f runs in a {@link GradMode#noGrad() no-grad} scope, inside a dual level of its
     * own, so no dual level may be open on the calling thread).
     *
     * <p><b>Forward vs reverse.</b> For f: ℝⁿ → ℝᵐ, one jvp gives J·u (a directional derivative, one column of J for
     * u = eᵢ) for about the cost of one or two evaluations of f and no stored intermediates: the full Jacobian takes
     * n passes, one per input direction. One {@link #vjp} gives vᵀ·J (a row for v = eⱼ) at a similar cost plus the
     * graph it must keep: m passes, one per output. Hence gradients of a scalar loss use reverse mode, and forward
     * mode suits few inputs and many outputs. {@link #jvpByDoubleVjp} computes the same J·u with two reverse passes,
     * the way PyTorch's {@code autograd.functional.jvp} does, to show the contrast.
     *
     * @return output f(x) (detached) and derivatives = {J·u} (one tensor, f's shape; zeros when f does not depend on
     *     the inputs)
     */
    public static Result jvp(TensorFunction f, Tensor[] inputs, Tensor[] tangents) {
        Objects.requireNonNull(f, "f");
        checkVectors("jvp", inputs, tangents, "tangents");
        try (ForwardAD.DualLevel level = ForwardAD.dualLevel(); GradMode.Scope off = GradMode.noGrad()) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                xs[i] = ForwardAD.makeDual(inputs[i].detach(), tangents[i]);
            }
            Tensor y = f.apply(xs);
            NdArray t = y.tan();
            if (t == null) {
                t = NdArray.zerosLike(y.data);
            } else {
                for (Tensor u : tangents) {
                    if (sharesStorage(t, u.data)) {
                        t = t.copy();                      // f passed a tangent through (identity, add(s), reshape)
                        break;
                    }
                }
            }
            return new Result(y.detach(), new Tensor[] {Tensor.of(t)});
        }
    }

    private static boolean sharesStorage(NdArray a, NdArray b) {
        if (a.dtype() != b.dtype()) {
            return false;
        }
        return a.dtype() == DType.F32 ? a.floatData() == b.floatData() : a.doubleData() == b.doubleData();
    }

    /**
     * J·u as {@link #jvp}, by the double-vjp trick (reverse mode twice; PyTorch's {@code autograd.functional.jvp}):
     * with u' a dummy cotangent, g(u') = Jᵀu' is linear in u', and the vjp of g with u gives (Jᵀ)ᵀu = Ju. Costs two
     * reverse passes and a recorded backward graph; kept to contrast with the forward-mode {@link #jvp}.
     *
     * @return output f(x) (detached) and derivatives = {J·u} (one tensor, f's shape)
     */
    public static Result jvpByDoubleVjp(TensorFunction f, Tensor[] inputs, Tensor[] tangents) {
        Objects.requireNonNull(f, "f");
        Tensor[] xs = leaves("jvpByDoubleVjp", inputs, tangents, "tangents");
        try (GradMode.Scope on = GradMode.enableGrad()) {
            Tensor y = f.apply(xs);
            if (!y.requiresGrad) {
                return new Result(y.detach(), new Tensor[] {new Tensor(NdArray.zerosLike(y.data), false)});
            }
            Tensor u = new Tensor(NdArray.zerosLike(y.data), true);
            Tensor[] jtu = grad(new Tensor[] {y}, xs, new Tensor[] {u}, true, true);
            List<Tensor> outs = new ArrayList<>();
            List<Tensor> seeds = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (jtu[i].requiresGrad) {
                    outs.add(jtu[i]);
                    seeds.add(tangents[i]);
                }
            }
            Tensor jv = outs.isEmpty() ? new Tensor(NdArray.zerosLike(y.data), false)
                    : grad(outs.toArray(Tensor[]::new), new Tensor[] {u}, seeds.toArray(Tensor[]::new), false,
                    false)[0];
            return new Result(y.detach(), new Tensor[] {jv});
        }
    }

    /**
     * Reverse-mode product: f(x) and vᵀ·J for each input, with {@code v} shaped like f(x) (null for a scalar f).
     */
    public static Result vjp(TensorFunction f, Tensor[] inputs, Tensor v) {
        Objects.requireNonNull(f, "f");
        Tensor[] xs = leaves("vjp", inputs, null, null);
        try (GradMode.Scope on = GradMode.enableGrad()) {
            Tensor y = f.apply(xs);
            if (!y.requiresGrad) {
                Tensor[] zeros = new Tensor[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    zeros[i] = new Tensor(NdArray.zerosLike(xs[i].data), false);
                }
                return new Result(y.detach(), zeros);
            }
            return new Result(y.detach(), grad(new Tensor[] {y}, xs, new Tensor[] {v}, false, false));
        }
    }

    /**
     * Hessian-vector product of a scalar function: f(x) and H·v, where H is the Hessian of f with respect to all
     * inputs together and v = {@code vectors} (one per input). Computed as ∇ₓ⟨∇ₓf, v⟩.
     */
    public static Result hvp(TensorFunction f, Tensor[] inputs, Tensor[] vectors) {
        Objects.requireNonNull(f, "f");
        Tensor[] xs = leaves("hvp", inputs, vectors, "vectors");
        try (GradMode.Scope on = GradMode.enableGrad()) {
            Tensor y = f.apply(xs);
            if (y.size() != 1) {
                throw new IllegalArgumentException("hvp: f must return one element; it returned shape "
                        + Shapes.str(y.data.shape()));
            }
            Tensor[] hv = new Tensor[xs.length];
            if (!y.requiresGrad) {
                for (int i = 0; i < xs.length; i++) {
                    hv[i] = new Tensor(NdArray.zerosLike(xs[i].data), false);
                }
                return new Result(y.detach(), hv);
            }
            Tensor[] g = grad(new Tensor[] {y}, xs, null, true, true);
            Tensor dot = null;
            for (int i = 0; i < xs.length; i++) {
                Tensor term = g[i].mul(vectors[i]).sum();
                dot = dot == null ? term : dot.add(term);
            }
            if (dot == null || !dot.requiresGrad) {
                for (int i = 0; i < xs.length; i++) {
                    hv[i] = new Tensor(NdArray.zerosLike(xs[i].data), false);
                }
                return new Result(y.detach(), hv);
            }
            return new Result(y.detach(), grad(new Tensor[] {dot}, xs, null, false, false));
        }
    }

    /** Fresh leaves (sharing values) that require grad, after checking the companion vectors' shapes. */
    private static Tensor[] leaves(String fn, Tensor[] inputs, Tensor[] vectors, String vname) {
        checkVectors(fn, inputs, vectors, vname);
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = new Tensor(inputs[i].data, true);
        }
        return xs;
    }

    /** Non-null inputs, and when {@code vectors} is given, one vector per input with its shape and dtype. */
    private static void checkVectors(String fn, Tensor[] inputs, Tensor[] vectors, String vname) {
        Objects.requireNonNull(inputs, "inputs");
        if (vectors != null && vectors.length != inputs.length) {
            throw new IllegalArgumentException(fn + ": " + inputs.length + " inputs but " + vectors.length + " "
                    + vname);
        }
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            if (vectors != null) {
                Tensor v = Objects.requireNonNull(vectors[i], vname + "[" + i + "]");
                if (v.dtype() != x.dtype() || !Arrays.equals(v.data.shape(), x.data.shape())) {
                    throw new IllegalArgumentException(fn + ": " + vname + "[" + i + "] is " + v.dtype() + " "
                            + Shapes.str(v.data.shape()) + " but inputs[" + i + "] is " + x.dtype() + " "
                            + Shapes.str(x.data.shape()));
                }
            }
        }
    }

    // ================================================================================================ anomaly mode

    /**
     * Turns anomaly detection on or off for the calling thread. When on, every operation checks its result and
     * every backward rule its gradient for NaN and ±∞ and throws an {@link AnomalyException} naming the first
     * operation that produced one; backward errors carry, as their cause, where that operation's forward ran.
     * Costs one pass over every result and a stack capture per operation: for debugging only.
     */
    public static void setDetectAnomaly(boolean enabled) {
        GradMode.setAnomaly(enabled);
    }

    /** Whether anomaly detection is on for the calling thread. */
    public static boolean isDetectAnomalyEnabled() {
        return GradMode.anomaly();
    }

    /** A scope with anomaly detection on: {@code try (var a = Autograd.detectAnomaly()) { … }}. */
    public static GradMode.Scope detectAnomaly() {
        return GradMode.anomalyScope(true);
    }

    static void checkForward(String op, NdArray value, Tensor[] inputs) {
        int bad = Masks.firstNonFinite(value);
        if (bad < 0) {
            return;
        }
        StringBuilder in = new StringBuilder();
        String already = "";
        for (int i = 0; i < inputs.length; i++) {
            in.append(i == 0 ? "" : ", ").append(inputs[i].dtype()).append(' ')
                    .append(Shapes.str(inputs[i].data.shape()));
            int ib = Masks.firstNonFinite(inputs[i].data);
            if (ib >= 0 && already.isEmpty()) {
                already = "; its input " + i + " (" + inputs[i].describe() + ") already held "
                        + inputs[i].data.getFlat(ib) + " at flat index " + ib
                        + ", so the value came from data or from code run outside anomaly mode";
            }
        }
        throw new AnomalyException(op, false, "anomaly: the forward of '" + op + "' produced " + value.getFlat(bad)
                + " at flat index " + bad + " of its " + value.dtype() + " " + Shapes.str(value.shape())
                + " result (inputs: " + in + ")" + already, null);
    }

    // ================================================================================================ graphviz

    /** At most this many elements are printed as values and grads in {@link #toDot}. */
    public static final int DOT_MAX_VALUES = 8;

    /**
     * Graphviz DOT source of the graph that produced {@code root}: one box per tensor (leaves filled, with their
     * name when set), labelled with the operation, dtype and shape, plus values and grads for tensors of at most
     * {@value #DOT_MAX_VALUES} elements; edges point from inputs to results, labelled with the operand position when
     * an operation has several. Render with {@code dot -Tsvg}. A backward
     * pass without retainGraph cuts the graph below the tensors it walked: print before, or retain the graph.
     */
    public static String toDot(Tensor root) {
        Objects.requireNonNull(root, "root");
        IdentityHashMap<Tensor, Integer> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph vecgrad {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        ArrayDeque<Tensor> queue = new ArrayDeque<>();
        ids.put(root, 0);
        queue.add(root);
        StringBuilder edges = new StringBuilder();
        while (!queue.isEmpty()) {
            Tensor t = queue.poll();
            int id = ids.get(t);
            sb.append("  t").append(id).append(" [label=\"").append(escape(dotLabel(t))).append('"');
            if (t.node == null) {
                sb.append(", style=filled, fillcolor=").append(t.requiresGrad ? "lightblue" : "lightgrey");
            }
            sb.append("];\n");
            if (t.node != null) {
                Tensor[] ins = t.node.inputs;
                for (int i = 0; i < ins.length; i++) {
                    Integer cid = ids.get(ins[i]);
                    if (cid == null) {
                        cid = ids.size();
                        ids.put(ins[i], cid);
                        queue.add(ins[i]);
                    }
                    edges.append("  t").append(cid).append(" -> t").append(id);
                    if (ins.length > 1) {
                        edges.append(" [label=\"").append(i).append("\"]");   // operand order: a − b, A·B
                    }
                    edges.append(";\n");
                }
            }
        }
        return sb.append(edges).append("}\n").toString();
    }

    private static String dotLabel(Tensor t) {
        StringBuilder l = new StringBuilder();
        if (t.name() != null) {
            l.append(t.name()).append('\n');
        }
        l.append(t.node == null ? "leaf" : t.node.op).append(' ').append(t.dtype()).append(' ')
                .append(Shapes.str(t.data.shape()));
        if (t.node != null && t.node.released) {
            l.append(" (graph released by backward)");
        }
        if (t.requiresGrad && t.node == null) {
            l.append(" requiresGrad");
        }
        if (t.size() <= DOT_MAX_VALUES) {
            l.append("\nvalue ").append(brief(t.data));
            if (t.grad != null) {
                l.append("\ngrad ").append(brief(t.grad.data));
            }
        }
        return l.toString();
    }

    /** "[0.995, 1.8e-06]": 4 significant digits. */
    private static String brief(NdArray a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", a.getFlat(i)));
        }
        return sb.append(']').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
