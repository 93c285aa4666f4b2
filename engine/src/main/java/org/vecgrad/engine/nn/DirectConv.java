package org.vecgrad.engine.nn;

import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.gemm.GemmThreads;

/**
 * When a convolution runs on the direct kernels ({@code DirectConvF32}, {@code DirectConvF64}) instead of im2col and
 * the GEMM, and how much per-thread workspace they keep.
 *
 * <p><b>Why.</b> A convolution with few input channels has a short GEMM depth K = C·kH·kW and few output rows O:
 * LeNet-5's second layer (6 → 16, 5×5, 14×14 → 10×10) multiplies a 16 × 150 weight by a 150 × 100 im2col matrix
 * per image, and building that matrix (25 copies of the input), packing it for the GEMM and, backward, adding it
 * back (col2im) took about 85 % of the layer's time. The direct kernels read the input where it is.
 *
 * <p><b>How ("wide rows").</b> Each input plane (or band of its rows, below) is zero-padded into a Hp × Wp plane (Wp =
 * padLeft + W + padRight; an unpadded input is read in place). Output position (oh, ow) is computed at flat index q =
 * oh·Wp + ow, and tap (c, i, j) reads the padded input at q + c·Hp·Wp + i·dH·Wp + j·dW: one shift per tap, the same for
 * every position, so a block of output positions is a few contiguous vectors. Columns ow ≥ OW of the flat range (OH −
 * 1)·Wp + OW are scratch, computed and dropped when the result is added into y. The kernel ({@code convTaps}) holds 4
 * output channels × 3 vectors in registers: per tap 3 loads and 4 broadcasts feed 12 FMAs. The input gradient is the
 * same kernel on the output gradient zero-padded by (k − 1)·d − pad per side, with the weights transposed (in ↔ out)
 * and flipped (a full correlation). The weight gradient ({@code convTapDot}) is one dot product per (output channel,
 * tap) over the output rows of a chunk of images ({@link #weightGradImages}), blocked 2 channels × 4 taps; there the
 * rows are read with a masked tail rather than through scratch columns, since a scratch column's zero gradient times an
 * infinite input would be NaN.
 *
 * <p><b>Channels in lanes</b> ({@link #lanes}: when the output channels fill one or two vectors, L ≤ O ≤ 2L, e.g.
 * LeNet-5's 6 → 16 with 16 or 8 F32 lanes). The wide rows waste the scratch columns ((OH − 1)·Wp + OW positions for
 * OH·OW: 136 for 100 on LeNet's conv2) and a row's masked tail runs one vector at a time with only 4 FMA chains. The
 * backend's {@code convLanes} turns the block around (oneDNN's blocked-channel idea): a tap's weights for all output
 * channels are one or two vectors ([K, O], transposed per call), and a block of up to 12 (one vector) or 6 (two)
 * consecutive positions of an output row is in registers, each position's input broadcast, so per tap 1–2 weight loads
 * and 6–12 broadcasts feed 12 FMA chains, with no scratch columns; each row is cut into balanced blocks (LeNet's 10
 * columns: one block of 10). The [positions, O] result is transposed into y as it is added. Every element has the FMA
 * chain of the wide rows (from +0 in tap order), so the two give the same bits. The input gradient takes it by the
 * same rule on its own output channels (C). The weight gradient's {@code convLanesDot} holds up to 8 taps × one
 * vector (or 4 × two) of channels and walks an image's positions: per position one load of the output gradient
 * (transposed per image to [positions, O]) and 8 broadcast inputs feed 8 FMA chains; each sum runs over one image and
 * is added in double, and the taps are split across the threads. The per-image sum order differs from {@code
 * convTapDot}'s (that sums a chunk of images in the lanes), so the weight gradient's last bits depend on which
 * kernel ran, never on the thread count.
 *
 * <p><b>Non-finite values</b> propagate as on the im2col path (the padding is a zero multiplied by the weight, as in
 * PyTorch), with one exception: an infinite or NaN <em>weight</em> makes the input gradient NaN at the border
 * positions whose full correlation reads the output gradient's zero padding, where the im2col path leaves them
 * finite (it never forms those products). With one input channel the other path is the depthwise stencil, which
 * skips the padding: there a non-finite weight or output gradient also makes the forward's or the weight
 * gradient's border terms NaN where the stencil has none. A model with a non-finite weight has already failed.
 *
 * <p><b>When</b> ({@link #applies}): one group, stride 1, not 1×1 unpadded (that multiplies the input in place),
 * padding at most (k − 1)·d on each side (so that the input gradient's padding is not negative), the output not cut
 * short (the transposed convolution's geometry may drop a row or column that output_padding added), at most {@value
 * #MAX_IN_CHANNELS} input and {@value #MAX_OUT_CHANNELS} output channels. The weight gradient ({@link
 * #appliesToWeightGrad}) only up to {@value #MAX_WEIGHT_GRAD_IN_CHANNELS} → {@value #MAX_WEIGHT_GRAD_OUT_CHANNELS}
 * channels and a padded image within the band budget. Measured on AVX-512 (1 thread, F32, old and new path alternating
 * in one JVM on a loaded machine, so ratios only): the forward and input gradient ran 1.6–3.7× im2col + GEMM on LeNet's
 * layers, 16 → 16 3×3 on 28×28 and 3 → 32 on 32×32, and 16 → 64 3×3 on 56×56 several times faster; the weight gradient
 * 1.8–1.9× on LeNet's two layers but 0.37–0.75× on 16 → 64, 16 → 16 and 3 → 32, where the GEMM's deep, wide product
 * wins. Beyond 16 input channels the GEMM depth K = C·kH·kW is large enough for the packed GEMM.
 *
 * <p><b>Bands.</b> The forward and the input gradient cut each image into bands of output rows (input rows for the
 * input gradient): rows [r0, r1) are one flat range, tap offsets shifted by r0 rows, and only the band's input rows
 * plus the kernel's reach dH·(kH − 1) are padded. A band has as many rows as keep both its wide rows
 * O·((rows − 1)·Wp + OW) and its padded rows C·(rows + dH·(kH − 1))·Wp within {@link #BAND_BUDGET} elements (for
 * the input gradient C and O swap and Wp is W + dW·(kW − 1)), at least one. Every output element is computed by the
 * same FMA chain whatever the band, so banding changes no bit. Small layers are one band per image (LeNet-5's conv2:
 * 16 · 136 wide-row elements).
 *
 * <p><b>Threads.</b> The forward and the input gradient split the (image, band) pairs, so one large image uses the
 * threads too; the weight gradient splits the output channels by pairs (the kernel's block), or on {@code
 * convLanesDot} the taps (by eights). Each value is computed
 * by the same operations in the same order for any thread count, so results are bit-identical. On one task nothing
 * is allocated for the split (the range method is called directly).
 *
 * <p><b>Workspace</b> (per thread, kept: nothing is allocated per call in the steady state, nothing for an empty
 * batch): at most {@link #planeBound} elements of padded rows and {@link #outputBound} of wide output rows, both
 * max({@value #BAND_BUDGET}, one output row's band) (2 MiB F32 / 4 MiB F64 unless a single row is wider than that)
 * and a few vectors (the forward's wide rows are computed in whole vectors, no masked tail at the buffers' ends),
 * plus O·C·kH·kW transposed weights, max(C, O)·kH·kW tap offsets and O·C·kH·kW double sums. With the channels in
 * the lanes every row of channels is padded to whole vectors (O', C': no masked load in the kernels' loops), the
 * transposed weights are O'·C·kH·kW (C'·O·kH·kW for the input gradient), the output buffer holds a band's
 * rows·OW·O' results instead, and the weight gradient one image's transposed output gradient O'·OH·OW, which must fit
 * the band budget ({@link #lanesWeightGrad}; else {@code convTapDot} runs). The weight gradient pads
 * whole images (its kernel sums each tap over whole images), so it runs here only when a padded image C·Hp·Wp fits
 * the budget (an unpadded one is read in place); larger padded images take im2col and its bounded
 * {@code Workspace}.
 */
