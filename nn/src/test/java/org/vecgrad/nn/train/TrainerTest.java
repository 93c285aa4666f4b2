package org.vecgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.Optimizer;

class TrainerTest {
    static final TensorDataset MOONS = Datasets.moons(240, 0.1, 3);

    static Sequential net() {
        return new Sequential(new Linear(2, 16, true, 1), new ReLU(), new Dropout(0.2, 2), new Linear(16, 2, true, 3));
    }

    static Trainer trainer(Module m, Optimizer opt) {
        return new Trainer(m, opt, new CrossEntropyLoss()).metrics(new Accuracy()).verbose(0);
    }

    @Test
    void tenEpochsEqualFivePlusCheckpointPlusFiveBitForBit(@TempDir Path dir) throws Exception {
        Sequential straight = net();
        trainer(straight, new Adam(straight.parameters(), 0.01))
                .fit(MOONS, FitOptions.epochs(10).batchSize(32).shuffle(4));

        Sequential first = net();
        Adam firstOpt = new Adam(first.parameters(), 0.01);
        trainer(first, firstOpt).fit(MOONS, FitOptions.epochs(5).batchSize(32).shuffle(4));
        Path ckpt = dir.resolve("ckpt.safetensors");
        Checkpoint.save(ckpt, first, firstOpt, 5);

        Sequential resumed = new Sequential(new Linear(2, 16, true, 91), new ReLU(), new Dropout(0.2, 2),
                new Linear(16, 2, true, 93));                      // other weights: all must come from the file
        Adam resumedOpt = new Adam(resumed.parameters(), 0.01);
        int epoch = Checkpoint.load(ckpt, resumed, resumedOpt);
        assertEquals(5, epoch);
        assertEquals(first.randomStates().get("2")[0], resumed.randomStates().get("2")[0], "dropout counter");
        trainer(resumed, resumedOpt).fit(MOONS, FitOptions.epochs(10).batchSize(32).shuffle(4).initialEpoch(epoch));

        Map<String, NdArray> a = straight.stateDict();
        Map<String, NdArray> b = resumed.stateDict();
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k + " bit-identical");
        }
        Sequential noRng = net();
        Adam noRngOpt = new Adam(noRng.parameters(), 0.01);
        Checkpoint.load(ckpt, noRng, noRngOpt);
        noRng.setRandomStates(Map.of("2", new long[] {0}));
        trainer(noRng, noRngOpt).fit(MOONS, FitOptions.epochs(10).batchSize(32).shuffle(4).initialEpoch(5));
        assertNotEquals(a, noRng.stateDict(), "the saved dropout counter matters (control)");
    }

    @Test
    void checkpointLoadRejectsAMismatchAndLeavesTheModelAlone(@TempDir Path dir) throws Exception {
        Sequential m = net();
        Path f = dir.resolve("c.safetensors");
        Checkpoint.save(f, m, new Adam(m.parameters()), 1);
        Sequential other = new Sequential(new Linear(2, 8, true, 1), new ReLU(), new Dropout(0.2, 2),
                new Linear(8, 2, true, 3));
        Map<String, NdArray> before = other.stateDict();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(f, other, new Adam(other.parameters())));
        assertTrue(e.getMessage().contains("0.weight"), e.getMessage());
        assertEquals(before, other.stateDict());
        Path weights = dir.resolve("w.safetensors");
        m.save(weights);
        var notCkpt = assertThrows(java.io.IOException.class, () -> Checkpoint.load(weights, m, null));
        assertTrue(notCkpt.getMessage().contains("Module.load"), notCkpt.getMessage());
    }

    @Test
    void historyValidationSplitEvaluateAndPredict() {
        Sequential m = net();
        Trainer t = trainer(m, new Adam(m.parameters(), 0.02));
        History h = t.fit(MOONS, FitOptions.epochs(15).batchSize(16).validationSplit(0.25));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(h.history().keySet()));
        assertEquals(15, h.get("loss").size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), h.epochs());
        assertTrue(h.get("loss").get(14) < h.get("loss").get(0), "loss falls: " + h.get("loss"));
        assertTrue(h.last("val_accuracy") > 0.8, h.toString());
        m.train();
        Map<String, Double> ev = t.evaluate(MOONS, 64);
        assertTrue(m.isTraining(), "evaluate restores the mode");
        NdArray p = t.predict(MOONS.features(), 100);
        assertArrayEquals(new int[] {240, 2}, p.shape());
        int correct = 0;
        int[] arg = p.argmax(1);
        for (int i = 0; i < 240; i++) {
            correct += arg[i] == MOONS.labels()[i] ? 1 : 0;
        }
        assertEquals(ev.get("accuracy"), correct / 240.0, 1e-12, "predict agrees with evaluate");
        assertThrows(IllegalArgumentException.class, () -> h.get("val_acc"));
        Sequential m2 = net();
        History h2 = trainer(m2, new Adam(m2.parameters(), 0.02)).fit(MOONS.features(), MOONS.labels(),
                FitOptions.epochs(2).validationData(MOONS));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(h2.history().keySet()));
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        Sequential m = net();
        Trainer t = trainer(m, new Adam(m.parameters(), 0.05));
        List<Map<String, NdArray>> best = new java.util.ArrayList<>(java.util.Collections.nCopies(1, null));
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        Callback spy = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (logs.get("loss") < bestLoss[0]) {
                    bestLoss[0] = logs.get("loss");
                    best.set(0, m.stateDict());
                }
            }
        };
        EarlyStopping es = new EarlyStopping("loss", 0, 10.0, true);    // minDelta 10: nothing counts as better
        History h = t.fit(MOONS, FitOptions.epochs(50).callbacks(spy, es));
        assertEquals(2, h.get("loss").size(), "epoch 0 sets the best, epoch 1 exhausts patience 0");
        assertEquals(1, es.stoppedEpoch());
        assertEquals(0, es.bestEpoch());

        Sequential m2 = net();
        EarlyStopping restore = new EarlyStopping("loss", 3, 0, true);
        bestLoss[0] = Double.POSITIVE_INFINITY;
        Callback spy2 = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (logs.get("loss") < bestLoss[0]) {
                    bestLoss[0] = logs.get("loss");
                    best.set(0, m2.stateDict());
                }
            }
        };
        trainer(m2, new Adam(m2.parameters(), 0.3)).fit(MOONS, FitOptions.epochs(12).callbacks(spy2, restore));
        assertEquals(best.get(0), m2.stateDict(), "weights of the best epoch (" + restore.bestEpoch() + ") restored");
        var e = assertThrows(IllegalStateException.class, () -> trainer(net(), new Adam(net().parameters()))
                .fit(MOONS, FitOptions.epochs(2).callbacks(new EarlyStopping(1))));
        assertTrue(e.getMessage().contains("val_loss"), e.getMessage());
    }

    @Test
    void modelCheckpointNamesFilesByEpoch(@TempDir Path dir) throws Exception {
        Sequential m = net();
        Adam opt = new Adam(m.parameters(), 0.01);
        ModelCheckpoint every = new ModelCheckpoint(dir.resolve("ck-{epoch:02d}.safetensors"));
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best.safetensors"), "val_accuracy", true, true);
        trainer(m, opt).fit(MOONS, FitOptions.epochs(3).validationSplit(0.2).callbacks(every, best));
        for (int e = 1; e <= 3; e++) {
            assertTrue(Files.exists(dir.resolve(String.format("ck-%02d.safetensors", e))), "epoch " + e);
        }
        Sequential back = net();
        assertEquals(3, Checkpoint.load(dir.resolve("ck-03.safetensors"), back, new Adam(back.parameters())));
        assertEquals(m.stateDict(), back.stateDict());
        Sequential weights = net();
        weights.load(dir.resolve("best.safetensors"));
        assertEquals(Path.of("x-7.st"), new ModelCheckpoint(Path.of("x-{epoch}.st")).fileFor(6));
    }

    @Test
    void progressOutputPlainLinesAndTerminalBar() {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Sequential m = net();
        trainer(m, new Adam(m.parameters())).verbose(2).output(new PrintStream(plain, true, StandardCharsets.UTF_8))
                .fit(MOONS, FitOptions.epochs(2).batchSize(60));
        String s = plain.toString(StandardCharsets.UTF_8);
        assertFalse(s.contains("\r"), s);
        String[] lines = s.split("\n");
        assertEquals(4, lines.length, s);
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("4/4 - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"), lines[1]);

        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        trainer(m, new Adam(m.parameters())).verbose(1).output(new PrintStream(bar, true, StandardCharsets.UTF_8))
                .fit(MOONS, FitOptions.epochs(1).batchSize(60));
        String b = bar.toString(StandardCharsets.UTF_8);
        assertTrue(b.contains("\r4/4 [==============================] - "), b);
        assertTrue(b.endsWith("\n"), b);
    }
}
