package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.Trainer;

/**
 * A trained model serves no-grad inference from 16 threads at once with the same outputs, bit for bit, as serial
 * calls, leaves its parameters and gradients alone, and after {@link Blas#shutdown()} no vecgrad thread is left.
 */
class InferenceConcurrencyTest {
    private static final int THREADS = Blas.numThreads();
    private static final int CALLERS = 16;
    private static final int REPS = 4;

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    @Test
    void sixteenThreadsOfNoGradInferenceMatchSerialCallsAndThePoolShutsDownCleanly() throws Exception {
        Blas.setNumThreads(2); // the big products (128 × 256 × 256) are also split over the GEMM pool
        Sequential m = new Sequential(new Linear(2, 256, true, 1), new ReLU(), new Dropout(0.3, 2),
                new Linear(256, 256, true, 3), new ReLU(), new Linear(256, 2, true, 4));
        new Trainer(m, new Adam(m.parameters(), 0.01), new CrossEntropyLoss()).verbose(0)
                .fit(Datasets.moons(256, 0.1, 5), FitOptions.epochs(1).batchSize(64).shuffle(6));
        m.eval();
        m.zeroGrad();
        Map<String, NdArray> weights = m.stateDict();
        Map<String, long[]> rng = m.randomStates();

        List<NdArray> inputs = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < CALLERS; i++) {
            float[] x = new float[128 * 2];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (r.nextDouble() * 4 - 2);
            }
            inputs.add(NdArray.of(x).reshape(128, 2));
        }
        List<NdArray> serial = new ArrayList<>();
        for (NdArray x : inputs) {
            serial.add(infer(m, x));
        }

        CyclicBarrier start = new CyclicBarrier(CALLERS);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS, run -> {
            Thread t = new Thread(run, "inference-caller");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<NdArray>>> futures = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int first = c;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS); // all callers run at the same time
                    List<NdArray> out = new ArrayList<>();
                    for (int rep = 0; rep < REPS; rep++) { // each caller its own sequence of inputs
                        int i = (first + rep) % CALLERS;
                        out.add(infer(m, inputs.get(i)));
                    }
                    return out;
                }));
            }
            for (int c = 0; c < CALLERS; c++) {
                List<NdArray> out = futures.get(c).get(120, TimeUnit.SECONDS);
                for (int rep = 0; rep < REPS; rep++) {
                    int i = (c + rep) % CALLERS;
                    assertEquals(serial.get(i), out.get(rep), "caller " + c + ", input " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(weights, m.stateDict(), "inference changed no weight");
        assertEquals(rng.get("2")[0], m.randomStates().get("2")[0], "eval-mode Dropout drew nothing");
        for (Tensor p : m.namedParameters().values()) {
            assertNull(p.grad(), "no-grad inference accumulated no gradient");
        }

        assertTrue(Blas.shutdown(), "the GEMM pool ended in time");
        assertEquals(List.of(), vecgradThreads(), "vecgrad threads alive after Blas.shutdown()");
        assertEquals(serial.get(0), infer(m, inputs.get(0)), "the next product starts a new pool");
        assertTrue(Blas.shutdown());
        assertEquals(List.of(), vecgradThreads());
    }

    private static NdArray infer(Sequential m, NdArray x) {
        try (var _ = GradMode.noGrad()) {
            Tensor y = m.forward(Tensor.of(x));
            assertFalse(y.requiresGrad());
            return y.data();
        }
    }

    /** Names of live threads that vecgrad started (its pools name them "vecgrad-…"), waiting up to 5 s. */
    private static List<String> vecgradThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(n -> n.toLowerCase().contains("vecgrad")).toList();
            if (!alive.isEmpty()) {
                Thread.sleep(20);
            }
        } while (!alive.isEmpty() && System.nanoTime() < deadline);
        return alive;
    }
}
