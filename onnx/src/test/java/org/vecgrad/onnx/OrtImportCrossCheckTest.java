package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals(1, model.inputs().size(), name);
        String in = model.inputs().get(0).name();
        String out = model.outputs().get(0).name();
        Map<String, NdArray> t = SafeTensors.load(PyTorchFixturesTest.fixture(name + ".safetensors")).tensors();
        for (String k : new String[] {"", "2"}) {
            NdArray x = t.get("input" + k);
            OrtRunner.assertClose(t.get("output" + k), OrtRunner.run(bytes, Map.of(in, x)).get(out),
                    name + " batch " + x.shape(0) + ": ONNX Runtime vs PyTorch");
        }
        int[] shape = t.get("input").shape();
        shape[0] = 7;
        NdArray x = NdArray.randn(DType.F32, new SplittableRandom(name.hashCode()), shape);
        OrtRunner.assertClose(OrtRunner.run(bytes, Map.of(in, x)).get(out), model.run(Map.of(in, x)).get(out),
                2e-5, name + " batch 7 (random input): vecgrad vs ONNX Runtime");
    }
}
