package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/**
 * Models exported from PyTorch 1.13 with {@code torch.onnx.export} (src/test/fixtures/make_fixtures.py) run in
 * vecgrad with PyTorch's outputs: |a − b| ≤ 1e-5·max(1, |b|) in F32, at the exported batch size and at another one
 * (the batch axis is dynamic).
 */
class PyTorchFixturesTest {

    static Path fixture(String file) {
        try {
            return Path.of(PyTorchFixturesTest.class.getResource("fixtures/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("fixture " + file + " is missing; run make_fixtures.py", e);
        }
    }

    static void assertMatches(NdArray expected, NdArray actual, String what) {
        assertEquals(DType.F32, actual.dtype(), what);
        assertArrayEquals(expected.shape(), actual.shape(), what);
        for (int i = 0; i < expected.size(); i++) {
            double b = expected.getFlat(i);
            double a = actual.getFlat(i);
            double tol = 1e-5 * Math.max(1, Math.abs(b));
            if (!(Math.abs(a - b) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", PyTorch gives " + b
                        + " (|a - b| = " + Math.abs(a - b) + " > " + tol + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp_relu", "mlp_leakyrelu", "mlp_prelu", "mlp_elu", "mlp_selu", "mlp_sigmoid",
        "mlp_hardsigmoid", "mlp_tanh", "mlp_softplus", "mlp_gelu", "mlp_relu6", "mlp_dropout", "shapes_op11",
        "shapes_op17", "addmm", "elementwise_op11", "elementwise_op13", "lenet_op13", "lenet_op17", "normconv_op13",
        "normconv_op17", "layernorm_op13", "layernorm_op17", "masking_op11", "masking_op17"})
    void matchesPyTorch(String name) throws Exception {
        OnnxModel model = OnnxModel.load(fixture(name + ".onnx"));
        Map<String, NdArray> t = SafeTensors.load(fixture(name + ".safetensors")).tensors();
        assertMatches(t.get("output"), model.run(Map.of("input", t.get("input"))).get("output"), name);
        assertMatches(t.get("output2"), model.run(t.get("input2")), name + " at batch 2");
    }

    @Test
    void inputsOutputsAndSummary() throws Exception {
        OnnxModel model = OnnxModel.load(fixture("mlp_relu.onnx"));
        assertEquals(1, model.inputs().size());
        OnnxModel.Port in = model.inputs().get(0);
        assertEquals("input", in.name());
        assertEquals(DType.F32, in.dtype());
        assertArrayEquals(new long[] {-1, 4}, in.dims());
        assertEquals("batch", in.dimParams()[0]);
        assertEquals("output", model.outputs().get(0).name());
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, model.parameterCount());
        assertEquals(Map.of("Gemm", 2, "Relu", 1), model.operators());
        assertEquals(11, model.opset());
        String s = model.summary();
        assertTrue(s.contains("input  input: F32 [batch, 4]"), s);
        assertTrue(s.contains("Gemm ×2"), s);
        assertTrue(s.contains("parameters 67"), s);
    }

    @Test
    void inputsAreCheckedAgainstTheDeclaredShape() throws Exception {
        OnnxModel model = OnnxModel.load(fixture("mlp_relu.onnx"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.run(NdArray.zeros(DType.F32, 2, 5)));
        assertTrue(e.getMessage().contains("input 'input' is declared input: F32 [batch, 4] but F32 [2, 5]"),
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.run(NdArray.zeros(DType.F64, 2, 4)));
        assertTrue(e.getMessage().contains("F64 [2, 4] was given"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.run(Map.of("x", NdArray.zeros(DType.F32, 2, 4))));
        assertTrue(e.getMessage().contains("unknown input 'x'"), e.getMessage());
    }

    @Test
    void fixturesAreSmall() throws Exception {
        for (String f : new String[] {"mlp_gelu.onnx", "elementwise_op13.onnx", "shapes_op17.onnx", "lenet_op17.onnx",
            "normconv_op17.onnx", "masking_op17.onnx"}) {
            assertTrue(Files.size(fixture(f)) < 16_384, f);
        }
    }
}
