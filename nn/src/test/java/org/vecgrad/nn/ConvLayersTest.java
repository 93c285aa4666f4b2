package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.FileDType;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.layers.AdaptiveAvgPool2d;
import org.vecgrad.nn.layers.AvgPool2d;
import org.vecgrad.nn.layers.BatchNorm1d;
import org.vecgrad.nn.layers.BatchNorm2d;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Conv1d;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.ConvNd;
import org.vecgrad.nn.layers.ConvTranspose2d;
import org.vecgrad.nn.layers.Dropout2d;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.GlobalAveragePooling2D;
import org.vecgrad.nn.layers.GroupNorm;
import org.vecgrad.nn.layers.LayerNorm;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.optim.TensorParameter;

/**
 * The convolutional layers as modules: PyTorch's initialisation, buffers (saved and loaded, not trained, frozen in
 * evaluation), Keras's summary counts, branches in the functional API, channel dropout, and the messages of bad
 * input (naming the layer, the shapes and the rule, and changing nothing).
 */
class ConvLayersTest {

    static Tensor input(long seed, int... shape) {
        return Tensor.of(NdArray.uniform(DType.F32, new SplittableRandom(seed), -1, 1, shape));
    }

    @Test
    void weightsArePyTorchsUniformOverFanIn() {
        record Case(ConvNd layer, int fanIn) {
        }
        for (Case c : List.of(new Case(Conv2d.builder(3, 8, 5).seed(1).build(), 3 * 25),
                new Case(Conv2d.builder(8, 16, 3).groups(4).seed(2).build(), 2 * 9),
                new Case(Conv1d.builder(4, 6, 7).seed(3).build(), 4 * 7),
                new Case(ConvTranspose2d.builder(6, 4, 3).groups(2).seed(4).build(), 2 * 9))) {
            double bound = 1 / Math.sqrt(c.fanIn);
            for (NdArray a : new NdArray[] {c.layer.weight().data(), c.layer.bias().data()}) {
                double max = Math.max(a.max(), -a.min());
                assertTrue(max <= bound, c.layer + ": |w| " + max + " above 1/sqrt(fan_in) = " + bound);
                assertTrue(max > (a.size() > 50 ? 0.9 : 0.4) * bound, c.layer + ": |w| " + max + " far below " + bound);
            }
        }
        assertEquals(Conv2d.builder(3, 8, 3).seed(9).build().weight().data(),
                Conv2d.builder(3, 8, 3).seed(9).build().weight().data(), "same seed, same weights");
        assertArrayEquals(new int[] {8, 3, 3, 2}, Conv2d.builder(6, 8, 3, 2).groups(2).build().weight().shape());
        assertArrayEquals(new int[] {6, 2, 3, 3}, ConvTranspose2d.builder(6, 4, 3).groups(2).build().weight()
                .shape());
        assertTrue(Conv2d.builder(3, 8, 3).bias(false).build().bias() == null);
    }

