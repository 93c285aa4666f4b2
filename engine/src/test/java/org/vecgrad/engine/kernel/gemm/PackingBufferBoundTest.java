package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The per-thread GEMM packing buffers are bounded by the cache blocking, whatever the product's size: at most
 * mc × kc elements for A and nc × kc for B (a product larger than a block in every dimension is cut, not packed
 * whole). Read through reflection (the buffers are the kernels' private ThreadLocal) after products that exceed
 * mc, kc and nc, on the calling thread (1 GEMM thread). A thread that calls products on several threads also holds
 * the two kc × nc B blocks its team shares ({@code GemmF32.team}). Where the blocking has deep block sizes (for
 * products of depth ≥ 1024, {@link GemmBlocking#forDepth}), the bound is the larger of the two, and the products
 * exceed both.
 */
class PackingBufferBoundTest {
    private static final int THREADS = Blas.numThreads();

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    @Test
    void f32BuffersStayWithinTheBlocking() throws Exception {
        assumeSimdGemm();
        Blas.setNumThreads(1);
        GemmBlocking b = GemmF32.DEFAULT.blocking;
        for (int[] s : shapes(b, GemmF32.DEFAULT.mr, GemmF32.DEFAULT.nr)) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            Blas.sgemm(false, false, m, n, k, 1f, new float[m * k], 0, k, new float[k * n], 0, n, 0f,
                    new float[m * n], 0, n);
            Blas.sgemm(true, true, m, n, k, 1f, new float[m * k], 0, m, new float[k * n], 0, k, 0f,
                    new float[m * n], 0, n);
        }
        assertBounded(GemmF32.DEFAULT, bound(b, 1));
    }

    @Test
    void f64BuffersStayWithinTheBlocking() throws Exception {
        assumeSimdGemm();
        Blas.setNumThreads(1);
        GemmBlocking b = GemmF64.DEFAULT.blocking;
        for (int[] s : shapes(b, GemmF64.DEFAULT.mr, GemmF64.DEFAULT.nr)) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            Blas.dgemm(false, false, m, n, k, 1, new double[m * k], 0, k, new double[k * n], 0, n, 0,
                    new double[m * n], 0, n);
        }
        assertBounded(GemmF64.DEFAULT, bound(b, 1));
    }

    /**
     * A caller of products on 2 threads also keeps the two B blocks its team shares, kc × nc each; a member's A chunk
     * stays within mc × kc (tall, wide and deep products, so every block size is exceeded).
     */
    @Test
    void teamCallerBuffersStayWithinTheBlocking() throws Throwable {
        assumeSimdGemm();
        Blas.setNumThreads(2);
        // on a thread of its own: the buffers are per thread, and the other tests' bound leaves out the shared blocks
        FutureTask<Void> caller = new FutureTask<>(() -> {
            GemmBlocking f = GemmF32.DEFAULT.blocking;
            int mr = GemmF32.DEFAULT.mr;
            for (int[] s : new int[][] {{f.mc() + mr + 1, 3 * GemmF32.DEFAULT.nr, f.kc() + 3},
                                        {8 * mr, 3 * f.nc() + GemmF32.DEFAULT.nr + 1, f.kc() + 3}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                Blas.sgemm(false, true, m, n, k, 1f, new float[m * k], 0, k, new float[k * n], 0, k, 0f,
                        new float[m * n], 0, n);
            }
            assertBounded(GemmF32.DEFAULT, bound(f, 3));
            GemmBlocking d = GemmF64.DEFAULT.blocking;
            for (GemmBlocking e : d.deep() == null ? List.of(d) : List.of(d, d.deep())) {
                int m = 8 * mr;
                int n = 3 * e.nc() + GemmF64.DEFAULT.nr + 1;
                int k = e.kc() + 3;
                Blas.dgemm(false, false, m, n, k, 1, new double[m * k], 0, k, new double[k * n], 0, n, 0,
                        new double[m * n], 0, n);
            }
            assertBounded(GemmF64.DEFAULT, bound(d, 3));
            return null;
        });
        new Thread(caller, "team-caller").start();
        try {
            caller.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static void assumeSimdGemm() {
        Assumptions.assumeTrue(Kernels.active().isSimd(),
                "the SIMD GEMM is not the active backend");
    }

    /**
     * A's block beyond mc × kc, then B's panel beyond kc × nc (each with a ragged edge), for the blocking and its
     * deep block sizes if any.
     */
    private static int[][] shapes(GemmBlocking b, int mr, int nr) {
        List<int[]> s = new ArrayList<>();
        for (GemmBlocking e : b.deep() == null ? List.of(b) : List.of(b, b.deep())) {
            s.add(new int[] {e.mc() + mr + 1, 3 * nr, e.kc() + 3});
            s.add(new int[] {8, e.nc() + nr + 1, e.kc() + 3});
        }
        return s.toArray(new int[0][]);
    }

    /** mc·kc + bBlocks·nc·kc, the larger for the blocking and its deep block sizes. */
    private static long bound(GemmBlocking b, int bBlocks) {
        long bound = (long) b.mc() * b.kc() + (long) bBlocks * b.nc() * b.kc();
        GemmBlocking d = b.deep();
        return d == null ? bound : Math.max(bound, (long) d.mc() * d.kc() + (long) bBlocks * d.nc() * d.kc());
    }

    /** Sums the array lengths held by this thread's buffers object in {@code kernel}'s ThreadLocal field. */
    private static void assertBounded(Object kernel, long bound) throws Exception {
        long total = 0;
        boolean found = false;
        for (Field f : kernel.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && f.getType() == ThreadLocal.class) {
                f.setAccessible(true);
                Object buffers = ((ThreadLocal<?>) f.get(kernel)).get();
                for (Field g : buffers.getClass().getDeclaredFields()) {
                    g.setAccessible(true);
                    Object v = g.get(buffers);
                    if (v instanceof float[] a) {
                        total += a.length;
                    } else if (v instanceof double[] a) {
                        total += a.length;
                    }
                }
                found = true;
            }
        }
        assertTrue(found, kernel.getClass().getSimpleName() + " has no ThreadLocal buffers any more: update this test");
        assertTrue(total > 0, "control: the products used the packing buffers");
        long tile = 8L * 3 * 16;  // the register tile's accumulators (MR × NR ≤ 8 × 3 vectors of 16 lanes)
        assertTrue(total <= bound + tile, kernel.getClass().getSimpleName() + " buffers hold " + total
                + " elements, more than " + bound + " (mc·kc + nc·kc; a team's caller: + 2·nc·kc shared)");
    }
}
