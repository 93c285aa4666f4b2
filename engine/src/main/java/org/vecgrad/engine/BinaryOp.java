package org.vecgrad.engine;

/** Elementwise binary functions out = a ∘ b. NaN in either operand gives NaN (also for MAX and MIN). */
public enum BinaryOp {
    /** a + b */
    ADD,
    /** a − b */
    SUB,
    /** a · b */
    MUL,
    /** a / b (IEEE: x/0 = ±∞, 0/0 = NaN) */
    DIV,
    /** max(a, b), NaN if either is NaN; max(−0, +0) = +0 (Math.max semantics). */
    MAX,
    /** min(a, b), NaN if either is NaN; min(−0, +0) = −0 (Math.min semantics). */
    MIN;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name for messages and reports, e.g. {@code "add"}. */
    public String label() {
        return label;
    }
}