public final class DirectConv {
    /** The most input channels a direct convolution takes. */
    static final int MAX_IN_CHANNELS = 16;
    /** The most output channels a direct convolution takes. */
    static final int MAX_OUT_CHANNELS = 64;

    private static volatile boolean enabled = true;

    private DirectConv() {
    }

    /**
     * Switches the direct kernels on (the default) or off, so that every convolution runs on im2col and the GEMM:
     * for the performance study (the old and the new path in one JVM) and tests. Returns the previous setting.
     */
    public static boolean setEnabled(boolean on) {
        boolean old = enabled;
        enabled = on;
        return old;
    }

    /**
     * Selects the convolution path by name, for the performance study (benchmarks' {@code -p conv=...}): {@code
     * auto} (the rules), {@code im2col} (every convolution on im2col and the GEMM), {@code wide} or {@code lanes}
     * (the direct kernels where they apply, with the positions or the output channels in the vector lanes).
     *
     * @throws IllegalArgumentException naming {@code who} and the allowed names, with nothing changed
     */
    public static void select(String who, String path) {
        Boolean lanes = switch (path) {
            case "auto", "im2col" -> null;
            case "wide" -> false;
            case "lanes" -> true;
            default -> throw new IllegalArgumentException(who + ": conv = '" + path
                    + "'; expected auto, im2col, wide or lanes");
        };
        setEnabled(!path.equals("im2col"));
        setLanes(lanes);
    }

