package org.vecgrad.engine.kernel.gemm;

import org.vecgrad.engine.kernel.GemmKernels;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * Vector API GEMM, BLIS / Goto style: cache-blocked, packed, with a register-tiled micro-kernel
 * ({@link GemmF32}, {@link GemmF64} hold the loops and the kernel; {@link GemmBlocking} the block sizes).
 *
 * <p>On several threads, a product with enough rows runs as one team ({@link GemmTeam}): the members share each
 * packed B block and take chunks of rows as they come free. Other products (few rows, or called from inside the
 * pool) are cut into blocks of C over m and n ({@link GemmThreads#forGrid}), each block running the five loops on
 * its own thread with its own packing buffers. Depth k is never split, and the k order inside an element does not
 * depend on where the row, column or block edges fall, so the result is bit-identical for every thread count.
 */
public final class SimdGemm implements GemmKernels {

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        GemmF32.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        GemmF64.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public PackedMatrix spack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return GemmF32.DEFAULT.packAll(transB, k, n, b, bOff, ldb);
    }

    @Override
    public PackedMatrix dpack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        return GemmF64.DEFAULT.packAll(transB, k, n, b, bOff, ldb);
    }

    @Override
    public void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b, float beta,
                      float[] c, int cOff, int ldc) {
        GemmF32 g = GemmF32.DEFAULT;
        requireLength(b, (long) b.rows() * g.packedWidth(b.columns()), true, g.mr, g.nr, g.packedDepth(b.rows()));
        GemmF32.gemmPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b,
                      double beta, double[] c, int cOff, int ldc) {
        GemmF64 g = GemmF64.DEFAULT;
        requireLength(b, (long) b.rows() * g.packedWidth(b.columns()), false, g.mr, g.nr, g.packedDepth(b.rows()));
        GemmF64.gemmPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /**
     * Refuses, before C is touched, a packed B whose array is not the length the default instance's layout reads
     * (its product checks the layout itself); builds no message on the way through.
     */
    private static void requireLength(PackedMatrix b, long length, boolean f32, int mr, int nr, int kc) {
        if (b.packedLength() != length) {
            b.require(f32, PackedMatrix.Kind.PANELS, nr, kc, length, "Vector API " + mr + "x" + nr);
        }
    }

    /** Register tiles and block sizes, for reports: e.g. {@code "F32 6x16 mc=252 kc=256 nc=4096 ..."}. */
    public static String describe() {
        return "F32 " + GemmF32.DEFAULT.mr + "x" + GemmF32.DEFAULT.nr + " " + GemmF32.DEFAULT.blocking + "; F64 "
                + GemmF64.DEFAULT.mr + "x" + GemmF64.DEFAULT.nr + " " + GemmF64.DEFAULT.blocking;
    }

    /**
     * Whether a ragged last column panel of at most 4 columns runs the narrow kernel, rows in the lanes
     * ({@code GemmF32.narrow8x4}, on 8 or 16 lanes; system property {@code vecgrad.gemm.narrow}, default true). The bits are the same
     * either way; this is for paired measurements of the two paths in one JVM.
     */
    public static void setNarrow(boolean on) {
        GemmF32.narrow = on;
        GemmF64.narrow = on;
    }

    /** {@link #setNarrow}'s current setting. */
    public static boolean narrow() {
        return GemmF32.narrow;
    }

    /**
     * Whether whole tiles of a product with alpha = 1 and beta = 0 go from the micro-kernel straight into C instead
     * of through its tile and the C update ({@code GemmF32.direct}, on 512-bit vectors; system property
     * {@code vecgrad.gemm.direct}, default true). The bits are the same either way; this is for paired measurements of
     * the two paths in one JVM.
     */
    public static void setDirectStore(boolean on) {
        GemmF32.direct = on;
        GemmF64.direct = on;
    }

    /** {@link #setDirectStore}'s current setting. */
    public static boolean directStore() {
        return GemmF32.direct;
    }

    /**
     * Whether products deeper than one L1-sized depth block run the deep block sizes where the machine has them
     * ({@code GemmBlocking}'s {@code deep}: MR 8 with 48 KiB L1; system property {@code vecgrad.gemm.deep}, default
     * true). The depth split changes the order of the sums, so the bits differ between the two settings (each is the
     * same for any thread count), and a B packed under one setting is refused by a product under the other; this is
     * for paired measurements.
     */
    public static void setDeepDepth(boolean on) {
        GemmBlocking.deepOn = on;
    }

    /** {@link #setDeepDepth}'s current setting. */
    public static boolean deepDepth() {
        return GemmBlocking.deepOn;
    }

    /** Rows MR of the register tile (both dtypes; system property {@code vecgrad.gemm.mr}). */
    public static int tileRows() {
        return GemmF32.DEFAULT.mr;
    }

    /** Columns NR of the register tile: {@code vecgrad.gemm.nrVectors} vectors of the dtype's species. */
    public static int tileColumns(boolean f32) {
        return f32 ? GemmF32.DEFAULT.nr : GemmF64.DEFAULT.nr;
    }
}
