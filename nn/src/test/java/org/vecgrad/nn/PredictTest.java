package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.MSELoss;
import org.vecgrad.nn.optim.SGD;
import org.vecgrad.nn.train.Trainer;

/**
 * {@link Module#predict}: inference semantics without touching the model's mode, from many threads at once; the
 * {@link InferenceMode} scope it uses; and building a lazily sized model ({@link Module#build}) before loading
 * weights into it.
 */
class PredictTest {
    private static final int THREADS = 8;
    private static final int REPS = 6;

    private static Sequential model() {
        return new Sequential(new Linear(6, 64, true, 1), new ReLU(), new Dropout(0.5, 2), new Linear(64, 3, true, 3));
    }

    private static NdArray input(long seed, int rows) {
        return NdArray.uniform(DType.F32, new SplittableRandom(seed), -2, 2, rows, 6);
    }

    /** The reference: forward in eval mode, one call at a time, then the mode put back. */
    private static NdArray serialEval(Module m, NdArray x) {
        m.eval();
        try (var _ = Tensor.noGrad()) {
            return m.forward(Tensor.of(x)).data();
        } finally {
            m.train();
        }
    }

    @Test
    void threadsPredictingOnATrainModeModelMatchASerialEvalRunAndLeaveTheModeAlone() throws Exception {
        Sequential m = model();
        Trainer trainer = new Trainer(m, new SGD(m.parameters(), 0.1), new MSELoss());
        List<NdArray> inputs = new ArrayList<>();
        List<NdArray> serial = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            inputs.add(input(10 + i, 33));
            serial.add(serialEval(m, inputs.get(i)));
        }
        Map<String, long[]> rngBefore = m.randomStates();
        assertTrue(m.isTraining());
        assertNotEquals(serial.get(0), m.forward(Tensor.of(inputs.get(0))).data(), "train mode drops (control)");
        m.setRandomStates(rngBefore);

        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<NdArray>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<NdArray> out = new ArrayList<>();
                    for (int rep = 0; rep < REPS; rep++) {
                        NdArray x = inputs.get((first + rep) % THREADS);
                        out.add(switch (rep % 3) {
                            case 0 -> m.predict(x);
                            case 1 -> m.predict(x, 8);              // in batches, stacked
                            default -> trainer.predict(x, 16);
                        });
                    }
                    return out;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<NdArray> out = futures.get(t).get(60, TimeUnit.SECONDS);
                for (int rep = 0; rep < REPS; rep++) {
                    assertEquals(serial.get((t + rep) % THREADS), out.get(rep), "thread " + t + ", call " + rep);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (Module sub : m.namedModules().values()) {
            assertTrue(sub.isTraining(), "every module is still in training mode");
        }
        assertArrayEquals(rngBefore.get("2"), m.randomStates().get("2"), "prediction drew no dropout mask");
        for (Tensor p : m.namedParameters().values()) {
            assertNull(p.grad(), "prediction recorded no graph");
        }
    }

    @Test
    void predictConvertsToTheModelsDtypeAndRecordsNoGraph() {
        Sequential m = model();
        NdArray x = input(4, 5);
        NdArray y = m.predict(x.to(DType.F64));
        assertEquals(DType.F32, y.dtype());
        assertEquals(serialEval(m, x), y);
        assertTrue(m.isTraining(), "this thread's mode is back after predict");
        var e = assertThrows(IllegalArgumentException.class, () -> m.predict(x, 0));
        assertTrue(e.getMessage().contains("batchSize 0"), e.getMessage());
    }

    @Test
    void inferenceScopeIsPerThreadAndNests() throws Exception {
        Dropout d = new Dropout(0.5, 1);
        try (var _ = InferenceMode.enter()) {
            try (var _ = InferenceMode.enter()) {
                assertFalse(d.isTraining());
            }
            assertFalse(d.isTraining(), "closing the inner scope keeps the outer one");
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                assertTrue(other.submit(d::isTraining).get(10, TimeUnit.SECONDS), "another thread is unaffected");
            } finally {
                other.shutdownNow();
            }
            Tensor x = Tensor.ones(DType.F64, 100);
            assertEquals(x.data(), d.forward(x).data(), "dropout is the identity in the scope");
        }
        assertTrue(d.isTraining());
    }

    @Test
    void loadingIntoAnUnbuiltModelSaysHowToBuildIt(@TempDir Path dir) throws Exception {
        Sequential trained = new Sequential(Dense.builder(4).inputDim(3).seed(1).build(), new Dense(2));
        trained.build(3);
        Path f = dir.resolve("model.safetensors");
        trained.save(f);

        Sequential fresh = new Sequential(new Dense(4), new Dense(2));
        var e = assertThrows(IllegalStateException.class, () -> fresh.load(f));
        String msg = e.getMessage();
        assertTrue(msg.contains("not built yet") && msg.contains("'0' (Dense)") && msg.contains("inputDim")
                && msg.contains("build(") && msg.contains("one batch")
                && msg.contains("nothing was loaded"), msg);
        assertFalse(fresh.get(0).isBuilt(), "the failed load built nothing");

        Module built = fresh.build(3);
        assertTrue(fresh.get(0).isBuilt() && fresh.get(1).isBuilt());
        assertSame(fresh, built);
        fresh.load(f);
        assertEquals(trained.stateDict(), fresh.stateDict());
        assertArrayEquals(new int[] {3}, fresh.inputShape());
    }

    @Test
    void buildOnAPlainModuleRunsOneSample() {
        Module m = new Module() {
            final Dense d = register("d", new Dense(5));

            @Override
            public Tensor forward(Tensor x) {
                return d.forward(x);
            }
        };
        assertThrows(IllegalStateException.class, m::parameters);
        m.build(7);
        assertEquals(2, m.parameters().size());
        assertArrayEquals(new int[] {2, 5}, m.predict(NdArray.zeros(DType.F32, 2, 7)).shape());
    }
}
