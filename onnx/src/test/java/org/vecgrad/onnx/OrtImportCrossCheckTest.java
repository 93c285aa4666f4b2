package org.vecgrad.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/**
 * ONNX Runtime as a second oracle for import, beside PyTorch's stored outputs. Every committed fixture (exported
 * from PyTorch by make_fixtures.py; vecgrad's outputs on the stored inputs are checked against PyTorch's by
 * {@link PyTorchFixturesTest}):
 * <ul>
 *   <li>on the stored inputs, ONNX Runtime's outputs match PyTorch's within 1e-5·max(1, |b|), so the stored outputs
 *       are confirmed by a runtime that shares no code with PyTorch or vecgrad;</li>
 *   <li>on a fresh input of another batch size (7, where no stored output exists), vecgrad's outputs match ONNX
 *       Runtime's within 2e-5·max(1, |b|): two float32 implementations each within 1e-5 of the reference may
 *       differ by twice that (LeNet's summation orders differ by 1.1e-5 on the stored inputs).</li>
 * </ul>
 */
class OrtImportCrossCheckTest {

    /** Every .onnx fixture with its .safetensors beside it (a fixture added later is checked without a change here). */
    static Stream<String> fixtures() throws Exception {
        Path dir = PyTorchFixturesTest.fixture("mlp_relu.onnx").getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx"))
                    .map(n -> n.substring(0, n.length() - ".onnx".length()))
                    .filter(n -> Files.exists(dir.resolve(n + ".safetensors"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void onnxRuntimeAgreesWithPyTorchAndVecgrad(String name) throws Exception {
        Path file = PyTorchFixturesTest.fixture(name + ".onnx");
        byte[] bytes = Files.readAllBytes(file);
        OnnxModel model = OnnxModel.load(file);
        Map<String, NdArray> t = SafeTensors.load(PyTorchFixturesTest.fixture(name + ".safetensors")).tensors();
        // two conventions: make_fixtures.py stores "input"/"output" (+ "2"), make_rnn_fixtures.py every port by name
        boolean byPort = !t.containsKey("input") || model.inputs().size() > 1 || model.outputs().size() > 1;
        if (byPort && name.contains("layout1")) {
            // ONNX Runtime's CPU recurrent kernels refuse layout = 1 ("Batchwise recurrent operations ... not
            // supported"); SequenceFixturesTest checks these graphs against PyTorch
            return;
        }
        for (String k : new String[] {"", "2"}) {
            Map<String, NdArray> feeds = new HashMap<>();
            for (OnnxModel.Port p : model.inputs()) {
                NdArray x = t.get((byPort ? p.name() : "input") + k);
                feeds.put(p.name(), p.dtype() == null || p.dtype() == x.dtype() ? x : x.to(p.dtype()));
            }
            Map<String, NdArray> ort = OrtRunner.run(bytes, feeds);
            for (OnnxModel.Port p : model.outputs()) {
                OrtRunner.assertClose(t.get((byPort ? p.name() : "output") + k), ort.get(p.name()),
                        name + " " + p.name() + " case " + (k.isEmpty() ? 1 : 2) + ": ONNX Runtime vs PyTorch");
            }
        }
        if (byPort || model.inputs().get(0).dtype() != DType.F32) {
            return; // the sequence graphs' second case already varies batch and length; ids are not drawn from N(0, 1)
        }
        String in = model.inputs().get(0).name();
        String out = model.outputs().get(0).name();
        int[] shape = t.get("input").shape();
        shape[0] = 7;
        NdArray x = NdArray.randn(DType.F32, new SplittableRandom(name.hashCode()), shape);
        OrtRunner.assertClose(OrtRunner.run(bytes, Map.of(in, x)).get(out), model.run(Map.of(in, x)).get(out),
                2e-5, name + " batch 7 (random input): vecgrad vs ONNX Runtime");
    }
}
