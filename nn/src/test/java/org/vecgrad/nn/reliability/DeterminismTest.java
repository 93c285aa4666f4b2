package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.Trainer;

/**
 * Same seed, same bits: training is bit-identical on every run (in this JVM and in a fresh one) and for every
 * GEMM thread count, because GEMM cuts C into blocks and never splits the k (summation) dimension.
 *
 * <p>The layers are sized so that the products really are split: batch 128 × 256 × 256 is about 9.5 GEMM tasks'
 * worth of work (a task is at least 96³ multiply-adds), so 2 and 3 threads cut every big product differently.
 */
class DeterminismTest {
    private static final int THREADS = Blas.numThreads();

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    /** Weights as safetensors bytes after 2 epochs of 2 batches; every random choice comes from {@code seed}. */
    static byte[] train(long seed) {
        Rng.manualSeed(seed);                           // layer initialisation
        SplittableRandom r = new SplittableRandom(seed);
        int n = 256;
        int features = 64;
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) (r.nextGaussian() + (j % 10 == labels[i] ? 1 : 0));
            }
        }
        TensorDataset data = TensorDataset.of(NdArray.of(x).reshape(n, features), labels);
        Sequential m = new Sequential(new Linear(features, 256), new ReLU(), new Dropout(0.1),
                new Linear(256, 256), new ReLU(), new Linear(256, 10));
        new Trainer(m, new Adam(m.parameters(), 1e-3), new CrossEntropyLoss()).verbose(0)
                .fit(data, FitOptions.epochs(2).batchSize(128).shuffle(seed));
        return SafeTensors.toBytes(m.stateDict());
    }

    /** Child: args = seed, output file. The thread count comes from -Dvecgrad.threads. */
    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[1]), train(Long.parseLong(args[0])));
    }

    @Test
    void sameSeedSameBitsOnEveryRunAndForOneTwoAndThreeThreads() {
        Blas.setNumThreads(1);
        byte[] reference = train(7);
        assertArrayEquals(reference, train(7), "second run, 1 thread");
        Blas.shutdown(); // so that the control below sees only threads these runs started
        for (int t : new int[] {2, 3}) {
            Blas.setNumThreads(t);
            assertArrayEquals(reference, train(7), t + " threads");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(th -> th.getName().startsWith("vecgrad-gemm")),
                "control: the multi-threaded runs did use the GEMM pool");
        assertFalse(Arrays.equals(reference, train(8)), "control: another seed gives other weights");
    }

    @Test
    void aFreshJvmWithTwoThreadsGetsTheSameBits(@TempDir Path dir) throws Exception {
        Blas.setNumThreads(1);
        byte[] reference = train(11);
        Path out = dir.resolve("w.safetensors");
        ChildJvm.run(dir, DeterminismTest.class, List.of("-Dvecgrad.threads=2"), "11", out.toString());
        assertArrayEquals(reference, Files.readAllBytes(out));
    }
}
