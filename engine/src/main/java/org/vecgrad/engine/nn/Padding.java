package org.vecgrad.engine.nn;

import java.util.Locale;
import java.util.Objects;

/**
 * How much zero padding a convolution adds on each side of its two spatial axes: explicit amounts (PyTorch's
 * {@code padding=p} or {@code padding=(pH, pW)}, or a different amount per side), or one of PyTorch's two strings:
 * {@code "valid"} (none) and {@code "same"} (output as large as the input; stride 1 only, as in PyTorch: the total
 * dilation·(k − 1) is split with the odd element on the bottom/right).
 *
 * <p>A 1-D convolution uses only the width part: {@link #of(int)} pads both ends of the sequence, {@link
 * #of1d(int, int)} each end by its own amount.
 */
public final class Padding {
    /** No padding (PyTorch's {@code padding="valid"}). */
    public static final Padding VALID = new Padding(0, 0, 0, 0, false);
    /** Pad so that the output has the input's size (PyTorch's {@code padding="same"}; stride 1 only). */
    public static final Padding SAME = new Padding(0, 0, 0, 0, true);

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private final boolean same;

    private Padding(int top, int bottom, int left, int right, boolean same) {
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
        this.same = same;
    }

    /** p on every side (PyTorch's {@code padding=p}); p ≥ 0. */
    public static Padding of(int p) {
        return sides(p, p, p, p);
    }

    /** pH above and below, pW left and right (PyTorch's {@code padding=(pH, pW)}); both ≥ 0. */
    public static Padding of(int pH, int pW) {
        return sides(pH, pH, pW, pW);
    }

    /** A different amount on each side (per-side pairs ((top, bottom), (left, right)), as Keras's ZeroPadding2D). */
    public static Padding sides(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding (top " + top + ", bottom " + bottom + ", left " + left
                    + ", right " + right + "): every side must be >= 0 (negative padding would crop the input)");
        }
        return new Padding(top, bottom, left, right, false);
    }

    /** For a 1-D convolution: {@code left} before and {@code right} after the sequence (no height padding). */
    public static Padding of1d(int left, int right) {
        return sides(0, 0, left, right);
    }

    /** "same" or "valid" (case-insensitive), PyTorch's padding strings. */
    public static Padding of(String mode) {
        Objects.requireNonNull(mode, "mode");
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "same" -> SAME;
            case "valid" -> VALID;
            default -> throw new IllegalArgumentException("padding \"" + mode + "\": expected \"same\" or \"valid\""
                    + " (or explicit amounts: Padding.of(p), Padding.of(pH, pW), Padding.sides(...))");
        };
    }

    /** True for {@link #SAME}, whose amounts depend on the kernel. */
    public boolean isSame() {
        return same;
    }

    /**
     * The four amounts {top, bottom, left, right} for a kernel of kH × kW with dilation (dH, dW); for "same" the
     * total d·(k − 1) per axis, the smaller half first (PyTorch's split).
     */
    public int[] resolve(int kH, int kW, int dH, int dW) {
        if (!same) {
            return new int[] {top, bottom, left, right};
        }
        int th = dH * (kH - 1);
        int tw = dW * (kW - 1);
        return new int[] {th / 2, th - th / 2, tw / 2, tw - tw / 2};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.same == same && p.top == top && p.bottom == bottom && p.left == left
                && p.right == right;
    }

    @Override
    public int hashCode() {
        return Objects.hash(top, bottom, left, right, same);
    }

    /** "same", "valid", "1", "(1, 2)" or "(top 1, bottom 2, left 0, right 1)". */
    @Override
    public String toString() {
        if (same) {
            return "same";
        }
        if (top == bottom && left == right) {
            if (top == 0 && left == 0) {
                return "valid";
            }
            return top == left ? Integer.toString(top) : "(" + top + ", " + left + ")";
        }
        return "(top " + top + ", bottom " + bottom + ", left " + left + ", right " + right + ")";
    }
}
