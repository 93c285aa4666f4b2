package org.vecgrad.autodiff;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.engine.UnaryOp;

/**
 * An {@link NdArray} (F32 or F64) that remembers how it was computed, so gradients can flow back to the tensors it
 * came from.
 *
 * <p>A tensor created by a factory ({@link #of}, {@link #zeros}, {@link #randn}, …) is a <em>leaf</em>. Mark the
 * leaves you want gradients for with {@link #requiresGrad(boolean) requiresGrad(true)}. Every operation on a tensor
 * that requires grad (outside a {@link #noGrad()} scope) returns a tensor that requires grad and records one node of
 * the graph: the operation's name, its inputs, and next to its forward computation the local backward rule of each
 * input. {@link #backward()} walks that graph once in reverse topological order and adds ∂L/∂leaf into each leaf's
 * {@link #grad()}. See the {@linkplain org.vecgrad.autodiff package documentation} for when gradients accumulate and
 * when the graph is released.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(DType.F64, rng, 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(NdArray.of(new double[][] {{1, 2, 3}}));
 * Tensor loss = x.matmul(w).tanh().square().mean();
 * loss.backward();          // w.grad() now holds ∂loss/∂w, shape [3, 2]
 * }</pre>
 *
 * <p>Operations never modify their inputs. Binary operations broadcast as NumPy does; the gradient of a broadcast
 * operand is summed back to its shape ({@link #sumToShape}). Mixing F32 and F64 is an error (convert with
 * {@link #to(DType)}). Each operation's rules are written with tensor operations themselves, so gradients can be
 * differentiated again ({@link Autograd#grad(Tensor[], Tensor[], boolean)} with {@code createGraph}).
 *
 * <p>Inside a {@linkplain ForwardAD dual level} a tensor may also carry a tangent ẋ; each operation then computes its
 * result's tangent from a forward-mode rule written right after its backward rules (forward-mode AD).
 */
public final class Tensor {

    final NdArray data;
    boolean requiresGrad;
    /** Null for a leaf. */
    Node node;
    Tensor grad;
    /** True when {@link #grad}'s storage is ours alone, so backward may add into it in place. */
    boolean gradOwned;
    boolean retainsGrad;
    /** Name and forward-mode tangent; null for most tensors (kept out of line so a plain tensor stays small). */
    Extras extras;
    /**
     * Set on a gradient a built-in backward rule has just allocated in a plain (not createGraph) pass: nothing else
     * refers to its storage, so the pass may keep it as a leaf's {@link #grad} instead of copying it. The claim is
     * used once: whoever takes the storage clears it (a rule that passes g through routes the same tensor to
     * several inputs).
     */
    boolean fresh;

    Tensor(NdArray data, boolean requiresGrad) {
        this.data = data;
        this.requiresGrad = requiresGrad;
    }

    /** Rarely used per-tensor state: the name set by {@link #name(String)}, and a tangent with its dual level. */
    static final class Extras {
        String name;
        NdArray tangent;
        ForwardAD.DualLevel level;
    }

    private Extras extras() {
        Extras e = extras;
        if (e == null) {
            e = new Extras();
            extras = e;
        }
        return e;
    }

    // ================================================================================================ factories

    /** A leaf wrapping {@code data} (no copy), not requiring grad. */
    public static Tensor of(NdArray data) {
        return new Tensor(Objects.requireNonNull(data, "data"), false);
    }

    /** A leaf wrapping {@code data} (no copy); only a floating-point leaf can require grad (as in PyTorch). */
    public static Tensor of(NdArray data, boolean requiresGrad) {
        Objects.requireNonNull(data, "data");
        if (requiresGrad) {
            checkDifferentiable(data.dtype());
        }
        return new Tensor(data, requiresGrad);
    }

    /** A 1-D F64 leaf holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return new Tensor(NdArray.of(values), false);
    }

    /** A 2-D F64 leaf from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return new Tensor(NdArray.of(rows), false);
    }

    /** A rank-0 F64 leaf. */
    public static Tensor scalar(double value) {
        return new Tensor(NdArray.scalar(DType.F64, value), false);
    }

    /** A rank-0 leaf of the given dtype. */
    public static Tensor scalar(DType dtype, double value) {
        return new Tensor(NdArray.scalar(dtype, value), false);
    }

    /** A leaf of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(NdArray.zeros(dtype, shape), false);
    }

    /** A leaf of ones. */
    public static Tensor ones(DType dtype, int... shape) {
        return new Tensor(NdArray.ones(dtype, shape), false);
    }

    /** A leaf with every element {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        return new Tensor(NdArray.full(dtype, value, shape), false);
    }

    /** A leaf of standard normal samples. */
    public static Tensor randn(DType dtype, RandomGenerator rng, int... shape) {
        return new Tensor(NdArray.randn(dtype, rng, shape), false);
    }

    /** A leaf of uniform samples on [0, 1). */
    public static Tensor rand(DType dtype, RandomGenerator rng, int... shape) {
        return new Tensor(NdArray.rand(dtype, rng, shape), false);
    }

    /** A scope in which operations record no graph; see {@link GradMode}. Thread-local; close it to restore. */
    public static GradMode.Scope noGrad() {
        return GradMode.noGrad();
    }

    // ================================================================================================ accessors

    /** The values (shared, not a copy). Writing into them bypasses autograd; fine for leaves between steps. */
    public NdArray data() {
        return data;
    }

    /** F32 or F64. */
    public DType dtype() {
        return data.dtype();
    }

    /** A copy of the shape. */
    public int[] shape() {
        return data.shape();
    }

    /** The size of one axis (negative counts from the end). */
    public int shape(int axis) {
        return data.shape(axis);
    }

    /** Number of axes. */
    public int rank() {
        return data.rank();
    }

    /** Number of elements. */
    public int size() {
        return data.size();
    }

    /** The only element of a one-element tensor. */
    public double item() {
        return data.item();
    }

    /** Whether gradients flow to (a leaf) or through (a result) this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Sets whether this leaf collects a gradient; returns this. Only leaves: to stop gradients at a result, use
     * {@link #detach()}.
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad(" + requiresGrad + ") on the result of '" + node.op
                    + "': only leaves can change it; use detach() for a copy that is cut from the graph");
        }
        if (requiresGrad) {
            checkDifferentiable(data.dtype());
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    private static void checkDifferentiable(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad(true) on a " + dtype
                    + " tensor: only floating-point tensors (F32, F64) can require gradients; integer and boolean"
                    + " tensors (ids, labels, masks) are inputs, not parameters");
        }
    }

    /** True for a tensor created by a factory or {@link #detach()}, false for the result of a recorded operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /**
     * The accumulated gradient ∂L/∂this (same shape and dtype), or null before the first backward pass reaches
     * this tensor. Only leaves (and results on which {@link #retainGrad()} was called) keep one.
     */
    public Tensor grad() {
        return grad;
    }

