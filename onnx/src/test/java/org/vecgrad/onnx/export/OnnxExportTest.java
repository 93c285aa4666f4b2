package org.vecgrad.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.Padding;
import org.vecgrad.nn.Input;
import org.vecgrad.nn.Model;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.SymbolicTensor;
import org.vecgrad.nn.layers.AdaptiveAvgPool2d;
import org.vecgrad.nn.layers.Add;
import org.vecgrad.nn.layers.AvgPool2d;
import org.vecgrad.nn.layers.BatchNorm;
import org.vecgrad.nn.layers.BatchNorm1d;
import org.vecgrad.nn.layers.BatchNorm2d;
import org.vecgrad.nn.layers.Concatenate;
import org.vecgrad.nn.layers.Conv1d;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.ConvTranspose2d;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Dropout2d;
import org.vecgrad.nn.layers.ELU;
import org.vecgrad.nn.layers.Embedding;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.GELU;
import org.vecgrad.nn.layers.GlobalAveragePooling2D;
import org.vecgrad.nn.layers.GroupNorm;
import org.vecgrad.nn.layers.HardSigmoid;
import org.vecgrad.nn.layers.HardTanh;
import org.vecgrad.nn.layers.Identity;
import org.vecgrad.nn.layers.LayerNorm;
import org.vecgrad.nn.layers.LeakyReLU;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.LogSoftmax;
import org.vecgrad.nn.layers.MaxPool1d;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.Maxout;
import org.vecgrad.nn.layers.PReLU;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.layers.Sigmoid;
import org.vecgrad.nn.layers.Softmax;
import org.vecgrad.nn.layers.Softplus;
import org.vecgrad.nn.layers.Step;
import org.vecgrad.nn.layers.Swish;
import org.vecgrad.nn.layers.Tanh;
import org.vecgrad.nn.rnn.GRU;
import org.vecgrad.nn.rnn.LSTM;
import org.vecgrad.nn.rnn.RNN;
import org.vecgrad.onnx.OnnxModel;
import org.vecgrad.onnx.OnnxUnsupportedException;
import org.vecgrad.onnx.OrtRunner;

/**
 * Every exportable model family written to ONNX and run by ONNX Runtime (the independent checker) and by vecgrad's
 * own importer ({@link OnnxModel}, which also re-reads every file with the project's protobuf reader): both match
 * the vecgrad model's {@code predict} within 1e-5·max(1, |b|), at two batch sizes through one exported file (the
 * batch axis is dynamic).
 */
class OnnxExportTest {

    // ============================================================================================ the check

    /**
     * Exports {@code model} for samples of {@code sample}, then for each batch size runs a random input through
     * {@code predict}, ONNX Runtime and vecgrad's importer; returns the exported bytes. The inputs are N(0, 2²) (both
     * sides of every kink), or integer ids below {@code ids} when ids &gt; 0.
     */
    static byte[] check(Module model, int[] sample, ExportOptions options, int ids, int... batches) throws Exception {
        byte[] bytes = OnnxExporter.toBytes(model, sample, options);
        OnnxModel mine = OnnxModel.fromBytes(bytes);
        DType dt = model.dtype() != null ? model.dtype() : DType.F32;
        SplittableRandom rng = new SplittableRandom(batches.length * 31L + sample.length);
        try (OrtRunner.Session ort = OrtRunner.session(bytes)) {
            for (int b : batches) {
                int[] shape = new int[sample.length + 1];
                shape[0] = b;
                System.arraycopy(sample, 0, shape, 1, sample.length);
                NdArray x = ids > 0 ? ids(dt, rng, ids, shape) : NdArray.randn(dt, rng, shape).mul(2);
                NdArray expected = model.predict(x);
                String what = model.getClass().getSimpleName() + " batch " + b;
                OrtRunner.assertClose(expected, ort.run(Map.of("input", x)).get("output"), what + ": ONNX Runtime");
                OrtRunner.assertClose(expected, mine.run(x), what + ": vecgrad's import");
            }
        }
        return bytes;
    }

    static byte[] check(Module model, int[] sample, int... batches) throws Exception {
        return check(model, sample, ExportOptions.defaults(), 0, batches);
    }