    /** The lanes setting: null follows the rule of {@link #lanes}, true and false force it (performance study). */
    private static volatile Boolean lanesForced;

    /**
     * Forces the channels-in-lanes kernel on or off for every direct forward and input gradient ({@code null}: the
     * rule of {@link #lanes}, the default): for the performance study (both kernels in one JVM) and tests. Returns
     * the previous setting.
     */
    public static Boolean setLanes(Boolean on) {
        Boolean old = lanesForced;
        lanesForced = on;
        return old;
    }

    /**
     * True when a direct correlation with {@code outs} output channels runs on {@code convLanes} (the channels in
     * the lanes of vectors of {@code lanes} elements) rather than on {@code convTaps} (positions in the lanes): when
     * they fill one or two vectors, L ≤ outs ≤ 2L. Measured (F32, 1 thread, both kernels alternating in one JVM on a
     * loaded machine, so ratios only): LeNet's 6 → 16 forward 1.4× the wide rows with 16 lanes (one vector) and with
     * 8 (two); 6 channels in 16 or 8 lanes (LeNet's 1 → 6 forward, the 6 → 16 input gradient) 0.4–0.9×, a single
     * channel (the 1 → 6 input gradient) 0.2×.
     */
    static boolean lanes(int outs, int lanes) {
        Boolean forced = lanesForced;
        return forced != null ? forced : outs >= lanes && outs <= 2 * lanes;
    }

    /** Fewest images for which the forward takes {@code convLanes} by the rule (see {@link #lanes(int, int, int)}). */
    static final int LANES_MIN_IMAGES = 8;

    /**
     * The forward's choice: {@link #lanes(int, int)} and, unless forced, at least {@value #LANES_MIN_IMAGES}
     * images. Served LeNet-5 (ONNX, idle AVX-512 machine, 1 thread) ran 0.75× as fast with the channels in the lanes
     * as with the wide rows at batch 1 (30 400 against 40 400 samples/s; the per-call rearrangement of the weights
     * and of the output into NCHW weighs on one small image) and 1.45–1.56× at batch 64; batches in between are not
     * measured. Both kernels give the same bits, so the choice keeps a row's result independent of its batch.
     */
    static boolean lanes(int outs, int lanes, int images) {
        Boolean forced = lanesForced;
        return forced != null ? forced : lanes(outs, lanes) && images >= LANES_MIN_IMAGES;
    }

    /**
     * True when {@code g}'s direct weight gradient runs on {@code convLanesDot} (the output channels in the lanes):
     * by {@link #lanes}, and one image's transposed output gradient O'·OH·OW (O rounded up to whole vectors) within
     * the band budget.
     */
    static boolean lanesWeightGrad(ConvGeometry g, int lanes) {
        return lanes(g.o, lanes) && (long) (g.o + lanes - 1) / lanes * lanes * g.p <= bandBudget;
    }

