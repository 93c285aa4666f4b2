// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/gemm/Gemm-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.PackedMatrix;
import org.vecgrad.engine.kernel.simd.SimdSpecies;

/**
 * F64 GEMM on one block of C: packing, the five loops and the register-tile micro-kernels. {@link SimdGemm} splits
 * a product into blocks over threads. {@code GemmF32} and {@code GemmF64} are generated from one template,
 * {@code Gemm-X.java.template} (see {@code engine/src/main/templates/README.md}).
 *
 * <p>Register tile MR × NR = {@link GemmTile} rows × vectors (default 6 × 2 on AVX2: 12 accumulators + 2 B vectors
 * + 2 broadcasts of A = 16 registers). Every shape in {@link GemmTile#ALLOWED} has its own unrolled micro-kernel
 * ({@code k4x2} … {@code k8x3} on A packed p-major, {@code r4x2} … {@code r8x3} on A packed by rows, written by the
 * generator's {@code GemmMicroKernels}); the shape is picked by a switch per micro-kernel call, outside the hot loop.
 * A ragged last column panel runs the same rows × only as many vectors as it has columns ({@code k8x2},
 * {@code k8x1} … for the 8 × 3 tile): n = 128 on the 48-column F32 tile of AVX-512 is 2 whole panels and one of 2
 * vectors, not 3 panels with a third of the last multiplied by zeros.
 *
 * <p>Why the kernels carry never-true {@code if (p == guard + r)} tests: C2 schedules all loads of a loop body as
 * early as it can, so with 6 rows it issued the 6 broadcasts of A before the FMAs that use them, needing 12 + 2 + 6
 * registers, and the allocator then kept an accumulator on the stack (a store-to-load round trip on the FMA chain:
 * measured 42 vs 78 GFLOP/s for the kernel alone). A branch ends the basic block, and the scheduler does not move
 * loads across it, so at most 2 broadcasts (1 with 3 vectors per row) are live at once. The kernels run 2 depth
 * steps per loop trip (the index arithmetic and loop test, ~9 of the 34 instructions of a 6 × 2 step, are paid once
 * per 2 steps); a guard also separates the two steps, else the second step's loads rise above the first's FMAs.
 */
final class GemmF64 {
    static final VectorSpecies<Double> S = SimdSpecies.D;
    static final int L = S.length();
    /**
     * Whether the macro-kernel {@link #touch}es the next C tile before each micro-kernel: below 512-bit vectors
     * only. On AVX-512 (Zen 5, 1 thread, paired in one JVM against the touch, thread-CPU clock, median ratio over
     * 30-40 alternating products) leaving the touch out read F32 1024³ 1.01-1.04, 2048³ 1.01-1.03, 784 × 256 × 128
     * tn 1.02-1.05, 128³ 1.01-1.02, the MLP's nt and nn shapes 1.00; F64 1.05, 1.03, 1.05, 1.01; touching every
     * cache line of the 4-line rows instead of the first and last read 1.00-1.04 at 1024³-2048³ but 0.97-0.98 on the
     * small shapes. The hardware prefetchers find the fixed stride down a column panel; the touch's loads, when
     * they miss, hold up retirement behind them as much as the update's own would. On the 256-bit path the touch
     * measured +5-8 % at 1024³ on the AVX2 machine (and 0.99-1.02 on this one), so it stays there.
     */
    static final boolean TOUCH = S.vectorBitSize() < 512;
    /**
     * Whether {@link #update} with beta = 0 loads C before it stores the new values (the loaded value then
     * contributes nothing: see {@link #updateVector}): below 512-bit vectors only. On the AVX2 machine storing into
     * lines not in cache stalled the stores (about 2x slower); on AVX-512 (Zen 5, 1 thread, paired in one JVM
     * against the load, thread-CPU clock, median ratio over 30-40 alternating rounds, load ~12) storing alone read
     * F32 784 × 256 × 128 tn 1.04-1.05 (three runs, IQRs within 1.00-1.07), 1024³ 1.025 and 1.056 (IQR 1.04-1.07),
     * 2048³ 1.015, 128³ 1.02, the MLP's nt and nn shapes 1.01-1.03; F64 tn 1.08 (1.05-1.11), 1024³ 1.02, 128³
     * 1.02, 2048³ 1.01 (its later depth blocks add to C, beta = 1, and load it anyway): a product whose depth fits
     * one block no longer reads each line of C before it writes it.
     */
    static final boolean LOAD_C_FIRST = S.vectorBitSize() < 512;
    /**
     * Whether a vector holds exactly eight lanes (the MR ≤ 8 rows of a tile), one panel step of {@link #narrow8x4}:
     * F32 on 256-bit vectors, F64 on 512-bit; with 16 lanes ({@link #SIXTEEN_LANES}) it puts two panel steps in a
     * vector, elsewhere it is off. It does not run on a narrower species beside
     * {@link #S}: no vector of a second shape may run anywhere in the JVM, because {@code fma} and {@code intoArray}
     * dispatch on the vector's class through a receiver profile that every caller shares, so once a 256-bit F32
     * vector has run beside the 512-bit ones, every kernel C2 compiles afterwards gets a type switch around each such
     * call and boxes its vectors where the two paths meet (a C2-only JVM ran the stride-2 convolution's GEMM 10×
     * slower).
     */
    static final boolean EIGHT_LANES = L == 8;
    /**
     * Whether a vector holds exactly sixteen lanes (F32 on 512-bit vectors), where {@link #narrow8x4} puts two
     * MR-row panels (MR ≤ 8) in one vector, lanes 0-7 and 8-15, so that it needs no vector of a second shape (see
     * {@link #EIGHT_LANES}).
     */
    static final boolean SIXTEEN_LANES = L == 16;
    /** The first L / 2 lanes. */
    static final VectorMask<Double> FIRST_HALF = S.indexInRange(0, L / 2);
    /** Lane i takes lane (i + L / 2) mod L: the two halves swapped (packA's MR = L / 2 copy of two steps at once). */
    static final VectorShuffle<Double> SWAP_HALVES = VectorShuffle.fromOp(S, i -> (i + L / 2) % L);
    /**
     * Columns of the narrow kernel {@link #narrow8x4}: a ragged last column panel this narrow or narrower runs it.
     */
    static final int NARROW_COLS = 4;
    /**
     * Whether a ragged last column panel of at most {@link #NARROW_COLS} columns runs a narrow kernel (system
     * property {@code vecgrad.gemm.narrow}, default true). Non-final so that one JVM can compare both paths.
     */
    static boolean narrow = !"false".equals(System.getProperty("vecgrad.gemm.narrow"));
    /**
     * Whether a whole tile with alpha = 1 and beta = 0 is stored by the micro-kernel straight into C (system property
     * {@code vecgrad.gemm.direct}, default true; only where C is not loaded first, see {@link #LOAD_C_FIRST}): C =
     * 1·acc is acc, bit for bit, so the round trip through {@code tile} and {@link #update} is skipped (in C2's code
     * the update reloaded and re-broadcast alpha from the stack for every vector). F32, AVX-512, 1 thread, paired in
     * one JVM against the round trip (thread-CPU, median of 30-40 alternating rounds, load 5-7): 784 × 256 × 128 tn
     * 1.044 and 1.039, 128³ 1.063, 128 × 784 × 256 nt 1.006-1.045, 1024³ and 2048³ 0.99-1.01 (not resolved).
     * Non-final so that one JVM can compare both paths.
     */
    static boolean direct = !"false".equals(System.getProperty("vecgrad.gemm.direct"));
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
    /**
     * Blocks narrower than this many column panels use the rows kernels on untransposed A (see {@link #block});
     * {@code -Dvecgrad.gemm.rowsMaxPanels=P} sets it for studies. F32 on 512-bit vectors: 2, where the p-major
     * kernels on packed A are now faster from three panels on (AVX-512 Zen 5, 1 thread, against OpenBLAS in one JVM,
     * two runs each: 128³ 0.96-0.98 against 0.91 with 12; the stride-2 convolution's 256 × 196 × 1152 0.90-0.91 against
     * 0.84-0.88; 128 × 784 × 256 nt 0.93-0.96 against 0.96-0.99; the served MLP at batch 64 0.85-0.91 of ONNX Runtime
     * against 0.81-0.85, paired); else 12 (not re-measured).
     */
    static final int ROWS_MAX_PANELS = Integer.getInteger("vecgrad.gemm.rowsMaxPanels",
            Double.SIZE == 32 && S.vectorBitSize() >= 512 ? 2 : 12);
    private final ThreadLocal<Buffers> buffers;

    /** Per-thread packing buffers, grown on demand and then reused: the steady state allocates nothing. */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        /**
         * The micro-kernel's accumulators, row-major MR × NR (or the narrow kernel's 8 lane-major vectors, see
         * {@link #updateLanes}), and one spare slot for {@link #touch}, the last.
         */
        final double[] tile;

        /** The two packed B blocks a team shares when this thread calls a product ({@link Team}). */
        double[] shared0 = new double[0];
        double[] shared1 = new double[0];

        /** Scratch between the halves of packB's and packA's register transposes: kc × 8 or 16 × 16 elements. */
        double[] t = new double[0];

