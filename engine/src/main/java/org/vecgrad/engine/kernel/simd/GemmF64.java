package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 GEMM on one block of C: packing, the five loops and the register-tile micro-kernels. {@link SimdGemm} splits
 * a product into blocks over threads; {@code GemmF32} is the same code for floats.
 *
 * <p>Register tile MR × NR = {@link GemmTile} rows × vectors (default 6 × 2 on AVX2: 12 accumulators + 2 B vectors
 * + 2 broadcasts of A = 16 registers). Every shape in {@link GemmTile#ALLOWED} has its own hand-written micro-kernel
 * ({@code k4x2} … {@code k8x3} on A packed p-major, {@code r4x2} … {@code r8x3} on A packed by rows); the shape is
 * picked by a switch per micro-kernel call, outside the hot loop.
 *
 * <p>Why the kernels carry never-true {@code if (p == guard + r)} tests: C2 schedules all loads of a loop body as
 * early as it can, so with 6 rows it issued the 6 broadcasts of A before the FMAs that use them, needing 12 + 2 + 6
 * registers, and the allocator then kept an accumulator on the stack (a store-to-load round trip on the FMA chain:
 * measured 42 vs 78 GFLOP/s for the kernel alone). A branch ends the basic block, and the scheduler does not move
 * loads across it, so at most 2 broadcasts (1 with 3 vectors per row) are live at once.
 */
final class GemmF64 {
    static final VectorSpecies<Double> S = SimdSpecies.D;
    static final int L = S.length();
    /** The engine's instance: tile {@link GemmTile#DEFAULT}, block sizes from the caches. */
    static final GemmF64 DEFAULT = new GemmF64(GemmTile.DEFAULT, null);

    /** Always 0; a non-final field so the JIT cannot constant-fold it (see {@link #update}). */
    @SuppressWarnings("FieldMayBeFinal")
    private static long zeroBits = 0;
    /** Always Integer.MIN_VALUE (p + r never equals it); non-final, so the JIT keeps the kernels' guard tests. */
    @SuppressWarnings("FieldMayBeFinal")
    private static int guard = Integer.MIN_VALUE;

    /** Rows of the register tile. */
    final int mr;
    /** Columns of the register tile: {@code nv} vectors. */
    final int nr;
    /** Block sizes. */
    final GemmBlocking blocking;
    private final int shape;
    /** Blocks narrower than this many column panels use the rows kernels on untransposed A (see {@link #block}). */
    static final int ROWS_MAX_PANELS = 12;
    private final ThreadLocal<Buffers> buffers;

    /** Per-thread packing buffers, grown on demand and then reused: the steady state allocates nothing. */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        /** The micro-kernel's accumulators, row-major MR × NR. */
        final double[] tile;

        Buffers(int size) {
            tile = new double[size];
        }
    }

    /** A GEMM with register tile {@code t} and block sizes {@code b} (null: derived from the caches). */
    GemmF64(GemmTile t, GemmBlocking b) {
        mr = t.mr();
        nr = t.nv() * L;
        shape = t.mr() * 10 + t.nv();
        blocking = b != null ? b : GemmBlocking.of(Double.BYTES, mr, nr);
        int tileSize = mr * nr;
        buffers = ThreadLocal.withInitial(() -> new Buffers(tileSize));
    }

    /**
     * Computes rows {@code [i0, i1)} × columns {@code [j0, j1)} of {@code C = alpha·op(A)·op(B) + beta·C}
     * (k ≥ 1, alpha ≠ 0). The five loops, outermost first:
     * jc (nc columns: the packed B panel lives in L3), pc (kc deep: one kc × NR micro-panel of B stays in L1),
     * ic (mc rows: the packed A block lives in L2), jr (NR columns), ir (MR rows: the register tile).
     */
    void block(boolean ta, boolean tb, int i0, int i1, int j0, int j1, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
               double[] c, int cOff, int ldc) {
        final int mcMax = blocking.mc();
        final int kcMax = Math.min(blocking.kc(), k);
        final int ncMax = Math.min(blocking.nc(), roundUp(j1 - j0, nr));
        Buffers buf = buffers.get();
        int aSize = roundUp(Math.min(mcMax, i1 - i0), mr) * kcMax;
        if (buf.a.length < aSize) {
            buf.a = new double[aSize];
        }
        if (buf.b.length < ncMax * kcMax) {
            buf.b = new double[ncMax * kcMax];
        }
        double[] ap = buf.a;
        double[] bp = buf.b;
        double[] tile = buf.tile;
        // Untransposed A: packed by rows (a plain copy per row) for the rows kernels when the block has few column
        // panels, else p-major (a scalar transpose, ~1.5 cycles an element, amortised over the panels) for the p-major
        // kernels, whose loop has 6 fewer address instructions per step (measured 10-15% faster).
        boolean rows = !ta && j1 - j0 < ROWS_MAX_PANELS * nr;
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                double betaK = pc == 0 ? beta : 1.0; // later depth blocks add to what the first one wrote
                packB(tb, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    packA(ta, rows, a, aOff, lda, ic, mc, pc, kc, ap);
                    macroKernel(rows, mc, nc, kc, ap, bp, tile, c, cOff + ic * ldc + jc, ldc, alpha, betaK);
                }
            }
        }
    }

    /**
     * The two innermost loops over one packed mc × kc block of A and kc × nc panel of B: jr over NR-column
     * micro-panels of B (one stays in L1 while the ir loop runs), ir over MR-row panels of A (streamed from L2).
     * A method of its own so the JIT compiles it early: it runs many times per product.
     */
    private void macroKernel(boolean rows, int mc, int nc, int kc, double[] ap, double[] bp, double[] tile, double[] c,
                             int cIc, int ldc, double alpha, double betaK) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int co = cIc + jr;
            for (int ir = 0; ir < mc; ir += mr) {
                if (rows) {
                    kernelRows(kc, ap, ir * kc, kc, bp, jr * kc, tile);
                } else {
                    kernel(kc, ap, ir * kc, bp, jr * kc, tile);
                }
                update(tile, Math.min(mr, mc - ir), cols, c, co + ir * ldc, ldc, alpha, betaK, zeroBits);
            }
        }
    }

    /** Runs this instance's micro-kernel: tile = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps. */
    void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        switch (shape) {
            case 42 -> k4x2(kc, ap, ao, bp, bo, tile);
            case 62 -> k6x2(kc, ap, ao, bp, bo, tile);
            case 82 -> k8x2(kc, ap, ao, bp, bo, tile);
            case 43 -> k4x3(kc, ap, ao, bp, bo, tile);
            case 83 -> k8x3(kc, ap, ao, bp, bo, tile);
            default -> throw new IllegalStateException("no micro-kernel for shape " + shape);
        }
    }

    /** {@link #kernel} reading row r of A at {@code a[ao + r·lda + p]}: same arithmetic, same order, same bits. */
    void kernelRows(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        switch (shape) {
            case 42 -> r4x2(kc, a, ao, lda, bp, bo, tile);
            case 62 -> r6x2(kc, a, ao, lda, bp, bo, tile);
            case 82 -> r8x2(kc, a, ao, lda, bp, bo, tile);
            case 43 -> r4x3(kc, a, ao, lda, bp, bo, tile);
            case 83 -> r8x3(kc, a, ao, lda, bp, bo, tile);
            default -> throw new IllegalStateException("no micro-kernel for shape " + shape);
        }
    }

    static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels at {@code ap[q·MR·kc]}, rows past mc are zeros (so the
     * micro-kernel always runs a whole tile). p-major for {@link #kernel}: {@code ap[q·MR·kc + p·MR + r]}; with
     * {@code rows} (untransposed A only) row by row for {@link #kernelRows}: {@code ap[q·MR·kc + r·kc + p]}, one
     * contiguous copy per row.
     */
    void packA(boolean ta, boolean rows, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc, double[] ap) {
        final int mr = this.mr;
        for (int ir = 0; ir < mc; ir += mr) {
            int live = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (ta) { // A stored k × m: the MR elements of one step p are contiguous
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * mr;
                    for (int r = 0; r < live; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = live; r < mr; r++) {
                        ap[dst + r] = 0.0;
                    }
                }
            } else if (rows) {
                for (int r = 0; r < live; r++) {
                    System.arraycopy(a, aOff + (ic + ir + r) * lda + pc, ap, base + r * kc, kc);
                }
                java.util.Arrays.fill(ap, base + live * kc, base + mr * kc, 0.0);
            } else { // A stored m × k, p-major: read each row once, left to right, and deal it out with stride MR
                for (int r = 0; r < live; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc;
                    for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                        ap[d] = a[src + p];
                    }
                }
                for (int r = live; r < mr; r++) {
                    for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                        ap[d] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: {@code bp[q·NR·kc + p·NR + j] = op(B)[pc+p, jc+q·NR+j]},
     * columns past nc are zeros (so the micro-kernel's loads are always whole vectors).
     */
    void packB(boolean tb, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, double[] bp) {
        final int nr = this.nr;
        int full = nc / nr * nr;
        if (!tb) { // B stored k × n: walk each row of B once, left to right, dealing it out to the panels
            for (int p = 0; p < kc; p++) {
                int s = bOff + (pc + p) * ldb + jc;
                int d = p * nr;
                for (int jr = 0; jr < full; jr += nr) {
                    for (int v = 0; v < nr; v += L) {
                        DoubleVector.fromArray(S, b, s + jr + v).intoArray(bp, d + jr * kc + v);
                    }
                }
            }
        }
        for (int jr = tb ? 0 : full; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (tb) { // B stored n × k: column j of op(B) is a row of B
                for (int j = 0; j < nr; j++) {
                    if (j < cols) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * nr + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * nr + j] = 0.0;
                        }
                    }
                }
            } else { // the ragged last panel of untransposed B
                for (int p = 0; p < kc; p++) {
                    int s = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * nr;
                    for (int j = 0; j < cols; j++) {
                        bp[d + j] = b[s + j];
                    }
                    for (int j = cols; j < nr; j++) {
                        bp[d + j] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * {@code C = alpha·acc + beta·C} for the rows × cols tile at {@code c[co]} (acc in {@code tile}, row-major
     * MR × NR), each element as two rounded products and a rounded sum, whether vector (full tile) or scalar (ragged
     * edge), so an element gets the same bits wherever the block edges fall. beta = 0: C is not used. Full tiles with beta = 0
     * still load C: storing into lines not in cache stalled the stores (about 2x slower here), loading first overlaps
     * the misses. The loaded value is ANDed with {@code zeroBits} (0, but not a constant the JIT could fold the load
     * away with) and subtracted: x − (+0) = x for every x, so NaN or Inf in C cannot leak.
     */
    void update(double[] tile, int rows, int cols, double[] c, int co, int ldc, double alpha, double beta,
                long zeroBits) {
        final int mr = this.mr;
        final int nr = this.nr;
        if (rows == mr && cols == nr) {
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            DoubleVector vb = DoubleVector.broadcast(S, beta);
            for (int r = 0; r < mr; r++) {
                int ci = co + r * ldc;
                for (int v = 0; v < nr; v += L) {
                    DoubleVector acc = DoubleVector.fromArray(S, tile, r * nr + v).mul(va);
                    DoubleVector cv = DoubleVector.fromArray(S, c, ci + v);
                    if (beta == 0.0) {
                        acc = acc.sub(cv.reinterpretAsLongs().and(zeroBits).reinterpretAsDoubles());
                    } else {
                        acc = acc.add(cv.mul(vb));
                    }
                    acc.intoArray(c, ci + v);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * nr;
            if (beta == 0.0) {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = alpha * tile[ti + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = alpha * tile[ti + j] + beta * c[ci + j];
                }
            }
        }
    }

    // The micro-kernels, one per shape of GemmTile.ALLOWED: acc = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps (per step one
    // broadcast of A per row, nv B vector loads, mr·nv FMAs), written to tile[0 .. MR·NR) row-major. Only the loop
    // and its accumulators live here: with the C update in the same method the register allocator spilled
    // accumulators to the stack; the tile round trip costs 2·MR·nv L1 accesses per 2·MR·NR·kc flops.

    /** The 4 × 2-vector tile. */
    static void k4x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
    }

    /** The 6 × 2-vector tile; a guard every 2 rows. */
    static void k6x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 6;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
    }

    /** The 8 × 2-vector tile; a guard every 2 rows. */
    static void k8x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** The 4 × 3-vector tile; a guard every 1 row. */
    static void k4x3(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        final int nr = 3 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L); c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, 3 * L); c11.intoArray(tile, 4 * L); c12.intoArray(tile, 5 * L);
        c20.intoArray(tile, 6 * L); c21.intoArray(tile, 7 * L); c22.intoArray(tile, 8 * L);
        c30.intoArray(tile, 9 * L); c31.intoArray(tile, 10 * L); c32.intoArray(tile, 11 * L);
    }

    /** The 8 × 3-vector tile; a guard every 1 row. */
    static void k8x3(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        final int nr = 3 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c40 = c00, c41 = c00, c42 = c00, c50 = c00, c51 = c00;
        DoubleVector c52 = c00, c60 = c00, c61 = c00, c62 = c00, c70 = c00, c71 = c00, c72 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L); c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, 3 * L); c11.intoArray(tile, 4 * L); c12.intoArray(tile, 5 * L);
        c20.intoArray(tile, 6 * L); c21.intoArray(tile, 7 * L); c22.intoArray(tile, 8 * L);
        c30.intoArray(tile, 9 * L); c31.intoArray(tile, 10 * L); c32.intoArray(tile, 11 * L);
        c40.intoArray(tile, 12 * L); c41.intoArray(tile, 13 * L); c42.intoArray(tile, 14 * L);
        c50.intoArray(tile, 15 * L); c51.intoArray(tile, 16 * L); c52.intoArray(tile, 17 * L);
        c60.intoArray(tile, 18 * L); c61.intoArray(tile, 19 * L); c62.intoArray(tile, 20 * L);
        c70.intoArray(tile, 21 * L); c71.intoArray(tile, 22 * L); c72.intoArray(tile, 23 * L);
    }

    /** {@link #k4x2} reading row r of A at a[ao + r·lda + p]. */
    static void r4x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
    }

    /** {@link #k6x2} reading row r of A at a[ao + r·lda + p]; a guard every 2 rows. */
    static void r6x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
    }

    /** {@link #k8x2} reading row r of A at a[ao + r·lda + p]; a guard every 2 rows. */
    static void r8x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int nr = 2 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        final int a6 = ao + 6 * lda;
        final int a7 = ao + 7 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
    }

    /** {@link #k4x3} reading row r of A at a[ao + r·lda + p]; a guard every 1 row. */
    static void r4x3(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int nr = 3 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L); c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, 3 * L); c11.intoArray(tile, 4 * L); c12.intoArray(tile, 5 * L);
        c20.intoArray(tile, 6 * L); c21.intoArray(tile, 7 * L); c22.intoArray(tile, 8 * L);
        c30.intoArray(tile, 9 * L); c31.intoArray(tile, 10 * L); c32.intoArray(tile, 11 * L);
    }

    /** {@link #k8x3} reading row r of A at a[ao + r·lda + p]; a guard every 1 row. */
    static void r8x3(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int nr = 3 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        final int a6 = ao + 6 * lda;
        final int a7 = ao + 7 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c40 = c00, c41 = c00, c42 = c00, c50 = c00, c51 = c00;
        DoubleVector c52 = c00, c60 = c00, c61 = c00, c62 = c00, c70 = c00, c71 = c00, c72 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L); c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, 3 * L); c11.intoArray(tile, 4 * L); c12.intoArray(tile, 5 * L);
        c20.intoArray(tile, 6 * L); c21.intoArray(tile, 7 * L); c22.intoArray(tile, 8 * L);
        c30.intoArray(tile, 9 * L); c31.intoArray(tile, 10 * L); c32.intoArray(tile, 11 * L);
        c40.intoArray(tile, 12 * L); c41.intoArray(tile, 13 * L); c42.intoArray(tile, 14 * L);
        c50.intoArray(tile, 15 * L); c51.intoArray(tile, 16 * L); c52.intoArray(tile, 17 * L);
        c60.intoArray(tile, 18 * L); c61.intoArray(tile, 19 * L); c62.intoArray(tile, 20 * L);
        c70.intoArray(tile, 21 * L); c71.intoArray(tile, 22 * L); c72.intoArray(tile, 23 * L);
    }
}
