package org.vecgrad.autodiff;

/**
 * Thrown in anomaly mode ({@link Autograd#setDetectAnomaly}) by the first operation whose forward result or
 * backward gradient contains NaN or ±∞. For a backward failure the cause, when present, is a trace of where the
 * operation's forward ran.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final boolean backward;

    AnomalyException(String op, boolean backward, String message, Throwable forwardTrace) {
        super(message);
        this.op = op;
        this.backward = backward;
        if (forwardTrace != null) {
            initCause(forwardTrace);
        }
    }

    /** Name of the operation that produced the non-finite value. */
    public String op() {
        return op;
    }

    /** True when the value came from the operation's backward rule, false when from its forward. */
    public boolean inBackward() {
        return backward;
    }
}
