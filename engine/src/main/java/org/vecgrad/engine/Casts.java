package org.vecgrad.engine;

/**
 * Conversions between dtypes, element by element, with PyTorch's rules ({@code tensor.to(dtype)}):
 * <ul>
 *   <li>F32 → F64 widens exactly; F64 → F32 rounds to nearest.</li>
 *   <li>I64, I32 or BOOL → a floating-point type: one rounding to nearest (exact up to 2²⁴ for F32 and 2⁵³ for
 *       F64); BOOL is 1 or 0.</li>
 *   <li>F32 or F64 → I64 or I32: truncation toward zero, as C's cast; NaN, ±∞ and values whose truncation lies
 *       outside the target's range are refused with an {@link IllegalArgumentException} (PyTorch leaves them
 *       undefined: the result depends on the CPU).</li>
 *   <li>I64 → I32: the low 32 bits (two's-complement wrap-around), as PyTorch and NumPy do.</li>
 *   <li>anything → BOOL: {@code v != 0}, so NaN is true (as PyTorch's {@code bool(nan)}).</li>
 * </ul>
 * Single values written through {@link NdArray#setFlat}, {@link NdArray#setFlatLong}, {@link NdArray#fill} and
 * {@link NdArray#full} follow the same rules, except that an I32 target refuses a {@code long} outside its range
 * instead of wrapping (PyTorch: "value cannot be converted to type int32_t without overflow").
 */
final class Casts {
    private Casts() {
    }

    /** {@code x} converted to {@code target}, in new storage; validates every element before it writes any. */
    static NdArray to(NdArray x, DType target) {
        int n = x.size();
        Storage s = x.storage();
        int off = x.offset();
        DType from = x.dtype();
        if (from.isFloatingPoint() && target.isIntegral()) {
            for (int i = 0; i < n; i++) {
                double v = s.getDouble(off + i);
                if (!fits(target, v)) {
                    throw refusal("to(" + target + ")", target, v, "element " + i + " of " + from + " "
                            + Shapes.str(x.shape()));
                }
            }
        }
        NdArray out = NdArray.zeros(target, x.shape());
        Storage d = out.storage();
        if (from.isFloatingPoint()) {
            for (int i = 0; i < n; i++) {
                d.setDouble(i, s.getDouble(off + i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                d.setLong(i, s.getLong(off + i)); // exact source value, one rounding (or wrap) into the target
            }
        }
        return out;
    }

    /**
     * Whether {@code v} may be stored in a {@code target} element: always for floating-point and BOOL targets; for
     * I64 and I32, when {@code v} is finite and its truncation toward zero lies inside the target's range.
     */
    static boolean fits(DType target, double v) {
        return switch (target) {
            case I64 -> v >= -0x1p63 && v < 0x1p63;
            case I32 -> v > Integer.MIN_VALUE - 1.0 && v < Integer.MAX_VALUE + 1.0;
            case F32, F64, BOOL -> true;
        };
    }

    /** Whether the integer {@code v} fits a {@code target} element (I32: its range; the others: always). */
    static boolean fits(DType target, long v) {
        return switch (target) {
            case I32 -> (int) v == v;
            case F32, F64, I64, BOOL -> true;
        };
    }

    /**
     * The exception for a value {@link #fits} refused; built only then, so a valid call allocates nothing.
     *
     * @param what names the value, e.g. "element 3 of F32 [4]"
     */
    static IllegalArgumentException refusal(String op, DType target, double v, String what) {
        return new IllegalArgumentException(op + ": " + what + " is " + v + ", which does not convert to " + target
                + ": expected a finite value whose truncation toward zero lies in " + range(target));
    }

    /** The exception for an integer {@link #fits(DType, long)} refused. */
    static IllegalArgumentException refusal(String op, DType target, long v, String what) {
        return new IllegalArgumentException(op + ": " + what + " is " + v + ", outside the " + target + " range "
                + range(target));
    }

    /** The values an element of {@code target} holds, e.g. "[-2147483648, 2147483647]" for I32. */
    static String range(DType target) {
        return switch (target) {
            case I64 -> "[" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]";
            case I32 -> "[" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]";
            case F32 -> "[-3.4028235E38, 3.4028235E38], ±∞ and NaN";
            case F64 -> "[-1.7976931348623157E308, 1.7976931348623157E308], ±∞ and NaN";
            case BOOL -> "{false, true}";
        };
    }
}
