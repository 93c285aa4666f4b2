package org.vecgrad.autodiff;

/**
 * Per-thread switches of the autograd engine: whether operations record a graph (on by default) and whether
 * anomaly detection is on (off by default).
 *
 * <p>Both are thread-local: a {@link #noGrad()} scope on one thread does not affect another. Scopes nest; closing
 * one restores the state it found, so {@code try}-with-resources is the intended use:
 * <pre>{@code
 * try (var g = GradMode.noGrad()) {      // or Tensor.noGrad()
 *     Tensor yPred = model.forward(x);   // no graph is recorded, yPred.requiresGrad() is false
 * }
 * }</pre>
 */
public final class GradMode {

    static final class State {
        boolean grad = true;
        boolean anomaly;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private GradMode() {
    }

    /** A scope that restores the previous state when closed. Not for sharing between threads. */
    public static final class Scope implements AutoCloseable {
        private final State state;
        private final boolean prevGrad;
        private final boolean prevAnomaly;
        private boolean closed;

        private Scope(State state) {
            this.state = state;
            this.prevGrad = state.grad;
            this.prevAnomaly = state.anomaly;
        }

        /** Restores the state found when the scope opened (idempotent). */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                state.grad = prevGrad;
                state.anomaly = prevAnomaly;
            }
        }
    }

    /** True when operations on this thread record a graph. */
    public static boolean isEnabled() {
        return STATE.get().grad;
    }

    /** Turns graph recording on or off for this thread (prefer the scopes). */
    public static void setEnabled(boolean enabled) {
        STATE.get().grad = enabled;
    }

    /** A scope in which no graph is recorded: results of operations do not require grad. */
    public static Scope noGrad() {
        return set(false);
    }

    /** A scope in which a graph is recorded again (inside a {@link #noGrad()} scope). */
    public static Scope enableGrad() {
        return set(true);
    }

    static Scope set(boolean grad) {
        State s = STATE.get();
        Scope scope = new Scope(s);
        s.grad = grad;
        return scope;
    }

    /** This thread's state (one ThreadLocal lookup; read both switches from it). */
    static State current() {
        return STATE.get();
    }

    static boolean anomaly() {
        return STATE.get().anomaly;
    }

    static void setAnomaly(boolean on) {
        STATE.get().anomaly = on;
    }

    static Scope anomalyScope(boolean on) {
        State s = STATE.get();
        Scope scope = new Scope(s);
        s.anomaly = on;
        return scope;
    }
}
