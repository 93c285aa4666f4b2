package org.vecgrad.engine.nn;

/**
 * The bound of a convolution's per-thread workspace. The calling thread's buffer (one per dtype, kept between calls
 * so the steady state allocates nothing) holds a chunk of the im2col matrix, K × nq, and the chunk's part of the
 * output (or of the output gradient), Og × nq: (K + Og)·nq elements. The chunks run over the output positions of
 * all images of the batch (N·P columns), so a small layer still makes one large product; each chunk is packed by
 * the GEMM while it is in cache.
 *
 * <p>Chunk width nq = N·P (everything) when (K + Og)·N·P ≤ {@value #DEFAULT_BUDGET} elements, else the largest
 * multiple of 64 columns (whole register tiles on every vector width) that fits, at least 1: the buffer then holds
 * at most max({@value #DEFAULT_BUDGET}, K + Og) elements (2 MiB F32 / 4 MiB F64 when K + Og ≤ 2¹⁹). The GEMM packs
 * the chunk panel by panel, so the chunk itself need not fit in L2; what costs is a layer split into a wide and a
 * narrow product: with 2¹⁸ elements a ResNet stride-2 layer (3×3, 128 → 256 on 28×28: K + Og = 1408, 196 columns)
 * ran as 128 + 68 columns, about 10 % slower than one product of 196. A 1×1 stride-1 unpadded convolution uses no
 * buffer.
 *
 * <p>A column stride above 2 adds the im2col gather tables: an int index and a boolean per kernel tap and chunk
 * column, at most kH·kW·nq of each (a C/groups-th of the column buffer's elements). Column stride 2 copies its
 * im2col rows without tables; its col2im keeps three tables of kW ints (each tap's column range and shift).
 *
 * <p>A stride-1 convolution whose images are wider than a chunk ({@link #bandRows}) builds the forward's im2col
 * chunks as bands of whole output rows instead, on the same buffer: each channel's padded input band
 * ((rows + dH·(kH − 1))·Wp + dW·(kW − 1) elements, Wp = OW + dW·(kW − 1); C/g of them), the band's im2col matrix
 * (K·rows·Wp) and its output (Og·rows·Wp), as many rows as fit the budget: at most the budget. The stride-1 input
 * and weight gradients run on the same bands ({@link #backwardBandRows}): the padded bands of dx (or x), the band's
 * cols and its output gradient on the grid, and for the weight gradient a group's transposed sum dwᵀ (K·Og) besides,
 * the rows again chosen so that all of it fits the budget.
 *
 * <p>A convolution with a single input channel per group (depthwise) runs on its own buffers instead: its taps
 * (Og·kH·kW offsets, weights and sums) and one column-padded plane, at most {@link #depthwisePlane} elements:
 * H·(padLeft + W + padRight) for the forward and the weight gradient, Og·OH·(W + dW·(kW − 1)) for the input gradient.
 * A 3×3 stride-1 undilated kernel needs no plane: its kernels read the padding through masks.
 */
final class Workspace {
    /** Elements of the buffer a convolution aims for. */
    static final int DEFAULT_BUDGET = 1 << 19;

    private static volatile int budget = DEFAULT_BUDGET;

    private Workspace() {
    }

    /** Columns per chunk for {@code g}. */
    static int columnsPerChunk(ConvGeometry g) {
        int b = budget;
        long cols = (long) g.n * g.p;
        int per = g.k + g.og;
        if (cols <= 1 || cols * per <= b) {
            return (int) Math.max(1, cols);
        }
        int nq = Math.max(1, b / per);
        return nq >= 64 ? nq - nq % 64 : nq;
    }

    /**
     * False when the column-stride-2 im2col rows on the backend's {@code stridedRows} (and their col2im on
     * {@code stridedTapsAdd}) are switched off ({@link Convolution#setStridedRows}): the masked gathers (and the
     * scalar col2im loop) instead.
     */
    static volatile boolean strided = true;

    /** False when the stride-1 bands of whole-row copies are switched off ({@link Convolution#setShiftedForward}). */
    static volatile boolean shifted = true;