    @Test
    void summaryShowsShapesAndKerasCounts() {
        Sequential lenet = new Sequential(new Conv2d(1, 6, 5), new BatchNorm2d(6), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5), new ReLU(), new AvgPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 10));
        String s = lenet.summary(1, 28, 28);
        System.out.print(s);
        List<SummaryTest.Row> rows = SummaryTest.rows(s);
        assertEquals(new SummaryTest.Row("conv2d", "Conv2d", "(None, 6, 24, 24)", 6 * (1 * 25 + 1)), rows.get(0));
        assertEquals(new SummaryTest.Row("batch_norm2d", "BatchNorm2d", "(None, 6, 24, 24)", 4 * 6), rows.get(1));
        assertEquals("(None, 6, 12, 12)", rows.get(3).shape());
        assertEquals(new SummaryTest.Row("conv2d_1", "Conv2d", "(None, 16, 8, 8)", 16 * (6 * 25 + 1)), rows.get(4));
        assertEquals("(None, 16, 4, 4)", rows.get(6).shape());
        long params = 156 + 12 + 2416 + 2570;
        assertEquals(params + 12, SummaryTest.total(s, "Total"));
        assertEquals(params, SummaryTest.total(s, "Trainable"));
        assertEquals(12, SummaryTest.total(s, "Non-trainable"), "BatchNorm's running mean and variance");
        assertEquals(params, lenet.numParameters(), "numParameters counts parameters only, as PyTorch");
    }

    @Test
    void inceptionBlockInTheFunctionalApi() {
        SymbolicTensor x = Input.of("image", 3, 12, 12);
        SymbolicTensor stem = new MaxPool2d(2).call(new ReLU().call(Conv2d.builder(3, 8, 3).padding(1).build()
                .call(x)));
        SymbolicTensor a = new Conv2d(8, 4, 1).call(stem);
        SymbolicTensor b = Conv2d.builder(4, 6, 3).padding("same").build().call(new Conv2d(8, 4, 1).call(stem));
        SymbolicTensor c = new Conv2d(8, 2, 1).call(new MaxPool2d(3, 1, 1).call(stem));
        SymbolicTensor joined = new Concatenate(1).call(a, b, c);
        SymbolicTensor out = new Linear(12, 5).call(new GlobalAveragePooling2D().call(joined));
        Model m = Model.of(x, out);
        assertArrayEquals(new int[] {12, 6, 6}, joined.shape());
        String s = m.summary();
        System.out.print(s);
        assertTrue(s.contains("(None, 12, 6, 6)") && s.contains("(None, 12)"), s);
        Tensor y = m.forward(input(1, 2, 3, 12, 12));
        assertArrayEquals(new int[] {2, 5}, y.shape());
        y.sum().backward();
        for (TensorParameter p : m.parameters()) {
            assertTrue(p.tensor().grad() != null, p.name() + " got no gradient");
        }
    }

    @Test
    void batchNormBuffersAreStateButNotParameters(@TempDir Path dir) throws Exception {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(List.of("weight", "bias"), bn.namedParameters().keySet().stream().toList());
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                bn.stateDict().keySet().stream().toList());
        assertEquals(2, bn.parameters().size(), "the optimizer sees weight and bias only");
        bn.train();
        bn.forward(input(1, 4, 3, 2, 2).mul(Tensor.scalar(DType.F32, 3)));
        bn.forward(input(2, 4, 3, 2, 2));
        assertEquals(2, bn.numBatchesTracked());
        NdArray mean = bn.runningMean().copy();
        NdArray var = bn.runningVar().copy();
        assertNotEquals(NdArray.zeros(DType.F32, 3), mean);

        bn.eval();
        Tensor e1 = bn.forward(input(3, 2, 3, 2, 2));
        assertEquals(mean, bn.runningMean(), "frozen in evaluation");
        assertEquals(var, bn.runningVar());
        assertEquals(2, bn.numBatchesTracked());

        Path f = dir.resolve("bn.safetensors");
        bn.save(f);
        BatchNorm2d copy = new BatchNorm2d(3);
        copy.load(f);
        assertEquals(mean, copy.runningMean());
        assertEquals(var, copy.runningVar());
        assertEquals(2, copy.numBatchesTracked());
        assertEquals(NdArray.scalar(DType.I64, 2), copy.stateDict().get("num_batches_tracked"),
                "num_batches_tracked is a rank-0 I64, as PyTorch's, and is saved and loaded as I64");
        assertEquals(FileDType.I64, SafeTensors.load(f).fileDTypes().get("num_batches_tracked"));
        copy.eval();
        assertEquals(e1.data(), copy.forward(input(3, 2, 3, 2, 2)).data(), "same state, same evaluation output");

        bn.to(DType.F64);
        assertEquals(DType.F64, bn.runningMean().dtype());
        assertEquals(mean.to(DType.F64), bn.runningMean());
        assertTrue(Files.size(f) > 0);

        var e = assertThrows(IllegalArgumentException.class, () -> copy.loadStateDict(Map.of("weight",
                NdArray.ones(DType.F32, 3))));
        assertTrue(e.getMessage().contains("missing [bias, running_mean, running_var, num_batches_tracked]"),
                e.getMessage());
    }

    @Test
    void batchNormMomentumNullIsACumulativeAverage() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, null, false, true);
        Tensor a = input(1, 5, 2);
        Tensor b = input(2, 5, 2);
        bn.forward(a);
        bn.forward(b);
        for (int c = 0; c < 2; c++) {
            double ma = a.data().mean(0, false).getFlat(c);
            double mb = b.data().mean(0, false).getFlat(c);
            assertEquals((ma + mb) / 2, bn.runningMean().getFlat(c), 1e-6);
        }
    }

    @Test
    void dropout2dDropsWholeChannels() {
        Dropout2d d = new Dropout2d(0.5, 7);
        Tensor x = Tensor.ones(DType.F32, 4, 8, 3, 3);
        NdArray y = d.forward(x).data();
        int dropped = 0;
        for (int ch = 0; ch < 32; ch++) {
            NdArray plane = y.reshape(32, 9).row(ch);
            double v = plane.getFlat(0);
            assertTrue(v == 0 || v == 2, "kept channels scale by 1/(1 - p)");
            assertEquals(plane.sum(), 9 * v, "one decision per channel");
            dropped += v == 0 ? 1 : 0;
        }
        assertTrue(dropped > 4 && dropped < 28, dropped + " of 32 channels dropped at p = 0.5");
        d.eval();
        assertTrue(d.forward(x) == x, "the identity in evaluation");
        Dropout2d again = new Dropout2d(0.5, 7);
        assertEquals(y, again.forward(x).data(), "same seed and call, same mask");
    }

    /** Asserts the call is refused with a message holding every fragment, and that {@code state} did not change. */
    static void refused(Runnable call, Supplier<Object> state, String... fragments) {
        Object before = state.get();
        var e = assertThrows(IllegalArgumentException.class, call::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
        assertEquals(before, state.get(), "a refused call changed the state");
    }

    @Test
    void badInputIsRefusedWithTheLayerShapesAndRule() {
        Conv2d conv = Conv2d.builder(3, 8, 5).seed(1).build();
        Supplier<Object> none = () -> 0;
        refused(() -> conv.forward(input(1, 2, 4, 9, 9)), none, "Conv2d(3, 8, kernel_size=(5, 5)",
                "weight [8, 3, 5, 5] expects 3 × groups 1 = 3 input channels, but the input [2, 4, 9, 9] has 4");
        refused(() -> conv.forward(input(1, 1, 3, 4, 9)), none, "Conv2d(3, 8",
                "kernel (5 × 5) is larger than the padded input (4 × 9");
        refused(() -> conv.forward(input(1, 3, 9, 9)), none, "Conv2d(3, 8",
                "must be [N, C, H, W] (rank 4), got [3, 9, 9] (rank 3)");
        refused(() -> Conv2d.builder(3, 8, 3).padding(-1).build(), none, "must be >= 0");
        refused(() -> Conv2d.builder(6, 8, 3).groups(4).build(), none, "Conv2d(6, 8)",
                "must both be divisible by groups 4");
        refused(() -> Conv2d.builder(3, 8, 3).stride(2).padding("same").build(), none, "\"same\"", "stride 1");
        Conv1d c1 = new Conv1d(2, 4, 3);
        refused(() -> c1.forward(input(1, 2, 2, 3, 3)), none, "Conv1d(2, 4, kernel_size=(3,)", "[N, C, L] (rank 3)");
        refused(() -> new MaxPool2d(3, 1, 2), none, "MaxPool2d", "padding 2 must be in [0, kernel_size / 2]");
        MaxPool2d pool = new MaxPool2d(3);
        refused(() -> pool.forward(input(1, 1, 1, 2, 8)), none, "MaxPool2d(kernel_size=(3, 3)",
                "input [1, 1, 2, 8] is too small for kernel_size 3");
        BatchNorm2d bn = new BatchNorm2d(4);
        Supplier<Object> bnState = () -> bn.stateDict().toString() + bn.numBatchesTracked();
        refused(() -> bn.forward(input(1, 2, 3, 2, 2)), bnState, "BatchNorm2d(4",
                "has 3 channels (axis 1), the layer was built for num_features = 4");
        refused(() -> bn.forward(input(1, 2, 4, 2)), bnState, "BatchNorm2d(4", "[N, C, H, W] (rank 4), got [2, 4, 2]");
        refused(() -> bn.forward(input(1, 1, 4, 1, 1)), bnState, "more than 1 value per channel");
        refused(() -> new GroupNorm(3, 4), none, "num_channels 4 must be divisible by num_groups 3");
        LayerNorm ln = new LayerNorm(3, 4);
        refused(() -> ln.forward(input(1, 2, 4, 3)), none, "LayerNorm((3, 4)", "normalized_shape [3, 4] must be the"
                + " last axes of the input, got input [2, 4, 3]");
        refused(() -> conv.forward(input(1, 1, 3, 9, 9).to(DType.F64)), none, "F64", "F32", "to(DType)");
        assertEquals(0, bn.numBatchesTracked(), "no refused batch was counted");
    }

    @Test
    void layersTrainInAShortLoop() {
        // a few SGD steps on a fixed batch lower the loss: the layers' gradients point downhill together
        Module net = new Sequential(Conv2d.builder(1, 4, 3).padding(1).seed(1).build(), new BatchNorm2d(4),
                new ReLU(), new MaxPool2d(2), Conv2d.builder(4, 4, 3).groups(2).seed(2).build(), new GroupNorm(2, 4),
                new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), new LayerNorm(4), new Linear(4, 1, true, 3));
        Tensor x = input(5, 8, 1, 8, 8);
        Tensor t = input(6, 8, 1);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            net.zeroGrad();
            Tensor loss = net.forward(x).sub(t).square().mean();
            loss.backward();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
            try (var g = Tensor.noGrad()) {
                for (TensorParameter p : net.parameters()) {
                    p.tensor().data().addScaledInPlace(-0.05, p.tensor().grad().data());
                }
            }
        }
        assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
    }
}
