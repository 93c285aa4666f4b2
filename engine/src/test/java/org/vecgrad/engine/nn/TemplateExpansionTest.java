package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-dtype classes of this package are expanded from one template each; this test fails when a committed
 * expansion differs from what the template gives (someone edited the generated file, or the template without
 * regenerating). Run with {@code -Dvecgrad.regenerate=true} to rewrite the expansions.
 *
 * <p>Template language: {@code $type$} (float/double), {@code $Type$} (Float/Double), {@code $N$} (F32/F64),
 * {@code $gemm$} (sgemm/dgemm), and lines {@code #if[F32]} … {@code #end[F32]} (or F64) that keep their body for that
 * dtype only.
 */
class TemplateExpansionTest {
    private static final Path TEMPLATES = Path.of("src/main/templates/org/vecgrad/engine/nn");
    private static final Path SOURCES = Path.of("src/main/java/org/vecgrad/engine/nn");
    private static final String[] TEMPLATE_NAMES = {"Spatial"};

    static String expand(String template, String dtype) {
        boolean f32 = dtype.equals("F32");
        Map<String, String> words = Map.of(
                "$type$", f32 ? "float" : "double",
                "$Type$", f32 ? "Float" : "Double",
                "$N$", dtype,
                "$gemm$", f32 ? "sgemm" : "dgemm");
        StringBuilder out = new StringBuilder();
        String skipping = null;
        for (String line : template.split("\n", -1)) {
            String t = line.trim();
            if (t.startsWith("#if[")) {
                String d = t.substring(4, t.indexOf(']'));
                skipping = d.equals(dtype) ? null : d;
                continue;
            }
            if (t.startsWith("#end[")) {
                skipping = null;
                continue;
            }
            if (skipping != null) {
                continue;
            }
            String l = line;
            for (Map.Entry<String, String> e : words.entrySet()) {
                l = l.replace(e.getKey(), e.getValue());
            }
            out.append(l).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    @Test
    void generatedFilesMatchTheirTemplates() throws IOException {
        boolean regenerate = Boolean.getBoolean("vecgrad.regenerate");
        for (String name : TEMPLATE_NAMES) {
            String template = Files.readString(TEMPLATES.resolve(name + ".java.template"), StandardCharsets.UTF_8);
            for (String dtype : new String[] {"F32", "F64"}) {
                String expected = expand(template, dtype);
                assertFalse(expected.contains("$"), name + ": an unknown placeholder is left in the " + dtype
                        + " expansion");
                Path file = SOURCES.resolve(name + dtype + ".java");
                if (regenerate) {
                    Files.writeString(file, expected, StandardCharsets.UTF_8);
                }
                assertTrue(Files.exists(file), file + " is missing: run this test with -Dvecgrad.regenerate=true");
                assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), file + " is not the expansion"
                        + " of " + name + ".java.template: edit the template and run this test with"
                        + " -Dvecgrad.regenerate=true");
            }
        }
    }

    @Test
    void expansionKeepsOnlyTheBlocksOfItsDtype() {
        String t = "a $type$\n#if[F32]\nonly32\n#end[F32]\n#if[F64]\nonly64\n#end[F64]\nz $N$";
        assertEquals("a float\nonly32\nz F32", expand(t, "F32"));
        assertEquals("a double\nonly64\nz F64", expand(t, "F64"));
    }
}
