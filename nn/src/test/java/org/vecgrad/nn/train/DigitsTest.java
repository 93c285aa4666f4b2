package org.vecgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.StandardScaler;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;

/** Acceptance: an MLP on the digits data reaches ≥ 96% accuracy on a held-out stratified split. */
class DigitsTest {

    @Test
    void mlpOnDigitsReaches96PercentHeldOut() {
        Datasets.Split split = Datasets.trainTestSplit(Datasets.digits(), 0.25, true, 5);
        StandardScaler scaler = StandardScaler.fit(split.train().features());
        var train = scaler.transform(split.train());
        var test = scaler.transform(split.test());
        Sequential model = new Sequential(new Linear(64, 64, true, 1), new ReLU(), new Linear(64, 10, true, 2));
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), 3e-3), new CrossEntropyLoss())
                .metrics(new Accuracy()).verbose(0);
        History h = trainer.fit(train, FitOptions.epochs(20).batchSize(32).shuffle(9));
        Map<String, Double> result = trainer.evaluate(test, 512);
        System.out.printf("digits: train accuracy %.4f, held-out %s (%d test samples)%n", h.last("accuracy"),
                result, test.size());
        assertTrue(result.get("accuracy") >= 0.96, "held-out " + result);
    }
}
