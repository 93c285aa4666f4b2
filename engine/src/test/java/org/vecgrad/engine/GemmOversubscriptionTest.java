package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.gemm.GemmThreads;

/**
 * GEMM does not oversubscribe: however many threads call it at once, and even when a product is started from
 * inside a task of the pool, at most {@link Blas#numThreads()} pool threads compute (the callers' own threads
 * aside). Counted as the distinct "vecgrad-gemm-" threads ever seen running a block.
 */
class GemmOversubscriptionTest {
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
    void concurrentAndNestedCallersUseAtMostNumThreadsPoolThreads() throws Exception {
        Blas.setNumThreads(1);
        GemmOracle g = new GemmOracle(11, false, false, 160, 150, 140, 1.0, 0.0);
        float[] expected = product(g);
        Blas.shutdown();
        Blas.setNumThreads(2);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int id = i;
                    fs.add(callers.submit(() -> {
                        if (id % 2 == 0) {
                            assertArrayEquals(expected, product(g));
                        } else {   // a product whose blocks each start a product of their own (nested)
                            GemmThreads.forGrid(400, 400, 400, 1, 1, (i0, i1, j0, j1) -> {
                                record(seen);
                                assertArrayEquals(expected, product(g));
                                record(seen);
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            });
        } finally {
            callers.shutdownNow();
        }
        long alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vecgrad-gemm-")).count();
        assertTrue(seen.size() <= 2 && alive <= 2, "pool threads that ran blocks: " + seen + "; alive: " + alive
                + " (numThreads = 2)");
    }

    private static void record(Set<String> seen) {
        String n = Thread.currentThread().getName();
        if (n.startsWith("vecgrad-gemm-")) {
            seen.add(n);
        }
    }
}
