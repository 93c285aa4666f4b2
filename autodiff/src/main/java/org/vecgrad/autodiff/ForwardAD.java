package org.vecgrad.autodiff;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Forward-mode automatic differentiation with dual numbers, PyTorch's {@code torch.autograd.forward_ad} in Java
 * names: a tensor may carry a <em>tangent</em> ẋ (a direction, same shape and dtype as its values), and every
 * operation on it computes, in the same forward pass, the tangent of its result ẏ = J·ẋ from a forward-mode rule
 * written next to its forward computation (tanh: ẏ = (1 − y²)·ẋ; matmul: Ȧ·B + A·Ḃ; …).
 *
 * <pre>{@code
 * try (var level = ForwardAD.dualLevel()) {
 *     Tensor x = ForwardAD.makeDual(Tensor.of(0.5, -1.0), Tensor.of(1.0, 1.0));  // x with direction ẋ = 1
 *     Tensor y = x.tanh();
 *     Tensor dy = ForwardAD.unpackDual(y).tangent();                             // 1 − tanh²(x), elementwise
 * }
 * }</pre>
 *
 * <h2>Forward vs reverse mode</h2>
 * For f: ℝⁿ → ℝᵐ with Jacobian J (m × n), one forward pass with tangents gives J·u, one <em>column</em> of
 * information per input direction u: the full Jacobian costs n passes. One backward pass gives vᵀ·J, one
 * <em>row</em> per output direction v: m passes. Each pass costs a small constant times the cost of f. So forward
 * mode wins for few inputs and many outputs (sensitivities of a whole trajectory to one parameter), reverse mode for
 * many inputs and one output (the gradient of a loss with respect to millions of weights). Forward mode also needs
 * no graph and no stored intermediates: the tangent of a value is computed as soon as the value is, and can be
 * dropped with it.
 *
 * <h2>Rules of the game</h2>
 * <ul>
 *   <li>Tangents live only inside an open {@linkplain #dualLevel() dual level} of the calling thread; one level at a
 *       time per thread (PyTorch also has one). When the level closes every tangent is gone: {@link #unpackDual}
 *       then returns a null tangent and operations ignore the stale one.</li>
 *   <li>An input without a tangent has tangent zero; the zeros are never materialised (a rule skips its term).</li>
 *   <li>Forward mode is independent of {@linkplain GradMode grad mode}: it works inside {@link Tensor#noGrad()}
 *       (as in PyTorch), and a backward graph is still recorded alongside when grad mode is on and inputs require
 *       grad. Gradients flow through {@link #makeDual} and {@link #unpackDual}'s primal to the primal.</li>
 *   <li>Tangents are engine arrays, not tensors: they carry no graph and no tangent of their own, so there is no
 *       forward-over-forward and no reverse-over-forward. Forward-over-reverse does work: inside a level,
 *       {@code Autograd.grad(…, createGraph = true)} runs the backward rules as tensor operations on the dual
 *       inputs, so each gradient carries H·u as its tangent (a Hessian-vector product in one extra pass; tested
 *       against {@link Autograd#hvp}). Do not modify a tangent array while its level is open: rules may pass it on
 *       without copying ({@code reshape}, {@code add(s)}, …).</li>
 *   <li>{@link Tensor#detach()} drops the tangent too. A {@linkplain Tensor#custom custom} operation without a
 *       forward rule throws when an input carries a tangent; give one with {@link Tensor#customWithJvp}.</li>
 * </ul>
 * Outside a dual level an operation pays one null check per input for all this; {@link Autograd#jvp} is the
 * functional form.
 */
public final class ForwardAD {
    private ForwardAD() {
    }

    private static final ThreadLocal<DualLevel> CURRENT = new ThreadLocal<>();

    /**
     * A dual level: the scope in which tangents exist. Close it (try-with-resources) to end forward mode on this
     * thread; closing twice is harmless.
     */
    public static final class DualLevel implements AutoCloseable {
        private boolean open = true;

        private DualLevel() {
        }

        /** True until {@link #close()}. */
        public boolean isOpen() {
            return open;
        }

        /** Ends the level: every tangent made or computed in it is gone. */
        @Override
        public void close() {
            if (open) {
                open = false;
                if (CURRENT.get() == this) {
                    CURRENT.remove();
                }
            }
        }

        @Override
        public String toString() {
            return "DualLevel(" + (open ? "open" : "closed") + ")";
        }
    }

    /** A tensor split into its values and its tangent (null when it carries none). */
    public record Dual(Tensor primal, Tensor tangent) {
    }

    /**
     * Opens a dual level on the calling thread: {@code try (var level = ForwardAD.dualLevel()) { … }}.
     *
     * @throws IllegalStateException when a level is already open on this thread (levels do not nest)
     */
    public static DualLevel dualLevel() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("ForwardAD.dualLevel(): a dual level is already open on this thread;"
                    + " levels do not nest (close the first one, or make more duals inside it)");
        }
        DualLevel level = new DualLevel();
        CURRENT.set(level);
        return level;
    }

    /** True when a dual level is open on the calling thread. */
    public static boolean isDualLevelOpen() {
        return CURRENT.get() != null;
    }

    static DualLevel current() {
        return CURRENT.get();
    }

    /**
     * A tensor with the values of {@code primal} (shared, not copied) and the tangent {@code tangent} (its values,
     * shared: do not modify them while the level is open). The result is an identity operation of the backward
     * graph, so gradients still flow to {@code primal}. The tangent is a constant direction: its own grad history
     * and tangent are ignored.
     *
     * @throws IllegalStateException    outside a dual level
     * @throws IllegalArgumentException when the tangent's shape or dtype differs from the primal's (both named)
     */
    public static Tensor makeDual(Tensor primal, Tensor tangent) {
        Objects.requireNonNull(primal, "primal");
        Objects.requireNonNull(tangent, "tangent");
        DualLevel level = CURRENT.get();
        if (level == null) {
            throw new IllegalStateException("ForwardAD.makeDual outside a dual level: open one first with"
                    + " try (var level = ForwardAD.dualLevel()) { … }");
        }
        NdArray p = primal.data;
        NdArray t = tangent.data;
        if (p.dtype() != t.dtype() || !Arrays.equals(p.shape(), t.shape())) {
            throw new IllegalArgumentException("ForwardAD.makeDual: the tangent is " + t.dtype() + " "
                    + Shapes.str(t.shape()) + " but the primal is " + p.dtype() + " " + Shapes.str(p.shape())
                    + "; a tangent must have the primal's shape and dtype");
        }
        return Tensor.dualOf(primal, t, level);
    }

    /**
     * Splits a tensor: its primal (the values, as an identity operation so gradients flow through it, with no
     * tangent) and its tangent (a leaf; null when the tensor carries none in the open level, e.g. after the level
     * closed, or when it does not depend on any dual tensor).
     */
    public static Dual unpackDual(Tensor t) {
        Objects.requireNonNull(t, "tensor");
        NdArray tan = t.tan();
        if (tan == null) {
            return new Dual(t, null);
        }
        return new Dual(t.primal(), Tensor.of(tan));
    }

    /** The tangent in {@code e} if it belongs to the level open on this thread, else null. */
    static NdArray live(Tensor.Extras e) {
        DualLevel lv = e.level;
        if (lv != null && lv == CURRENT.get() && lv.open) {
            return e.tangent;
        }
        if (lv == null || !lv.open) {                          // stale: forget it (another thread's open level: keep)
            e.tangent = null;
            e.level = null;
        }
        return null;
    }
}
