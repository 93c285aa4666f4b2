package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 GEMM on one block of C: packing, the five loops and the register-tile micro-kernel. {@link SimdGemm} splits
 * a product into blocks over threads; {@code GemmF32} is the same code for floats.
 *
 * <p>Register tile MR × NR = 4 × (2 vectors): 8 accumulators + 2 B vectors + 4 broadcasts of A = 14 of the 16
 * AVX2 vector registers. 6 × 2 (BLIS's Haswell tile: 12 + 2 + 1) does not survive C2: its scheduler issues all the
 * broadcasts of a step up front, needing 12 + 2 + 6 registers, and the register allocator then keeps accumulators
 * on the stack (measured 2x slower; 5 × 2 spills too). 8 independent FMA chains cover FMA latency (4 cycles) on
 * two ports. NR follows the species: 8 doubles with 256-bit vectors, 16 with 512 (where 32 registers would allow a
 * taller tile; not tuned, no AVX-512 machine to measure on). The tile is written out by hand for this one shape:
 * there is no generic fallback, every vector width uses it.
 */
final class GemmF64 {
    static final VectorSpecies<Double> S = SimdSpecies.D;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    static final GemmBlocking BLOCK = GemmBlocking.of(Double.BYTES, MR, NR);
    /** Blocks at most this wide read A in place instead of packing it (system property vecgrad.gemm.directA). */
    static final int DIRECT_A_MAX_N = Integer.getInteger("vecgrad.gemm.directA", 4 * NR);

    /** Per-thread packing buffers, grown on demand and then reused: the steady state allocates nothing. */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        /** The micro-kernel's accumulators, row-major MR × NR. */
        final double[] tile = new double[MR * NR];
    }

    /** Always 0; a non-final field so the JIT cannot constant-fold it (see {@link #update}). */
    @SuppressWarnings("FieldMayBeFinal")
    private static long zeroBits = 0;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private GemmF64() {
    }

    /**
     * Computes rows {@code [i0, i1)} × columns {@code [j0, j1)} of {@code C = alpha·op(A)·op(B) + beta·C}
     * (k ≥ 1, alpha ≠ 0). The five loops, outermost first:
     * jc (nc columns: the packed B panel lives in L3), pc (kc deep: one kc × NR micro-panel of B stays in L1),
     * ic (mc rows: the packed A block lives in L2), jr (NR columns), ir (MR rows: the register tile).
     */
    static void block(boolean ta, boolean tb, int i0, int i1, int j0, int j1, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                      double[] c, int cOff, int ldc) {
        final int mcMax = BLOCK.mc();
        final int kcMax = Math.min(BLOCK.kc(), k);
        final int ncMax = Math.min(BLOCK.nc(), roundUp(j1 - j0, NR));
        Buffers buf = BUFFERS.get();
        if (buf.a.length < roundUp(Math.min(mcMax, i1 - i0), MR) * kcMax) {
            buf.a = new double[roundUp(Math.min(mcMax, i1 - i0), MR) * kcMax];
        }
        if (buf.b.length < ncMax * kcMax) {
            buf.b = new double[ncMax * kcMax];
        }
        double[] ap = buf.a;
        double[] bp = buf.b;
        double[] tile = buf.tile;
        // Small fast path: with few column panels per block, packing A costs more than it saves (each packed
        // element would serve only nc/NR micro-kernel calls); the kernel then reads A in place (untransposed A
        // only: its rows are contiguous in p, so bounds checks stay out of the loop).
        boolean direct = !ta && j1 - j0 <= DIRECT_A_MAX_N;
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                double betaK = pc == 0 ? beta : 1.0; // later depth blocks add to what the first one wrote
                packB(tb, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    int full = mc / MR * MR;
                    if (direct) { // only a ragged last row panel is packed, at the start of the buffer
                        packA(false, a, aOff, lda, ic + full, mc - full, pc, kc, ap);
                    } else {
                        packA(ta, a, aOff, lda, ic, mc, pc, kc, ap);
                    }
                    macroKernel(ta, direct, full, mc, nc, kc, a, aOff + ic * lda + pc, lda, ap, bp, tile, c,
                            cOff + ic * ldc + jc, ldc, alpha, betaK);
                }
            }
        }
    }

    /**
     * The two innermost loops over one packed mc × kc block of A and kc × nc panel of B: jr over NR-column
     * micro-panels of B (one stays in L1 while the ir loop runs), ir over MR-row panels of A (streamed from L2).
     * A method of its own so the JIT compiles it early: it runs many times per product.
     */
    private static void macroKernel(boolean ta, boolean direct, int full, int mc, int nc, int kc, double[] a, int aIc,
                                    int lda, double[] ap, double[] bp, double[] tile, double[] c, int cIc, int ldc,
                                    double alpha, double betaK) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int co = cIc + jr;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                if (ta) {
                    kernel(kc, ap, ir * kc, bp, jr * kc, tile);
                } else if (!direct) {
                    kernelRows(kc, ap, ir * kc, kc, bp, jr * kc, tile);
                } else if (ir < full) {
                    kernelRows(kc, a, aIc + ir * lda, lda, bp, jr * kc, tile);
                } else {
                    kernelRows(kc, ap, 0, kc, bp, jr * kc, tile);
                }
                update(tile, mr, nr, c, co + ir * ldc, ldc, alpha, betaK, zeroBits);
            }
        }
    }

    static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels, panel q at {@code ap[q·MR·kc]}, rows past mc are zeros.
     * Transposed A (stored k × m, so MR consecutive elements per p) is packed p-major for {@link #kernel}:
     * {@code ap[q·MR·kc + p·MR + r]}. Untransposed A is packed row by row for {@link #kernelRows}:
     * {@code ap[q·MR·kc + r·kc + p]}, one contiguous copy per row instead of a scalar transpose.
     */
    static void packA(boolean ta, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc, double[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (ta) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0.0;
                    }
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    System.arraycopy(a, aOff + (ic + ir + r) * lda + pc, ap, base + r * kc, kc);
                }
                java.util.Arrays.fill(ap, base + mr * kc, base + MR * kc, 0.0);
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: {@code bp[q·NR·kc + p·NR + j] = op(B)[pc+p, jc+q·NR+j]},
     * columns past nc are zeros (so the micro-kernel's loads are always whole vectors).
     */
    static void packB(boolean tb, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, double[] bp) {
        int full = nc / NR * NR;
        if (!tb) { // B stored k × n: walk each row of B once, left to right, dealing it out to the panels
            for (int p = 0; p < kc; p++) {
                int s = bOff + (pc + p) * ldb + jc;
                int d = p * NR;
                for (int jr = 0; jr < full; jr += NR) {
                    DoubleVector.fromArray(S, b, s + jr).intoArray(bp, d + jr * kc);
                    DoubleVector.fromArray(S, b, s + jr + L).intoArray(bp, d + jr * kc + L);
                }
            }
        }
        for (int jr = tb ? 0 : full; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (tb) { // B stored n × k: column j of op(B) is a row of B
                for (int j = 0; j < NR; j++) {
                    if (j < nr) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = 0.0;
                        }
                    }
                }
            } else { // the ragged last panel of untransposed B
                for (int p = 0; p < kc; p++) {
                    int s = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * NR;
                    for (int j = 0; j < nr; j++) {
                        bp[d + j] = b[s + j];
                    }
                    for (int j = nr; j < NR; j++) {
                        bp[d + j] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: acc = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps (per step one broadcast of A per row, two B vector
     * loads, 2·MR FMAs), written to {@code tile[0 .. MR·NR)} row-major. Only the loop and its accumulators live
     * here: with the C update in the same method the JIT's register allocator spilled accumulators to the stack
     * (measured 2x slower); the tile round trip costs 4·MR L1 accesses per 2·MR·NR·kc flops.
     */
    static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /**
     * {@link #kernel} reading A by rows: row r of the tile is {@code a[ao + r·lda + p]}, p = 0..kc-1. Used on A packed
     * row by row (lda = kc; packing untransposed A is then a plain copy per row) and on untransposed A in place
     * (small fast path). Same arithmetic in the same order as {@link #kernel}, so the same bits.
     */
    static void kernelRows(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        final int a1 = ao + lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /**
     * {@code C = alpha·acc + beta·C} for the mr × nr tile at {@code c[co]} (acc in {@code tile}), each element as
     * two rounded products and a rounded sum, whether vector (full tile) or scalar (ragged edge), so an element gets
     * the same bits wherever the block edges fall. beta = 0: C is not used. Full tiles with beta = 0 still load C:
     * storing into lines not in cache stalled the stores (about 2x slower here), loading first overlaps the misses.
     * The loaded value is ANDed with {@code zeroBits} (0, but not a constant the JIT could fold the load away with) and
     * subtracted: x − (+0) = x for every x, so NaN or Inf in C cannot leak.
     */
    static void update(double[] tile, int mr, int nr, double[] c, int co, int ldc, double alpha, double beta,
                       long zeroBits) {
        if (mr == MR && nr == NR) {
            DoubleVector va = DoubleVector.broadcast(S, alpha);
            DoubleVector vb = DoubleVector.broadcast(S, beta);
            for (int r = 0; r < MR; r++) {
                int ci = co + r * ldc;
                for (int v = 0; v < NR; v += L) {
                    DoubleVector acc = DoubleVector.fromArray(S, tile, r * NR + v).mul(va);
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
        for (int r = 0; r < mr; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            if (beta == 0.0) {
                for (int j = 0; j < nr; j++) {
                    c[ci + j] = alpha * tile[ti + j];
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    c[ci + j] = alpha * tile[ti + j] + beta * c[ci + j];
                }
            }
        }
    }
}