    static NdArray ids(DType dt, SplittableRandom rng, int n, int... shape) {
        NdArray a = NdArray.zeros(dt, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, rng.nextInt(n));
        }
        return a;
    }

    /** Non-trivial γ, β and running statistics, so evaluation-mode BatchNorm is not close to the identity. */
    static <B extends BatchNorm> B randomized(B bn, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = bn.numFeatures();
        bn.runningMean().copyFrom(NdArray.randn(DType.F32, r, c));
        bn.runningVar().copyFrom(NdArray.uniform(DType.F32, r, 0.5, 2, c));
        bn.localParameters().get("weight").data().copyFrom(NdArray.uniform(DType.F32, r, 0.5, 1.5, c));
        bn.localParameters().get("bias").data().copyFrom(NdArray.randn(DType.F32, r, c));
        return bn;
    }

    // ============================================================================================ MLPs

    static Stream<Arguments> activations() {
        List<Supplier<Module>> acts = List.of(ReLU::new, () -> new LeakyReLU(0.2), () -> new ELU(0.7), Sigmoid::new,
                Tanh::new, Softplus::new, Softmax::new, () -> new LogSoftmax(1), HardSigmoid::new, HardTanh::new,
                GELU::new, () -> new GELU("tanh"), () -> new GELU("sigmoid"), () -> new GELU(0.5, 1.5), PReLU::new,
                () -> new PReLU(8, 0.1), Swish::new, () -> new Swish(1.5), () -> Swish.learnable(0.8), Identity::new,
                () -> new Dropout(0.3));
        return acts.stream().map(s -> Arguments.of(s.get().toString(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void mlpWithEachActivation(String name, Supplier<Module> act) throws Exception {
        check(new Sequential(new Linear(5, 8, true, 1), act.get(), new Linear(8, 4, true, 2)), new int[] {5}, 1, 3);
    }

    @Test
    void kerasDenseMaxoutAndLinearOnSequences() throws Exception {
        check(new Sequential(Dense.builder(6).activation("relu").inputDim(5).seed(3).build(),
                Dense.builder(4).activation("gelu").seed(4).build(), new Maxout(4, 3, 2, 5),
                new Dense(2, "softmax")), new int[] {5}, 2, 5);
        // [n, T, features]: MatMul + Add instead of Gemm, and LayerNorm over the last axis
        check(new Sequential(new Linear(6, 4, true, 6), new LayerNorm(4), Dense.builder(3).useBias(false).seed(7)
                .build(), new Linear(3, 2, false, 8)), new int[] {3, 6}, 1, 4);
    }

    @Test
    void doubleModelsExportAsDouble() throws Exception {
        Module m = new Sequential(new Linear(4, 6, true, 9), new Tanh(), new Linear(6, 2, true, 10)).to(DType.F64);
        byte[] bytes = check(m, new int[] {4}, 1, 3);
        OnnxModel back = OnnxModel.fromBytes(bytes);
        assertEquals(DType.F64, back.inputs().get(0).dtype());
    }

    // ============================================================================================ convolutions

    @Test
    void convNetWithBatchNormPoolsAndHead() throws Exception {
        check(new Sequential(
                Conv2d.builder(2, 4, 3).padding(1).seed(11).build(), randomized(new BatchNorm2d(4), 12), new ReLU(),
                new MaxPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true),
                Conv2d.builder(4, 6, 3).stride(2, 1).dilation(1, 2).groups(2).padding(Padding.sides(0, 1, 2, 1))
                        .seed(13).build(), new ELU(),
                new AvgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 0}, true, false), new Dropout2d(0.2),
                new AdaptiveAvgPool2d(2), new Flatten(), new Linear(24, 5, true, 14), new LogSoftmax()),
                new int[] {2, 13, 14}, 1, 3);
    }

    @Test
    void convolutionsOnSequencesWithNorms() throws Exception {
        check(new Sequential(Conv1d.builder(3, 6, 4).padding("same").seed(15).build(),
                randomized(new BatchNorm1d(6), 16), new GroupNorm(3, 6), new PReLU(6, 0.2),
                new MaxPool1d(3, 2, 1, 1, true), Conv1d.builder(6, 4, 3).dilation(2).seed(17).build(),
                new LayerNorm(new int[] {4, 2}, 1e-3, false), new Flatten(), randomized(new BatchNorm1d(8), 18),
                new Linear(8, 3, true, 19)), new int[] {3, 11}, 2, 5);
    }

    @Test
    void transposedConvolutionsAndGlobalPooling() throws Exception {
        check(new Sequential(ConvTranspose2d.builder(4, 6, 3).stride(2).padding(1).outputPadding(1).groups(2)
                .seed(20).build(), new GroupNorm(2, 6, 1e-5, false), new ReLU(), ConvTranspose2d.builder(6, 3, 2)
                .dilation(2).bias(false).seed(21).build(), new AdaptiveAvgPool2d(1), new Flatten()),
                new int[] {4, 5, 4}, 1, 2);
        check(new Sequential(Conv2d.builder(3, 5, 3).padding("same").seed(22).build(), new GlobalAveragePooling2D(),
                new Softmax()), new int[] {3, 6, 6}, 3);
    }

    /**
     * Random convolution and pooling geometry (QuickTheories, few examples: each builds an ONNX Runtime session;
     * -DonnxExportExamples=N for more). Pool windows are drawn until vecgrad accepts them on the convolution's
     * output (a window larger than the padded input is an error, not a case to export).
     */
    @Test
    void randomConvolutionGeometry() {
        qt().withExamples(Integer.getInteger("onnxExportExamples", 8)).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = 1 + r.nextInt(2);
            int in = groups * (1 + r.nextInt(3));
            int out = groups * (1 + r.nextInt(3));
            int k = 1 + r.nextInt(4);
            int[] sample = {in, 7 + r.nextInt(8), 7 + r.nextInt(8)};
            Module conv = Conv2d.builder(in, out, k).stride(1 + r.nextInt(2), 1 + r.nextInt(2))
                    .padding(r.nextInt(k), r.nextInt(k)).dilation(1 + r.nextInt(2), 1).groups(groups).seed(seed)
                    .build();
            NdArray h = conv.predict(NdArray.zeros(DType.F32, 1, sample[0], sample[1], sample[2]));
            Module pool = null;
            while (pool == null) {
                int pk = 1 + r.nextInt(3);
                int pp = r.nextInt(pk / 2 + 1);
                int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
                Module candidate = r.nextBoolean()
                        ? new MaxPool2d(new int[] {pk, pk}, stride, new int[] {pp, pp}, new int[] {1 + r.nextInt(2),
                        1 + r.nextInt(2)}, r.nextBoolean())
                        : new AvgPool2d(new int[] {pk, pk}, stride, new int[] {pp, pp}, r.nextBoolean(),
                        r.nextBoolean());
                try {
                    candidate.predict(h);
                    pool = candidate;
                } catch (IllegalArgumentException tooLarge) {
                    // draw another window
                }
            }
            Module net = new Sequential(conv, pool);
            try {
                check(net, sample, 1 + r.nextInt(3));
            } catch (Exception | AssertionError e) {
                throw new AssertionError(net + " on " + java.util.Arrays.toString(sample) + ": " + e.getMessage(), e);
            }
        });
    }

    // ============================================================================================ functional API

    @Test
    void functionalModelWithBranchesSharedLayerAndTwoOutputs() throws Exception {
        SymbolicTensor a = Input.of("a", 4);
        SymbolicTensor b = Input.of("b", 3);
        Dense shared = Dense.builder(5).activation("tanh").inputDim(4).seed(30).build();
        SymbolicTensor h = new Concatenate().call(shared.call(a), Dense.builder(2).seed(31).build().call(b));
        SymbolicTensor res = new Add().call(Dense.builder(7).seed(32).build().call(h), h);
        SymbolicTensor again = shared.call(new Dense(4, "relu").call(res));
        Map<String, SymbolicTensor> outs = new LinkedHashMap<>();
        outs.put("score", new Dense(1, "sigmoid").call(res));
        outs.put("embedding", again);
        Map<String, SymbolicTensor> ins = new LinkedHashMap<>();
        ins.put("a", a);
        ins.put("b", b);
        Model m = new Model(ins, outs);
        byte[] bytes = OnnxExporter.toBytes(m, null, ExportOptions.defaults());
        OnnxModel mine = OnnxModel.fromBytes(bytes);
        assertEquals(List.of("a", "b"), mine.inputs().stream().map(OnnxModel.Port::name).toList());
        assertEquals(List.of("score", "embedding"), mine.outputs().stream().map(OnnxModel.Port::name).toList());
        assertEquals(m.numParameters(), mine.parameterCount(), "the shared Dense is written once");
        SplittableRandom r = new SplittableRandom(33);
        try (OrtRunner.Session ort = OrtRunner.session(bytes)) {
            for (int n : new int[] {1, 6}) {
                Map<String, NdArray> feed = Map.of("a", NdArray.randn(DType.F32, r, n, 4), "b",
                        NdArray.randn(DType.F32, r, n, 3));
                Map<String, Tensor> tin = new LinkedHashMap<>();
                feed.forEach((k, v) -> tin.put(k, Tensor.of(v)));
                Map<String, Tensor> expected;
                try (var scope = org.vecgrad.nn.InferenceMode.enter()) {
                    expected = m.forward(tin);
                }
                Map<String, NdArray> got = ort.run(feed);
                Map<String, NdArray> gotMine = mine.run(feed);
                for (String o : List.of("score", "embedding")) {
                    OrtRunner.assertClose(expected.get(o).data(), got.get(o), o + " batch " + n + ": ONNX Runtime");
                    OrtRunner.assertClose(expected.get(o).data(), gotMine.get(o), o + " batch " + n + ": vecgrad");
                }
            }
        }
    }

    @Test
    void sequentialInsideModelInsideSequential() throws Exception {
        SymbolicTensor x = Input.of("x", 6);
        Model inner = Model.of(x, new Sequential(new Linear(6, 6, true, 34), new ReLU()).call(x));
        check(new Sequential(new Linear(3, 6, true, 35), inner, new Linear(6, 2, true, 36)), new int[] {3}, 2);
    }

    // ============================================================================================ recurrent

    @Test
    void embeddingBidirectionalLstmStackBatchFirstAnyLength() throws Exception {
        Module m = new Sequential(new Embedding(20, 8, 0, 40), new LSTM(8, 6, 2, true, true, 0.3, true, 41),
                new Linear(12, 5, true, 42));
        ExportOptions dyn = ExportOptions.defaults().dynamicAxes(Map.of(0, "batch", 1, "time"));
        byte[] bytes = check(m, new int[] {7}, dyn, 20, 1, 3);
        // one file, other sequence lengths
        for (int t : new int[] {1, 4, 9}) {
            NdArray x = ids(DType.F32, new SplittableRandom(t), 20, 2, t);
            OrtRunner.assertClose(m.predict(x), OrtRunner.run(bytes, Map.of("input", x)).get("output"),
                    "length " + t);
        }
    }

    /** Random recurrent stacks: cell, sizes, layers, directions, layout, bias, sequence length and batch. */
    @Test
    void randomRecurrentStacks() {
        qt().withExamples(Integer.getInteger("onnxExportExamples", 8)).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int in = 1 + r.nextInt(5);
            int hidden = 1 + r.nextInt(5);
            int layers = 1 + r.nextInt(3);
            boolean bias = r.nextBoolean();
            boolean batchFirst = r.nextBoolean();
            boolean bidir = r.nextBoolean();
            Module rnn = switch (r.nextInt(4)) {
                case 0 -> new LSTM(in, hidden, layers, bias, batchFirst, 0, bidir, seed);
                case 1 -> new GRU(in, hidden, layers, bias, batchFirst, 0, bidir, seed);
                case 2 -> new RNN(in, hidden, layers, "tanh", bias, batchFirst, 0, bidir, seed);
                default -> new RNN(in, hidden, layers, "relu", bias, batchFirst, 0, bidir, seed);
            };
            int steps = 1 + r.nextInt(6);
            try {
                check(new Sequential(rnn), new int[] {steps, in}, 1 + r.nextInt(4));
            } catch (Exception | AssertionError e) {
                throw new AssertionError(rnn + " on [" + steps + ", " + in + "]: " + e.getMessage(), e);
            }
        });
    }

    @Test
    void gruAndRnnTimeMajor() throws Exception {
        check(new Sequential(new GRU(4, 5, 1, true, false, 0, false, 43), new Tanh(),
                new GRU(5, 3, 2, true, false, 0, true, 44)), new int[] {2, 4}, ExportOptions.defaults(), 0, 3);
        check(new Sequential(new RNN(4, 5, 2, "relu", false, true, 0, true, 45), new RNN(10, 3, 1, "tanh", true,
                true, 0, false, 46)), new int[] {6, 4}, 1, 2);
        check(new Sequential(new LSTM(3, 4, 1, false, false, 0, false, 47)), new int[] {3, 3}, 2);
    }

    // ============================================================================================ the file

    @Test
    void namesOpsetDynamicBatchAndInitializers(@TempDir Path dir) throws Exception {
        Sequential net = new Sequential(new Linear(4, 3, true, 50), new ReLU());
        Path file = dir.resolve("net.onnx");
        OnnxExporter.export(net, new int[] {4}, file, ExportOptions.defaults().inputNames("features")
                .outputNames("scores").graphName("net"));
        OnnxModel back = OnnxModel.load(file);
        assertEquals(OnnxExporter.OPSET, back.opset());
        assertEquals("features", back.inputs().get(0).name());
        assertEquals("batch", back.inputs().get(0).dimParams()[0]);
        assertArrayEquals(new long[] {-1, 4}, back.inputs().get(0).dims());
        assertEquals("scores", back.outputs().get(0).name());
        assertArrayEquals(new long[] {-1, 3}, back.outputs().get(0).dims());
        assertEquals("batch", back.outputs().get(0).dimParams()[0]);
        assertEquals(Map.of("Gemm", 1, "Relu", 1), back.operators());
        assertEquals(15, back.parameterCount());
        String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("0.weight") && bytes.contains("0.bias"), "initializers named by state-dict path");
        // a fixed batch when asked
        OnnxModel fixed = OnnxModel.fromBytes(OnnxExporter.toBytes(net, new int[] {4},
                ExportOptions.defaults().dynamicAxes(Map.of())));
        assertArrayEquals(new long[] {1, 4}, fixed.inputs().get(0).dims());
        assertThrows(IllegalArgumentException.class, () -> fixed.run(NdArray.zeros(DType.F32, 2, 4)));
    }

    /** A layer without a mapping: refused, naming the layer's path and class, and no file is written. */
    @Test
    void unsupportedLayersAreNamedAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("x.onnx");
        Map<Module, String> cases = new LinkedHashMap<>();
        cases.put(new Sequential(new Linear(3, 3), new Step()), "layer '1' (Step): no ONNX mapping");
        cases.put(new Sequential(new Linear(3, 3) {
            @Override
            public Tensor forward(Tensor x) {
                return super.forward(x).mul(x);
            }
        }), "a subclass of Linear is not exported");
        cases.put(new Sequential(new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }), "a Module subclass with its own forward");
        cases.put(new Sequential(new Linear(3, 3), new BatchNorm1d(3, 1e-5, 0.1, true, false)),
                "layer '1' (BatchNorm1d): track_running_stats = false");
        for (Map.Entry<Module, String> c : cases.entrySet()) {
            OnnxUnsupportedException e = assertThrows(OnnxUnsupportedException.class,
                    () -> OnnxExporter.export(c.getKey(), new int[] {3}, file));
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertFalse(Files.exists(file));
        }
        OnnxUnsupportedException e = assertThrows(OnnxUnsupportedException.class, () -> OnnxExporter.export(
                new Sequential(new Conv2d(1, 2, 3), new AdaptiveAvgPool2d(4)), new int[] {1, 9, 9}, file));
        assertTrue(e.getMessage().contains("layer '1' (AdaptiveAvgPool2d): output_size (4, 4) on a 7 × 7 input"),
                e.getMessage());
        e = assertThrows(OnnxUnsupportedException.class, () -> OnnxExporter.export(new Sequential(new Conv1d(2, 2, 3),
                new MaxPool1d(2, 2, 0, 1, true)), new int[] {2, 9}, file, ExportOptions.defaults()
                .dynamicAxes(Map.of(0, "batch", 2, "time"))));
        assertTrue(e.getMessage().contains("layer '1' (MaxPool1d): ceil_mode = true with dynamic axes"),
                e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.export(new Sequential(new ReLU()), file));
        assertTrue(shape.getMessage().contains("give the shape of one sample"), shape.getMessage());
        assertFalse(Files.exists(file));
    }
}