    /** The most input channels the direct weight gradient takes. */
    static final int MAX_WEIGHT_GRAD_IN_CHANNELS = 8;
    /** The most output channels the direct weight gradient takes. */
    static final int MAX_WEIGHT_GRAD_OUT_CHANNELS = 16;

    /**
     * True when {@code g}'s weight gradient runs on the direct kernels too: {@link #applies} and at most
     * {@value #MAX_WEIGHT_GRAD_IN_CHANNELS} input and {@value #MAX_WEIGHT_GRAD_OUT_CHANNELS} output channels, and
     * a padded image C·Hp·Wp within the band budget (its kernel pads whole images).
     */
    static boolean appliesToWeightGrad(ConvGeometry g) {
        boolean padded = paddedH(g) != g.h || paddedW(g) != g.w;
        return applies(g) && g.c <= MAX_WEIGHT_GRAD_IN_CHANNELS && g.o <= MAX_WEIGHT_GRAD_OUT_CHANNELS
                && (!padded || (long) g.c * paddedH(g) * paddedW(g) <= bandBudget);
    }

    /** True when {@code g}'s forward and input gradient run on the direct kernels. */
    static boolean applies(ConvGeometry g) {
        if (!enabled) {
            return false;
        }
        int reachH = g.dH * (g.kH - 1);
        int reachW = g.dW * (g.kW - 1);
        return g.groups == 1 && g.sH == 1 && g.sW == 1 && !g.isPointwise() && g.c <= MAX_IN_CHANNELS
                && g.o <= MAX_OUT_CHANNELS && g.padTop <= reachH && g.padBottom <= reachH && g.padLeft <= reachW
                && g.padRight <= reachW
                && g.outH == paddedH(g) - reachH && g.outW == paddedW(g) - reachW;  // not cut (conv_transpose2d)
    }

    /** Rows of the forward's padded plane. */
    static int paddedH(ConvGeometry g) {
        return g.padTop + g.h + g.padBottom;
    }

    /** Columns of the forward's padded plane. */
    static int paddedW(ConvGeometry g) {
        return g.padLeft + g.w + g.padRight;
    }

    /** Elements of input and output gradient (a pair of channels) a weight-gradient kernel call aims to stream. */
    static final int CHUNK_BUDGET = 1 << 15;

    /**
     * Images per call of the weight gradient's kernel: as many as fit their padded input C·Hp·Wp and a pair of
     * output-gradient planes 2·OH·OW in {@value #CHUNK_BUDGET} elements (the kernel streams them once per pair of
     * channels and 4 taps, so they should stay in L2), at least one. Each call ends in one lane sum per channel and
     * tap, which costs about as much as a row of FMAs: one image per call made LeNet's 6 → 16 weight gradient 3.7×
     * slower; all 64 padded images of its 1 → 6 layer per call (out of L2) made it 16× slower.
     */
    static int weightGradImages(ConvGeometry g) {
        long image = (long) g.c * paddedH(g) * paddedW(g) + 2L * g.p;
        return (int) Math.max(1, Math.min(g.n, CHUNK_BUDGET / image));
    }

    /** Elements of wide output rows, and of padded input rows, that a band of output rows aims to fit. */
    static final int BAND_BUDGET = Workspace.DEFAULT_BUDGET;

    private static volatile int bandBudget = BAND_BUDGET;

