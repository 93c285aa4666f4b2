package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.SGD;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.Trainer;

/**
 * {@link Rng#manualSeed}: one call fixes every random choice made without an explicit seed — weights, Dropout
 * masks in training, DataLoader shuffling, the train/test split, fit's shuffling — and another seed changes each
 * of them.
 */
class SeedTest {

    @AfterEach
    void restoreDefaultSeed() {
        Rng.manualSeed(0);
    }

    /** Everything random that one seeded program produces. */
    record Run(Map<String, NdArray> weights, NdArray dropoutOutput, int[] shuffle, NdArray testSplit,
               Map<String, NdArray> afterFit) {
        void assertAllDifferFrom(Run o) {
            assertNotEquals(weights, o.weights, "weights");
            assertNotEquals(dropoutOutput, o.dropoutOutput, "dropout mask");
            assertFalse(Arrays.equals(shuffle, o.shuffle), "shuffle order");
            assertNotEquals(testSplit, o.testSplit, "train/test split");
            assertNotEquals(afterFit, o.afterFit, "weights after fit");
        }
    }

    static Run run(long seed) {
        Rng.manualSeed(seed);
        TensorDataset data = Datasets.moons(64, 0.1, 5);                 // the data itself has an explicit seed
        Sequential model = new Sequential(new Linear(2, 16), new ReLU(), new Dropout(0.5), new Dense(2));
        model.build(2);
        Map<String, NdArray> weights = model.stateDict();
        NdArray dropped = model.get(2).forward(Tensor.ones(DType.F32, 4, 16)).data();   // training mode
        int[] order = new DataLoader(data, 8).shuffle().order(0);
        Datasets.Split split = Datasets.trainTestSplit(data, 0.25, false);
        new Trainer(model, new SGD(model.parameters(), 0.1), new CrossEntropyLoss()).verbose(0)
                .fit(split.train(), FitOptions.epochs(2).batchSize(8));
        return new Run(weights, dropped, order, split.test().features(), model.stateDict());
    }

    @Test
    void sameSeedGivesTheSameEverything() {
        Run a = run(42);
        Run b = run(42);
        assertEquals(a.weights(), b.weights());
        assertEquals(a.dropoutOutput(), b.dropoutOutput());
        assertArrayEquals(a.shuffle(), b.shuffle());
        assertEquals(a.testSplit(), b.testSplit());
        assertEquals(a.afterFit(), b.afterFit(), "fit's shuffling and dropout masks are fixed too");
    }

    @Test
    void anotherSeedChangesEachOfThem() {
        run(42).assertAllDifferFrom(run(43));
        assertEquals(43, Rng.initialSeed());
    }

    @Test
    void consecutiveSeedsAreDistinctAndTheCountRestartsWithManualSeed() {
        Rng.manualSeed(7);
        long first = Rng.nextSeed();
        long second = Rng.nextSeed();
        assertNotEquals(first, second);
        Rng.manualSeed(7);
        assertEquals(first, Rng.nextSeed());
        assertEquals(new java.util.SplittableRandom(second).nextLong(), Rng.generator().nextLong(),
                "generator() is seeded with the next seed");
    }
}
