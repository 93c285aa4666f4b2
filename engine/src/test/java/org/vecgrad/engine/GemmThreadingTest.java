package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.gemm.GemmThreads;

/** The GEMM pool: concurrent callers, calls from inside the pool's own tasks, shutdown. */
class GemmThreadingTest {

    private static final int THREADS = Blas.numThreads();

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    private static float[] product(GemmOracle g) {
        float[] c = GemmOracle.toFloat(g.c0);
        Blas.sgemm(g.ta, g.tb, g.m, g.n, g.k, (float) g.alpha, GemmOracle.toFloat(g.a), g.aOff, g.lda,
                GemmOracle.toFloat(g.b), g.bOff, g.ldb, (float) g.beta, c, g.cOff, g.ldc);
        return c;
    }

    @Test
    void eightConcurrentCallersGetTheSerialResult() throws Exception {
        Blas.setNumThreads(1);
        GemmOracle g = new GemmOracle(3, false, true, 151, 137, 113, 1.0, 0.5);
        float[] serial = product(g);
        Blas.setNumThreads(2);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> {
                    float[] last = null;
                    for (int rep = 0; rep < 3; rep++) {
                        last = product(g);
                    }
                    return last;
                }));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(serial, f.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void gemmInsideAPoolTaskDoesNotDeadlock() {
        Blas.setNumThreads(2);
        GemmOracle g = new GemmOracle(5, true, false, 140, 130, 110, 1.0, 0.0);
        float[] expected = product(g);
        AtomicInteger inner = new AtomicInteger();
        List<float[]> got = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                // The outer body runs on the pool's workers; each block starts a full threaded GEMM of its own.
                GemmThreads.forGrid(400, 400, 400, 1, 1, (i0, i1, j0, j1) -> {
                    float[] c = product(g);
                    inner.incrementAndGet();
                    synchronized (got) {
                        got.add(c);
                    }
                }));
        assertTrue(inner.get() >= 2, "the outer product was split into " + inner.get() + " blocks");
        for (float[] c : got) {
            assertArrayEquals(expected, c);
        }
    }

    @Test
    void shutdownLeavesNoThreadsAndTheNextCallRestartsThePool() throws Exception {
        Blas.setNumThreads(2);
        GemmOracle g = new GemmOracle(9, false, false, 150, 140, 130, 1.0, 0.0);
        float[] before = product(g);
        assertTrue(Blas.shutdown());
        assertEquals(0, gemmThreads(), "GEMM threads alive after shutdown");
        assertArrayEquals(before, product(g));
        assertTrue(Blas.shutdown());
        assertEquals(0, gemmThreads());
    }

    @Test
    void badThreadCountIsRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Blas.setNumThreads(0));
        assertTrue(e.getMessage().contains("numThreads = 0"), e.getMessage());
    }

    private static long gemmThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vecgrad-gemm-") && t.isAlive()).count();
            if (alive > 0) {
                Thread.sleep(20);
            }
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }
}
