package org.vecgrad.engine.nn;

/**
 * The bound of a convolution's per-thread workspace: the im2col buffer of the calling thread (one per dtype, kept
 * between calls so the steady state allocates nothing) holds at most {@link #bound} elements, whatever the
 * images' size. A product needing more columns than fit runs over the output positions in chunks; each chunk is
 * a K × np slice of the im2col matrix that the GEMM packs while it is still in cache.
 *
 * <p>Chunk width np = P (all output positions of an image) when K·P ≤ {@value #DEFAULT_BUDGET} elements, else the
 * largest multiple of 64 columns (whole register tiles on every vector width) that fits, at least 1: the buffer
 * then holds at most max({@value #DEFAULT_BUDGET}, K) elements (1 MiB F32 / 2 MiB F64 for K ≤ 2¹⁸, the size of an
 * L2 cache). A 1×1 stride-1 unpadded convolution uses no buffer at all.
 */
final class Workspace {
    /** Elements of the im2col buffer a convolution aims for. */
    static final int DEFAULT_BUDGET = 1 << 18;

    private static volatile int budget = DEFAULT_BUDGET;

    private Workspace() {
    }

    /** Columns per chunk for {@code g}. */
    static int columnsPerChunk(ConvGeometry g) {
        int b = budget;
        if (g.p == 0 || (long) g.k * g.p <= b) {
            return Math.max(1, g.p);
        }
        int np = Math.max(1, b / g.k);
        return np >= 64 ? np - np % 64 : np;
    }

    /** The most elements the im2col buffer holds after any convolution of geometry {@code g}. */
    static long bound(ConvGeometry g) {
        return Math.max(budget, g.k);
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