    /**
     * Output rows per band of the stride-1 forward on whole-row copies ({@code shiftedForward} of
     * {@code SpatialF32}/{@code F64}) of {@code g}, or 0 when it does not apply: a stride other than 1, a 1×1 kernel,
     * an image with fewer output positions than an im2col chunk holds (the chunks then span images, which makes
     * wider products), or not one output row within the budget. As many rows as fit the budget ({@link #bandElements}; the forward then evens
     * them out over its bands, 56 rows at most 12 a band as 11 or 12, not four of 12 and one of 8): the wider the
     * products the faster they ran (prototype, 3×3 128 → 128 on 28 × 28: a band of all 28 rows 1.15× the im2col
     * chunks, 14 rows 1.05×, 4 rows 0.97×). As built, against the chunks copied run by run: 64 → 64 on 56 × 56
     * 1.06-1.11× at batch 8, 1.09× at batch 1, 128 → 128 on 28 × 28 1.02× (paired, thread CPU time, F32, one thread,
     * AVX-512, a loaded machine).
     */
    static int bandRows(ConvGeometry g) {
        return shifted ? bands(g, 0) : 0;
    }

    /** False when the stride-1 backward's bands are switched off ({@link Convolution#setShiftedBackward}). */
    static volatile boolean shiftedBackward = true;

    /**
     * Output rows per band of the stride-1 input gradient or, with {@code weightGrad}, weight gradient on the
     * forward's padded bands ({@code shiftedInputGrad}, {@code shiftedWeightGrad} of {@code SpatialF32}/{@code F64}),
     * or 0 when they run on im2col chunks and col2im: the rule of {@link #bandRows}, on the same buffer ({@link
     * #bandElements}: the padded bands of dx or x, the band's cols and its output gradient on the grid), which for the
     * weight gradient also holds the transposed sum dwᵀ of a group (K·Og elements): at most the budget.
     */
    static int backwardBandRows(ConvGeometry g, boolean weightGrad) {
        return shiftedBackward ? bands(g, weightGrad ? (long) g.k * g.og : 0) : 0;
    }

    /** Rows per band for {@code g} with {@code extra} elements of the budget taken by something else. */
    private static int bands(ConvGeometry g, long extra) {
        if (g.sH != 1 || g.sW != 1 || g.kH * g.kW == 1 || g.outH == 0 || g.outW == 0
                || g.p < columnsPerChunk(g)) {
            return 0;
        }
        long wp = bandWidth(g);
        long fixed = (long) g.cg * (g.dH * (g.kH - 1L) * wp + g.dW * (g.kW - 1L)) + extra; // the bands' halo
        long perRow = (g.cg + g.k + (long) g.og) * wp;                    // padded input, im2col and output rows
        return (int) Math.max(0, Math.min(g.outH, (budget - fixed) / perRow));
    }

    /** Columns Wp of a band row of the stride-1 bands: OW outputs and the kernel's reach dW·(kW − 1). */
    static int bandWidth(ConvGeometry g) {
        return g.outW + g.dW * (g.kW - 1);
    }

    /**
     * Elements of one channel's padded band for {@code rows} output rows: its input rows on the Wp grid, and the
     * reach dW·(kW − 1) past them that the last im2col row's copy reads (for dropped outputs only).
     */
    static int paddedBand(ConvGeometry g, int rows) {
        return Math.toIntExact((rows + g.dH * (g.kH - 1L)) * bandWidth(g) + g.dW * (g.kW - 1L));
    }

    /** Elements of the stride-1 bands' buffer for bands of {@code rows} output rows: at most the budget. */
    static int bandElements(ConvGeometry g, int rows) {
        long wp = bandWidth(g);
        return Math.toIntExact((long) g.cg * paddedBand(g, rows) + (g.k + (long) g.og) * rows * wp);
    }

    /** Elements of the buffer for chunks of {@code chunk} columns. */
    static int elements(ConvGeometry g, int chunk) {
        return Math.multiplyExact(g.k + g.og, chunk);
    }

    /** The most elements the buffer holds after any convolution of geometry {@code g}. */
    static long bound(ConvGeometry g) {
        return Math.max(budget, g.k + g.og);
    }

    /** The most elements the depthwise path's padded-plane buffer holds after a convolution of geometry {@code g}. */
    static long depthwisePlane(ConvGeometry g) {
        return Math.max((long) g.h * (g.padLeft + g.w + g.padRight), (long) g.og * g.outH * (g.w + g.dW * (g.kW - 1)));
    }

    /** Sets the budget (tests only: a small budget exercises chunking on small images); returns the old one. */
    static int setBudget(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("budget " + elements + " must be >= 1");
        }
        int old = budget;
        budget = elements;
        return old;
    }
}
