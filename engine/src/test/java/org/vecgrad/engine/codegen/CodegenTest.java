package org.vecgrad.engine.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed generated sources are what their templates give today (regenerated in memory, compared line by
 * line), every file that carries the generated header still has its template, and the template syntax of
 * {@link Codegen} does what its documentation says.
 */
class CodegenTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ""));
    private static final Codegen.DType F32 = Codegen.DTYPES.get(0);
    private static final Codegen.DType F64 = Codegen.DTYPES.get(1);

    @Test
    void everyCommittedGeneratedFileMatchesItsTemplate() throws IOException {
        Map<Path, String> generated = Codegen.generateAll(MODULE);
        assertFalse(generated.isEmpty(), "no template under " + MODULE.resolve(Codegen.TEMPLATES).toAbsolutePath());
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : generated.entrySet()) {
            Path file = e.getKey();
            String rel = MODULE.relativize(file).toString();
            if (!Files.exists(file)) {
                stale.add(rel + " is missing");
                continue;
            }
            String[] want = e.getValue().split("\n", -1);
            String[] have = Files.readString(file).split("\n", -1);
            for (int i = 0; i < Math.max(want.length, have.length); i++) {
                String w = i < want.length ? want[i] : "<end of file>";
                String h = i < have.length ? have[i] : "<end of file>";
                if (!w.equals(h)) {
                    stale.add(rel + ", line " + (i + 1) + ": committed '" + h.strip() + "', template gives '"
                            + w.strip() + "'");
                    break;
                }
            }
        }
        assertTrue(stale.isEmpty(), "generated sources differ from their templates (edit the template under "
                + Codegen.TEMPLATES + ", not the generated file, then regenerate: " + Codegen.COMMAND + "):\n  "
                + String.join("\n  ", stale));
    }

    @Test
    void everyFileWithTheGeneratedHeaderHasATemplate() throws IOException {
        Map<Path, String> generated = Codegen.generateAll(MODULE);
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MODULE.resolve(Codegen.SOURCES))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).startsWith(Codegen.HEADER_START) && !generated.containsKey(f)) {
                    orphans.add(MODULE.relativize(f).toString());
                }
            }
        }
        assertTrue(orphans.isEmpty(), "generated files whose template is gone (delete them, or restore the "
                + "template): " + orphans);
    }

    @Test
    void placeholdersTakeEachDtypesValues() {
        String t = "$type$ $Type$ $Boxtype$ $DT$ $X$ $Vector$ $bitstype$ $Bitstype$ 1$x$ $cast$y\n";
        assertEquals("float Float Float F32 F FloatVector int Int 1f (float) y\n", Codegen.expand("t", t, F32));
        assertEquals("double Double Double F64 D DoubleVector long Long 1d y\n", Codegen.expand("t", t, F64));
    }

    @Test
    void conditionalBlocksKeepTheLinesOfTheirDtypeAndNest() {
        String t = """
                a
                  #if[F32]
                b
                #if[F64]
                never
                #else[F64]
                c
                #end[F64]
                  #else[F32]
                d
                #end[F32]
                e
                """;
        assertEquals("a\nb\nc\ne\n", Codegen.expand("t", t, F32));
        assertEquals("a\nd\ne\n", Codegen.expand("t", t, F64));
    }

    @Test
    void aDtypesLineChoosesTheRowsAndKindsSelectBlocks() {
        String t = """
                #dtypes[F64 I64 I32]
                $type$ $Type$ $Boxtype$ $DT$ 1$x$ $cast$y
                #if[float]
                fp
                #else[float]
                #if[I32]
                narrow
                #end[I32]
                int
                #end[float]
                """;
        assertEquals(List.of("F64", "I64", "I32"), Codegen.dtypesOf("t", t).stream().map(Codegen.DType::name)
                .toList());
        Codegen.DType i64 = Codegen.DTYPES.get(2);
        Codegen.DType i32 = Codegen.DTYPES.get(3);
        assertEquals("double Double Double F64 1d y\nfp\n", Codegen.expand("t", t, F64));
        assertEquals("long Long Long I64 1L (long) y\nint\n", Codegen.expand("t", t, i64));
        assertEquals("int Int Integer I32 1 (int) y\nnarrow\nint\n", Codegen.expand("t", t, i32));
        assertEquals(Codegen.DEFAULT_DTYPES, Codegen.dtypesOf("t", "package a;\n"));
        assertEquals(List.of("F32", "F64"), Codegen.DEFAULT_DTYPES.stream().map(Codegen.DType::name).toList());
        assertMessage("t: the template is for [F64, I64, I32], not F32", t);
        assertMessage("t:1: #dtypes[F32 F16]: F16 is not a dtype", "#dtypes[F32 F16]\n");
        assertMessage("t:1: #dtypes[F32 F32] lists F32 twice", "#dtypes[F32 F32]\n");
        assertMessage("t:2: #dtypes[...] must be the template's first line", "x\n#dtypes[F32]\n");
        assertMessage("t:1: #if[complex]: not a dtype or kind", "#if[complex]\n#end[complex]\n");
    }

    @Test
    void emitInsertsTheEmittersCodeForTheDtype() {
        String out = Codegen.expand("t", "    void kernel() {\n        switch (shape) {\n#emit[gemmKernelCases]\n",
                F64);
        assertTrue(out.contains("            case 62 -> k6x2(kc, ap, ao, bp, bo, tile);\n"), out);
        String kernels = Codegen.expand("t", "#emit[gemmMicroKernels]\n", F64);
        assertTrue(kernels.contains("static void r8x3(int kc, double[] a,"), kernels);
        assertFalse(kernels.contains("float"), "F64 kernels mention float");
    }

    @Test
    void badTemplatesAreRefusedNamingTheLine() {
        assertMessage("t:2: unknown placeholder $Typo$", "ok\nint $Typo$;\n");
        assertMessage("t:1: #if[F16]: not a dtype", "#if[F16]\n#end[F16]\n");
        assertMessage("t:2: #if[F32] has no #end[F32]", "x\n#if[F32]\ny\n");
        assertMessage("t:3: #end[F64] closes no open #if[F64] (the innermost open block is #if[F32] of line 1)",
                "#if[F32]\nx\n#end[F64]\n");
        assertMessage("t:1: #else[F32] closes no open #if[F32]", "#else[F32]\n");
        assertMessage("t:3: a second #else[F32]", "#if[F32]\n#else[F32]\n#else[F32]\n#end[F32]\n");
        assertMessage("t:1: not a directive: '#iff[F32]'", "#iff[F32]\n");
        assertMessage("t:1: no emitter 'nothing'", "#emit[nothing]\n");
    }

    @Test
    void outputNamesReplaceTheX() {
        assertEquals("org/a/GemmF64.java", Codegen.outputName("org/a/Gemm-X.java.template", F64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codegen.outputName("org/a/Gemm.java.template", F32));
        assertTrue(e.getMessage().contains("ends in -X"), e.getMessage());
    }

    private static void assertMessage(String start, String template) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codegen.expand("t", template, F32));
        assertTrue(e.getMessage().startsWith(start), "message: " + e.getMessage() + "\nexpected start: " + start);
    }
}
