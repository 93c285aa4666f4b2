package org.vecgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.loss.BCELoss;
import org.vecgrad.nn.optim.Adam;

/**
 * Acceptance: the two-circles net 2 → 4 → 6 → 6 → 4 → 1 (ReLU hidden, sigmoid output, BCE, Adam, 50 epochs,
 * batch 32, 1 000 generated points) reaches ≥ 99% test accuracy, for two weight/shuffle seeds. Keras's Dense
 * defaults (Glorot-uniform kernels, zero biases) are used: with PyTorch's Linear init (random biases) this tiny ReLU
 * net loses units to dead ReLUs more often (measured: 3 of 6 seeds stuck at 50–78% at lr 0.01, against 8 of 8 at
 * 100% with Dense). It is still not immune: over seeds 0, 100, …, 1900 (weights and shuffle) 16 of 20 reach 100% and
 * 4 (200, 300, 1600, 1900) end stuck at 50%, a dead network.
 */
class TwoCirclesTest {

    static Sequential net(long seed) {
        return new Sequential(
                Dense.builder(4).activation("relu").inputDim(2).seed(seed + 1).build(),
                Dense.builder(6).activation("relu").inputDim(4).seed(seed + 2).build(),
                Dense.builder(6).activation("relu").inputDim(6).seed(seed + 3).build(),
                Dense.builder(4).activation("relu").inputDim(6).seed(seed + 4).build(),
                Dense.builder(1).activation("sigmoid").inputDim(4).seed(seed + 5).build());
    }

    @Test
    void twoCirclesReaches99PercentTestAccuracy() {
        TensorDataset all = Datasets.twoCircles(1000, 0.05, 0.5, 7);
        Datasets.Split split = Datasets.trainTestSplit(all, 0.2, true, 11);
        for (long seed : new long[] {0, 100}) {
            Sequential model = net(seed);
            Trainer trainer = new Trainer(model, new Adam(model.parameters(), 0.01), new BCELoss())
                    .metrics(new Accuracy()).verbose(0);
            History h = trainer.fit(split.train(), FitOptions.epochs(50).batchSize(32).shuffle(seed));
            Map<String, Double> test = trainer.evaluate(split.test(), 256);
            System.out.printf("two circles, seed %d: train accuracy %.4f, test %s%n", seed, h.last("accuracy"), test);
            assertTrue(test.get("accuracy") >= 0.99, "seed " + seed + ": test " + test);
        }
    }
}
