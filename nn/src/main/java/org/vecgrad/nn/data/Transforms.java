package org.vecgrad.nn.data;

import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Ready-made {@link Transform}s for image samples {@code [C, H, W]} (torchvision's names and semantics): the
 * augmentations {@link #randomCrop(int, int) randomCrop} (zero padding) and {@link #randomHorizontalFlip()
 * randomHorizontalFlip}, the deterministic {@link #normalize normalize}, and the two geometric operations they are
 * made of, {@link #crop crop} and {@link #hflip hflip}. None modifies its input.
 *
 * <pre>{@code
 * Transform augment = Transform.compose(Transforms.randomCrop(28, 4), Transforms.randomHorizontalFlip());
 * DataLoader loader = new DataLoader(train, 64).shuffle(42).transform(augment, 7);
 * }</pre>
 */
public final class Transforms {
    private Transforms() {
    }

    /** {@link #randomCrop(int, int, int) randomCrop(size, size, padding)}: a square crop. */
    public static Transform randomCrop(int size, int padding) {
        return randomCrop(size, size, padding);
    }

    /**
     * A random {@code height × width} window of the image padded with {@code padding} zeros on every side
     * (torchvision's {@code RandomCrop(size, padding)}). Of the (H + 2p − h + 1)·(W + 2p − w + 1) windows each is
     * equally likely: the top row is drawn first, {@code nextInt(H + 2p − h + 1)}, then the left column. With
     * h = H and w = W the output keeps the input's shape and is the input shifted by (dy, dx) ∈ [−p, p]², the
     * vacated pixels zero.
     *
     * @throws IllegalArgumentException (when built) for a size below 1 or a negative padding; (when applied) for a
     *                                  sample that is not [C, H, W] or a window larger than the padded image
     */
    public static Transform randomCrop(int height, int width, int padding) {
        if (height < 1 || width < 1 || padding < 0) {
            throw new IllegalArgumentException("randomCrop: size " + height + "×" + width + " must be >= 1 and "
                    + "padding " + padding + " >= 0");
        }
        return (x, random) -> {
            int[] s = imageShape(x, "randomCrop");
            int freeRows = s[1] + 2 * padding - height;
            int freeCols = s[2] + 2 * padding - width;
            if (freeRows < 0 || freeCols < 0) {
                throw new IllegalArgumentException("randomCrop: a " + height + "×" + width + " window does not fit "
                        + "the image " + Shapes.str(s) + " padded by " + padding + " (" + (s[1] + 2 * padding) + "×"
                        + (s[2] + 2 * padding) + ")");
            }
            int top = random.nextInt(freeRows + 1) - padding;
            int left = random.nextInt(freeCols + 1) - padding;
            return crop(x, top, left, height, width);
        };
    }

    /** {@link #randomHorizontalFlip(double) randomHorizontalFlip(0.5)}. */
    public static Transform randomHorizontalFlip() {
        return randomHorizontalFlip(0.5);
    }

    /**
     * Mirrors the image left to right ({@link #hflip}) with probability {@code p}, else returns it unchanged
     * (torchvision's {@code RandomHorizontalFlip(p)}): one {@code nextDouble()} is drawn every time, flipped when
     * below p.
     *
     * @param p 0 ≤ p ≤ 1
     */
    public static Transform randomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("randomHorizontalFlip: p " + p + " must be in [0, 1]");
        }
        return (x, random) -> {
            imageShape(x, "randomHorizontalFlip");
            return random.nextDouble() < p ? hflip(x) : x;
        };
    }

    /**
     * (x − mean[c]) / std[c] for each channel c (torchvision's {@code Normalize}); one mean and std for every
     * channel when the arrays have length 1. Deterministic.
     *
     * @throws IllegalArgumentException (when built) for arrays of different or zero length, a non-finite mean or a
     *                                  std that is not finite and positive; (when applied) for a sample that is
     *                                  not [C, H, W] or whose C is neither the arrays' length nor 1
     */
    public static Transform normalize(double[] mean, double[] std) {
        double[] m = Objects.requireNonNull(mean, "mean").clone();
        double[] sd = Objects.requireNonNull(std, "std").clone();
        if (m.length == 0 || m.length != sd.length) {
            throw new IllegalArgumentException("normalize: mean has " + m.length + " values and std " + sd.length
                    + "; both need one per channel (or one for all)");
        }
        for (int c = 0; c < m.length; c++) {
            if (!Double.isFinite(m[c]) || !(sd[c] > 0) || !Double.isFinite(sd[c])) {
                throw new IllegalArgumentException("normalize: channel " + c + " has mean " + m[c] + " and std "
                        + sd[c] + "; the mean must be finite and the std finite and > 0");
            }
        }
        return (x, random) -> {
            int[] s = imageShape(x, "normalize");
            if (m.length != 1 && m.length != s[0]) {
                throw new IllegalArgumentException("normalize: the image " + Shapes.str(s) + " has " + s[0]
                        + " channels but " + m.length + " means and stds were given");
            }
            NdArray out = NdArray.zeros(x.dtype(), s);
            int plane = s[1] * s[2];
            for (int i = 0; i < x.size(); i++) {
                int c = m.length == 1 ? 0 : i / plane;
                out.setFlat(i, (x.getFlat(i) - m[c]) / sd[c]);
            }
            return out;
        };
    }

    /**
     * The {@code height × width} window of {@code x} [C, H, W] whose top-left pixel is (top, left); the window may
     * reach outside the image (negative or large top and left), where it reads zeros:
     * out[c, i, j] = x[c, top + i, left + j] when that is inside the image, else 0.
     */
    public static NdArray crop(NdArray x, int top, int left, int height, int width) {
        int[] s = imageShape(x, "crop");
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("crop: size " + height + "×" + width + " must be >= 0");
        }
        int channels = s[0];
        int rows = s[1];
        int cols = s[2];
        NdArray out = NdArray.zeros(x.dtype(), channels, height, width);
        // the window's rows i0..i1 and columns j0..j1 lie inside the image; long arithmetic: top/left may be extreme
        int i0 = (int) Math.max(0, -(long) top);
        int i1 = (int) Math.min(height, (long) rows - top);
        int j0 = (int) Math.max(0, -(long) left);
        int j1 = (int) Math.min(width, (long) cols - left);
        if (i1 <= i0 || j1 <= j0) {
            return out;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = i0; i < i1; i++) {
                // one contiguous run per row: rows are contiguous in [C, H, W]
                copy(x, (c * rows + top + i) * cols + left + j0, out, (c * height + i) * width + j0, j1 - j0);
            }
        }
        return out;
    }

    /** {@code x} [C, H, W] mirrored left to right: out[c, i, j] = x[c, i, W − 1 − j]. A new array. */
    public static NdArray hflip(NdArray x) {
        int[] s = imageShape(x, "hflip");
        int cols = s[2];
        int[] reversed = new int[cols];
        for (int j = 0; j < cols; j++) {
            reversed[j] = cols - 1 - j;
        }
        return x.indexSelect(2, NdArray.wrap(reversed, 0, cols));            // each row's columns, reversed
    }

    private static int[] imageShape(NdArray x, String op) {
        Objects.requireNonNull(x, "x");
        if (x.rank() != 3) {
            throw new IllegalArgumentException(op + ": a sample must be an image [C, H, W], got shape "
                    + Shapes.str(x.shape()) + " (TensorDataset.reshapeFeatures turns flat rows into images)");
        }
        return x.shape();
    }

    private static void copy(NdArray src, int srcPos, NdArray dst, int dstPos, int n) {
        if (src.dtype() == DType.F32) {
            System.arraycopy(src.floatData(), src.offset() + srcPos, dst.floatData(), dst.offset() + dstPos, n);
        } else {
            System.arraycopy(src.doubleData(), src.offset() + srcPos, dst.doubleData(), dst.offset() + dstPos, n);
        }
    }
}
