package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.Datasets;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.train.Checkpoint;
import org.vecgrad.nn.train.FitOptions;
import org.vecgrad.nn.train.Trainer;

/**
 * No lost work across processes: 10 epochs straight give the same weights, byte for byte, as 5 epochs, a
 * checkpoint (model + Adam moments and step + epoch + Dropout's RNG state), and 5 more epochs in a NEW JVM.
 */
class ResumeInNewProcessTest {
    static final TensorDataset DATA = Datasets.moons(240, 0.1, 3);
    static final int EPOCHS = 10;

    /** Dropout makes the RNG state matter; the data order is a function of (shuffle seed, epoch). */
    static Sequential net(long seed) {
        return new Sequential(new Linear(2, 16, true, seed), new ReLU(), new Dropout(0.2, 2),
                new Linear(16, 2, true, seed + 2));
    }

    static void fit(Sequential m, Adam opt, int from, int to) {
        new Trainer(m, opt, new CrossEntropyLoss()).verbose(0)
                .fit(DATA, FitOptions.epochs(to).batchSize(32).shuffle(4).initialEpoch(from));
    }

    /** Child: args = checkpoint, output weights. Loads into a differently initialised model, trains, saves. */
    public static void main(String[] args) throws Exception {
        Sequential m = net(91);
        Adam opt = new Adam(m.parameters(), 0.01);
        int epoch = Checkpoint.load(Path.of(args[0]), m, opt);
        fit(m, opt, epoch, EPOCHS);
        SafeTensors.save(Path.of(args[1]), m.stateDict());
    }

    @Test
    void tenEpochsEqualFiveThenFiveMoreInAChildJvm(@TempDir Path dir) throws Exception {
        Sequential straight = net(1);
        fit(straight, new Adam(straight.parameters(), 0.01), 0, EPOCHS);
        Path expected = dir.resolve("straight.safetensors");
        SafeTensors.save(expected, straight.stateDict());

        Sequential half = net(1);
        Adam halfOpt = new Adam(half.parameters(), 0.01);
        fit(half, halfOpt, 0, 5);
        Path ckpt = dir.resolve("epoch5.safetensors");
        Checkpoint.save(ckpt, half, halfOpt, 5);
        byte[] halfWeights = SafeTensors.toBytes(half.stateDict());

        Path resumed = dir.resolve("resumed.safetensors");
        ChildJvm.run(dir, ResumeInNewProcessTest.class, List.of(), ckpt.toString(), resumed.toString());

        byte[] want = Files.readAllBytes(expected);
        assertFalse(Arrays.equals(want, halfWeights), "control: epochs 6-10 change the weights");
        assertEquals(want.length, Files.size(resumed));
        assertArrayEquals(want, Files.readAllBytes(resumed), "resumed weights are bit-identical");
    }
}
