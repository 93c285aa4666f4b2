package org.vecgrad.nn;

import org.vecgrad.autodiff.GradMode;

/**
 * A per-thread inference scope (PyTorch's {@code torch.inference_mode()} with {@code model.eval()} folded in, for
 * this thread only). Inside it, on the calling thread:
 * <ul>
 *   <li>every module computes with inference semantics — {@link Module#isTraining()} is false, so
 *       {@code Dropout} is the identity and draws nothing (and normalisation layers would use their running
 *       statistics) — while every module's own mode flag ({@link Module#train}/{@link Module#eval}) is left as
 *       it is, for this thread and every other;</li>
 *   <li>no graph is recorded ({@link GradMode#noGrad()}).</li>
 * </ul>
 * So any number of threads can run inference on one module at once, each in its own scope, while the module stays
 * in training mode for the thread that trains it. {@link Module#predict} opens this scope itself.
 *
 * <pre>{@code
 * try (var inference = InferenceMode.enter()) {
 *     Tensor y = model.forward(x);          // no dropout, no graph; model.isTraining() unchanged elsewhere
 * }
 * }</pre>
 *
 * Scopes nest; closing one restores what it found. A scope belongs to the thread that opened it.
 */
public final class InferenceMode {
    private static final ThreadLocal<boolean[]> ACTIVE = ThreadLocal.withInitial(() -> new boolean[1]);

    private InferenceMode() {
    }

    /** True when the calling thread is inside an inference scope. */
    public static boolean isActive() {
        return ACTIVE.get()[0];
    }

    /** Opens an inference scope on the calling thread; close it (try-with-resources) to leave. */
    public static Scope enter() {
        return new Scope();
    }

    /** An open inference scope; {@link #close()} restores the state found when it opened (idempotent). */
    public static final class Scope implements AutoCloseable {
        private final boolean[] state = ACTIVE.get();
        private final boolean previous = state[0];
        private final GradMode.Scope noGrad = GradMode.noGrad();
        private boolean closed;

        private Scope() {
            state[0] = true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                noGrad.close();
                state[0] = previous;
            }
        }
    }
}
