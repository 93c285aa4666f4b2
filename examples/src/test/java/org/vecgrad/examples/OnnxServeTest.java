package org.vecgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;

/** The onnx example on its committed LeNet-5 and on a file, and the serving lines docs/onnx.md shows. */
class OnnxServeTest {

    @TempDir
    Path dir;

    /** The committed model and its PyTorch outputs, copied into {@code dir}. */
    private Path copyModel() throws IOException {
        for (String ext : List.of(".onnx", ".safetensors")) {
            try (InputStream in = OnnxServe.class.getResourceAsStream(OnnxServe.DEFAULT_MODEL + ext)) {
                Files.write(dir.resolve("lenet5" + ext), in.readAllBytes());
            }
        }
        return dir.resolve("lenet5.onnx");
    }

    private static void assertLeNet(OnnxServe.Result r, NdArray pytorch) {
        assertTrue(r.maxError() <= 1e-5, "max relative difference from PyTorch " + r.maxError());
        assertEquals(Map.of("Conv", 2, "Relu", 4, "MaxPool", 2, "Flatten", 1, "Gemm", 3), r.operators());
        // conv 1->6 5x5, conv 6->16 5x5, fc 400->120, 120->84, 84->10: weights and biases
        assertEquals((6 * 25 + 6) + (16 * 6 * 25 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10),
                r.parameters());
        assertArrayEquals(pytorch.argmax(1), r.predicted(), "the classes PyTorch's outputs give");
        assertTrue(r.summary().contains("input  input: F32 [batch, 1, 28, 28]"), r.summary());
        assertTrue(r.latencyMicros() > 0 && r.samplesPerSecond() > 0, r.toString());
    }

    @Test
    void runsTheCommittedModelAsPyTorchDoes() throws IOException {
        NdArray pytorch = SafeTensors.load(copyModel().resolveSibling("lenet5.safetensors")).tensors().get("output");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        OnnxServe.Result r = OnnxServe.run(Options.quiet(dir).withOut(new PrintStream(text, true,
                StandardCharsets.UTF_8)));
        assertLeNet(r, pytorch);
        assertEquals(8, r.batch(), "the quick run times batches of 8");
        String out = text.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("operators Conv ×2, Flatten ×1, Gemm ×3, MaxPool ×2, Relu ×4"), out);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "= %.2e", r.maxError())), out);
    }

    @Test
    void runsAModelFileWithItsStoredOutputs() throws IOException {
        Path model = copyModel();
        NdArray pytorch = SafeTensors.load(dir.resolve("lenet5.safetensors")).tensors().get("output");
        assertLeNet(OnnxServe.run(Options.quiet(dir).with("model", model.toString())), pytorch);
    }

    @Test
    void serveClassifiesAsPyTorch() throws IOException {
        Path model = copyModel();
        Map<String, NdArray> t = SafeTensors.load(dir.resolve("lenet5.safetensors")).tensors();
        assertArrayEquals(t.get("output").argmax(1), OnnxServe.serve(model, t.get("input")));
    }

    /** The docs' Java block is the example's serve lines (and imports the example has): it compiles and runs. */
    @Test
    void docsShowTheServeLines() throws IOException {
        Path root = ReadmeExampleTest.readme().getParent();
        String docs = Files.readString(root.resolve("docs/onnx.md"), StandardCharsets.UTF_8);
        int section = docs.indexOf("## Serving a PyTorch model");
        assertTrue(section >= 0, "docs/onnx.md has no section 'Serving a PyTorch model'");
        Matcher block = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL).matcher(docs);
        assertTrue(block.find(section), "no ```java block in the section");
        String source = Files.readString(root.resolve("examples/src/main/java/org/vecgrad/examples/OnnxServe.java"),
                StandardCharsets.UTF_8);
        Matcher marked = Pattern.compile("// serve: begin[^\\n]*\\n.*?\\{\\n(.*?)\\n    }\\n    // serve: end",
                Pattern.DOTALL).matcher(source);
        assertTrue(marked.find(), "OnnxServe.java has no serve region");
        List<String> code = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        for (String line : block.group(1).split("\\R")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else if (!line.isBlank()) {
                code.add(line);
            }
        }
        List<String> body = marked.group(1).lines().map(l -> l.replaceFirst("^ {8}", "")).toList();
        assertEquals(body, code, "docs/onnx.md's Java lines differ from OnnxServe.serve");
        assertTrue(code.size() <= 10, code.size() + " lines");
        for (String i : imports) {
            assertTrue(source.contains("\n" + i + "\n"), "OnnxServe.java does not have '" + i + "'");
        }
    }
}