    /** Keeps the gradient of this non-leaf result in {@link #grad()} during backward passes; returns this. */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad() on a tensor that does not require grad");
        }
        retainsGrad = true;
        return this;
    }

    /** Sets {@link #grad()} to zeros (in place when it is this tensor's own buffer); no-op when there is none. */
    public void zeroGrad() {
        if (grad == null) {
            return;
        }
        if (gradOwned && !grad.requiresGrad) {
            grad.data.fill(0);
        } else {
            grad = new Tensor(NdArray.zerosLike(data), false);
            gradOwned = true;
        }
    }

    /** Forgets the gradient: {@link #grad()} returns null until the next backward pass (frees the buffer). */
    public void clearGrad() {
        grad = null;
        gradOwned = false;
    }

    /** A leaf sharing this tensor's values, cut from the graph (requires no grad) and without a tangent. */
    public Tensor detach() {
        return new Tensor(data, false);
    }

    /** A name shown in the graph export and in some error messages; returns this. */
    public Tensor name(String name) {
        if (name != null || extras != null) {
            extras().name = name;
        }
        return this;
    }

    /** The name set by {@link #name(String)}, or null. */
    public String name() {
        Extras e = extras;
        return e == null ? null : e.name;
    }

    /** The name of the operation that produced this tensor, or null for a leaf. */
    public String op() {
        return node == null ? null : node.op;
    }

    /**
     * The tensors this one was computed from, in operand order, for walking a recorded graph (to draw it, say):
     * empty for a leaf, for a result nothing was recorded for (no input required grad, or inside
     * {@link #noGrad()}), and once a backward pass has released the graph.
     */
    public java.util.List<Tensor> inputs() {
        return node == null ? java.util.List.of() : java.util.List.of(node.inputs);
    }

    // ================================================================================================ backward

    /**
     * Computes ∂this/∂leaf for every leaf that requires grad and adds it into the leaf's {@link #grad()}; this tensor
     * must hold one element (a loss). Releases the graph afterwards.
     */
    public void backward() {
        backward(false);
    }

    /** {@link #backward()}, keeping the graph for another backward pass when {@code retainGraph}. */
    public void backward(boolean retainGraph) {
        if (data.size() != 1) {
            throw new IllegalStateException("backward() without an upstream gradient needs a one-element tensor (a"
                    + " loss); this " + describe() + " has " + data.size() + " elements. Pass backward(upstream)"
                    + " with ∂L/∂this, a tensor of shape " + Shapes.str(data.shape()));
        }
        Autograd.backward(this, new Tensor(NdArray.ones(data.dtype(), data.shape()), false), retainGraph, false);
    }

    /**
     * Backward from a non-scalar tensor: {@code upstream} is ∂L/∂this (same shape and dtype), and leaves receive
     * upstreamᵀ·∂this/∂leaf. Releases the graph afterwards.
     */
    public void backward(Tensor upstream) {
        backward(upstream, false);
    }

    /** {@link #backward(Tensor)}, keeping the graph when {@code retainGraph}. */
    public void backward(Tensor upstream, boolean retainGraph) {
        backward(upstream, retainGraph, false);
    }

    /**
     * {@link #backward(Tensor)} with PyTorch's full options: with {@code createGraph} the backward pass is recorded,
     * so the gradients stored in the leaves are themselves differentiable (e.g. for a gradient penalty); the graph
     * is then kept whatever {@code retainGraph} says, since the gradients refer to it.
     */
    public void backward(Tensor upstream, boolean retainGraph, boolean createGraph) {
        Objects.requireNonNull(upstream, "upstream");
        if (!Arrays.equals(upstream.data.shape(), data.shape()) || upstream.dtype() != dtype()) {
            throw new IllegalArgumentException("backward(upstream): upstream is " + upstream.dtype() + " "
                    + Shapes.str(upstream.data.shape()) + " but this tensor is " + dtype() + " "
                    + Shapes.str(data.shape()) + "; they must match");
        }
        Autograd.backward(this, upstream, retainGraph || createGraph, createGraph);
    }

    // ================================================================================================ graph building

    /**
     * Records a custom operation: {@code value} computed from {@code inputs}, with one backward rule per input
     * (rules[i] returns ∂L/∂inputs[i] given ∂L/∂y; it is only called for inputs that require grad). Outside a
     * {@link #noGrad()} scope, or when no input requires grad, this returns a plain tensor.
     */
    public static Tensor custom(String op, NdArray value, Tensor[] inputs, BackwardRule... rules) {
        return customWithJvp(op, value, inputs, null, rules);
    }

    /**
     * {@link #custom} with a forward-mode rule as well: inside a {@linkplain ForwardAD dual level}, when an input
     * carries a tangent, {@code jvp} gets the inputs' tangents (null for an input without one: zero) and returns
     * ẏ = Σᵢ ∂y/∂inputᵢ·tangentᵢ, shaped like {@code value} (null for zero). Without a rule ({@code jvp == null},
     * as in {@link #custom}) an input with a tangent is an error naming the operation: the tangent is never dropped
     * silently.
     */
    public static Tensor customWithJvp(String op, NdArray value, Tensor[] inputs, ForwardRule jvp,
                                       BackwardRule... rules) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (rules.length != inputs.length) {
            throw new IllegalArgumentException("custom op '" + op + "': " + inputs.length + " inputs but "
                    + rules.length + " rules; give one rule per input");
        }
        NdArray[] tangents = tangents(inputs);
        if (tangents != null && jvp == null) {
            int i = 0;
            while (tangents[i] == null) {
                i++;
            }
            throw new UnsupportedOperationException("custom op '" + op + "' has no forward-mode (jvp) rule,"
                    + " but its input " + i + " (" + inputs[i].describe() + ") carries a tangent; give one"
                    + " with Tensor.customWithJvp(op, value, inputs, jvp, rules...)");
        }
        Tensor out = make(op, value, inputs.clone(), rules.clone());
        if (tangents == null) {
            return out;
        }
        NdArray t = jvp.apply(tangents);
        if (t != null && (t.dtype() != value.dtype() || !Arrays.equals(t.shape(), value.shape()))) {
            throw new IllegalStateException("the forward-mode rule of custom op '" + op + "' returned a tangent of "
                    + t.dtype() + " " + Shapes.str(t.shape()) + " but the result is " + value.dtype() + " "
                    + Shapes.str(value.shape()));
        }
        return out.dual(t);
    }

    static Tensor make(String op, NdArray value, Tensor[] inputs, BackwardRule[] rules) {
        return make(op, value, inputs, rules, GradMode.current());
    }

    private static Tensor make(String op, NdArray value, Tensor[] inputs, BackwardRule[] rules, GradMode.State st) {
        Tensor out = new Tensor(value, false);
        if (st.grad) {
            for (Tensor t : inputs) {
                if (t.requiresGrad) {
                    out.requiresGrad = true;
                    out.node = new Node(op, inputs, rules, st.anomaly ? new Throwable("forward of '" + op + "'")
                            : null);
                    break;
                }
            }
        }
        if (st.anomaly) {
            Autograd.checkForward(op, value, inputs);
        }
        return out;
    }

    // op1/op2 return before allocating the node and its arrays when nothing is recorded (no-grad forward passes and
    // plain backward passes): such an op costs its result and the rule lambdas (~170 B/op on 1-element tensors).
    private static Tensor op1(String op, NdArray value, Tensor x, BackwardRule rx) {
        GradMode.State st = GradMode.current();
        if (!st.anomaly && (!st.grad || !x.requiresGrad)) {
            return new Tensor(value, false);
        }
        return make(op, value, new Tensor[] {x}, new BackwardRule[] {rx}, st);
    }

    private static Tensor op2(String op, NdArray value, Tensor a, Tensor b, BackwardRule ra, BackwardRule rb) {
        GradMode.State st = GradMode.current();
        if (!st.anomaly && (!st.grad || !(a.requiresGrad || b.requiresGrad))) {
            return new Tensor(value, false);
        }
        return make(op, value, new Tensor[] {a, b}, new BackwardRule[] {ra, rb}, st);
    }

    /** A constant (no graph) holding {@code a}. */
    static Tensor constant(NdArray a) {
        return new Tensor(a, false);
    }

    /** A constant holding {@code a}, which the calling backward rule has just allocated: marked {@link #fresh}. */
    static Tensor owned(NdArray a) {
        Tensor t = new Tensor(a, false);
        t.fresh = true;
        return t;
    }

    /**
     * For the backward rules of {@link #custom} operations: wraps {@code gradient}, an array the rule has just
     * allocated and keeps no other reference to, so that a backward pass may make it a leaf's {@link #grad()} as it
     * is, instead of copying it (the built-in rules do the same). A rule returning anything else (the upstream
     * gradient passed through, a view of it, an array kept elsewhere) returns a plain {@link #of(NdArray)}: a grad
     * must never share storage with another tensor.
     */
    public static Tensor ownedGradient(NdArray gradient) {
        return owned(Objects.requireNonNull(gradient, "gradient"));
    }

    // ================================================================================================ forward mode
    // Each operation below computes its result y, records its backward rules (op1/op2), and then, only when an input
    // carries a tangent (ẋ = x.tan() is null otherwise: one null check), sets ẏ from its forward-mode rule, written
    // on engine arrays. A null tangent stands for zero, and rules skip its term instead of materialising zeros.

    /**
     * ẋ: this tensor's tangent in the dual level open on the calling thread, or null (zero). Costs one null check
     * on a tensor that never had a tangent.
     */
    NdArray tan() {
        Extras e = extras;
        return e == null || e.tangent == null ? null : ForwardAD.live(e);
    }

    /** The inputs' tangents (null for an input without one), or null when no input carries one. */
    private static NdArray[] tangents(Tensor[] inputs) {
        NdArray[] ts = null;
        for (int i = 0; i < inputs.length; i++) {
            NdArray t = inputs[i].tan();
            if (t != null) {
                if (ts == null) {
                    ts = new NdArray[inputs.length];
                }
                ts[i] = t;
            }
        }
        return ts;
    }

    /** Sets this fresh result's tangent ẏ = t (nothing when t is null: a zero tangent); returns this. */
    Tensor dual(NdArray t) {
        if (t != null) {
            if (t.dtype() != dtype() || !Arrays.equals(t.shape(), data.shape())) {
                throw new IllegalStateException("the forward-mode rule of '" + op() + "' returned a tangent of "
                        + t.dtype() + " " + Shapes.str(t.shape()) + " for a result of " + dtype() + " "
                        + Shapes.str(data.shape()));
            }
            Extras e = extras();
            e.tangent = t;
            e.level = ForwardAD.current();
        }
        return this;
    }

    /** {@link ForwardAD#makeDual}: an identity operation on {@code primal} carrying tangent {@code t}. */
    static Tensor dualOf(Tensor primal, NdArray t, ForwardAD.DualLevel level) {
        Tensor out = op1("makeDual", primal.data, primal, (g, y) -> g);
        Extras e = out.extras();
        e.tangent = t;
        e.level = level;
        return out;
    }

    /** This tensor's values as an identity operation without a tangent ({@link ForwardAD#unpackDual}'s primal). */
    Tensor primal() {
        return op1("primal", data, this, (g, out) -> g);
    }

    /** ẋ broadcast to {@code shape} (as is when it has it); null stays null (zero). */
    private static NdArray broadcastTo(NdArray t, int[] shape) {
        return t == null || Arrays.equals(t.shape(), shape) ? t : NdArray.zeros(t.dtype(), shape).addInPlace(t);
    }

    /** a + b with null as zero (broadcasting). */
    private static NdArray plus(NdArray a, NdArray b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** ẋ·c with null as zero (broadcasting). */
    private static NdArray times(NdArray t, NdArray c) {
        return t == null ? null : t.mul(c);
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        Objects.requireNonNull(b, op + ": operand");
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": cannot mix " + a.dtype() + " " + Shapes.str(a.data.shape())
                    + " and " + b.dtype() + " " + Shapes.str(b.data.shape()) + "; convert one with to(DType)");
        }
    }

    // ================================================================================================ binary ops
    // Each rule returns gᵀ·∂y/∂input, summed back over the axes the input was broadcast along.

    /** this + b (broadcasting). */
    public Tensor add(Tensor b) {
        Tensor a = this;
        sameDtype("add", a, b);
        Tensor out = op2("add", a.data.add(b.data), a, b,
                (g, y) -> g.sumToShapeOf(a),                          // ∂(a+b)/∂a = 1
                (g, y) -> g.sumToShapeOf(b));                         // ∂(a+b)/∂b = 1
        NdArray da = a.tan();
        NdArray db = b.tan();
        return da == null && db == null ? out : out.dual(broadcastTo(plus(da, db), out.data.shape()));   // ẏ = ȧ + ḃ
    }

    /** this − b (broadcasting). */
    public Tensor sub(Tensor b) {
        Tensor a = this;
        sameDtype("sub", a, b);
        Tensor out = op2("sub", a.data.sub(b.data), a, b,
                (g, y) -> g.sumToShapeOf(a),                          // ∂(a−b)/∂a = 1
                (g, y) -> g.neg().sumToShapeOf(b));                   // ∂(a−b)/∂b = −1
        NdArray da = a.tan();
        NdArray db = b.tan();
        return da == null && db == null ? out                                                     // ẏ = ȧ − ḃ
                : out.dual(broadcastTo(db == null ? da : da == null ? db.neg() : da.sub(db), out.data.shape()));
    }

    /** this · b elementwise (broadcasting). */
    public Tensor mul(Tensor b) {
        Tensor a = this;
        sameDtype("mul", a, b);
        Tensor out = op2("mul", a.data.mul(b.data), a, b,
                (g, y) -> g.mul(b).sumToShapeOf(a),                   // ∂(ab)/∂a = b
                (g, y) -> g.mul(a).sumToShapeOf(b));                  // ∂(ab)/∂b = a
        NdArray da = a.tan();
        NdArray db = b.tan();
        return da == null && db == null ? out                                                     // ẏ = ȧ·b + a·ḃ
                : out.dual(broadcastTo(plus(times(da, b.data), times(db, a.data)), out.data.shape()));
    }

    /** this / b elementwise (broadcasting). */
    public Tensor div(Tensor b) {
        Tensor a = this;
        sameDtype("div", a, b);
        Tensor out = op2("div", a.data.div(b.data), a, b,
                (g, y) -> g.div(b).sumToShapeOf(a),                   // ∂(a/b)/∂a = 1/b
                (g, y) -> g.mul(a).div(b.square()).neg().sumToShapeOf(b)); // ∂(a/b)/∂b = −a/b²
        NdArray da = a.tan();
        NdArray db = b.tan();
        if (da == null && db == null) {
            return out;
        }
        NdArray yDb = times(db, out.data);                                                        // y·ḃ = a·ḃ/b
        return out.dual(broadcastTo((yDb == null ? da.div(b.data) : da == null ? yDb.neg().divInPlace(b.data)
                : da.sub(yDb).divInPlace(b.data)), out.data.shape()));                       // ẏ = (ȧ − y·ḃ)/b
    }

    /** max(this, b) elementwise (broadcasting); on a tie each side gets half the gradient. */
    public Tensor maximum(Tensor b) {
        Tensor a = this;
        sameDtype("maximum", a, b);
        Tensor out = op2("maximum", a.data.maximum(b.data), a, b,            // share: 1 if it wins, ½ on a tie
                (g, y) -> g.mul(constant(Masks.winnerShare(a.data.sub(b.data)))).sumToShapeOf(a),
                (g, y) -> g.mul(constant(Masks.winnerShare(b.data.sub(a.data)))).sumToShapeOf(b));
        NdArray da = a.tan();
        NdArray db = b.tan();
        return da == null && db == null ? out : out.dual(broadcastTo(plus(              // ẏ = the winner's tangent
                times(da, Masks.winnerShare(a.data.sub(b.data))),
                times(db, Masks.winnerShare(b.data.sub(a.data)))), out.data.shape()));
    }

    /** min(this, b) elementwise (broadcasting); on a tie each side gets half the gradient. */
    public Tensor minimum(Tensor b) {
        Tensor a = this;
        sameDtype("minimum", a, b);
        Tensor out = op2("minimum", a.data.minimum(b.data), a, b,            // share: 1 if it wins, ½ on a tie
                (g, y) -> g.mul(constant(Masks.winnerShare(b.data.sub(a.data)))).sumToShapeOf(a),
                (g, y) -> g.mul(constant(Masks.winnerShare(a.data.sub(b.data)))).sumToShapeOf(b));
        NdArray da = a.tan();
        NdArray db = b.tan();
        return da == null && db == null ? out : out.dual(broadcastTo(plus(              // ẏ = the winner's tangent
                times(da, Masks.winnerShare(b.data.sub(a.data))),
                times(db, Masks.winnerShare(a.data.sub(b.data)))), out.data.shape()));
    }

    /** this + s. */
    public Tensor add(double s) {
        Tensor out = op1("add", data.add(s), this, (g, y) -> g);
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx);                                                     // ẏ = ẋ
    }

    /** this − s. */
    public Tensor sub(double s) {
        Tensor out = op1("sub", data.sub(s), this, (g, y) -> g);
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx);                                                     // ẏ = ẋ
    }

    /** this · s. */
    public Tensor mul(double s) {
        Tensor out = op1("mul", data.mul(s), this, (g, y) -> g.mul(s));
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx.mul(s));                                              // ẏ = s·ẋ
    }

    /** this / s. */
    public Tensor div(double s) {
        Tensor out = op1("div", data.div(s), this, (g, y) -> g.div(s));
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx.div(s));                                              // ẏ = ẋ/s
    }

    /** s − this. */
    public Tensor rsub(double s) {
        Tensor out = op1("rsub", data.neg().addInPlace(s), this, (g, y) -> g.neg());
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx.neg());                                               // ẏ = −ẋ
    }

    /** s / this. */
    public Tensor rdiv(double s) {
        Tensor x = this;
        Tensor out = op1("rdiv", NdArray.full(x.dtype(), s, x.data.shape()).divInPlace(x.data), x,
                (g, y) -> g.mul(y).div(x).neg());                                 // ∂(s/x)/∂x = −s/x² = −y/x
        NdArray dx = tan();
        return dx == null ? out : out.dual(dx.mul(out.data).divInPlace(x.data).mulInPlace(-1));      // ẏ = −(y/x)·ẋ
    }

    // ================================================================================================ unary ops

    /**
     * y = f(x) for an engine function. The rule is the formula written with tensor ops when a graph is being
     * recorded (createGraph); otherwise the engine's fused kernel g·f'(x), one pass and one allocation.
     */
    private Tensor unary(String name, UnaryOp op, double p0, double p1, BackwardRule formula) {
        Tensor x = this;
        Tensor out = op1(name, x.data.apply(op, p0, p1), x, (g, y) -> GradMode.isEnabled() ? formula.apply(g, y)
                : owned(x.data.unaryBackward(op, p0, p1, y.data, g.data, gradientBuffer(g))));
        NdArray dx = x.tan();
        // ẏ = f'(x)·ẋ (tanh: (1 − y²)·ẋ, …, f' as documented on UnaryOp): the Jacobian of an elementwise function is
        // diagonal, so the forward product J·ẋ is the same elementwise product as the backward gᵀ·J, one fused kernel.
        return dx == null ? out : out.dual(x.data.unaryBackward(op, p0, p1, out.data, dx, NdArray.zerosLike(x.data)));
    }

    /**
     * Where a one-input rule of a plain pass writes its result, shaped like g: g's own storage when g is
     * {@link #fresh} (it belongs to this rule's tensor alone, see {@link Autograd}; the kernels read each element
     * of g before writing the same element of the result), else a new array.
     */
    private static NdArray gradientBuffer(Tensor g) {
        if (g.fresh) {
            g.fresh = false;                                  // taken: the result now owns the storage
            return g.data;
        }
        return NdArray.zerosLike(g.data);
    }

    /** −x */
    public Tensor neg() {
        return unary("neg", UnaryOp.NEG, 0, 0, (g, y) -> g.neg());
    }

    /** |x|; the gradient at 0 is 0. */
    public Tensor abs() {
        Tensor x = this;
        return unary("abs", UnaryOp.ABS, 0, 0, (g, y) -> g.mul(constant(Masks.sign(x.data))));
    }

    /** eˣ */
    public Tensor exp() {
        return unary("exp", UnaryOp.EXP, 0, 0, (g, y) -> g.mul(y));                    // (eˣ)' = eˣ = y
    }

    /** ln x */
    public Tensor log() {
        Tensor x = this;
        return unary("log", UnaryOp.LOG, 0, 0, (g, y) -> g.div(x));                    // (ln x)' = 1/x
    }

    /** √x */
    public Tensor sqrt() {
        return unary("sqrt", UnaryOp.SQRT, 0, 0, (g, y) -> g.div(y.mul(2)));           // (√x)' = 1/(2√x)
    }

    /** x² */
    public Tensor square() {
        Tensor x = this;
        return unary("square", UnaryOp.SQUARE, 0, 0, (g, y) -> g.mul(x.mul(2)));        // (x²)' = 2x
    }

    /** xᵖ (Math.pow semantics). */
    public Tensor pow(double p) {
        Tensor x = this;
        return unary("pow", UnaryOp.POW, p, 0, (g, y) -> p == 0 ? g.mul(0)
                : g.mul(x.pow(p - 1).mul(p)));                                         // (xᵖ)' = p·xᵖ⁻¹
    }

    /** min(max(x, lo), hi); gradient 1 on the closed interval [lo, hi], else 0. */
    public Tensor clamp(double lo, double hi) {
        Tensor x = this;
        return unary("clamp", UnaryOp.CLAMP, lo, hi,
                (g, y) -> g.mul(constant(Masks.between(x.data, lo, hi, true, 1))));
    }

    /**
     * Heaviside step, 1 if x &gt; 0 else 0, so step(0) = step(−0) = 0 (NaN stays NaN); its gradient is 0 everywhere.
     * The value at 0 is a convention (PyTorch's {@code heaviside(x, values)} asks for it): vecgrad takes 0, so that
     * step is the derivative ReLU uses (relu'(0) = 0, relu(x) = x·step(x)) and a perceptron fires only on a strictly
     * positive net input.
     */
    public Tensor step() {
        return unary("step", UnaryOp.STEP, 0, 0, (g, y) -> g.mul(0));
    }

    /** σ(x) = 1/(1 + e⁻ˣ) */
    public Tensor sigmoid() {
        return unary("sigmoid", UnaryOp.SIGMOID, 0, 0, (g, y) -> g.mul(y.mul(y.rsub(1)))); // σ' = σ(1−σ)
    }

    /** tanh x */
    public Tensor tanh() {
        return unary("tanh", UnaryOp.TANH, 0, 0, (g, y) -> g.mul(y.square().rsub(1)));  // tanh' = 1 − tanh²
    }

    /** max(x, 0); gradient 1 if x &gt; 0 else 0. */
    public Tensor relu() {
        Tensor x = this;
        return unary("relu", UnaryOp.RELU, 0, 0, (g, y) -> g.mul(constant(Masks.positive(x.data, 1, 0))));
    }

    /** x if x &gt; 0 else γx; gradient 1 or γ (γ at 0). */
    public Tensor leakyRelu(double gamma) {
        Tensor x = this;
        return unary("leakyRelu", UnaryOp.LEAKY_RELU, gamma, 0,
                (g, y) -> g.mul(constant(Masks.positive(x.data, 1, gamma))));
    }

    /** x if x &gt; 0 else α(eˣ − 1); gradient 1 if x &gt; 0 else αeˣ = y + α. */
    public Tensor elu(double alpha) {
        Tensor x = this;
        return unary("elu", UnaryOp.ELU, alpha, 0, (g, y) -> {
            Tensor pos = constant(Masks.positive(x.data, 1, 0));
            Tensor neg = constant(Masks.positive(x.data, 0, 1));
            return g.mul(y.add(alpha).mul(neg).add(pos));
        });
    }

    /** ln(1 + eˣ); gradient σ(x). */
    public Tensor softplus() {
        Tensor x = this;
        return unary("softplus", UnaryOp.SOFTPLUS, 0, 0, (g, y) -> g.mul(x.sigmoid()));
    }

    /** Swish x·σ(βx) with a fixed β (SiLU at β = 1); gradient σ(βx) + βx·σ(βx)(1 − σ(βx)). */
    public Tensor swish(double beta) {
        return swish("swish", beta);
    }

    /** x·σ(βx) recorded as {@code name}. */
    private Tensor swish(String name, double beta) {
        Tensor x = this;
        return unary(name, UnaryOp.SWISH, beta, 0, (g, y) -> {
            Tensor s = x.mul(beta).sigmoid();
            return g.mul(s.add(x.mul(beta).mul(s.mul(s.rsub(1)))));
        });
    }

    /** SiLU, x·σ(x): {@link #swish(double)} with β = 1. */
    public Tensor silu() {
        return swish(1.0);
    }

    /**
     * Swish x·σ(βx) with a learnable β broadcast against x (a scalar, or one per channel):
     * ∂y/∂x = σ(βx) + βx·σ(βx)(1 − σ(βx)), ∂y/∂β = x²·σ(βx)(1 − σ(βx)).
     */
    public Tensor swish(Tensor beta) {
        Tensor x = this;
        sameDtype("swish", x, beta);
        int[] bs = Shapes.broadcast(x.data.shape(), beta.data.shape());
        if (!Arrays.equals(bs, x.data.shape())) {
            throw new IllegalArgumentException("swish: beta of shape " + Shapes.str(beta.data.shape())
                    + " must broadcast to x's shape " + Shapes.str(x.data.shape()) + " (it broadcasts to "
                    + Shapes.str(bs) + ")");
        }
        NdArray s0 = x.data.mul(beta.data).sigmoid();
        Tensor out = op2("swish", x.data.mul(s0), x, beta,
                (g, y) -> {
                    Tensor bx = x.mul(beta);
                    Tensor s = bx.sigmoid();
                    return g.mul(s.add(bx.mul(s.mul(s.rsub(1)))));
                },
                (g, y) -> {
                    Tensor s = x.mul(beta).sigmoid();
                    return g.mul(x.square()).mul(s.mul(s.rsub(1))).sumToShapeOf(beta);
                });
        NdArray dx = x.tan();
        NdArray db = beta.tan();
        if (dx == null && db == null) {
            return out;
        }
        NdArray ds = s0.mul(s0.neg().addInPlace(1));                                        // σ'(βx) = s(1 − s)
        NdArray dyDx = x.data.mul(beta.data).mulInPlace(ds).addInPlace(s0);                 // s + βx·s(1 − s)
        NdArray dyDb = x.data.square().mulInPlace(ds);                                      // x²·s(1 − s)
        return out.dual(plus(times(dx, dyDx), times(db, dyDb)));          // ẏ = ∂y/∂x·ẋ + ∂y/∂β·β̇ (β̇ broadcast)
    }

    /** Exact GELU x·Φ(x); gradient Φ(x) + x·φ(x). */
    public Tensor gelu() {
        Tensor x = this;
        return unary("gelu", UnaryOp.GELU, 0, 0, (g, y) -> g.mul(x.normalCdf().add(x.mul(x.normalPdf()))));
    }

    /** GELU, tanh approximation ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³). */
    public Tensor geluTanh() {
        Tensor x = this;
        return unary("geluTanh", UnaryOp.GELU_TANH, 0, 0, (g, y) -> {
            double k = Math.sqrt(2 / Math.PI);
            double c = 0.044715;
            Tensor t = x.add(x.pow(3).mul(c)).mul(k).tanh();
            Tensor du = x.square().mul(3 * c).add(1).mul(k);                  // du/dx
            // ½(1 + t) + ½x(1 − t²)·du/dx
            return g.mul(t.add(1).mul(0.5).add(x.mul(0.5).mul(t.square().rsub(1)).mul(du)));
        });
    }

    /** The β of {@link #geluSigmoid()}: σ(1.702x) is within 0.01 of Φ(x) everywhere (Hendrycks and Gimpel, 2016). */
    public static final double GELU_SIGMOID_BETA = 1.702;

    /**
     * GELU, sigmoid approximation x·σ(1.702x) (Hendrycks and Gimpel, 2016): Φ(x) replaced by the logistic curve of
     * the same slope at 0, at most 0.021 from exact GELU. It is {@link #swish(double) swish} with β = 1.702, and runs
     * on its kernel; gradient σ(βx) + βx·σ(βx)(1 − σ(βx)).
     */
    public Tensor geluSigmoid() {
        return swish("geluSigmoid", GELU_SIGMOID_BETA);
    }

    /**
     * GELU with a general normal, y = x·P(X ≤ x) for X ~ N(μ, σ²) = x·Φ(z), z = (x − μ)/σ, with μ and σ fixed
     * (Hendrycks and Gimpel, 2016, who take μ = 0, σ = 1: then this is {@link #gelu()}; as σ → 0 it tends to
     * ReLU shifted to μ). Gradient ∂y/∂x = Φ(z) + (x/σ)·φ(z), φ the standard normal density.
     *
     * @throws IllegalArgumentException if μ is not finite or σ is not a finite positive number
     */
    public Tensor gelu(double mu, double sigma) {
        if (!Double.isFinite(mu) || !(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("gelu(mu, sigma): mu must be finite and sigma finite and > 0; got mu = "
                    + mu + ", sigma = " + sigma + " for x " + dtype() + " " + Shapes.str(data.shape()));
        }
        Tensor x = this;
        NdArray z = x.data.sub(mu).mulInPlace(1 / sigma);
        NdArray cdf = Masks.normalCdf(z);
        Tensor out = op1("geluNormal", x.data.mul(cdf), x, (g, y) -> {
            Tensor zt = x.sub(mu).mul(1 / sigma);
            return g.mul(zt.normalCdf().add(x.mul(1 / sigma).mul(zt.normalPdf())));    // Φ(z) + (x/σ)·φ(z)
        });
        NdArray dx = x.tan();
        if (dx == null) {
            return out;
        }
        NdArray pdf = z.square().mulInPlace(-0.5).exp().mulInPlace(1 / Math.sqrt(2 * Math.PI));
        return out.dual(pdf.mulInPlace(x.data).mulInPlace(1 / sigma).addInPlace(cdf).mulInPlace(dx));   // ẏ = y'·ẋ
    }

    /** clip(0.25x + 0.5, 0, 1); gradient 0.25 on −2 &lt; x &lt; 2, else 0. */
    public Tensor hardSigmoid() {
        Tensor x = this;
        return unary("hardSigmoid", UnaryOp.HARD_SIGMOID, 0, 0,
                (g, y) -> g.mul(constant(Masks.between(x.data, -2, 2, false, 0.25))));
    }

    /** clip(x, −1, 1); gradient 1 on −1 &lt; x &lt; 1, else 0. */
    public Tensor hardTanh() {
        Tensor x = this;
        return unary("hardTanh", UnaryOp.HARD_TANH, 0, 0,
                (g, y) -> g.mul(constant(Masks.between(x.data, -1, 1, false, 1))));
    }

    /** Φ(x), the standard normal CDF (used by GELU's rule); gradient φ(x). */
    Tensor normalCdf() {
        Tensor x = this;
        Tensor out = op1("normalCdf", Masks.normalCdf(x.data), x, (g, y) -> g.mul(x.normalPdf()));
        NdArray dx = x.tan();                                                                   // ẏ = φ(x)·ẋ
        return dx == null ? out : out.dual(x.data.square().mulInPlace(-0.5).exp().mulInPlace(1 / Math.sqrt(2 * Math.PI))
                .mulInPlace(dx));
    }

    /** φ(x) = e^(−x²/2)/√(2π), built from differentiable ops. */
    Tensor normalPdf() {
        return square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
    }

    // ================================================================================================ PReLU, Maxout

    /**
     * PReLU: x if x &gt; 0 else a·x, with a learnable slope {@code a} that is shared (one element) or per channel
     * (shape [C], C = size of axis 1 of x, as in PyTorch's (N, C, …) layout). ∂y/∂x = 1 or a;
     * ∂y/∂a = x where x ≤ 0, else 0, summed over every position sharing that slope.
     */
    public Tensor prelu(Tensor a) {
        Tensor x = this;
        sameDtype("prelu", x, a);
        Tensor slope;
        if (a.size() == 1) {
            slope = a.reshape();
        } else {
            if (a.rank() != 1 || x.rank() < 2 || a.shape(0) != x.shape(1)) {
                throw new IllegalArgumentException("prelu: the slope must have one element or shape [C] with C = "
                        + "x.shape(1); got slope " + Shapes.str(a.data.shape()) + " for x " + Shapes.str(x.data.shape()));
            }
            int[] s = new int[x.rank() - 1];
            Arrays.fill(s, 1);
            s[0] = a.shape(0);
            slope = a.reshape(s);                                              // [C, 1, …, 1] broadcasts over axis 1
        }
        return x.preluOp(slope);
    }

    private Tensor preluOp(Tensor a) {
        Tensor x = this;
        Tensor pos = constant(Masks.positive(x.data, 1, 0));
        Tensor neg = constant(Masks.positive(x.data, 0, 1));
        NdArray factor = a.data.mul(neg.data).addInPlace(pos.data);             // 1 where x > 0, else a
        Tensor out = op2("prelu", x.data.mul(factor), x, a,
                (g, y) -> g.mul(a.mul(neg).add(pos)),                             // ∂y/∂x = 1 or a
                (g, y) -> g.mul(x).mul(neg).sumToShapeOf(a));          // ∂y/∂a = x where x ≤ 0
        NdArray dx = x.tan();
        NdArray da = a.tan();                                              // ẏ = (1 or a)·ẋ + (x where x ≤ 0)·ȧ
        return dx == null && da == null ? out : out.dual(plus(times(dx, factor), times(da, x.data.mul(neg.data))));
    }

    /**
     * Maxout: splits the last axis (size m·k) into m groups of k consecutive values and keeps each group's maximum,
     * giving shape (…, m). The gradient goes to the first maximum of each group.
     */
    public Tensor maxout(int pieces) {
        int last = rank() == 0 ? 0 : shape(-1);
        if (pieces <= 0 || rank() == 0 || last % pieces != 0) {
            throw new IllegalArgumentException("maxout(" + pieces + "): the last axis of " + Shapes.str(data.shape())
                    + " must be a positive multiple of the number of pieces");
        }
        int[] s = data.shape();
        int[] split = Arrays.copyOf(s, s.length + 1);
        split[s.length - 1] = last / pieces;
        split[s.length] = pieces;
        return reshape(split).max(-1, false);
    }

    // ================================================================================================ reductions

    /** Σ of all elements, rank 0. */
    public Tensor sum() {
        Tensor x = this;
        Tensor out = op1("sum", NdArray.scalar(dtype(), data.sum()), x,
                (g, y) -> g.expand(x.data.shape()));                              // ∂Σx/∂xᵢ = 1
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(NdArray.scalar(dtype(), dx.sum()));                     // ẏ = Σ ẋ
    }

    /** Mean of all elements, rank 0. */
    public Tensor mean() {
        return sum().div(size());
    }

    /** Σ over one axis; keepDims keeps it with size 1. */
    public Tensor sum(int axis, boolean keepDims) {
        Tensor x = this;
        int ax = Shapes.axis(axis, rank());
        Tensor out = op1("sum", data.sum(ax, keepDims), x,
                (g, y) -> g.keepDims(x, ax, keepDims).expand(x.data.shape()));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(dx.sum(ax, keepDims));                                  // ẏ = Σ_axis ẋ
    }

    /** Mean over one axis; keepDims keeps it with size 1. */
    public Tensor mean(int axis, boolean keepDims) {
        return sum(axis, keepDims).div(shape(axis));
    }

    /** Maximum over one axis; the gradient goes to the first maximum. */
    public Tensor max(int axis, boolean keepDims) {
        return extreme(true, axis, keepDims);
    }

    /** Minimum over one axis; the gradient goes to the first minimum. */
    public Tensor min(int axis, boolean keepDims) {
        return extreme(false, axis, keepDims);
    }

    /** Maximum of all elements (rank 0); the gradient goes to the first maximum. */
    public Tensor max() {
        return reshape(-1).max(0, false);
    }

    /** Minimum of all elements (rank 0); the gradient goes to the first minimum. */
    public Tensor min() {
        return reshape(-1).min(0, false);
    }

    private Tensor extreme(boolean max, int axis, boolean keepDims) {
        Tensor x = this;
        int ax = Shapes.axis(axis, rank());
        NdArray value = max ? data.max(ax, keepDims) : data.min(ax, keepDims);
        Tensor out = op1(max ? "max" : "min", value, x, (g, y) -> {
            int[] idx = max ? x.data.argmax(ax) : x.data.argmin(ax);
            Tensor first = constant(Masks.oneHot(x.dtype(), x.data.shape(), ax, idx));  // 1 at the first extreme
            return g.keepDims(x, ax, keepDims).mul(first);
        });
        NdArray dx = x.tan();
        if (dx == null) {
            return out;
        }
        int[] idx = max ? x.data.argmax(ax) : x.data.argmin(ax);                   // ẏ = ẋ at the first extreme
        return out.dual(dx.mul(Masks.oneHot(x.dtype(), x.data.shape(), ax, idx)).sum(ax, keepDims));
    }

    /** g reshaped so that the reduced axis is present with size 1 (g has the reduced shape of x). */
    private Tensor keepDims(Tensor x, int ax, boolean alreadyKept) {
        if (alreadyKept) {
            return this;
        }
        int[] s = x.data.shape();
        s[ax] = 1;
        return reshape(s);
    }

    /**
     * Softmax along {@code axis}: yᵢ = e^xᵢ / Σⱼ e^xⱼ; backward yᵢ(gᵢ − Σⱼ gⱼyⱼ) (in a plain backward pass on engine
     * arrays, into one new array).
     */
    public Tensor softmax(int axis) {
        int ax = Shapes.axis(axis, rank());
        Tensor out = op1("softmax", data.softmax(ax), this, (g, y) -> GradMode.isEnabled()
                ? y.mul(g.sub(g.mul(y).sum(ax, true)))
                : owned(softmaxBackward(g.data, y.data, ax)));
        NdArray dx = tan();                        // ẏ = y ⊙ (ẋ − Σⱼ yⱼẋⱼ): the backward formula with g = ẋ
        return dx == null ? out : out.dual(softmaxBackward(dx, out.data, ax));                   // (J is symmetric)
    }

    /** yᵢ(gᵢ − Σⱼ gⱼyⱼ): one allocation, four passes. */
    private static NdArray softmaxBackward(NdArray g, NdArray y, int ax) {
        NdArray out = g.mul(y);
        NdArray dot = out.sum(ax, true);                                       // Σⱼ gⱼyⱼ
        return g.binary(BinaryOp.SUB, dot, out).mulInPlace(y);
    }

    /**
     * log-softmax along {@code axis}: yᵢ = xᵢ − ln Σⱼ e^xⱼ; backward gᵢ − softmaxᵢ·Σⱼ gⱼ with softmax = e^y (in a
     * plain backward pass on engine arrays, into one new array).
     */
    public Tensor logSoftmax(int axis) {
        int ax = Shapes.axis(axis, rank());
        Tensor out = op1("logSoftmax", data.logSoftmax(ax), this, (g, y) -> GradMode.isEnabled()
                ? g.sub(y.exp().mul(g.sum(ax, true)))
                : owned(logSoftmaxBackward(g.data, y.data, ax)));
        NdArray dx = tan();
        if (dx == null) {
            return out;
        }
        NdArray p = out.data.exp();                                                              // softmax = e^y
        return out.dual(dx.sub(p.mulInPlace(dx).sum(ax, true)));                             // ẏ = ẋ − Σⱼ pⱼẋⱼ
    }

    /** gᵢ − e^yᵢ·Σⱼ gⱼ: one allocation, four passes. */
    private static NdArray logSoftmaxBackward(NdArray g, NdArray y, int ax) {
        NdArray out = y.exp().mulInPlace(g.sum(ax, true));                     // softmaxᵢ·Σⱼ gⱼ
        return g.binary(BinaryOp.SUB, out, out);
    }

    /** ln Σ e^x along {@code axis}; backward g·softmax(x). */
    public Tensor logSumExp(int axis, boolean keepDims) {
        Tensor x = this;
        int ax = Shapes.axis(axis, rank());
        Tensor out = op1("logSumExp", data.logSumExp(ax, keepDims), x,
                (g, y) -> x.softmax(ax).mul(g.keepDims(x, ax, keepDims)));
        NdArray dx = x.tan();                                                          // ẏ = Σⱼ softmax(x)ⱼ·ẋⱼ
        return dx == null ? out : out.dual(x.data.softmax(ax).mulInPlace(dx).sum(ax, keepDims));
    }

    // ================================================================================================ matmul

    /**
     * Matrix product: (m × k)·(k × n) → m × n, or batched (b × m × k)·(b × k × n) → b × m × n (a batch of 1, or a
     * 2-D operand, broadcasts over the batch). ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G, summed over broadcast batches; computed
     * by GEMM with transpose flags, without transposed copies. This is {@link #affine} without a bias.
     */
    public Tensor matmul(Tensor b) {
        Objects.requireNonNull(b, "matmul: operand");
        return Affine.apply("matmul", this, false, b, false, null);
    }

    /**
     * bias + a·b in one op (PyTorch's {@code torch.addmm(input, mat1, mat2)}), the affine map of a dense layer:
     * a is m × k, b is k × n, bias broadcasts to m × n (typically [n], one per column). Same value and gradients as
     * {@code a.matmul(b).add(bias)} — ∂L/∂a = G·bᵀ, ∂L/∂b = aᵀ·G, ∂L/∂bias = G summed to bias's shape — but the
     * forward is one GEMM accumulating onto the broadcast bias: no extra pass, no intermediate m × n array. This is
     * {@link #affine} on matrices.
     */
    public static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
        Objects.requireNonNull(bias, "addmm: bias");
        Objects.requireNonNull(a, "addmm: a");
        Objects.requireNonNull(b, "addmm: b");
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("addmm: a and b must be matrices; got a " + Shapes.str(a.data.shape())
                    + " and b " + Shapes.str(b.data.shape()) + " (use affine for batched products)");
        }
        return Affine.apply("addmm", a, false, b, false, bias);
    }

    /**
     * The affine map y = op(a)·op(b) + bias, where op(x) is x, or xᵀ (its last two axes swapped) when the flag is
     * set, read in place: no transposed copy is made, forward or backward. a and b are 2-D or 3-D (a batch of 1, or
     * a 2-D operand, broadcasts over the other's batch); the result is op(a)'s rows × op(b)'s columns, batched when
     * an operand is; {@code bias} may be null, or anything that broadcasts to the result (typically [n]).
     * {@link #matmul}, {@link #addmm}, and nn's {@code Linear} (x·Wᵀ + b: {@code affine(x, false, w, true, b)}) and
     * {@code Dense} (x·K + b) are this op.
     *
     * <p>Backward with G = ∂L/∂y: ∂L/∂op(a) = G·op(b)ᵀ, ∂L/∂op(b) = op(a)ᵀ·G, ∂L/∂bias = G summed to the bias's
     * shape; each product runs as this op again with transpose flags, so gradients are differentiable again.
     */
    public static Tensor affine(Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias) {
        return Affine.apply("affine", a, transA, b, transB, bias);
    }

    /** The transpose of the last two axes (PyTorch's {@code .mT}). */
    public Tensor mT() {
        int r = rank();
        if (r < 2) {
            throw new IllegalArgumentException("mT() needs rank >= 2; shape " + Shapes.str(data.shape()));
        }
        return transpose(r - 2, r - 1);
    }

    // ================================================================================================ shape ops

    /** The same elements in a new shape (one dimension may be −1); shares storage. */
    public Tensor reshape(int... shape) {
        Tensor x = this;
        Tensor out = op1("reshape", data.reshape(shape), x, (g, y) -> g.reshape(x.data.shape()));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(dx.reshape(out.data.shape()));                         // ẏ = reshape(ẋ)
    }

    /** Alias of {@link #reshape} (the result always shares storage). */
    public Tensor view(int... shape) {
        return reshape(shape);
    }

    /** A 1-D view of all elements. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Inserts an axis of size 1 at {@code axis} (0 ≤ axis ≤ rank, or negative from the end). */
    public Tensor unsqueeze(int axis) {
        int r = rank();
        int ax = Shapes.axis(axis, r + 1);
        int[] s = data.shape();
        int[] t = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            t[i] = i == ax ? 1 : s[j++];
        }
        return reshape(t);
    }

    /** Removes the axis {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) {
        int r = rank();
        int ax = Shapes.axis(axis, r);
        if (shape(ax) != 1) {
            throw new IllegalArgumentException("squeeze(" + axis + "): axis " + ax + " of shape "
                    + Shapes.str(data.shape()) + " has size " + shape(ax) + ", not 1");
        }
        int[] s = data.shape();
        int[] t = new int[r - 1];
        for (int i = 0, j = 0; i < r; i++) {
            if (i != ax) {
                t[j++] = s[i];
            }
        }
        return reshape(t);
    }

    /** The transpose of a matrix. */
    public Tensor transpose() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transpose() needs a matrix; shape " + Shapes.str(data.shape())
                    + " has rank " + rank() + " (use transpose(dim0, dim1) or permute)");
        }
        return permute(1, 0);
    }

    /** Swaps two axes. */
    public Tensor transpose(int dim0, int dim1) {
        int r = rank();
        int a = Shapes.axis(dim0, r);
        int b = Shapes.axis(dim1, r);
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = i;
        }
        p[a] = b;
        p[b] = a;
        return permute(p);
    }

    /** Reorders the axes: result axis i is this tensor's axis {@code axes[i]}; backward applies the inverse. */
    public Tensor permute(int... axes) {
        Tensor x = this;
        NdArray value = data.permute(axes);
        int[] inv = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inv[Shapes.axis(axes[i], axes.length)] = i;
        }
        Tensor out = op1("permute", value, x, (g, y) -> g.permute(inv));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(dx.permute(axes));                                   // ẏ = permute(ẋ)
    }

    /** This tensor broadcast to {@code shape} (a copy); backward sums over the broadcast axes. */
    public Tensor expand(int... shape) {
        Tensor x = this;
        int[] bs = Shapes.broadcast(x.data.shape(), shape);
        if (!Arrays.equals(bs, shape)) {
            throw new IllegalArgumentException("expand: shape " + Shapes.str(x.data.shape()) + " cannot be broadcast"
                    + " to " + Shapes.str(shape));
        }
        if (Arrays.equals(x.data.shape(), shape)) {
            return x;
        }
        Tensor out = op1("expand", NdArray.zeros(dtype(), shape).addInPlace(x.data), x,
                (g, y) -> g.sumToShape(x.data.shape()));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(broadcastTo(dx, out.data.shape()));                    // ẏ = expand(ẋ)
    }

    /**
     * Sums this tensor down to {@code shape}, the inverse of broadcasting: leading axes are summed away and axes
     * where {@code shape} has 1 are summed with keepDims. Returns this when the shapes are equal.
     */
    public Tensor sumToShape(int... shape) {
        int[] s = data.shape();
        if (Arrays.equals(s, shape)) {
            return this;
        }
        int lead = s.length - shape.length;
        boolean ok = lead >= 0;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = shape[i] == s[lead + i] || shape[i] == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("sumToShape: " + Shapes.str(s) + " is not a broadcast of "
                    + Shapes.str(shape));
        }
        Tensor t = this;
        for (int i = 0; i < lead; i++) {
            t = t.sum(0, false);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && s[lead + i] != 1) {
                t = t.sum(i, true);
            }
        }
        return t;
    }

    /**
     * {@link #sumToShape} to the shape of {@code like}; returns this, without copying shapes, when they match. Only
     * for backward rules: an unrecorded sum is a new array, handed over as {@link #fresh}.
     */
    Tensor sumToShapeOf(Tensor like) {
        NdArray a = data;
        NdArray b = like.data;
        boolean same = a.rank() == b.rank();
        for (int i = 0; same && i < a.rank(); i++) {
            same = a.shape(i) == b.shape(i);
        }
        if (same) {
            return this;
        }
        Tensor r = sumToShape(b.shape());        // at least one reduction ran, so r has storage of its own
        r.fresh = !GradMode.isEnabled();
        return r;
    }

    /** Concatenation along {@code axis}; the dtype and all other dims must agree. Backward slices g back apart. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        NdArray[] arrays = new NdArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Objects.requireNonNull(parts[i], "parts[" + i + "]");
            sameDtype("concat (part " + i + " vs part 0)", parts[0], parts[i]);
            arrays[i] = parts[i].data;
        }
        NdArray value = NdArray.concat(axis, arrays);
        int ax = Shapes.axis(axis, value.rank());
        BackwardRule[] rules = new BackwardRule[parts.length];
        int start = 0;
        for (int i = 0; i < parts.length; i++) {
            int from = start;
            int len = parts[i].shape(ax);
            rules[i] = (g, y) -> g.narrow(ax, from, len);                          // each part's slice of g
            start += len;
        }
        Tensor out = make("concat", value, parts.clone(), rules);
        NdArray[] dx = tangents(parts);
        if (dx == null) {
            return out;
        }
        for (int i = 0; i < parts.length; i++) {
            if (dx[i] == null) {
                dx[i] = NdArray.zerosLike(arrays[i]);               // a part without a tangent: its zeros are needed
            }
        }
        return out.dual(NdArray.concat(ax, dx));                                              // ẏ = concat(ẋ…)
    }

    /** The slice [start, start + length) along {@code axis} (a copy); backward pads g with zeros. */
    public Tensor narrow(int axis, int start, int length) {
        Tensor x = this;
        int ax = Shapes.axis(axis, rank());
        int n = shape(ax);
        if (start < 0 || length < 0 || start > n - length) {
            throw new IndexOutOfBoundsException("narrow(axis " + ax + ", start " + start + ", length " + length
                    + ") is out of range for shape " + Shapes.str(data.shape()));
        }
        Tensor out = op1("narrow", Slices.narrow(data, ax, start, length), x,
                (g, y) -> g.padInto(x.data.shape(), ax, start));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(Slices.narrow(dx, ax, start, length));               // ẏ = narrow(ẋ)
    }

    /** Zeros of {@code shape} with this tensor placed at [start, …) along {@code axis}; the inverse of narrow. */
    private Tensor padInto(int[] shape, int ax, int start) {
        int len = shape(ax);
        Tensor out = op1("pad", Slices.embed(data, shape, ax, start), this, (g, y) -> g.narrow(ax, start, len));
        NdArray dx = tan();
        return dx == null ? out : out.dual(Slices.embed(dx, shape, ax, start));                 // ẏ = pad(ẋ)
    }

    /** Rows [from, to) along axis 0. */
    public Tensor rows(int from, int to) {
        if (rank() == 0) {
            throw new IllegalArgumentException("rows(" + from + ", " + to + ") on a rank-0 tensor");
        }
        return narrow(0, from, to - from);
    }

    /**
     * The rows {@code index[0], index[1], …} along axis 0 (repeats allowed), shape [index.length, …]; backward
     * adds each row of g into the row it came from.
     */
    public Tensor indexSelect(int... index) {
        Tensor x = this;
        if (rank() == 0) {
            throw new IllegalArgumentException("indexSelect on a rank-0 tensor");
        }
        int n = shape(0);
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index[" + i + "] = " + index[i]
                        + " is out of range for axis 0 of shape " + Shapes.str(data.shape()));
            }
        }
        int[] idx = index.clone();
        Tensor out = op1("indexSelect", Slices.selectRows(data, idx), x, (g, y) -> g.indexAdd(n, idx));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(Slices.selectRows(dx, idx));                         // ẏ = ẋ's rows
    }

    /** Zeros with {@code rows} rows, and row idx[k] += this row k: the inverse of indexSelect. */
    private Tensor indexAdd(int rows, int[] idx) {
        Tensor out = op1("indexAdd", Slices.addRows(data, rows, idx), this, (g, y) -> g.indexSelect(idx));
        NdArray dx = tan();
        return dx == null ? out : out.dual(Slices.addRows(dx, rows, idx));                      // ẏ = indexAdd(ẋ)
    }

    /**
     * For a matrix x (n × c) and n integer labels, out[i] = x[i, labels[i]], shape [n] (PyTorch's
     * {@code x.gather(1, labels.unsqueeze(1)).squeeze(1)}; with x = log-probabilities, −mean(out) is the NLL loss).
     */
    public Tensor gather(int... labels) {
        Tensor x = this;
        if (rank() != 2 || labels.length != shape(0)) {
            throw new IllegalArgumentException("gather(labels): needs a matrix (n × c) and n labels; got shape "
                    + Shapes.str(data.shape()) + " and " + labels.length + " labels");
        }
        int c = shape(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IndexOutOfBoundsException("gather: labels[" + i + "] = " + labels[i] + " is not a class"
                        + " index in 0 .. " + (c - 1));
            }
        }
        int[] lab = labels.clone();
        Tensor out = op1("gather", Slices.gather(data, lab), x, (g, y) -> g.scatter(c, lab));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(Slices.gather(dx, lab));                             // ẏ = gather(ẋ)
    }

    /** An n × c matrix of zeros with out[i, labels[i]] = this[i]: the inverse of gather. */
    private Tensor scatter(int c, int[] labels) {
        Tensor out = op1("scatter", Slices.scatter(data, c, labels), this, (g, y) -> g.gather(labels));
        NdArray dx = tan();
        return dx == null ? out : out.dual(Slices.scatter(dx, c, labels));                      // ẏ = scatter(ẋ)
    }

    /** This tensor converted to {@code dtype}; returns this when it already has it. Backward converts back. */
    public Tensor to(DType dtype) {
        Tensor x = this;
        if (dtype == dtype()) {
            return x;
        }
        DType from = dtype();
        Tensor out = op1("to" + dtype, data.to(dtype), x, (g, y) -> g.to(from));
        NdArray dx = x.tan();
        return dx == null ? out : out.dual(dx.to(dtype));                                       // ẏ = ẋ converted
    }

    // ================================================================================================ misc

    /** Graphviz DOT source of the graph that produced this tensor; see {@link Autograd#toDot(Tensor)}. */
    public String toDot() {
        return Autograd.toDot(this);
    }

    String describe() {
        String name = name();
        return (name != null ? "'" + name + "' " : "") + (node == null ? "leaf" : "'" + node.op + "' result") + " ("
                + dtype() + " " + Shapes.str(data.shape()) + ")";
    }

    /** "Tensor(op=mul, requiresGrad) NdArray(F64 [2]) [1.0, 2.0]". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(");
        String name = name();
        if (name != null) {
            sb.append("name=").append(name).append(", ");
        }
        sb.append(node == null ? "leaf" : "op=" + node.op);
        if (requiresGrad) {
            sb.append(", requiresGrad");
        }
        if (tan() != null) {
            sb.append(", dual");
        }
        return sb.append(") ").append(data).toString();
    }
}
