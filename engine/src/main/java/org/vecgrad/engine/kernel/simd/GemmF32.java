package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 GEMM on one block of C: packing, the five loops and the register-tile micro-kernel. {@link SimdGemm} splits
 * a product into blocks over threads; {@code GemmF64} is the same code for doubles.
 *
 * <p>Register tile MR × NR = 6 × (2 vectors): 12 accumulator vectors + 2 B vectors + 1 broadcast A = 15 of the 16
 * AVX2 registers (on AVX-512 the same tile leaves registers free, and still has 12 independent FMA chains, enough
 * to hide FMA latency on two ports). NR follows the species: 16 floats with 256-bit vectors, 32 with 512.
 */
final class GemmF32 {
    static final VectorSpecies<Float> S = SimdSpecies.F;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    static final GemmBlocking BLOCK = GemmBlocking.of(Float.BYTES, MR, NR);
    /** Blocks at most this wide read A in place instead of packing it (system property vecgrad.gemm.directA). */
    static final int DIRECT_A_MAX_N = Integer.getInteger("vecgrad.gemm.directA", 4 * NR);

    /** Per-thread packing buffers, grown on demand and then reused: the steady state allocates nothing. */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private GemmF32() {
    }

    /**
     * Computes rows {@code [i0, i1)} × columns {@code [j0, j1)} of {@code C = alpha·op(A)·op(B) + beta·C}
     * (k ≥ 1, alpha ≠ 0). The five loops, outermost first:
     * jc (nc columns: the packed B panel lives in L3), pc (kc deep: one kc × NR micro-panel of B stays in L1),
     * ic (mc rows: the packed A block lives in L2), jr (NR columns), ir (MR rows: the register tile).
     */
    static void block(boolean ta, boolean tb, int i0, int i1, int j0, int j1, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                      float[] c, int cOff, int ldc) {
        final int mcMax = BLOCK.mc();
        final int kcMax = Math.min(BLOCK.kc(), k);
        final int ncMax = Math.min(BLOCK.nc(), roundUp(j1 - j0, NR));
        Buffers buf = BUFFERS.get();
        if (buf.a.length < roundUp(Math.min(mcMax, i1 - i0), MR) * kcMax) {
            buf.a = new float[roundUp(Math.min(mcMax, i1 - i0), MR) * kcMax];
        }
        if (buf.b.length < ncMax * kcMax) {
            buf.b = new float[ncMax * kcMax];
        }
        float[] ap = buf.a;
        float[] bp = buf.b;
        float[] tile = buf.tile;
        // Small fast path: with few column panels per block, packing A costs more than it saves (each packed
        // element would serve only nc/NR micro-kernel calls); the kernel then reads A in place (untransposed A
        // only: its rows are contiguous in p, so bounds checks stay out of the loop).
        boolean direct = !ta && j1 - j0 <= DIRECT_A_MAX_N;
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float betaK = pc == 0 ? beta : 1f; // later depth blocks add to what the first one wrote
                packB(tb, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    int full = mc / MR * MR;
                    if (direct) { // only a ragged last row panel is packed, at the start of the buffer
                        packA(false, a, aOff, lda, ic + full, mc - full, pc, kc, ap);
                    } else {
                        packA(ta, a, aOff, lda, ic, mc, pc, kc, ap);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int co = cOff + ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            if (!direct) {
                                kernel(kc, ap, ir * kc, bp, jr * kc, c, co + ir * ldc, ldc, alpha, betaK, mr, nr,
                                        tile, 0);
                            } else if (ir < full) {
                                kernelDirectA(kc, a, aOff + (ic + ir) * lda + pc, lda, bp, jr * kc, c,
                                        co + ir * ldc, ldc, alpha, betaK, nr, tile, 0);
                            } else {
                                kernel(kc, ap, 0, bp, jr * kc, c, co + ir * ldc, ldc, alpha, betaK, mr, nr, tile, 0);
                            }
                        }
                    }
                }
            }
        }
    }

    static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels: panel q holds rows ic+q·MR.. in order p-major,
     * {@code ap[q·MR·kc + p·MR + r] = op(A)[ic+q·MR+r, pc+p]}, rows past mc are zeros.
     */
    static void packA(boolean ta, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (ta) { // A stored k × m: MR consecutive elements per p
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else if (mr == MR) { // A stored m × k: walk the MR rows together, p by p
                int s0 = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * MR;
                    int src = s0 + p;
                    ap[dst] = a[src];
                    ap[dst + 1] = a[src + lda];
                    ap[dst + 2] = a[src + 2 * lda];
                    ap[dst + 3] = a[src + 3 * lda];
                    ap[dst + 4] = a[src + 4 * lda];
                    ap[dst + 5] = a[src + 5 * lda];
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    if (r < mr) {
                        int src = aOff + (ic + ir + r) * lda + pc;
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: {@code bp[q·NR·kc + p·NR + j] = op(B)[pc+p, jc+q·NR+j]},
     * columns past nc are zeros (so the micro-kernel's loads are always whole vectors).
     */
    static void packB(boolean tb, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
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
                            bp[base + p * NR + j] = 0f;
                        }
                    }
                }
            } else if (nr == NR) { // B stored k × n: a row segment is two whole vectors
                int src = bOff + pc * ldb + jc + jr;
                for (int p = 0; p < kc; p++) {
                    int s = src + p * ldb;
                    int d = base + p * NR;
                    FloatVector.fromArray(S, b, s).intoArray(bp, d);
                    FloatVector.fromArray(S, b, s + L).intoArray(bp, d + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int s = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * NR;
                    for (int j = 0; j < nr; j++) {
                        bp[d + j] = b[s + j];
                    }
                    for (int j = nr; j < NR; j++) {
                        bp[d + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: acc = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps (one broadcast of A per row, two B vector loads
     * and 12 FMAs per step), then once per tile {@code C = alpha·acc + beta·C} (beta = 0: C not read). A ragged
     * tile (mr < MR or nr < NR) goes through {@code tile} and a scalar merge with the same rounding, so a C element
     * gets the same bits whether it sits in a full tile or an edge.
     */
    static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                       float alpha, float beta, int mr, int nr, float[] tile, int zeroBits) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (mr == MR && nr == NR) {
            // Stores written out by hand: a helper taking vectors is not inlined into this large method and
            // would box every vector. Same rounding as merge(): alpha·acc, beta·C, then the sum.
            FloatVector va = FloatVector.broadcast(S, alpha);
            if (beta == 0f) {
                // C is loaded although beta = 0: storing into lines that are not in cache stalls the stores
                // (about 2x slower here), loading first overlaps the misses. The loaded value is ANDed with
                // zero bits (a parameter, so the JIT cannot fold it away) and subtracted: x - (+0) = x for every
                // x, so neither NaN nor Inf in C can leak.
                c00.mul(va).sub(FloatVector.fromArray(S, c, co).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co);
                c01.mul(va).sub(FloatVector.fromArray(S, c, co + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + L);
                c10.mul(va).sub(FloatVector.fromArray(S, c, co + ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + ldc);
                c11.mul(va).sub(FloatVector.fromArray(S, c, co + ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + ldc + L);
                c20.mul(va).sub(FloatVector.fromArray(S, c, co + 2 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 2 * ldc);
                c21.mul(va).sub(FloatVector.fromArray(S, c, co + 2 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 2 * ldc + L);
                c30.mul(va).sub(FloatVector.fromArray(S, c, co + 3 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 3 * ldc);
                c31.mul(va).sub(FloatVector.fromArray(S, c, co + 3 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 3 * ldc + L);
                c40.mul(va).sub(FloatVector.fromArray(S, c, co + 4 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 4 * ldc);
                c41.mul(va).sub(FloatVector.fromArray(S, c, co + 4 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 4 * ldc + L);
                c50.mul(va).sub(FloatVector.fromArray(S, c, co + 5 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 5 * ldc);
                c51.mul(va).sub(FloatVector.fromArray(S, c, co + 5 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 5 * ldc + L);
            } else {
                FloatVector vb = FloatVector.broadcast(S, beta);
                c00.mul(va).add(FloatVector.fromArray(S, c, co).mul(vb)).intoArray(c, co);
                c01.mul(va).add(FloatVector.fromArray(S, c, co + L).mul(vb)).intoArray(c, co + L);
                c10.mul(va).add(FloatVector.fromArray(S, c, co + ldc).mul(vb)).intoArray(c, co + ldc);
                c11.mul(va).add(FloatVector.fromArray(S, c, co + ldc + L).mul(vb)).intoArray(c, co + ldc + L);
                c20.mul(va).add(FloatVector.fromArray(S, c, co + 2 * ldc).mul(vb)).intoArray(c, co + 2 * ldc);
                c21.mul(va).add(FloatVector.fromArray(S, c, co + 2 * ldc + L).mul(vb)).intoArray(c, co + 2 * ldc + L);
                c30.mul(va).add(FloatVector.fromArray(S, c, co + 3 * ldc).mul(vb)).intoArray(c, co + 3 * ldc);
                c31.mul(va).add(FloatVector.fromArray(S, c, co + 3 * ldc + L).mul(vb)).intoArray(c, co + 3 * ldc + L);
                c40.mul(va).add(FloatVector.fromArray(S, c, co + 4 * ldc).mul(vb)).intoArray(c, co + 4 * ldc);
                c41.mul(va).add(FloatVector.fromArray(S, c, co + 4 * ldc + L).mul(vb)).intoArray(c, co + 4 * ldc + L);
                c50.mul(va).add(FloatVector.fromArray(S, c, co + 5 * ldc).mul(vb)).intoArray(c, co + 5 * ldc);
                c51.mul(va).add(FloatVector.fromArray(S, c, co + 5 * ldc + L).mul(vb)).intoArray(c, co + 5 * ldc + L);
            }
        } else {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            merge(tile, mr, nr, c, co, ldc, alpha, beta);
        }
    }

    /**
     * {@link #kernel} reading A in place: row r of the tile is {@code a[ao + r·lda + p]}, p = 0..kc-1 (A untransposed,
     * all MR rows present). Same arithmetic in the same order as the packed path, so the same bits.
     */
    static void kernelDirectA(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                              float alpha, float beta, int nr, float[] tile, int zeroBits) {
        final int mr = MR;
        final int a1 = ao + lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ao + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (mr == MR && nr == NR) {
            // Stores written out by hand: a helper taking vectors is not inlined into this large method and
            // would box every vector. Same rounding as merge(): alpha·acc, beta·C, then the sum.
            FloatVector va = FloatVector.broadcast(S, alpha);
            if (beta == 0f) {
                // C is loaded although beta = 0: storing into lines that are not in cache stalls the stores
                // (about 2x slower here), loading first overlaps the misses. The loaded value is ANDed with
                // zero bits (a parameter, so the JIT cannot fold it away) and subtracted: x - (+0) = x for every
                // x, so neither NaN nor Inf in C can leak.
                c00.mul(va).sub(FloatVector.fromArray(S, c, co).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co);
                c01.mul(va).sub(FloatVector.fromArray(S, c, co + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + L);
                c10.mul(va).sub(FloatVector.fromArray(S, c, co + ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + ldc);
                c11.mul(va).sub(FloatVector.fromArray(S, c, co + ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + ldc + L);
                c20.mul(va).sub(FloatVector.fromArray(S, c, co + 2 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 2 * ldc);
                c21.mul(va).sub(FloatVector.fromArray(S, c, co + 2 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 2 * ldc + L);
                c30.mul(va).sub(FloatVector.fromArray(S, c, co + 3 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 3 * ldc);
                c31.mul(va).sub(FloatVector.fromArray(S, c, co + 3 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 3 * ldc + L);
                c40.mul(va).sub(FloatVector.fromArray(S, c, co + 4 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 4 * ldc);
                c41.mul(va).sub(FloatVector.fromArray(S, c, co + 4 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 4 * ldc + L);
                c50.mul(va).sub(FloatVector.fromArray(S, c, co + 5 * ldc).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 5 * ldc);
                c51.mul(va).sub(FloatVector.fromArray(S, c, co + 5 * ldc + L).reinterpretAsInts().and(zeroBits).reinterpretAsFloats()).intoArray(c, co + 5 * ldc + L);
            } else {
                FloatVector vb = FloatVector.broadcast(S, beta);
                c00.mul(va).add(FloatVector.fromArray(S, c, co).mul(vb)).intoArray(c, co);
                c01.mul(va).add(FloatVector.fromArray(S, c, co + L).mul(vb)).intoArray(c, co + L);
                c10.mul(va).add(FloatVector.fromArray(S, c, co + ldc).mul(vb)).intoArray(c, co + ldc);
                c11.mul(va).add(FloatVector.fromArray(S, c, co + ldc + L).mul(vb)).intoArray(c, co + ldc + L);
                c20.mul(va).add(FloatVector.fromArray(S, c, co + 2 * ldc).mul(vb)).intoArray(c, co + 2 * ldc);
                c21.mul(va).add(FloatVector.fromArray(S, c, co + 2 * ldc + L).mul(vb)).intoArray(c, co + 2 * ldc + L);
                c30.mul(va).add(FloatVector.fromArray(S, c, co + 3 * ldc).mul(vb)).intoArray(c, co + 3 * ldc);
                c31.mul(va).add(FloatVector.fromArray(S, c, co + 3 * ldc + L).mul(vb)).intoArray(c, co + 3 * ldc + L);
                c40.mul(va).add(FloatVector.fromArray(S, c, co + 4 * ldc).mul(vb)).intoArray(c, co + 4 * ldc);
                c41.mul(va).add(FloatVector.fromArray(S, c, co + 4 * ldc + L).mul(vb)).intoArray(c, co + 4 * ldc + L);
                c50.mul(va).add(FloatVector.fromArray(S, c, co + 5 * ldc).mul(vb)).intoArray(c, co + 5 * ldc);
                c51.mul(va).add(FloatVector.fromArray(S, c, co + 5 * ldc + L).mul(vb)).intoArray(c, co + 5 * ldc + L);
            }
        } else {
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            merge(tile, mr, nr, c, co, ldc, alpha, beta);
        }
    }

    private static void merge(float[] tile, int mr, int nr, float[] c, int co, int ldc, float alpha, float beta) {
        for (int r = 0; r < mr; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            if (beta == 0f) {
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
