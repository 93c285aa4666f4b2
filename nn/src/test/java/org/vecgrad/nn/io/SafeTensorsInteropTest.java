package org.vecgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.layers.AdaptiveAvgPool2d;
import org.vecgrad.nn.layers.BatchNorm2d;
import org.vecgrad.nn.layers.Conv2d;
import org.vecgrad.nn.layers.Flatten;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.MaxPool2d;
import org.vecgrad.nn.layers.ReLU;

/**
 * safetensors files written by PyTorch 1.13 ({@code nn/src/test/fixtures/make_state_dict_fixtures.py}, laid out as
 * {@code safetensors.torch.save_file} lays them out) read by vecgrad, and vecgrad's writes compared with PyTorch's:
 * a CNN's state dict with BatchNorm's I64 {@code num_batches_tracked} loads by name and gives PyTorch's outputs;
 * every dtype PyTorch stores reads as {@link FileDType} documents; F16 and BF16 written by vecgrad are PyTorch's
 * roundings bit for bit.
 */
class SafeTensorsInteropTest {
    private static final double TOL = 1e-10;

    private static Path fixture(String name) throws URISyntaxException {
        var url = SafeTensorsInteropTest.class.getResource("/org/vecgrad/nn/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("fixtures/" + name + " is missing: run /usr/bin/python3"
                    + " nn/src/test/fixtures/make_state_dict_fixtures.py");
        }
        return Path.of(url.toURI());
    }

    private static SafeTensors.Contents read(String name) throws IOException {
        try (InputStream in = SafeTensorsInteropTest.class.getResourceAsStream("/org/vecgrad/nn/fixtures/" + name)) {
            return SafeTensors.fromBytes(in.readAllBytes());
        }
    }

    /** The fixture script's nn.Sequential, layer for layer (so the state-dict names agree). */
    private static Module cnn() {
        return new Sequential(Conv2d.builder(1, 4, 3).padding(1).build(), new BatchNorm2d(4), new ReLU(),
                new MaxPool2d(2), new Conv2d(4, 6, 3), new BatchNorm2d(6), new ReLU(), new AdaptiveAvgPool2d(1),
                new Flatten(), new Linear(6, 3)).to(DType.F64);
    }

    @Test
    void aPyTorchStateDictLoadsByNameAndGivesPyTorchsOutputs() throws Exception {
        Path file = fixture("cnn_state_dict.safetensors");
        SafeTensors.Contents torch = SafeTensors.load(file);
        assertEquals(Map.of("format", "pt"), torch.metadata());
        assertEquals(FileDType.I64, torch.fileDTypes().get("1.num_batches_tracked"));
        assertEquals(FileDType.F64, torch.fileDTypes().get("1.running_var"));

        Module m = cnn();
        m.load(file);                                         // by name; every name, shape and dtype checked
        assertEquals(NdArray.scalar(DType.I64, 3), m.stateDict().get("1.num_batches_tracked"));
        assertEquals(NdArray.scalar(DType.I64, 3), m.stateDict().get("5.num_batches_tracked"));
        m.eval();
        SafeTensors.Contents io = read("cnn_io.safetensors");
        NdArray y = m.forward(Tensor.of(io.tensors().get("x"))).data();
        NdArray want = io.tensors().get("y");
        assertArrayEquals(want.shape(), y.shape());
        for (int i = 0; i < want.size(); i++) {
            double a = y.getFlat(i);
            double b = want.getFlat(i);
            assertTrue(Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b)), "y[" + i + "] = " + a + ", PyTorch " + b);
        }
    }

    @Test
    void vecgradWritesTheSameTensorsInTheSameDtypesBack(@TempDir Path dir) throws Exception {
        Module m = cnn();
        m.load(fixture("cnn_state_dict.safetensors"));
        Path out = dir.resolve("cnn.safetensors");
        m.save(out);
        SafeTensors.Contents torch = SafeTensors.load(fixture("cnn_state_dict.safetensors"));
        SafeTensors.Contents ours = SafeTensors.load(out);
        // Same names, same file dtypes (F64 and I64), same values: the data bytes of every tensor are PyTorch's.
        assertEquals(Map.copyOf(torch.fileDTypes()), Map.copyOf(ours.fileDTypes()));
        assertEquals(Map.copyOf(torch.tensors()), Map.copyOf(ours.tensors()));
    }

    @Test
    void everyDtypePyTorchStoresReadsAsDocumented() throws IOException {
        SafeTensors.Contents c = read("dtypes.safetensors");
        Map<String, FileDType> expected = Map.of("f64", FileDType.F64, "f32", FileDType.F32, "f16", FileDType.F16,
                "bf16", FileDType.BF16, "i64", FileDType.I64, "i32", FileDType.I32, "i16", FileDType.I16, "i8",
                FileDType.I8, "u8", FileDType.U8, "bool", FileDType.BOOL);
        expected.forEach((name, type) -> {
            assertEquals(type, c.fileDTypes().get(name), name);
            assertEquals(type.readsAs(), c.tensors().get(name).dtype(), name);
        });
        for (String n : List.of("f32", "f16", "bf16")) {                 // widened exactly
            assertEquals(c.tensors().get(n + ".as_f64"), c.tensors().get(n).to(DType.F64), n);
        }
        for (String n : List.of("i64", "i32", "i16", "i8", "u8", "bool", "scalar_i64")) {
            assertEquals(c.tensors().get(n + ".as_i64"), c.tensors().get(n).to(DType.I64), n);
        }
        assertEquals(NdArray.of(new boolean[] {true, false, true}, 1, 3), c.tensors().get("bool"));
        assertEquals(NdArray.of(new int[] {0, 255, 128, 1}), c.tensors().get("u8"), "U8 is unsigned");
        assertEquals(0, c.tensors().get("scalar_i64").rank());
    }

    @Test
    void f16AndBf16WrittenByVecgradArePyTorchsRoundingsBitForBit() throws IOException {
        SafeTensors.Contents c = read("dtypes.safetensors");
        NdArray src = c.tensors().get("src");
        for (NdArray from : new NdArray[] {src, src.to(DType.F64)}) {     // F64 holds the same values exactly
            byte[] bytes = SafeTensors.toBytes(Map.of("f16", from, "bf16", from), Map.of(),
                    (name, a) -> FileDType.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
            SafeTensors.Contents back = SafeTensors.fromBytes(bytes);
            for (String n : List.of("f16", "bf16")) {
                assertEquals(FileDType.valueOf(n.toUpperCase(java.util.Locale.ROOT)), back.fileDTypes().get(n));
                float[] ours = back.tensors().get(n).toFloatArray();
                float[] theirs = c.tensors().get(n).toFloatArray();
                for (int i = 0; i < ours.length; i++) {
                    // narrow → F32 is injective, so equal floats mean equal 16-bit patterns
                    boolean same = Float.isNaN(theirs[i]) ? Float.isNaN(ours[i])
                            : Float.floatToRawIntBits(theirs[i]) == Float.floatToRawIntBits(ours[i]);
                    assertTrue(same, from.dtype() + " → " + n + " of " + src.getFlat(i) + ": vecgrad " + ours[i]
                            + ", PyTorch " + theirs[i]);
                }
            }
        }
    }
}