        Buffers(int size) {
            tile = new double[size];
        }
    }

    /**
     * Packed B blocks of at most this many bytes run {@link #macroKernel}'s p-major loops rows outermost: half of L2.
     */
    final long smallBBytes;

    /** A GEMM with register tile {@code t} and block sizes {@code b} (null: derived from the caches). */
    GemmF64(GemmTile t, GemmBlocking b) {
        this(t, b, GemmBlocking.L2 / 2);
    }

    /** {@link #GemmF64(GemmTile, GemmBlocking)} with the B block size below which rows go outermost. */
    GemmF64(GemmTile t, GemmBlocking b, long smallBBytes) {
        this.smallBBytes = smallBBytes;
        mr = t.mr();
        nr = t.nv() * L;
        shape = t.mr() * 10 + t.nv();
        blocking = b != null ? b : GemmBlocking.of(Double.BYTES, mr, nr);
        // or the narrow kernel's 2 · NARROW_COLS accumulator vectors where that is more than MR × NR
        int tileSize = Math.max(mr * nr, 2 * NARROW_COLS * L) + 1;
        buffers = ThreadLocal.withInitial(() -> new Buffers(tileSize));
    }

    /**
     * Computes rows {@code [i0, i1)} × columns {@code [j0, j1)} of {@code C = alpha·op(A)·op(B) + beta·C}
     * (k ≥ 1, alpha ≠ 0). The five loops, outermost first: pc (kc deep), jc (nc columns: the packed kc × nc block
     * of B lives in L3, packed once per depth block), ic (mc rows: the packed mc × kc block of A lives in L2),
     * then the two loops of {@link #macroKernel} over MR × NR register tiles. A is packed once per column block,
     * B once per depth block.
     */
    void block(boolean ta, boolean tb, int i0, int i1, int j0, int j1, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
               double[] c, int cOff, int ldc) {
        GemmBlocking bl = blocking.forDepth(k);
        final int mcMax = GemmBlocking.split(i1 - i0, bl.mc(), mr);
        final int kcMax = GemmBlocking.split(k, bl.kc(), 1);
        final int ncMax = GemmBlocking.split(j1 - j0, bl.nc(), nr);
        Buffers buf = buffers.get();
        int aSize = roundUp(Math.min(mcMax, i1 - i0), mr) * kcMax + L; // + L: packA's whole-vector steps overrun
        if (buf.a.length < aSize) {
            buf.a = new double[aSize];
        }
        if (buf.b.length < ncMax * kcMax) {
            buf.b = new double[ncMax * kcMax];
        }
        double[] ap = buf.a;
        double[] bp = buf.b;
        double[] tile = buf.tile;
        // Untransposed A: read in place by the rows kernels when the block has few column panels (only a ragged last
        // MR-row panel is copied, padded with zero rows), else packed p-major (a transpose, amortised over the panels) for the p-major kernels, whose loop has 6 fewer
        // address instructions per step (measured 10-15% faster).
        boolean rows = !ta && j1 - j0 < ROWS_MAX_PANELS * nr;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            double betaK = pc == 0 ? beta : 1d; // later depth blocks add to what the first one wrote
            for (int jc = j0; jc < j1; jc += ncMax) {
                int nc = Math.min(ncMax, j1 - jc);
                packB(tb, b, bOff, ldb, pc, kc, jc, nc, bp, 0, buf);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    packA(ta, rows, a, aOff, lda, ic, mc, pc, kc, ap);
                    macroKernel(rows, mc, nc, kc, ap, a, aOff + ic * lda + pc, lda, bp, 0, tile, c,
                            cOff + ic * ldc + jc, ldc, alpha, betaK);
                }
            }
        }
    }

    /**
     * The F64 product of {@link org.vecgrad.engine.kernel.GemmKernels} on {@link #DEFAULT}, once
     * {@link ScalarGemmF64#degenerate} has settled the products that need no multiplication.
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (!ScalarGemmF64.degenerate(m, n, k, alpha, beta, c, cOff, ldc)) {
            DEFAULT.product(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Computes {@code C = alpha·op(A)·op(B) + beta·C} (k ≥ 1, alpha ≠ 0) on the threads {@link GemmThreads} allows
     * this caller: as one block on the caller when it is one task, as a {@link #team} when it has enough rows, else
     * as a grid of blocks ({@link GemmThreads#forGrid}; nested calls from pool workers, or few rows).
     */
    void product(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                 double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (GemmThreads.runsOnCaller(m, n, k, mr, nr)) { // one block: no Block lambda to allocate
            block(ta, tb, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int members = GemmThreads.teamSize(m, n, k, mr, nr);
        if (teams(members, m)) {
            team(members, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmThreads.forGrid(m, n, k, mr, nr, (i0, i1, j0, j1) ->
                block(ta, tb, i0, i1, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /**
     * True when an m-row product on {@code members} threads runs as one {@link #team}: at least two chunks of rows
     * per member, so that handing out chunks can even out the members' speeds (fewer rows: {@link #block}s split
     * over the columns too).
     */
    boolean teams(int members, int m) {
        return members > 1 && (m + mr - 1) / mr >= 2 * members;
    }

    /**
     * Computes all of {@code C = alpha·op(A)·op(B) + beta·C} (m × n, depth k ≥ 1, alpha ≠ 0) on this thread and
     * {@code members − 1} pool workers sharing one packed B block per step ({@link GemmTeam}). The same loops as
     * {@link #block}, reordered for sharing: pc (kc deep) and jc (nc columns) are the steps; each step's kc × nc B
     * block is packed once, by all members, into one of two shared buffers (L3); rows then go in chunks of
     * {@code chunkRows}, and the member that takes one packs its chunkRows × kc of A (L2) and runs the ir and jr
     * loops over the B block, as in {@link #block}. A is packed n / nc times instead of once per row block; B once
     * instead of once per member.
     */
    void team(int members, boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
              double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Team job = new Team(members, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        try {
            GemmThreads.startHelpers(members - 1, job);
        } finally { // even if starting them failed half-way: no helper may outlive the call
            job.runAsCaller();
        }
    }

    /** A product shared by a team: the tasks of {@link GemmTeam} on this instance's packing and loops. */
    private final class Team extends GemmTeam {
        /** Chunks per member: enough that the last chunk, the only idle time, is a small part of the product. */
        static final int CHUNKS_PER_MEMBER = 16;
        /** Pack tasks per member and step, so that members which finish a step early share the next step's B. */
        static final int PACKS_PER_MEMBER = 2;

        private final boolean ta;
        private final boolean tb;
        private final boolean rows;
        private final int m;
        private final int n;
        private final int k;
        private final int kcMax;
        private final int ncMax;
        private final int jcSteps;
        private final int chunkRows;
        private final int packTasks;
        private final double alpha;
        private final double beta;
        private final double[] a;
        private final int aOff;
        private final int lda;
        private final double[] b;
        private final int bOff;
        private final int ldb;
        private final double[] c;
        private final int cOff;
        private final int ldc;
        private final double[] shared0;
        private final double[] shared1;

        Team(int members, boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
             double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
            GemmBlocking bl = blocking.forDepth(k);
            int kcMax = GemmBlocking.split(k, bl.kc(), 1);
            int ncMax = GemmBlocking.split(n, bl.nc(), nr);
            int panels = (m + mr - 1) / mr;
            // at most mc rows: the packed chunk, kept in each member's per-thread buffer, stays within mc × kc
            int chunkRows = Math.min(Math.max(1, panels / (CHUNKS_PER_MEMBER * members)),
                    Math.max(1, bl.mc() / mr)) * mr;
            int packTasks = Math.min(PACKS_PER_MEMBER * members, (ncMax + nr - 1) / nr);
            int jcSteps = (n + ncMax - 1) / ncMax;
            super((k + kcMax - 1) / kcMax * jcSteps, packTasks, (m + chunkRows - 1) / chunkRows);
            this.ta = ta;
            this.tb = tb;
            this.rows = !ta && n < ROWS_MAX_PANELS * nr; // as in block, whose one-thread block is all n columns
            this.m = m;
            this.n = n;
            this.k = k;
            this.kcMax = kcMax;
            this.ncMax = ncMax;
            this.jcSteps = jcSteps;
            this.chunkRows = chunkRows;
            this.packTasks = packTasks;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            Buffers buf = buffers.get(); // the caller's: members share them through this job
            if (buf.shared0.length < kcMax * ncMax) {
                buf.shared0 = new double[kcMax * ncMax];
                buf.shared1 = new double[kcMax * ncMax];
            }
            shared0 = buf.shared0;
            shared1 = buf.shared1;
        }

        /** First depth index of step {@code step}'s block (steps go column block fastest, as block's loops). */
        private int pc(int step) {
            return step / jcSteps * kcMax;
        }

        /** First column of step {@code step}'s block. */
        private int jc(int step) {
            return step % jcSteps * ncMax;
        }

        @Override
        void pack(int step, int task) {
            int pc = pc(step);
            int jc = jc(step);
            int kc = Math.min(kcMax, k - pc);
            int nc = Math.min(ncMax, n - jc);
            int panels = (nc + nr - 1) / nr;
            int q0 = panels * task / packTasks;
            int q1 = panels * (task + 1) / packTasks;
            if (q0 < q1) {
                packB(tb, b, bOff, ldb, pc, kc, jc + q0 * nr, Math.min(nc, q1 * nr) - q0 * nr,
                        (step & 1) == 0 ? shared0 : shared1, q0 * nr * kc, buffers.get());
            }
        }

        @Override
        void compute(int step, int chunk) {
            int pc = pc(step);
            int jc = jc(step);
            int kc = Math.min(kcMax, k - pc);
            int nc = Math.min(ncMax, n - jc);
            int i0 = chunk * chunkRows;
            int mc = Math.min(chunkRows, m - i0);
            Buffers buf = buffers.get();
            int aSize = chunkRows * kcMax + L; // + L: packA's whole-vector steps overrun
            if (buf.a.length < aSize) {
                buf.a = new double[aSize];
            }
            packA(ta, rows, a, aOff, lda, i0, mc, pc, kc, buf.a);
            macroKernel(rows, mc, nc, kc, buf.a, a, aOff + i0 * lda + pc, lda, (step & 1) == 0 ? shared0 : shared1,
                    0, buf.tile, c,
                    cOff + i0 * ldc + jc, ldc, alpha, pc == 0 ? beta : 1d);
        }
    }

    /**
     * The two innermost loops over one packed mc × kc block of A and kc × nc block of B. A packed p-major: jr over
     * NR-column micro-panels of B (one, kc × NR, stays in L2 while ir runs: 192 KiB for F32 at kc = 1024 and
     * NR = 48), ir over MR-row micro-panels of A (streamed from the L2-sized A block), C walked down a column panel
     * (with the next tile touched where {@link #TOUCH}). Measured paired against ir outermost (the whole kc × nc B
     * block, 4 MiB, streamed from L3 for every MR rows): F32 1024³ 1.05 (IQR 1.03-1.07), 2048³ 1.055, 128 × 784 × 256 nt 1.04 (AVX-512).
     * A packed p-major and a B block of at most {@link #smallBBytes} (half of L2; 784 × 256 × 128 tn, whose kc × nc
     * is 128 KiB): ir outermost as well, so that the MR rows of C stream along jr from the L2-resident B block instead
     * of a column panel being walked down with C at a stride of ldc: paired in one JVM against jr outermost (F32,
     * AVX-512, 1 thread, median of 40-60 alternating products) 784 × 256 × 128 tn 1.01-1.04 (three runs),
     * 256³ tn 1.03 (IQR 1.02-1.05), 512 × 1024 × 128 nn 1.03 (0.99-1.06).
     * A by rows (few column panels, B small): ir outermost, so that each row's C lines stream along jr; whole MR-row
     * panels read from A itself ({@code a[aRow0 + r·lda + p]}, row ic's depth pc at aRow0), only a ragged last
     * panel from {@code ap}. Measured paired against copying every panel first (AVX-512 F32, 1 thread, median of 40
     * alternating products): 128³ 1.036 (IQR 1.01-1.06), 128 × 256 × 784 1.03 (0.95-1.06).
     * A method of its own so the JIT compiles it early: it runs many times per product.
     */
    private void macroKernel(boolean rows, int mc, int nc, int kc, double[] ap, double[] a, int aRow0, int lda,
                             double[] bp, int bo, double[] tile,
                             double[] c, int cIc, int ldc, double alpha, double betaK) {
        // whole tiles straight into C when C = 1·acc (see GemmF64.direct)
        final boolean direct = GemmF64.direct && !LOAD_C_FIRST && alpha == 1d && betaK == 0d;
        if (!rows && (long) kc * nc * Double.BYTES <= smallBBytes) { // B in L2: ir outermost, C rows streamed
            for (int ir = 0; ir < mc; ir += mr) {
                int live = Math.min(mr, mc - ir);
                for (int jr = 0; jr < nc; jr += nr) {
                    int cols = Math.min(nr, nc - jr);
                    int w = panelWidth(cols);
                    if (narrowed(kc, ap, ir, mc, bp, bo + jr * kc, w, tile, c, cIc + ir * ldc + jr, ldc, cols,
                            alpha, betaK)) {
                        continue;
                    }
                    int code = w == nr ? shape : mr * 10 + w / L;
                    if (direct && live == mr && cols == w) {
                        kernel(code, kc, ap, ir * kc, bp, bo + jr * kc, c, cIc + ir * ldc + jr, ldc);
                    } else {
                        kernel(code, kc, ap, ir * kc, bp, bo + jr * kc, tile, 0, w);
                        update(tile, w, live, cols, c, cIc + ir * ldc + jr, ldc, alpha, betaK, zeroBits);
                    }
                }
            }
            return;
        }
        if (!rows) {
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr);
                int w = panelWidth(cols); // the ragged last panel runs the narrower kernel its packing was cut for
                int code = w == nr ? shape : mr * 10 + w / L;
                for (int ir = 0; ir < mc; ir += mr) {
                    int co = cIc + ir * ldc + jr;
                    if (TOUCH && ir + mr < mc) { // the next tile down this column panel, else the top of the next
                        touch(c, co + mr * ldc, Math.min(mr, mc - ir - mr), cols, ldc, tile);
                    } else if (TOUCH && jr + nr < nc) {
                        touch(c, cIc + jr + nr, Math.min(mr, mc), Math.min(nr, nc - jr - nr), ldc, tile);
                    }
                    if (narrowed(kc, ap, ir, mc, bp, bo + jr * kc, w, tile, c, co, ldc, cols, alpha, betaK)) {
                        continue;
                    }
                    if (direct && ir + mr <= mc && cols == w) {
                        kernel(code, kc, ap, ir * kc, bp, bo + jr * kc, c, co, ldc);
                    } else {
                        kernel(code, kc, ap, ir * kc, bp, bo + jr * kc, tile, 0, w);
                        update(tile, w, Math.min(mr, mc - ir), cols, c, co, ldc, alpha, betaK, zeroBits);
                    }
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += mr) {
            int live = Math.min(mr, mc - ir);
            int co = cIc + ir * ldc;
            for (int jr = 0; jr < nc; jr += nr) {
                if (TOUCH && jr + nr < nc) { // the next tile along these rows, else the first of the next MR rows
                    touch(c, co + jr + nr, live, Math.min(nr, nc - jr - nr), ldc, tile);
                } else if (TOUCH && ir + mr < mc) {
                    touch(c, co + mr * ldc, Math.min(mr, mc - ir - mr), Math.min(nr, nc), ldc, tile);
                }
                int cols = Math.min(nr, nc - jr);
                int w = panelWidth(cols); // the ragged last panel runs the narrower kernel its packing was cut for
                int code = w == nr ? shape : mr * 10 + w / L;
                if (direct && live == mr && cols == w) { // whole panel and tile: A where stored, C written directly
                    kernelRows(code, kc, a, aRow0 + ir * lda, lda, bp, bo + jr * kc, c, co + jr, ldc);
                    continue;
                }
                if (live == mr) { // a whole panel: A read where it is stored
                    kernelRows(code, kc, a, aRow0 + ir * lda, lda, bp, bo + jr * kc, tile, 0, w);
                } else {
                    kernelRows(code, kc, ap, ir * kc, kc, bp, bo + jr * kc, tile, 0, w);
                }
                update(tile, w, live, cols, c, co + jr, ldc, alpha, betaK, zeroBits);
            }
        }
    }

    /**
     * Whether the tile of MR-row panel ir on a column panel of {@code cols} live columns (at {@code bp[bo …]}, width
     * w) is done by the narrow kernel {@link #narrow8x4}, rows in the lanes (8-lane vectors: two MR-row panels a call;
     * 16 lanes: four), in the p-major loops only (the rows kernels read A in
     * place, where a step's MR elements are lda apart). On a panel of at most {@link #NARROW_COLS} columns the row
     * panels go in groups of two or four from the block's first: the group's first panel runs all of the group's
     * panels that exist, and the others have already run; a group of one panel (the last, alone) is left to the
     * one-vector kernel, which does the same work at the same speed.
     */
    private boolean narrowed(int kc, double[] ap, int ir, int mc, double[] bp, int bo, int w, double[] tile,
                             double[] c, int co, int ldc, int cols, double alpha, double betaK) {
        // MR ≤ 8 for every GemmTile.ALLOWED; on 16 lanes a vector's second panel is read from 8 elements before it
        if (!narrow || cols > NARROW_COLS || !(EIGHT_LANES || SIXTEEN_LANES) || SIXTEEN_LANES && mr * kc < 8) {
            return false;
        }
        final int group = L / 4; // panels a call: 2 with 8 lanes, 4 with 16
        int first = ir / mr / group * group * mr;
        int panels = Math.min(group, (mc - first + mr - 1) / mr);
        if (panels < 2) {
            return false;
        }
        if (ir != first) {
            return true; // ran with the group's first panel
        }
        int ao = ir * kc;
        int step = mr * kc; // from one packed row panel to the next
        if (EIGHT_LANES) { // one panel a vector
            narrow8x4(kc, mr, ap, ao, ao + 8, ao + step, ao + step + 8, bp, bo, w, tile);
        } else { // two a vector; missing panels of the group repeat read-in-range ones, their lanes are not stored
            int a1 = ao + step;
            int a2 = panels > 2 ? a1 + step : ao;
            int a3 = panels > 3 ? a2 + step : panels > 2 ? a2 + 8 : a1;
            narrow8x4(kc, mr, ap, ao, a1, a2, a3, bp, bo, w, tile);
        }
        updateLanes(tile, panels, mr, mc - ir, cols, c, co, ldc, alpha, betaK);
        return true;
    }

    /**
     * Loads the first and last element of each row of the C tile at {@code c[co]} and keeps their sum in the
     * spare slot {@code tile[MR·NR]}, so that the tile's cache lines are on their way while the micro-kernel of the
     * tile before it runs (about a microsecond). Java has no prefetch instruction and the JIT drops a load whose
     * value is unused. Measured in paired runs at 1024³: +5-8% (F32), +4-6% (F64); without the C update at all,
     * +12% and +18%. A row of the default 6 × 2 tile spans at most two cache lines, both touched; a 3-vector row
     * (96 bytes) can span three, and its middle line is then left to the update. Only where {@link #TOUCH}.
     */
    private void touch(double[] c, int co, int rows, int cols, int ldc, double[] tile) {
        double sum = 0;
        for (int r = 0, at = co; r < rows; r++, at += ldc) {
            sum += c[at] + c[at + cols - 1];
        }
        tile[tile.length - 1] = sum;
    }

    /** Runs this instance's micro-kernel: tile = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps. */
    void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        kernel(shape, kc, ap, ao, bp, bo, tile, 0, nr);
    }

    /**
     * Runs the micro-kernel of shape {@code code} = rows · 10 + vectors: this instance's tile, or for the ragged
     * last column panel the same rows × fewer vectors. Row r of the result goes to {@code out[o + r·ld …]}: the
     * row-major {@code tile} (o = 0, ld = the vectors' width), or C itself ({@link #direct}).
     */
    static void kernel(int code, int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        switch (code) {
            case 42 -> k4x2(kc, ap, ao, bp, bo, out, o, ld);
            case 62 -> k6x2(kc, ap, ao, bp, bo, out, o, ld);
            case 82 -> k8x2(kc, ap, ao, bp, bo, out, o, ld);
            case 43 -> k4x3(kc, ap, ao, bp, bo, out, o, ld);
            case 83 -> k8x3(kc, ap, ao, bp, bo, out, o, ld);
            case 41 -> k4x1(kc, ap, ao, bp, bo, out, o, ld);
            case 61 -> k6x1(kc, ap, ao, bp, bo, out, o, ld);
            case 81 -> k8x1(kc, ap, ao, bp, bo, out, o, ld);
            default -> throw new IllegalStateException("no micro-kernel for shape " + code);
        }
    }

    /** {@link #kernel} reading row r of A at {@code a[ao + r·lda + p]}: same arithmetic, same order, same bits. */
    void kernelRows(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] tile) {
        kernelRows(shape, kc, a, ao, lda, bp, bo, tile, 0, nr);
    }

    /** {@link #kernel(int, int, double[], int, double[], int, double[], int, int)} reading A by rows. */
    static void kernelRows(int code, int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o,
                           int ld) {
        switch (code) {
            case 42 -> r4x2(kc, a, ao, lda, bp, bo, out, o, ld);
            case 62 -> r6x2(kc, a, ao, lda, bp, bo, out, o, ld);
            case 82 -> r8x2(kc, a, ao, lda, bp, bo, out, o, ld);
            case 43 -> r4x3(kc, a, ao, lda, bp, bo, out, o, ld);
            case 83 -> r8x3(kc, a, ao, lda, bp, bo, out, o, ld);
            case 41 -> r4x1(kc, a, ao, lda, bp, bo, out, o, ld);
            case 61 -> r6x1(kc, a, ao, lda, bp, bo, out, o, ld);
            case 81 -> r8x1(kc, a, ao, lda, bp, bo, out, o, ld);
            default -> throw new IllegalStateException("no micro-kernel for shape " + code);
        }
    }

    // Packed B (PackedMatrix): op(B) packed once by packAll, then multiplied by productPacked as often as wanted.

    /** Depth of the blocks a product of depth k runs (and a packed B of k rows is cut into): {@link #block}'s kc. */
    int packedDepth(int k) {
        return k == 0 ? 0 : GemmBlocking.split(k, blocking.forDepth(k).kc(), 1);
    }

    /** Columns a packed depth block stores for n columns: whole NR panels and the ragged last one's {@link #panelWidth}. */
    int packedWidth(int n) {
        int full = n / nr * nr;
        return full == n ? n : full + panelWidth(n - full);
    }

    /**
     * Packs all of op(B) (k × n) as {@link #packB} packs a kc × n block, one depth block ({@link #packedDepth})
     * after another: block pc at {@code pc · packedWidth(n)}, its column panel at jr at {@code + jr · kc}.
     */
    PackedMatrix packAll(boolean tb, int k, int n, double[] b, int bOff, int ldb) {
        int kcMax = packedDepth(k);
        int width = packedWidth(n);
        double[] bp = new double[Math.multiplyExact(k, width)];
        Buffers buf = buffers.get();
        for (int pc = 0; pc < k && n > 0; pc += kcMax) {
            packB(tb, b, bOff, ldb, pc, Math.min(kcMax, k - pc), 0, n, bp, pc * width, buf);
        }
        return new PackedMatrix(PackedMatrix.Kind.PANELS, k, n, kcMax, nr, null, bp);
    }

    /** {@link #gemm} with a B packed by {@link #packAll} on {@link #DEFAULT}. */
    static void gemmPacked(boolean ta, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b,
                           double beta, double[] c, int cOff, int ldc) {
        DEFAULT.productPacked(ta, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /**
     * {@code C = alpha·op(A)·B + beta·C} with B packed by {@link #packAll} for this instance's NR and kc (else
     * {@link IllegalArgumentException}): {@link #block}'s loops without packB, on a grid of blocks over the threads
     * (no team: there is no B to share the packing of). Every element runs the same operations as in {@link #block},
     * so results equal the unpacked product's bit for bit, for every thread count, and a row's result does not
     * depend on the other rows (one row goes through {@link #gemvPanels}, with the same operations again).
     */
    void productPacked(boolean ta, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix pb, double beta,
                       double[] c, int cOff, int ldc) {
        final int n = pb.columns();
        final int k = pb.rows();
        // the message's backend name only when B does not fit: a product allocates nothing
        if (!pb.fits(Double.BYTES == Float.BYTES, PackedMatrix.Kind.PANELS, nr, packedDepth(k))) {
            pb.require(Double.BYTES == Float.BYTES, PackedMatrix.Kind.PANELS, nr, packedDepth(k), "Vector API " + mr
                    + "x" + nr);
        }
        if (ScalarGemmF64.degenerate(m, n, k, alpha, beta, c, cOff, ldc)) {
            return;
        }
        final double[] bp = pb.f64();
        if (GemmThreads.runsOnCaller(m, n, k, mr, nr)) { // one block: no Block lambda to allocate
            blockPacked(ta, 0, m, 0, n, n, k, alpha, a, aOff, lda, bp, beta, c, cOff, ldc);
            return;
        }
        GemmThreads.forGrid(m, n, k, mr, nr, (i0, i1, j0, j1) ->
                blockPacked(ta, i0, i1, j0, j1, n, k, alpha, a, aOff, lda, bp, beta, c, cOff, ldc));
    }

    /** Rows [i0, i1) × columns [j0, j1) (j0 a multiple of NR) of {@link #productPacked}: {@link #block}'s loops. */
    private void blockPacked(boolean ta, int i0, int i1, int j0, int j1, int n, int k, double alpha, double[] a,
                             int aOff, int lda, double[] bp, double beta, double[] c, int cOff, int ldc) {
        final int kcMax = packedDepth(k);
        final int width = packedWidth(n);
        Buffers buf = buffers.get();
        if (i1 - i0 == 1) { // one row: B streamed once, A broadcast, no packing at all
            int as = ta ? lda : 1;
            for (int pc = 0; pc < k; pc += kcMax) {
                gemvPanels(Math.min(kcMax, k - pc), a, aOff + i0 * (ta ? 1 : lda) + pc * as, as, bp,
                        pc * width + j0 * Math.min(kcMax, k - pc), j1 - j0, buf.tile, c, cOff + i0 * ldc + j0,
                        alpha, pc == 0 ? beta : 1d);
            }
            return;
        }
        GemmBlocking bl = blocking.forDepth(k);
        final int mcMax = GemmBlocking.split(i1 - i0, bl.mc(), mr);
        final int ncMax = GemmBlocking.split(j1 - j0, bl.nc(), nr);
        int aSize = roundUp(Math.min(mcMax, i1 - i0), mr) * kcMax + L; // + L: packA's whole-vector steps overrun
        if (buf.a.length < aSize) {
            buf.a = new double[aSize];
        }
        boolean rows = !ta && j1 - j0 < ROWS_MAX_PANELS * nr; // as in block
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            for (int ic = i0; ic < i1; ic += mcMax) {
                int mc = Math.min(mcMax, i1 - ic);
                packA(ta, rows, a, aOff, lda, ic, mc, pc, kc, buf.a);
                for (int jc = j0; jc < j1; jc += ncMax) {
                    macroKernel(rows, mc, Math.min(ncMax, j1 - jc), kc, buf.a, a, aOff + ic * lda + pc, lda, bp,
                            pc * width + jc * kc, buf.tile,
                            c, cOff + ic * ldc + jc, ldc, alpha, pc == 0 ? beta : 1d);
                }
            }
        }
    }

    /**
     * One row of A ({@code a[ao + p·as]}, p < kc) times the packed panels of one depth block at {@code bp[bo …]}
     * for {@code cols} columns, into {@code c[co …]}: two whole panels per {@link #gemv2} call (2·NR / L independent
     * accumulator chains hide the FMA latency), the rest one panel at a time. Per element the same FMA chain over p
     * and the same update as the micro-kernels, so the same bits.
     */
    private void gemvPanels(int kc, double[] a, int ao, int as, double[] bp, int bo, int cols, double[] tile,
                            double[] c, int co, double alpha, double betaK) {
        final int nv = nr / L;
        int jr = 0;
        for (; jr + 2 * nr <= cols; jr += 2 * nr) {
            gemv2(kc, nv, a, ao, as, bp, bo + jr * kc, tile);
            // the two panels' accumulators are tile rows 0 and 1; C's columns jr + NR … are "row 1" at ldc = NR
            update(tile, nr, 2, nr, c, co + jr, nr, alpha, betaK, zeroBits);
        }
        for (; jr < cols; jr += nr) {
            int live = Math.min(nr, cols - jr);
            int w = panelWidth(live);
            gemv1(kc, w / L, a, ao, as, bp, bo + jr * kc, tile);
            update(tile, w, 1, live, c, co + jr, 0, alpha, betaK, zeroBits);
        }
    }

    /** Two whole panels (nv = 2 or 3 vectors wide) at bp[bo …] and bp[bo + NR·kc …]: tile[0, NR) and [NR, 2·NR). */
    private static void gemv2(int kc, int nv, double[] a, int ao, int as, double[] bp, int bo, double[] tile) {
        final int nr = nv * L;
        final int b1 = bo + nr * kc;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector x = DoubleVector.broadcast(S, a[ao + p * as]);
            int i0 = bo + p * nr;
            int i1 = b1 + p * nr;
            c00 = x.fma(DoubleVector.fromArray(S, bp, i0), c00);
            c10 = x.fma(DoubleVector.fromArray(S, bp, i1), c10);
            c01 = x.fma(DoubleVector.fromArray(S, bp, i0 + L), c01);
            c11 = x.fma(DoubleVector.fromArray(S, bp, i1 + L), c11);
            if (nv > 2) {
                c02 = x.fma(DoubleVector.fromArray(S, bp, i0 + 2 * L), c02);
                c12 = x.fma(DoubleVector.fromArray(S, bp, i1 + 2 * L), c12);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, nr);
        c11.intoArray(tile, nr + L);
        if (nv > 2) {
            c02.intoArray(tile, 2 * L);
            c12.intoArray(tile, nr + 2 * L);
        }
    }

    /** One panel nv = 1, 2 or 3 vectors wide at bp[bo …] (p-major, nv·L a step): tile[0, nv·L). */
    private static void gemv1(int kc, int nv, double[] a, int ao, int as, double[] bp, int bo, double[] tile) {
        final int w = nv * L;
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0, c2 = c0;
        for (int p = 0; p < kc; p++) {
            DoubleVector x = DoubleVector.broadcast(S, a[ao + p * as]);
            int i = bo + p * w;
            c0 = x.fma(DoubleVector.fromArray(S, bp, i), c0);
            if (nv > 1) {
                c1 = x.fma(DoubleVector.fromArray(S, bp, i + L), c1);
            }
            if (nv > 2) {
                c2 = x.fma(DoubleVector.fromArray(S, bp, i + 2 * L), c2);
            }
        }
        c0.intoArray(tile, 0);
        if (nv > 1) {
            c1.intoArray(tile, L);
        }
        if (nv > 2) {
            c2.intoArray(tile, 2 * L);
        }
    }

    /**
     * Width of a packed column panel with {@code cols} live columns: NR for a whole panel, else {@code cols}
     * rounded up to whole vectors, so that a ragged last panel (n = 128 on a 48-column tile: 32 columns) is packed
     * and multiplied only as wide as its vectors, not padded with zeros to NR.
     */
    int panelWidth(int cols) {
        return cols == nr ? nr : roundUp(cols, L);
    }

    static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels at {@code ap[q·MR·kc]}, rows past mc are zeros (so the
     * micro-kernel always runs a whole tile). p-major for {@link #kernel}: {@code ap[q·MR·kc + p·MR + r]}; with
     * {@code rows} (untransposed A only) only a ragged last panel (fewer than MR live rows), row by row for
     * {@link #kernelRows}: {@code ap[q·MR·kc + r·kc + p]}, one contiguous copy per row; whole panels are left
     * unwritten, {@link #macroKernel} reads them from A.
     *
     * <p>Transposed A, a whole panel: each step's MR contiguous elements move as {@code wide} = MR rounded up to
     * whole vectors; the {@code wide − MR} elements past the step land on the next step's slots, which are written
     * after (the last step's on the next panel's, or on the L spare elements at the end of {@code ap}). When those
     * reads would pass the end of {@code a} (its last columns), the panel takes the scalar loop. Measured on
     * 128 × 256 F32 panels against the untransposed pack timed in the same run: 2.1× its time per element before,
     * 0.9× now; a 256 × 128 × 128 tn product gains 10 %, larger ones ~1 % (paired, 1 thread).
     * Untransposed A, p-major, MR = 8 and L = 16 or 8 (the AVX-512 tile): whole panels are transposed in registers,
     * 8 rows × L depths at a time ({@link #transpose8x16High} and {@code Low}, or the 8 × 8 transposes of
     * {@link #packB}), the depth tail by the scalar loop. F32, 1 thread, the same panels timed alternately in one
     * JVM: 0.10 ns an element against 0.30 for the scalar loop when A is in L2, 0.31 against 0.33 when it streams
     * from L3 (then bound by reading A). Other shapes (MR = 6 rows are not whole L × L blocks; a gather was slower,
     * 1.0 ns an element against 0.9) keep the scalar loop.
     */
    void packA(boolean ta, boolean rows, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc, double[] ap) {
        final int mr = this.mr;
        final int wide = roundUp(mr, L);
        double[] scratch = ta || rows ? null : buffers.get().t; // for the register transposes of untransposed A
        final boolean half = 2 * mr == L; // the F32 8-row tile on 512-bit vectors
        for (int ir = 0; ir < mc; ir += mr) {
            int live = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (ta && live == mr && aOff + (pc + kc - 1) * lda + ic + ir <= a.length - wide) { // a step reads wide (no int overflow)
                int src = aOff + pc * lda + ic + ir;
                if (half) { // two steps' MR elements joined into one whole vector: no store overlapping the next step's,
                    // no 64-byte stores at 32-byte offsets (half of them straddle two cache lines), and no half-width
                    // vector (see EIGHT_LANES: no second vector shape). In one JVM, tn 784×256×128 against OpenBLAS read
                    // 0.87-0.90 so, 0.87-0.89 with a masked half store or whole-L overrunning stores, 0.82-0.84 with an
                    // array copy a step, 0.90-0.95 with the half-width vectors that slowed other kernels
                    int p = 0;
                    int dst = base;
                    for (; p + 1 < kc; p += 2, src += 2 * lda, dst += 2 * mr) {
                        DoubleVector lo = DoubleVector.fromArray(S, a, src);
                        DoubleVector hi = DoubleVector.fromArray(S, a, src + lda).rearrange(SWAP_HALVES);
                        hi.blend(lo, FIRST_HALF).intoArray(ap, dst);
                    }
                    if (p < kc) {
                        System.arraycopy(a, src, ap, dst, mr);
                    }
                } else if (wide <= 2 * L) { // 1 or 2 vectors a step, unrolled: with an inner loop over them, whose trip
                    // count C2 cannot see, the pack took 0.67-0.89 ns an element instead of 0.37 (F32, MR = 6)
                    for (int p = 0, dst = base; p < kc; p++, src += lda, dst += mr) {
                        DoubleVector.fromArray(S, a, src).intoArray(ap, dst);
                        if (wide > L) {
                            DoubleVector.fromArray(S, a, src + L).intoArray(ap, dst + L);
                        }
                    }
                } else {
                    for (int p = 0, dst = base; p < kc; p++, src += lda, dst += mr) {
                        for (int v = 0; v < wide; v += L) {
                            DoubleVector.fromArray(S, a, src + v).intoArray(ap, dst + v);
                        }
                    }
                }
            } else if (ta) { // A stored k × m: the MR elements of one step p are contiguous
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * mr;
                    for (int r = 0; r < live; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = live; r < mr; r++) {
                        ap[dst + r] = 0d;
                    }
                }
            } else if (rows) {
                if (live == mr) { // read in place by macroKernel
                    continue;
                }
                for (int r = 0; r < live; r++) {
                    System.arraycopy(a, aOff + (ic + ir + r) * lda + pc, ap, base + r * kc, kc);
                }
                java.util.Arrays.fill(ap, base + live * kc, base + mr * kc, 0d);
            } else { // A stored m × k, p-major: read each row once, left to right, and deal it out with stride MR
                int from = 0; // depth from which the scalar loop deals out the rows
                if (mr == 8 && live == mr && (L == 16 || L == 8)) { // whole L-deep blocks transposed in registers
                    from = kc / L * L;
                    int src = aOff + (ic + ir) * lda + pc;
                    if (L == 16) {
                        if (scratch.length < 128) {
                            scratch = buffers.get().t = new double[128];
                        }
                        for (int p = 0; p < from; p += 16) {
                            transpose8x16High(a, src + p, lda, scratch);
                            transpose8x16Low(scratch, ap, base + p * 8);
                        }
                    } else {
                        if (scratch.length < from * 8) {
                            scratch = buffers.get().t = new double[from * 8];
                        }
                        transposeRows8(a, src, lda, from, scratch);
                        transposeCols8(scratch, from, ap, base, 8);
                    }
                }
                for (int r = 0; r < live; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc;
                    for (int p = from, d = base + p * mr + r; p < kc; p++, d += mr) {
                        ap[d] = a[src + p];
                    }
                }
                for (int r = live; r < mr; r++) {
                    for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                        ap[d] = 0d;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels at {@code bp[bo …]}:
     * {@code bp[bo + q·NR·kc + p·NR + j] = op(B)[pc+p, jc+q·NR+j]},
     * columns past nc are zeros (so the micro-kernel's loads are always whole vectors). Transposed B, L = 16, 8 or 4: whole
     * panels are transposed L × L blocks at a time in registers ({@link #transpose16}, {@link #transpose4},
     * {@link #transposeRows8}); paired products on 1 thread, new/old (AVX2, L = 8): 128 × 784 × 256 nt F32 1.18
     * (IQR 1.11-1.37), 128 × 256 × 128 nt 1.15, 1024³ nt 1.04; F64 1.02-1.04. AVX-512 F32 (L = 16, before it the
     * scalar loop): 128 × 784 × 256 nt 1.10-1.17 (thread-CPU time, 4 alternating runs), the pack's share of the
     * product 26 % → 17 %, the rest of it reading B. The ragged last panel is packed {@link #panelWidth} wide.
     */
    void packB(boolean tb, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, double[] bp, int bo, Buffers buf) {
        final int nr = this.nr;
        int full = nc / nr * nr;
        boolean transposes = tb && (L == 16 || L == 8 || L == 4);
        if (transposes) { // whole panels of transposed B: L × L blocks transposed in registers, the depth tail scalar
            int kFull = kc / L * L;
            int scratch = L == 16 ? 16 * 16 : L == 8 ? kFull * L : 0;
            if (buf.t.length < scratch) {
                buf.t = new double[scratch];
            }
            for (int jr = 0; jr < full; jr += nr) {
                for (int v = 0; v < nr; v += L) {
                    int src = bOff + (jc + jr + v) * ldb + pc;
                    int d = bo + jr * kc + v;
                    if (L == 16) {
                        transpose16(b, src, ldb, kFull, buf.t, bp, d, nr);
                    } else if (L == 8) {
                        transposeRows8(b, src, ldb, kFull, buf.t);
                        transposeCols8(buf.t, kFull, bp, d, nr);
                    } else {
                        transpose4(b, src, ldb, kFull, bp, d, nr);
                    }
                    for (int p = kFull; p < kc; p++) {
                        for (int j = 0; j < L; j++) {
                            bp[d + p * nr + j] = b[src + j * ldb + p];
                        }
                    }
                }
            }
        } else if (!tb) { // B stored k × n: walk each row of B once, left to right, dealing it out to the panels
            for (int p = 0; p < kc; p++) {
                int s = bOff + (pc + p) * ldb + jc;
                int d = p * nr;
                for (int jr = 0; jr < full; jr += nr) { // NR = 2 or 3 vectors (GemmTile.ALLOWED), unrolled as in packA
                    int from = s + jr;
                    int to = bo + d + jr * kc;
                    DoubleVector.fromArray(S, b, from).intoArray(bp, to);
                    DoubleVector.fromArray(S, b, from + L).intoArray(bp, to + L);
                    if (nr > 2 * L) {
                        DoubleVector.fromArray(S, b, from + 2 * L).intoArray(bp, to + 2 * L);
                    }
                }
            }
        }
        for (int jr = tb && !transposes ? 0 : full; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int w = panelWidth(cols);
            int base = bo + jr * kc;
            if (tb) { // B stored n × k: column j of op(B) is a row of B
                for (int j = 0; j < w; j++) {
                    if (j < cols) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * w + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * w + j] = 0d;
                        }
                    }
                }
            } else { // the ragged last panel of untransposed B: its whole vectors copied as vectors
                int whole = cols / L * L;
                for (int p = 0; p < kc; p++) {
                    int s = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * w;
                    for (int j = 0; j < whole; j += L) {
                        DoubleVector.fromArray(S, b, s + j).intoArray(bp, d + j);
                    }
                    for (int j = whole; j < cols; j++) {
                        bp[d + j] = b[s + j];
                    }
                    for (int j = cols; j < w; j++) {
                        bp[d + j] = 0d;
                    }
                }
            }
        }
    }

    // L × L transposes for packB (L = 16, 8 or 4; other widths pack transposed B with the scalar loop). Row i of the
    // block, L elements along the depth, becomes column i: stage h swaps the upper h lanes of row r with the lower h
    // lanes of row r + h (for r with bit h clear), for h = L/2 … 1; each swap is two rearranges and two blends. The
    // 8 × 8 transpose is split in two methods through a kc × 8 scratch: in one method, C2 outgrew its inlining budget
    // and left the vectors boxed (15 ns an element; split: 0.46-0.51 ns against 1.17-1.27 for the scalar loop). The
    // 16 × 16 transpose (F32 on 512-bit vectors) runs two stages per method through a 16 × 16 scratch (1 KiB, in L1).
    private static final VectorShuffle<Double> DOWN1 = shift(1, true), UP1 = shift(1, false);
    private static final VectorShuffle<Double> DOWN2 = shift(2, true), UP2 = shift(2, false);
    private static final VectorShuffle<Double> DOWN4 = shift(4, true), UP4 = shift(4, false);
    private static final VectorShuffle<Double> DOWN8 = shift(8, true), UP8 = shift(8, false);
    private static final VectorMask<Double> HIGH1 = high(1), HIGH2 = high(2), HIGH4 = high(4), HIGH8 = high(8);

    /** Lane i takes lane i − h (down, lanes with bit h set) or i + h (up, bit h clear); others keep theirs. */
    private static VectorShuffle<Double> shift(int h, boolean down) {
        return VectorShuffle.fromOp(S, i -> down ? ((i & h) != 0 ? i - h : i)
                : ((i & h) == 0 ? Math.min(i + h, L - 1) : i));
    }

    /** The lanes with bit h of their index set. */
    private static VectorMask<Double> high(int h) {
        long bits = 0;
        for (int i = 0; i < L; i++) {
            bits |= (i & h) != 0 ? 1L << i : 0;
        }
        return VectorMask.fromLong(S, bits);
    }

    /** Stage h = 4 of the 8 × 8 transposes of rows {@code b[src + r·ld + p …]} (p < kFull) into {@code t[p·8 …]}. */
    private static void transposeRows8(double[] b, int src, int ld, int kFull, double[] t) {
        for (int p = 0, o = 0; p < kFull; p += 8, o += 64) {
            int s = src + p;
            DoubleVector r0 = DoubleVector.fromArray(S, b, s);
            DoubleVector r1 = DoubleVector.fromArray(S, b, s + ld);
            DoubleVector r2 = DoubleVector.fromArray(S, b, s + 2 * ld);
            DoubleVector r3 = DoubleVector.fromArray(S, b, s + 3 * ld);
            DoubleVector r4 = DoubleVector.fromArray(S, b, s + 4 * ld);
            DoubleVector r5 = DoubleVector.fromArray(S, b, s + 5 * ld);
            DoubleVector r6 = DoubleVector.fromArray(S, b, s + 6 * ld);
            DoubleVector r7 = DoubleVector.fromArray(S, b, s + 7 * ld);
            r0.blend(r4.rearrange(DOWN4), HIGH4).intoArray(t, o);
            r0.rearrange(UP4).blend(r4, HIGH4).intoArray(t, o + 32);
            r1.blend(r5.rearrange(DOWN4), HIGH4).intoArray(t, o + 8);
            r1.rearrange(UP4).blend(r5, HIGH4).intoArray(t, o + 40);
            r2.blend(r6.rearrange(DOWN4), HIGH4).intoArray(t, o + 16);
            r2.rearrange(UP4).blend(r6, HIGH4).intoArray(t, o + 48);
            r3.blend(r7.rearrange(DOWN4), HIGH4).intoArray(t, o + 24);
            r3.rearrange(UP4).blend(r7, HIGH4).intoArray(t, o + 56);
        }
    }

    /** Stages h = 2 and 1 of the 8 × 8 transposes in {@code t}; column q of block p to {@code bp[d + (p+q)·nr …]}. */
    private static void transposeCols8(double[] t, int kFull, double[] bp, int d0, int nr) {
        for (int o = 0, d = d0; o < kFull * 8; o += 64, d += 8 * nr) {
            DoubleVector t0 = DoubleVector.fromArray(S, t, o);
            DoubleVector t1 = DoubleVector.fromArray(S, t, o + 8);
            DoubleVector t2 = DoubleVector.fromArray(S, t, o + 16);
            DoubleVector t3 = DoubleVector.fromArray(S, t, o + 24);
            DoubleVector t4 = DoubleVector.fromArray(S, t, o + 32);
            DoubleVector t5 = DoubleVector.fromArray(S, t, o + 40);
            DoubleVector t6 = DoubleVector.fromArray(S, t, o + 48);
            DoubleVector t7 = DoubleVector.fromArray(S, t, o + 56);
            DoubleVector r0 = t0.blend(t2.rearrange(DOWN2), HIGH2);
            DoubleVector r2 = t0.rearrange(UP2).blend(t2, HIGH2);
            DoubleVector r1 = t1.blend(t3.rearrange(DOWN2), HIGH2);
            DoubleVector r3 = t1.rearrange(UP2).blend(t3, HIGH2);
            DoubleVector r4 = t4.blend(t6.rearrange(DOWN2), HIGH2);
            DoubleVector r6 = t4.rearrange(UP2).blend(t6, HIGH2);
            DoubleVector r5 = t5.blend(t7.rearrange(DOWN2), HIGH2);
            DoubleVector r7 = t5.rearrange(UP2).blend(t7, HIGH2);
            r0.blend(r1.rearrange(DOWN1), HIGH1).intoArray(bp, d);
            r0.rearrange(UP1).blend(r1, HIGH1).intoArray(bp, d + nr);
            r2.blend(r3.rearrange(DOWN1), HIGH1).intoArray(bp, d + 2 * nr);
            r2.rearrange(UP1).blend(r3, HIGH1).intoArray(bp, d + 3 * nr);
            r4.blend(r5.rearrange(DOWN1), HIGH1).intoArray(bp, d + 4 * nr);
            r4.rearrange(UP1).blend(r5, HIGH1).intoArray(bp, d + 5 * nr);
            r6.blend(r7.rearrange(DOWN1), HIGH1).intoArray(bp, d + 6 * nr);
            r6.rearrange(UP1).blend(r7, HIGH1).intoArray(bp, d + 7 * nr);
        }
    }

    /**
     * The 16 × 16 transposes of rows {@code b[src + r·ld + p …]} (p < kFull); column q of block p to
     * {@code bp[d + (p+q)·nr …]}, through {@code t} (at least 16 × 16): stages 8 and 4 from B into t, stages 2 and 1
     * from t into the panel, each pair on groups of 4 rows (4 vectors live, no spills).
     */
    private static void transpose16(double[] b, int src, int ld, int kFull, double[] t, double[] bp, int d0, int nr) {
        for (int p = 0, d = d0; p < kFull; p += 16, d += 16 * nr) {
            transpose16High(b, src + p, ld, t);
            transpose16Low(t, bp, d, nr);
        }
    }

    /** Stages 8 and 4 of a 16 × 16 transpose: rows r, r + 4, r + 8, r + 12 of {@code b[s + r·ld …]} into t. */
    private static void transpose16High(double[] b, int s, int ld, double[] t) {
        for (int r = 0; r < 4; r++) {
            int at = s + r * ld;
            DoubleVector x0 = DoubleVector.fromArray(S, b, at);
            DoubleVector x1 = DoubleVector.fromArray(S, b, at + 4 * ld);
            DoubleVector x2 = DoubleVector.fromArray(S, b, at + 8 * ld);
            DoubleVector x3 = DoubleVector.fromArray(S, b, at + 12 * ld);
            DoubleVector y0 = x0.blend(x2.rearrange(DOWN8), HIGH8);
            DoubleVector y2 = x0.rearrange(UP8).blend(x2, HIGH8);
            DoubleVector y1 = x1.blend(x3.rearrange(DOWN8), HIGH8);
            DoubleVector y3 = x1.rearrange(UP8).blend(x3, HIGH8);
            y0.blend(y1.rearrange(DOWN4), HIGH4).intoArray(t, r * 16);
            y0.rearrange(UP4).blend(y1, HIGH4).intoArray(t, (r + 4) * 16);
            y2.blend(y3.rearrange(DOWN4), HIGH4).intoArray(t, (r + 8) * 16);
            y2.rearrange(UP4).blend(y3, HIGH4).intoArray(t, (r + 12) * 16);
        }
    }

    /** Stages 2 and 1 of a 16 × 16 transpose: rows r … r + 3 of t (r = 0, 4, 8, 12) to the panel at bp[d …]. */
    private static void transpose16Low(double[] t, double[] bp, int d, int nr) {
        for (int r = 0; r < 16; r += 4) {
            DoubleVector x0 = DoubleVector.fromArray(S, t, r * 16);
            DoubleVector x1 = DoubleVector.fromArray(S, t, (r + 1) * 16);
            DoubleVector x2 = DoubleVector.fromArray(S, t, (r + 2) * 16);
            DoubleVector x3 = DoubleVector.fromArray(S, t, (r + 3) * 16);
            DoubleVector y0 = x0.blend(x2.rearrange(DOWN2), HIGH2);
            DoubleVector y2 = x0.rearrange(UP2).blend(x2, HIGH2);
            DoubleVector y1 = x1.blend(x3.rearrange(DOWN2), HIGH2);
            DoubleVector y3 = x1.rearrange(UP2).blend(x3, HIGH2);
            int at = d + r * nr;
            y0.blend(y1.rearrange(DOWN1), HIGH1).intoArray(bp, at);
            y0.rearrange(UP1).blend(y1, HIGH1).intoArray(bp, at + nr);
            y2.blend(y3.rearrange(DOWN1), HIGH1).intoArray(bp, at + 2 * nr);
            y2.rearrange(UP1).blend(y3, HIGH1).intoArray(bp, at + 3 * nr);
        }
    }

    /** The 4 × 4 transposes of rows {@code b[src + r·ld + p …]} (p < kFull); column q to {@code bp[d + (p+q)·nr …]}. */
    private static void transpose4(double[] b, int src, int ld, int kFull, double[] bp, int d0, int nr) {
        for (int p = 0, d = d0; p < kFull; p += 4, d += 4 * nr) {
            int s = src + p;
            DoubleVector t0 = DoubleVector.fromArray(S, b, s);
            DoubleVector t1 = DoubleVector.fromArray(S, b, s + ld);
            DoubleVector t2 = DoubleVector.fromArray(S, b, s + 2 * ld);
            DoubleVector t3 = DoubleVector.fromArray(S, b, s + 3 * ld);
            DoubleVector r0 = t0.blend(t2.rearrange(DOWN2), HIGH2);
            DoubleVector r2 = t0.rearrange(UP2).blend(t2, HIGH2);
            DoubleVector r1 = t1.blend(t3.rearrange(DOWN2), HIGH2);
            DoubleVector r3 = t1.rearrange(UP2).blend(t3, HIGH2);
            r0.blend(r1.rearrange(DOWN1), HIGH1).intoArray(bp, d);
            r0.rearrange(UP1).blend(r1, HIGH1).intoArray(bp, d + nr);
            r2.blend(r3.rearrange(DOWN1), HIGH1).intoArray(bp, d + 2 * nr);
            r2.rearrange(UP1).blend(r3, HIGH1).intoArray(bp, d + 3 * nr);
        }
    }

    /** Lane i takes lane 2·(i mod 8) + i / 8: the two depths of a pair of 8-row columns, one after the other. */
    private static final VectorShuffle<Double> PAIRS =
            VectorShuffle.fromOp(S, i -> Math.min(L - 1, 2 * (i & 7) + (i >> 3)));

    /**
     * Stage 1 of the 8 × 16 transpose of packA (untransposed A, MR = 8, L = 16): rows r and r + 4 of
     * {@code a[s + r·ld …]}, 16 depths each, swap vector bit 2 with lane bit 3 (as {@link #transpose16High}) into t.
     */
    private static void transpose8x16High(double[] a, int s, int ld, double[] t) {
        for (int r = 0; r < 4; r++) {
            DoubleVector x0 = DoubleVector.fromArray(S, a, s + r * ld);
            DoubleVector x4 = DoubleVector.fromArray(S, a, s + (r + 4) * ld);
            x0.blend(x4.rearrange(DOWN8), HIGH8).intoArray(t, r * 16);
            x0.rearrange(UP8).blend(x4, HIGH8).intoArray(t, (r + 4) * 16);
        }
    }

    /**
     * Stages 2 and 3 of the 8 × 16 transpose (vector bits 1 and 0 swapped with lane bits 2 and 1, on groups of 4
     * vectors): vector j then holds depths 2j and 2j + 1 as lanes 2r and 2r + 1, which {@link #PAIRS} orders into
     * the p-major panel's 16 elements {@code ap[d + 16j …]} (row r of depth 2j, then of depth 2j + 1).
     */
    private static void transpose8x16Low(double[] t, double[] ap, int d) {
        for (int g = 0; g < 128; g += 64) {
            DoubleVector x0 = DoubleVector.fromArray(S, t, g);
            DoubleVector x1 = DoubleVector.fromArray(S, t, g + 16);
            DoubleVector x2 = DoubleVector.fromArray(S, t, g + 32);
            DoubleVector x3 = DoubleVector.fromArray(S, t, g + 48);
            DoubleVector y0 = x0.blend(x2.rearrange(DOWN4), HIGH4);
            DoubleVector y2 = x0.rearrange(UP4).blend(x2, HIGH4);
            DoubleVector y1 = x1.blend(x3.rearrange(DOWN4), HIGH4);
            DoubleVector y3 = x1.rearrange(UP4).blend(x3, HIGH4);
            y0.blend(y1.rearrange(DOWN2), HIGH2).rearrange(PAIRS).intoArray(ap, d + g);
            y0.rearrange(UP2).blend(y1, HIGH2).rearrange(PAIRS).intoArray(ap, d + g + 16);
            y2.blend(y3.rearrange(DOWN2), HIGH2).rearrange(PAIRS).intoArray(ap, d + g + 32);
            y2.rearrange(UP2).blend(y3, HIGH2).rearrange(PAIRS).intoArray(ap, d + g + 48);
        }
    }

    /**
     * {@code C = alpha·acc + beta·C} for the rows × cols tile at {@code c[co]} (acc in {@code tile}, row-major
     * MR × w: w = NR, or the ragged last panel's {@link #panelWidth}), each element as two rounded products and a
     * rounded sum, whether vector (full tile and the whole vectors of a ragged one) or scalar (the rest of a ragged
     * row), so an element gets the same bits wherever the block edges fall. beta = 0: C is not used. Where
     * {@link #LOAD_C_FIRST} (below 512-bit vectors), whole vectors with beta = 0 still load C: storing into lines not
     * in cache stalled the stores on the AVX2 machine (about 2x slower), loading first overlaps the misses. The loaded
     * value is ANDed with {@code zeroBits} (0, but not a constant the JIT could fold the load away with) and
     * subtracted: x − (+0) = x for every x, so NaN or Inf in C cannot leak, and the bits equal those of the store
     * alone.
     */
    void update(double[] tile, int w, int rows, int cols, double[] c, int co, int ldc, double alpha, double beta,
                long zeroBits) {
        final int mr = this.mr;
        final int nr = this.nr;
        if (rows == mr && cols == nr) {
            for (int r = 0; r < mr; r++) { // NR = 2 or 3 vectors (GemmTile.ALLOWED), unrolled as in packA
                int ci = co + r * ldc;
                int ti = r * nr;
                updateVector(tile, ti, c, ci, alpha, beta, zeroBits);
                updateVector(tile, ti + L, c, ci + L, alpha, beta, zeroBits);
                if (nr > 2 * L) {
                    updateVector(tile, ti + 2 * L, c, ci + 2 * L, alpha, beta, zeroBits);
                }
            }
            return;
        }
        int whole = cols / L * L; // a ragged tile's whole vectors per row, e.g. the 32 columns at n = 128 on 48
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * w;
            for (int j = 0; j < whole; j += L) {
                updateVector(tile, ti + j, c, ci + j, alpha, beta, zeroBits);
            }
            if (beta == 0d) {
                for (int j = whole; j < cols; j++) {
                    c[ci + j] = alpha * tile[ti + j];
                }
            } else {
                for (int j = whole; j < cols; j++) {
                    c[ci + j] = alpha * tile[ti + j] + beta * c[ci + j];
                }
            }
        }
    }

    /** One vector of {@link #update}'s full tile: {@code c[ci …] = alpha·tile[ti …] + beta·c[ci …]}. */
    private static void updateVector(double[] tile, int ti, double[] c, int ci, double alpha, double beta, long zeroBits) {
        DoubleVector acc = DoubleVector.fromArray(S, tile, ti).mul(alpha);
        if (beta == 0d && !LOAD_C_FIRST) { // C's old value is not needed: store only (see LOAD_C_FIRST)
            acc.intoArray(c, ci);
            return;
        }
        DoubleVector cv = DoubleVector.fromArray(S, c, ci);
        if (beta == 0d) {
            acc = acc.sub(cv.reinterpretAsLongs().and(zeroBits).reinterpretAsDoubles());
        } else {
            acc = acc.add(cv.mul(beta));
        }
        acc.intoArray(c, ci);
    }

    /**
     * {@code C = alpha·acc + beta·C} for the narrow kernel's row panels: {@code panels} MR-row panels from
     * {@code c[co]} down (rows from {@code rows} on skipped) × {@code cols} columns, acc lane-major in {@code tile}:
     * element (panel g, row r, column j) at {@code tile[(g / h)·4L + j·L + (g mod h)·8 + r]}, h = L / 8 panels a
     * vector. Each element as {@link #update} computes a column past a tile's whole vectors (cols ≤ 4 < L here), so
     * the bits are the one-vector kernel's.
     */
    private static void updateLanes(double[] tile, int panels, int mr, int rows, int cols, double[] c, int co, int ldc,
                                    double alpha, double beta) {
        final int h = L / 8;
        for (int g = 0; g < panels; g++) {
            int base = g / h * 4 * L + g % h * 8;
            int live = Math.min(mr, rows - g * mr);
            for (int r = 0; r < live; r++) {
                int ci = co + (g * mr + r) * ldc;
                for (int j = 0; j < cols; j++) {
                    double acc = tile[base + j * L + r];
                    c[ci + j] = beta == 0d ? alpha * acc : alpha * acc + beta * c[ci + j];
                }
            }
        }
    }

    /**
     * The narrow micro-kernel, rows in the lanes: mr-row panels (mr ≤ 8) of the p-major A block times the first
     * {@link #NARROW_COLS} columns of the packed panel of width w at {@code bp[bo …]}, each step of a panel 8 lanes:
     * with 8-lane vectors ({@link #EIGHT_LANES}) vector x holds the panel at {@code ap[ao0 …]} and y the one at
     * {@code ap[ao2 …]}; with 16 lanes x holds step p of the panels at ao0 (lanes 0-7) and ao1 (lanes 8-15), y of
     * those at ao2 and ao3, each joined from two whole-vector loads, at {@code ao0 + p·mr} (its lower half is step
     * p) and at {@code ao1 + p·mr − 8} (its upper half is step p; at p = 0 the lower half reads the panel before,
     * or the caller's repeat), and one blend under a constant mask: no masked load (whose out-of-range path is
     * profiled JVM-wide, see the performance doc) and no vector of a second shape (see {@link #EIGHT_LANES}). Per
     * step 4 broadcasts of B and 8 FMAs on 8 independent chains, all lanes live (the MR × 1-vector kernel issues MR
     * broadcasts and a load for MR FMAs of which only cols·MR lanes are live, and with MR chains of one FMA a step
     * runs at the FMA latency). Below MR = 8 a panel step's lanes past mr hold the next step's rows (or packA's + L
     * overrun slack at the end) and are dropped. Each element's accumulator is the same chain of fused multiply-adds
     * over p in order, from +0, as in the MR × 1 kernel, so the bits are equal. Needs {@code ao1 ≥ 8} and
     * {@code ao3 ≥ 8}. Writes its 8 vectors lane-major to {@code tile[0, 8L)} for {@link #updateLanes}.
     */
    static void narrow8x4(int kc, int mr, double[] ap, int ao0, int ao1, int ao2, int ao3, double[] bp, int bo,
                          int w, double[] tile) {
        DoubleVector x0 = DoubleVector.zero(S);
        DoubleVector x1 = x0, x2 = x0, x3 = x0, y0 = x0, y1 = x0, y2 = x0, y3 = x0;
        final int hi1 = ao1 - 8;
        final int hi3 = ao3 - 8;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * w;
            int s = p * mr;
            DoubleVector a0 = DoubleVector.fromArray(S, ap, ao0 + s);
            DoubleVector a1 = DoubleVector.fromArray(S, ap, ao2 + s);
            if (!EIGHT_LANES) { // two panels a vector (a constant: C2 keeps one branch)
                a0 = DoubleVector.fromArray(S, ap, hi1 + s).blend(a0, FIRST_HALF);
                a1 = DoubleVector.fromArray(S, ap, hi3 + s).blend(a1, FIRST_HALF);
            }
            DoubleVector b0 = DoubleVector.broadcast(S, bp[bi]);
            x0 = a0.fma(b0, x0);
            y0 = a1.fma(b0, y0);
            DoubleVector b1 = DoubleVector.broadcast(S, bp[bi + 1]);
            x1 = a0.fma(b1, x1);
            y1 = a1.fma(b1, y1);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                tile[0] = 0;
            }
            DoubleVector b2 = DoubleVector.broadcast(S, bp[bi + 2]);
            x2 = a0.fma(b2, x2);
            y2 = a1.fma(b2, y2);
            DoubleVector b3 = DoubleVector.broadcast(S, bp[bi + 3]);
            x3 = a0.fma(b3, x3);
            y3 = a1.fma(b3, y3);
        }
        storeLanes(tile, x0, x1, x2, x3, y0, y1, y2, y3);
    }

    /**
     * The narrow kernel's accumulators to {@code tile[0, 8L)}, lane-major: column j of vector x at j·L, of y at
     * (4 + j)·L.
     */
    private static void storeLanes(double[] tile, DoubleVector x0, DoubleVector x1, DoubleVector x2, DoubleVector x3, DoubleVector y0,
                                   DoubleVector y1, DoubleVector y2, DoubleVector y3) {
        x0.intoArray(tile, 0);
        x1.intoArray(tile, L);
        x2.intoArray(tile, 2 * L);
        x3.intoArray(tile, 3 * L);
        y0.intoArray(tile, 4 * L);
        y1.intoArray(tile, 5 * L);
        y2.intoArray(tile, 6 * L);
        y3.intoArray(tile, 7 * L);
    }

    // The micro-kernels, one per shape of GemmTile.ALLOWED: acc = Σ_p ap[:,p] ⊗ bp[p,:] over kc steps (per step one
    // broadcast of A per row, nv B vector loads, mr·nv FMAs), row r written to out[o + r·ld …]: the row-major tile,
    // or C itself when C = 1·acc (direct). Only the loop and its accumulators live here: with the C update in the
    // same method the register allocator spilled accumulators to the stack; the tile round trip costs 2·MR·nv L1
    // accesses per 2·MR·NR·kc flops.

    /** The 4 × 2-vector tile, 2 depth steps per trip. */
    static void k4x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
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
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 4]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 5]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 6]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 7]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
        }
        for (; p < kc; p++) {
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
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
    }

    /** The 6 × 2-vector tile; a guard every 2 rows, 2 depth steps per trip. */
    static void k6x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 6;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 6]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 7]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 8]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 9]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, ap[ai + 10]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41);
            DoubleVector x5_1 = DoubleVector.broadcast(S, ap[ai + 11]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 6;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L);
    }

    /** The 8 × 2-vector tile; a guard every 2 rows, 2 depth steps per trip. */
    static void k8x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 2 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 8]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 9]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 10]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 11]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, ap[ai + 12]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41);
            DoubleVector x5_1 = DoubleVector.broadcast(S, ap[ai + 13]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6_1 = DoubleVector.broadcast(S, ap[ai + 14]);
            c60 = x6_1.fma(b0_1, c60); c61 = x6_1.fma(b1_1, c61);
            DoubleVector x7_1 = DoubleVector.broadcast(S, ap[ai + 15]);
            c70 = x7_1.fma(b0_1, c70); c71 = x7_1.fma(b1_1, c71);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L);
        c60.intoArray(out, o + 6 * ld); c61.intoArray(out, o + 6 * ld + L);
        c70.intoArray(out, o + 7 * ld); c71.intoArray(out, o + 7 * ld + L);
    }

    /** The 4 × 3-vector tile; a guard every 1 row, 2 depth steps per trip. */
    static void k4x3(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 3 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 4 * L);
            DoubleVector b2_1 = DoubleVector.fromArray(S, bp, bi + 5 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 4]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01); c02 = x0_1.fma(b2_1, c02);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 5]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11); c12 = x1_1.fma(b2_1, c12);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 6]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21); c22 = x2_1.fma(b2_1, c22);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 7]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31); c32 = x3_1.fma(b2_1, c32);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L); c02.intoArray(out, o + 2 * L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L); c12.intoArray(out, o + ld + 2 * L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L); c22.intoArray(out, o + 2 * ld + 2 * L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L); c32.intoArray(out, o + 3 * ld + 2 * L);
    }

    /** The 8 × 3-vector tile; a guard every 1 row, 2 depth steps per trip. */
    static void k8x3(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 3 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c40 = c00, c41 = c00, c42 = c00, c50 = c00, c51 = c00;
        DoubleVector c52 = c00, c60 = c00, c61 = c00, c62 = c00, c70 = c00, c71 = c00, c72 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 4 * L);
            DoubleVector b2_1 = DoubleVector.fromArray(S, bp, bi + 5 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 8]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01); c02 = x0_1.fma(b2_1, c02);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 9]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11); c12 = x1_1.fma(b2_1, c12);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 10]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21); c22 = x2_1.fma(b2_1, c22);
            if (p == guard + 11) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 11]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31); c32 = x3_1.fma(b2_1, c32);
            if (p == guard + 12) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, ap[ai + 12]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41); c42 = x4_1.fma(b2_1, c42);
            if (p == guard + 13) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5_1 = DoubleVector.broadcast(S, ap[ai + 13]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51); c52 = x5_1.fma(b2_1, c52);
            if (p == guard + 14) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6_1 = DoubleVector.broadcast(S, ap[ai + 14]);
            c60 = x6_1.fma(b0_1, c60); c61 = x6_1.fma(b1_1, c61); c62 = x6_1.fma(b2_1, c62);
            if (p == guard + 15) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7_1 = DoubleVector.broadcast(S, ap[ai + 15]);
            c70 = x7_1.fma(b0_1, c70); c71 = x7_1.fma(b1_1, c71); c72 = x7_1.fma(b2_1, c72);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 16) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 17) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 18) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 19) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 20) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 21) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 22) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L); c02.intoArray(out, o + 2 * L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L); c12.intoArray(out, o + ld + 2 * L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L); c22.intoArray(out, o + 2 * ld + 2 * L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L); c32.intoArray(out, o + 3 * ld + 2 * L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L); c42.intoArray(out, o + 4 * ld + 2 * L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L); c52.intoArray(out, o + 5 * ld + 2 * L);
        c60.intoArray(out, o + 6 * ld); c61.intoArray(out, o + 6 * ld + L); c62.intoArray(out, o + 6 * ld + 2 * L);
        c70.intoArray(out, o + 7 * ld); c71.intoArray(out, o + 7 * ld + L); c72.intoArray(out, o + 7 * ld + 2 * L);
    }

    /** The 4 × 1-vector tile, 2 depth steps per trip. */
    static void k4x1(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 4]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 5]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 6]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 7]);
            c30 = x3_1.fma(b0_1, c30);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
    }

    /** The 6 × 1-vector tile; a guard every 4 rows, 2 depth steps per trip. */
    static void k6x1(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 6;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 6]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 7]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 8]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 9]);
            c30 = x3_1.fma(b0_1, c30);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, ap[ai + 10]);
            c40 = x4_1.fma(b0_1, c40);
            DoubleVector x5_1 = DoubleVector.broadcast(S, ap[ai + 11]);
            c50 = x5_1.fma(b0_1, c50);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 6;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
        c40.intoArray(out, o + 4 * ld);
        c50.intoArray(out, o + 5 * ld);
    }

    /** The 8 × 1-vector tile; a guard every 4 rows, 2 depth steps per trip. */
    static void k8x1(int kc, double[] ap, int ao, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c60 = c00, c70 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, ap[ai + 8]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, ap[ai + 9]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, ap[ai + 10]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, ap[ai + 11]);
            c30 = x3_1.fma(b0_1, c30);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, ap[ai + 12]);
            c40 = x4_1.fma(b0_1, c40);
            DoubleVector x5_1 = DoubleVector.broadcast(S, ap[ai + 13]);
            c50 = x5_1.fma(b0_1, c50);
            DoubleVector x6_1 = DoubleVector.broadcast(S, ap[ai + 14]);
            c60 = x6_1.fma(b0_1, c60);
            DoubleVector x7_1 = DoubleVector.broadcast(S, ap[ai + 15]);
            c70 = x7_1.fma(b0_1, c70);
        }
        for (; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
        c40.intoArray(out, o + 4 * ld);
        c50.intoArray(out, o + 5 * ld);
        c60.intoArray(out, o + 6 * ld);
        c70.intoArray(out, o + 7 * ld);
    }

    /** {@link #k4x2} reading row r of A at a[ao + r·lda + p]. */
    static void r4x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 2 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
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
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
        }
        for (; p < kc; p++) {
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
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
    }

    /** {@link #k6x2} reading row r of A at a[ao + r·lda + p]. */
    static void r6x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 2 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00;
        DoubleVector c41 = c00, c50 = c00, c51 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, a[a4 + p + 1]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41);
            DoubleVector x5_1 = DoubleVector.broadcast(S, a[a5 + p + 1]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L);
    }

    /** {@link #k8x2} reading row r of A at a[ao + r·lda + p]. */
    static void r8x2(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
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
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, a[a4 + p + 1]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41);
            DoubleVector x5_1 = DoubleVector.broadcast(S, a[a5 + p + 1]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6_1 = DoubleVector.broadcast(S, a[a6 + p + 1]);
            c60 = x6_1.fma(b0_1, c60); c61 = x6_1.fma(b1_1, c61);
            DoubleVector x7_1 = DoubleVector.broadcast(S, a[a7 + p + 1]);
            c70 = x7_1.fma(b0_1, c70); c71 = x7_1.fma(b1_1, c71);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L);
        c60.intoArray(out, o + 6 * ld); c61.intoArray(out, o + 6 * ld + L);
        c70.intoArray(out, o + 7 * ld); c71.intoArray(out, o + 7 * ld + L);
    }

    /** {@link #k4x3} reading row r of A at a[ao + r·lda + p]. */
    static void r4x3(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 3 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 4 * L);
            DoubleVector b2_1 = DoubleVector.fromArray(S, bp, bi + 5 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01); c02 = x0_1.fma(b2_1, c02);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11); c12 = x1_1.fma(b2_1, c12);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21); c22 = x2_1.fma(b2_1, c22);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31); c32 = x3_1.fma(b2_1, c32);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L); c02.intoArray(out, o + 2 * L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L); c12.intoArray(out, o + ld + 2 * L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L); c22.intoArray(out, o + 2 * ld + 2 * L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L); c32.intoArray(out, o + 3 * ld + 2 * L);
    }

    /** {@link #k8x3} reading row r of A at a[ao + r·lda + p]. */
    static void r8x3(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
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
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 5) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 6) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 7) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
            if (p == guard + 8) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + 3 * L);
            DoubleVector b1_1 = DoubleVector.fromArray(S, bp, bi + 4 * L);
            DoubleVector b2_1 = DoubleVector.fromArray(S, bp, bi + 5 * L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00); c01 = x0_1.fma(b1_1, c01); c02 = x0_1.fma(b2_1, c02);
            if (p == guard + 9) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10); c11 = x1_1.fma(b1_1, c11); c12 = x1_1.fma(b2_1, c12);
            if (p == guard + 10) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20); c21 = x2_1.fma(b1_1, c21); c22 = x2_1.fma(b2_1, c22);
            if (p == guard + 11) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30); c31 = x3_1.fma(b1_1, c31); c32 = x3_1.fma(b2_1, c32);
            if (p == guard + 12) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, a[a4 + p + 1]);
            c40 = x4_1.fma(b0_1, c40); c41 = x4_1.fma(b1_1, c41); c42 = x4_1.fma(b2_1, c42);
            if (p == guard + 13) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5_1 = DoubleVector.broadcast(S, a[a5 + p + 1]);
            c50 = x5_1.fma(b0_1, c50); c51 = x5_1.fma(b1_1, c51); c52 = x5_1.fma(b2_1, c52);
            if (p == guard + 14) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6_1 = DoubleVector.broadcast(S, a[a6 + p + 1]);
            c60 = x6_1.fma(b0_1, c60); c61 = x6_1.fma(b1_1, c61); c62 = x6_1.fma(b2_1, c62);
            if (p == guard + 15) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7_1 = DoubleVector.broadcast(S, a[a7 + p + 1]);
            c70 = x7_1.fma(b0_1, c70); c71 = x7_1.fma(b1_1, c71); c72 = x7_1.fma(b2_1, c72);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02);
            if (p == guard + 16) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12);
            if (p == guard + 17) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22);
            if (p == guard + 18) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32);
            if (p == guard + 19) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41); c42 = x4.fma(b2, c42);
            if (p == guard + 20) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51); c52 = x5.fma(b2, c52);
            if (p == guard + 21) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61); c62 = x6.fma(b2, c62);
            if (p == guard + 22) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71); c72 = x7.fma(b2, c72);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + L); c02.intoArray(out, o + 2 * L);
        c10.intoArray(out, o + ld); c11.intoArray(out, o + ld + L); c12.intoArray(out, o + ld + 2 * L);
        c20.intoArray(out, o + 2 * ld); c21.intoArray(out, o + 2 * ld + L); c22.intoArray(out, o + 2 * ld + 2 * L);
        c30.intoArray(out, o + 3 * ld); c31.intoArray(out, o + 3 * ld + L); c32.intoArray(out, o + 3 * ld + 2 * L);
        c40.intoArray(out, o + 4 * ld); c41.intoArray(out, o + 4 * ld + L); c42.intoArray(out, o + 4 * ld + 2 * L);
        c50.intoArray(out, o + 5 * ld); c51.intoArray(out, o + 5 * ld + L); c52.intoArray(out, o + 5 * ld + 2 * L);
        c60.intoArray(out, o + 6 * ld); c61.intoArray(out, o + 6 * ld + L); c62.intoArray(out, o + 6 * ld + 2 * L);
        c70.intoArray(out, o + 7 * ld); c71.intoArray(out, o + 7 * ld + L); c72.intoArray(out, o + 7 * ld + 2 * L);
    }

    /** {@link #k4x1} reading row r of A at a[ao + r·lda + p]. */
    static void r4x1(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
    }

    /** {@link #k6x1} reading row r of A at a[ao + r·lda + p]. */
    static void r6x1(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, a[a4 + p + 1]);
            c40 = x4_1.fma(b0_1, c40);
            DoubleVector x5_1 = DoubleVector.broadcast(S, a[a5 + p + 1]);
            c50 = x5_1.fma(b0_1, c50);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
        c40.intoArray(out, o + 4 * ld);
        c50.intoArray(out, o + 5 * ld);
    }

    /** {@link #k8x1} reading row r of A at a[ao + r·lda + p]. */
    static void r8x1(int kc, double[] a, int ao, int lda, double[] bp, int bo, double[] out, int o, int ld) {
        final int nr = 1 * L;
        final int a1 = ao + 1 * lda;
        final int a2 = ao + 2 * lda;
        final int a3 = ao + 3 * lda;
        final int a4 = ao + 4 * lda;
        final int a5 = ao + 5 * lda;
        final int a6 = ao + 6 * lda;
        final int a7 = ao + 7 * lda;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c60 = c00, c70 = c00;
        int p = 0;
        for (; p < kc - 1; p += 2) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 1) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60);
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70);
            if (p == guard + 2) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector b0_1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x0_1 = DoubleVector.broadcast(S, a[ao + p + 1]);
            c00 = x0_1.fma(b0_1, c00);
            DoubleVector x1_1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
            c10 = x1_1.fma(b0_1, c10);
            DoubleVector x2_1 = DoubleVector.broadcast(S, a[a2 + p + 1]);
            c20 = x2_1.fma(b0_1, c20);
            DoubleVector x3_1 = DoubleVector.broadcast(S, a[a3 + p + 1]);
            c30 = x3_1.fma(b0_1, c30);
            if (p == guard + 3) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4_1 = DoubleVector.broadcast(S, a[a4 + p + 1]);
            c40 = x4_1.fma(b0_1, c40);
            DoubleVector x5_1 = DoubleVector.broadcast(S, a[a5 + p + 1]);
            c50 = x5_1.fma(b0_1, c50);
            DoubleVector x6_1 = DoubleVector.broadcast(S, a[a6 + p + 1]);
            c60 = x6_1.fma(b0_1, c60);
            DoubleVector x7_1 = DoubleVector.broadcast(S, a[a7 + p + 1]);
            c70 = x7_1.fma(b0_1, c70);
        }
        for (; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao + p]);
            c00 = x0.fma(b0, c00);
            DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            if (p == guard + 4) { // never true: splits the loop body (see class javadoc)
                out[o] = 0;
            }
            DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x4.fma(b0, c40);
            DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
            c50 = x5.fma(b0, c50);
            DoubleVector x6 = DoubleVector.broadcast(S, a[a6 + p]);
            c60 = x6.fma(b0, c60);
            DoubleVector x7 = DoubleVector.broadcast(S, a[a7 + p]);
            c70 = x7.fma(b0, c70);
        }
        c00.intoArray(out, o);
        c10.intoArray(out, o + ld);
        c20.intoArray(out, o + 2 * ld);
        c30.intoArray(out, o + 3 * ld);
        c40.intoArray(out, o + 4 * ld);
        c50.intoArray(out, o + 5 * ld);
        c60.intoArray(out, o + 6 * ld);
        c70.intoArray(out, o + 7 * ld);
    }
}
