package org.vecgrad.engine;

/**
 * Elementwise comparisons {@code a op b}, each giving a BOOL. Floating-point values compare as IEEE 754 says (and
 * as PyTorch's {@code eq} … {@code ge}): NaN is unordered, so every comparison with a NaN is false except
 * {@link #NE}, which is true; −0 and +0 are equal. Integers and BOOL (1 and 0) compare exactly.
 */
public enum CompareOp {
    /** a == b */
    EQ,
    /** a != b (true when either is NaN) */
    NE,
    /** a &lt; b */
    LT,
    /** a ≤ b */
    LE,
    /** a &gt; b */
    GT,
    /** a ≥ b */
    GE;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name for messages and reports, e.g. {@code "eq"}. */
    public String label() {
        return label;
    }

    /** {@code a op b} on doubles (IEEE 754). */
    boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }

    /** The result of {@code a op b} from the sign of {@code Long.compare(a, b)}, or of any exact comparison. */
    boolean fromOrder(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }
}