    /** Sets the band budget (tests only: a small budget cuts small images into many bands); returns the old one. */
    static int setBandBudget(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("direct conv band budget " + elements + " must be >= 1");
        }
        int old = bandBudget;
        bandBudget = elements;
        return old;
    }

    /**
     * Output rows per band of {@code rows}: the most r with outs·((r − 1)·width + cols) wide-row elements and
     * ins·(r + reach)·width padded elements (ins = 0: read in place) both within the band budget, at least 1.
     */
    static int bandRows(int rows, int outs, int ins, int width, int cols, int reach) {
        long b = bandBudget;
        long byOut = (b / outs - cols) / width + 1;
        long byIn = ins == 0 ? rows : b / ((long) ins * width) - reach;
        return (int) Math.max(1, Math.min(rows, Math.min(byOut, byIn)));
    }

    /** Output rows per band of the forward on the wide rows. */
    static int forwardBandRows(ConvGeometry g) {
        return forwardBandRows(g, g.o);
    }

    /**
     * Output rows per band of the forward whose results take rows of {@code outs} ≥ O elements (O on the wide rows;
     * O rounded up to whole vectors with the channels in the lanes).
     */
    static int forwardBandRows(ConvGeometry g, int outs) {
        boolean padded = paddedH(g) != g.h || paddedW(g) != g.w;
        return bandRows(g.outH, outs, padded ? g.c : 0, paddedW(g), g.outW, g.dH * (g.kH - 1));
    }

    /** Input-gradient rows per band on the wide rows. */
    static int inputGradBandRows(ConvGeometry g) {
        return inputGradBandRows(g, g.c);
    }

    /**
     * Input-gradient rows per band whose results take rows of {@code ins} ≥ C elements, as in
     * {@link #forwardBandRows(ConvGeometry, int)} (the output gradient is always padded, to W + dW·(kW − 1) columns).
     */
    static int inputGradBandRows(ConvGeometry g, int ins) {
        return bandRows(g.h, ins, g.o, g.w + g.dW * (g.kW - 1), g.w, g.dH * (g.kH - 1));
    }

    /**
     * Elements of padded planes: a band's C·(rows + dH·(kH − 1))·Wp forward, O·(rows + dH·(kH − 1))·Wq for the input
     * gradient, weightGradImages·C·Hp·Wp for the weight gradient; at most the larger of the band budget, one output
     * row's bands C·(1 + dH·(kH − 1))·Wp and O·(1 + dH·(kH − 1))·Wq, and {@value #CHUNK_BUDGET} (a padded image over
     * the band budget does not take the direct weight gradient), plus L (F32 lanes: the forward's wide rows read
     * whole vectors past the band's last position).
     */
    static long planeBound(ConvGeometry g) {
        long reach = 1L + g.dH * (g.kH - 1);
        return Math.max(Math.max(bandBudget, CHUNK_BUDGET), Math.max((long) g.c * reach * paddedW(g),
                (long) g.o * reach * (g.w + g.dW * (g.kW - 1)))) + Kernels.active().floatLanes();
    }

    /**
     * Elements of a band's output rows: at most the larger of the band budget, O'·OW and C'·W (one row), where O' and
     * C' are O and C rounded up to whole F32 vectors (the channels-in-lanes rows; a multiple of the F32 lanes is one
     * of the F64 lanes too), plus O·L (the forward's wide rows of each channel rounded up to whole vectors).
     */
    static long outputBound(ConvGeometry g) {
        long l = Kernels.active().floatLanes();
        long o = (g.o + l - 1) / l * l;
        long c = (g.c + l - 1) / l * l;
        return Math.max(bandBudget, Math.max(o * g.outW, c * g.w)) + g.o * l;
    }

    /** A range [from, to) of images or output channels. */
    @FunctionalInterface
    interface Range {
        /** Computes the range. */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, m) on the GEMM's threads, cut at multiples of {@code align}, each index costing
     * {@code work} multiply-adds (a range is never smaller than the GEMM's minimum task). Callers check
     * {@link #runsOnCaller} first.
     */
    static void split(int m, long work, int align, Range body) {
        GemmThreads.forGrid(m, 1, depth(work), align, 1, (i0, i1, j0, j1) -> body.run(i0, i1));
    }

    /**
     * True when {@link #split} with these arguments would be one range: the caller then runs it directly, without
     * building the range's lambda.
     */
    static boolean runsOnCaller(int m, long work, int align) {
        return GemmThreads.runsOnCaller(m, 1, depth(work), align, 1);
    }

    private static int depth(long work) {
        return (int) Math.min(Integer.MAX_VALUE, work);
    }
}
