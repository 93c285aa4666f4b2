package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The shared-B team ({@link GemmTeam}, {@code GemmF32.team}): its schedule keeps the data dependencies whatever the
 * members' timing, a member's failure reaches the caller without a hang, and a product computed by a team equals,
 * bit for bit, the same product computed by one thread as one block.
 */
class GemmTeamTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    /** Random shapes, transposes, alpha, beta, offsets and small blocks (many steps), on 2-4 members. */
    @Test
    void teamEqualsOneBlockBitForBit() {
        qt().withExamples(120).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 3), integers().between(2, 4))
                .checkAssert((seed, trans, members) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    GemmTile t = GemmTile.DEFAULT;
                    int kc = 1 + r.nextInt(48);
                    int ncPanels = 1 + r.nextInt(4);
                    // half the time deep block sizes (other mc, kc, nc) for products at least their kc deep
                    int deepKc = kc + 1 + r.nextInt(48);
                    int deepPanels = 1 + r.nextInt(4);
                    boolean deep = r.nextBoolean();
                    GemmF32 f = new GemmF32(t, new GemmBlocking(4 * t.mr(), kc, ncPanels * t.nv() * GemmF32.L,
                            deep ? new GemmBlocking(2 * t.mr(), deepKc, deepPanels * t.nv() * GemmF32.L) : null));
                    GemmF64 d = new GemmF64(t, new GemmBlocking(4 * t.mr(), kc, ncPanels * t.nv() * GemmF64.L,
                            deep ? new GemmBlocking(2 * t.mr(), deepKc, deepPanels * t.nv() * GemmF64.L) : null));
                    int m = 1 + r.nextInt(120);
                    int n = 1 + r.nextInt(100);
                    int k = 1 + r.nextInt(130);
                    compare(f, null, r, (trans & 1) != 0, (trans & 2) != 0, m, n, k, members);
                    compare(null, d, r, (trans & 1) != 0, (trans & 2) != 0, m, n, k, members);
                });
    }

    private static void compare(GemmF32 f, GemmF64 d, SplittableRandom r, boolean ta, boolean tb, int m, int n, int k,
                                int members) {
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int aOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        int cOff = r.nextInt(4);
        int lda = aCols + r.nextInt(3);
        int ldb = bCols + r.nextInt(3);
        int ldc = n + r.nextInt(3);
        int cLen = cOff + (m - 1) * ldc + n + r.nextInt(3);
        double alpha = switch (r.nextInt(3)) {
            case 0 -> 1;
            case 1 -> -0.75;
            default -> r.nextDouble(-2, 2);
        };
        double beta = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> r.nextDouble(-2, 2);
        };
        String what = (ta ? "t" : "n") + (tb ? "t" : "n") + " m=" + m + " n=" + n + " k=" + k + " members=" + members
                + " blocking=" + (f != null ? f.blocking : d.blocking);
        if (f != null) {
            float[] a = floats(r, aOff + (aRows - 1) * lda + aCols);
            float[] b = floats(r, bOff + (bRows - 1) * ldb + bCols);
            float[] c = floats(r, cLen);
            if (beta == 0) {
                Arrays.fill(c, Float.NaN); // beta = 0: C is not read, no NaN may reach the m × n result
            }
            float[] one = c.clone();
            f.block(ta, tb, 0, m, 0, n, k, (float) alpha, a, aOff, lda, b, bOff, ldb, (float) beta, one, cOff, ldc);
            f.team(members, ta, tb, m, n, k, (float) alpha, a, aOff, lda, b, bOff, ldb, (float) beta, c, cOff, ldc);
            assertTrue(Arrays.equals(one, c), "F32 " + what);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertTrue(!Float.isNaN(c[cOff + i * ldc + j]), "NaN at " + i + "," + j + ": F32 " + what);
                }
            }
        } else {
            double[] a = doubles(r, aOff + (aRows - 1) * lda + aCols);
            double[] b = doubles(r, bOff + (bRows - 1) * ldb + bCols);
            double[] c = doubles(r, cLen);
            if (beta == 0) {
                Arrays.fill(c, Double.NaN);
            }
            double[] one = c.clone();
            d.block(ta, tb, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, one, cOff, ldc);
            d.team(members, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            assertTrue(Arrays.equals(one, c), "F64 " + what);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertTrue(!Double.isNaN(c[cOff + i * ldc + j]), "NaN at " + i + "," + j + ": F64 " + what);
                }
            }
        }
    }

    private static float[] floats(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    private static double[] doubles(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    /**
     * A team member's packed A chunk stays within the blocking's mc × kc (+ L), as {@link GemmF32#block}'s A block
     * does, however tall the product: the buffers are per thread and kept, so a chunk growing with m (m / 16 rows
     * per member) would hold a slice of every tall A in each pool thread for good. One member (the caller packs
     * every chunk, so its buffer is the one to read), 200 MR-row panels against mc = 2 panels.
     */
    @Test
    void aChunkOfATallProductStaysWithinMcRows() throws ReflectiveOperationException {
        GemmTile t = GemmTile.DEFAULT;
        GemmBlocking blocking = new GemmBlocking(2 * t.mr(), 8, t.nv() * GemmF32.L);
        GemmF32 f = new GemmF32(t, blocking);
        SplittableRandom r = new SplittableRandom(7);
        int m = 200 * t.mr() + 1;
        int n = 5;
        int k = 20;
        float[] a = floats(r, m * k);
        float[] b = floats(r, k * n);
        float[] c = floats(r, m * n);
        float[] one = c.clone();
        f.team(1, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0.5f, c, 0, n);
        Field field = GemmF32.class.getDeclaredField("buffers");
        field.setAccessible(true);
        Object buf = ((ThreadLocal<?>) field.get(f)).get();
        Field aField = buf.getClass().getDeclaredField("a");
        aField.setAccessible(true);
        int packedA = ((float[]) aField.get(buf)).length;
        assertTrue(packedA <= blocking.mc() * blocking.kc() + GemmF32.L, "packed A chunk of " + packedA
                + " elements, more than mc × kc + L = " + (blocking.mc() * blocking.kc() + GemmF32.L));
        f.block(false, false, 0, m, 0, n, k, 1f, a, 0, k, b, 0, n, 0.5f, one, 0, n);
        assertTrue(Arrays.equals(one, c), "control: the team's product equals one block's");
    }

    /** A schedule that logs when each task starts and ends, its tasks taking random, uneven times. */
    private static final class Logged extends GemmTeam {
        final int steps;
        final int packTasks;
        final int chunks;
        final AtomicInteger clock = new AtomicInteger();
        final int[][] packStart;
        final int[][] packEnd;
        final int[][] computeStart;
        final int[][] computeEnd;
        final long seed;

        Logged(int steps, int packTasks, int chunks, long seed) {
            super(steps, packTasks, chunks);
            this.steps = steps;
            this.packTasks = packTasks;
            this.chunks = chunks;
            this.seed = seed;
            packStart = filled(steps, packTasks);
            packEnd = filled(steps, packTasks);
            computeStart = filled(steps, chunks);
            computeEnd = filled(steps, chunks);
        }

        private static int[][] filled(int rows, int cols) {
            int[][] x = new int[rows][cols];
            for (int[] row : x) {
                Arrays.fill(row, -1);
            }
            return x;
        }

        @Override
        void pack(int step, int task) {
            assertEquals(-1, packStart[step][task], "pack task run twice");
            packStart[step][task] = clock.incrementAndGet();
            busy(step * 31 + task);
            packEnd[step][task] = clock.incrementAndGet();
        }

        @Override
        void compute(int step, int chunk) {
            assertEquals(-1, computeStart[step][chunk], "chunk run twice");
            computeStart[step][chunk] = clock.incrementAndGet();
            busy(step * 977 + chunk + 7);
            computeEnd[step][chunk] = clock.incrementAndGet();
        }

        private void busy(long salt) {
            long spins = new SplittableRandom(seed ^ salt).nextInt(20_000);
            for (long i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
        }
    }

    /** Every task runs once, B packing of step s after step s − 2's chunks, a chunk after its B and its last step. */
    @Test
    void scheduleKeepsTheDependencies() {
        qt().withExamples(40).withShrinkCycles(5)
                .forAll(longs().all(), integers().between(0, 3))
                .checkAssert((seed, helpers) -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    Logged job = new Logged(1 + r.nextInt(6), 1 + r.nextInt(4), 1 + r.nextInt(8), seed);
                    runWithThreads(job, helpers);
                    for (int s = 0; s < job.steps; s++) {
                        int packed = max(job.packEnd[s]);
                        assertTrue(min(job.packStart[s]) > 0, "every pack task of step " + s + " ran");
                        if (s >= 2) {
                            assertTrue(min(job.packStart[s]) > max(job.computeEnd[s - 2]),
                                    "step " + s + "'s B packed over step " + (s - 2) + "'s, still in use");
                        }
                        for (int ch = 0; ch < job.chunks; ch++) {
                            assertTrue(job.computeStart[s][ch] > packed,
                                    "chunk " + ch + " of step " + s + " started before its B was packed");
                            if (s >= 1) {
                                assertTrue(job.computeStart[s][ch] > job.computeEnd[s - 1][ch],
                                        "chunk " + ch + " of step " + s + " overlapped its step " + (s - 1));
                            }
                        }
                    }
                }));
    }

    /** A member's exception reaches the caller, the same instance, with no hang, whichever member hits it. */
    @Test
    void memberFailureReachesTheCaller() {
        for (int helpers = 0; helpers <= 3; helpers++) {
            for (int failAt = 0; failAt < 6; failAt++) {
                RuntimeException boom = new IllegalStateException("boom at chunk " + failAt);
                int fail = failAt;
                GemmTeam job = new GemmTeam(3, 2, 2) {
                    @Override
                    void pack(int step, int task) {
                    }

                    @Override
                    void compute(int step, int chunk) {
                        if (step * 2 + chunk == fail) {
                            throw boom;
                        }
                    }
                };
                int h = helpers;
                RuntimeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(RuntimeException.class, () -> runWithThreads(job, h)));
                assertSame(boom, thrown, "helpers=" + helpers + " failAt=" + failAt);
            }
        }
    }

    /**
     * A failed product's caller returns only once no member is still inside a task: one still running could write
     * C, or pack into the caller's shared B buffers while the caller's next product uses them.
     */
    @Test
    void failureIsRethrownOnlyOnceNoMemberIsStillInATask() throws InterruptedException {
        CountDownLatch helperInTask = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        RuntimeException boom = new IllegalStateException("boom");
        GemmTeam job = new GemmTeam(1, 2, 1) {
            @Override
            void pack(int step, int task) {
                inside.incrementAndGet();
                try {
                    if (task == 0) { // the helper's: still busy for a while after the caller's task has failed
                        helperInTask.countDown();
                        assertTrue(failed.await(20, TimeUnit.SECONDS), "control: the caller's task failed");
                        Thread.sleep(200);
                    } else {
                        failed.countDown();
                        throw boom;
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            void compute(int step, int chunk) {
            }
        };
        Thread helper = new Thread(job, "team-test-slow-member");
        helper.start();
        try {
            assertTrue(helperInTask.await(20, TimeUnit.SECONDS), "control: the helper took the first task");
            RuntimeException thrown = assertThrows(RuntimeException.class, job::runAsCaller);
            assertSame(boom, thrown);
            assertEquals(0, inside.get(), "the caller returned while a member was still running a task");
        } finally {
            helper.join();
        }
    }

    /** Starts {@code helpers} plain threads as members, runs as the caller, then joins the helpers. */
    private static void runWithThreads(GemmTeam job, int helpers) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            Thread t = new Thread(job, "team-test-" + i);
            t.start();
            ts.add(t);
        }
        try {
            job.runAsCaller();
        } finally {
            for (Thread t : ts) {
                t.join();
            }
        }
    }

    private static int min(int[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static int max(int[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }
}
