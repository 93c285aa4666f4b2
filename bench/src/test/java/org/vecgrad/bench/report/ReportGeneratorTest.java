package org.vecgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.bench.elementwise.Json;

/**
 * Feeds the generator a tiny committed fixture ({@code src/test/resources/report-fixture}: a machine.json and a few
 * JMH JSON rows) and checks the Markdown tables against values computed here from the fixture's own numbers.
 */
class ReportGeneratorTest {
    @TempDir
    static Path dir;
    static String md;
    static String headline;

    @BeforeAll
    static void generate() throws IOException, URISyntaxException {
        Path fixture = Path.of(ReportGeneratorTest.class.getResource("/report-fixture/machine.json").toURI())
                .getParent();
        Files.createDirectories(dir.resolve("results"));
        Files.copy(fixture.resolve("machine.json"), dir.resolve("machine.json"));
        try (var files = Files.list(fixture.resolve("results"))) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve("results").resolve(p.getFileName()));
            }
        }
        headline = ReportGenerator.generate(dir);
        md = Files.readString(dir.resolve("README.md"));
    }

    // ------------------------------------------------------------------ fixture access (independent of Results)

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtureRow(String file, String benchmarkSuffix, Map<String, String> params,
                                          int threads, String jvmFlag) throws IOException {
        String text;
        try (InputStream in = ReportGeneratorTest.class.getResourceAsStream("/report-fixture/results/" + file)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (Object o : (List<Object>) Json.parse(text)) {
            Map<String, Object> r = (Map<String, Object>) o;
            Map<String, Object> p = r.get("params") == null ? Map.of() : (Map<String, Object>) r.get("params");
            List<Object> jvm = (List<Object>) r.get("jvmArgs");
            boolean flagOk = jvmFlag == null ? jvm.stream().noneMatch(a -> a.toString().startsWith("-Dvecgrad."))
                    : jvm.contains(jvmFlag);
            if (((String) r.get("benchmark")).endsWith(benchmarkSuffix) && p.equals(params)
                    && ((Double) r.get("threads")).intValue() == threads && flagOk) {
                return r;
            }
        }
        throw new AssertionError("fixture row " + benchmarkSuffix + " " + params + " not found in " + file);
    }

    @SuppressWarnings("unchecked")
    static double score(Map<String, Object> row) {
        return (Double) ((Map<String, Object>) row.get("primaryMetric")).get("score");
    }

    @SuppressWarnings("unchecked")
    static double secondary(Map<String, Object> row, String name) {
        return (Double) ((Map<String, Object>) ((Map<String, Object>) row.get("secondaryMetrics")).get(name))
                .get("score");
    }

    static Map<String, String> gemmParams(String impl, String dtype, int n, int threads) {
        return Map.of("shape", n + "x" + n + "x" + n + ":nn", "impl", impl, "dtype", dtype,
                "threads", Integer.toString(threads));
    }

    /** GFLOP/s of a fixture GEMM row: 2n³ / (µs · 1e-6) / 1e9. */
    static double gemmGflops(String file, String impl, String dtype, int n, int threads, String flag)
            throws IOException {
        return 2.0 * n * n * n / (score(fixtureRow(file, "GemmBench.gemm", gemmParams(impl, dtype, n, threads), 1,
                flag)) * 1e-6) / 1e9;
    }

    static double fmaPeak(String method, int threads, String flag) throws IOException {
        return secondary(fixtureRow(flag == null ? "fma.json" : "width.json", "FmaPeakBench." + method, Map.of(),
                threads, flag), "flop") / 1e9;
    }

    /** The native C loop's GFLOP/s in the fixture's results/native-fma.txt (RunSuite's format). */
    @SuppressWarnings("unchecked")
    static double nativePeak(String dtype, int threads) throws IOException {
        String text;
        try (InputStream in = ReportGeneratorTest.class.getResourceAsStream("/report-fixture/results/"
                + ReportGenerator.NATIVE_FMA_FILE)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (Object o : (List<Object>) ((Map<String, Object>) Json.parse(text)).get("runs")) {
            Map<String, Object> r = (Map<String, Object>) o;
            if (((Double) r.get("threads")).intValue() == threads) {
                return (Double) r.get(dtype);
            }
        }
        throw new AssertionError("no native run with " + threads + " threads in the fixture");
    }

    /** A copy of the fixture in {@code tmp}, with results/native-fma.txt replaced by {@code nativeFma} (or deleted). */
    static Path fixtureCopy(Path tmp, String nativeFma) throws IOException, URISyntaxException {
        Path fixture = Path.of(ReportGeneratorTest.class.getResource("/report-fixture/machine.json").toURI())
                .getParent();
        Files.createDirectories(tmp.resolve("results"));
        Files.copy(fixture.resolve("machine.json"), tmp.resolve("machine.json"));
        try (var files = Files.list(fixture.resolve("results"))) {
            for (Path p : files.toList()) {
                Files.copy(p, tmp.resolve("results").resolve(p.getFileName()));
            }
        }
        Path nf = tmp.resolve("results").resolve(ReportGenerator.NATIVE_FMA_FILE);
        if (nativeFma == null) {
            Files.delete(nf);
        } else {
            Files.writeString(nf, nativeFma);
        }
        return tmp;
    }

    // ------------------------------------------------------------------------------ Markdown table access

    /** The section of the report from a heading to the next heading of the same level. */
    static String section(String heading) {
        int i = md.indexOf("\n" + heading + "\n");
        assertTrue(i >= 0, "no section " + heading + " in\n" + md);
        int j = md.indexOf("\n## ", i + heading.length() + 2);
        return md.substring(i, j < 0 ? md.length() : j);
    }

    /** Cells of the first table row of {@code text} whose leading cells are {@code key}. */
    static String[] row(String text, String... key) {
        for (String line : text.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                    .toArray(String[]::new);
            if (cells.length >= key.length && Arrays.equals(Arrays.copyOf(cells, key.length), key)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + Arrays.toString(key) + " in\n" + text);
    }

    static double cell(String[] cells, int i) {
        String s = cells[i].replace("%", "").replace("GFLOP/s", "").replace("GB/s", "").replace("samples/s", "")
                .strip();
        return Double.parseDouble(s);
    }

    /** Cells are printed with {@code decimals}: the parsed value must match to half a unit of the last digit. */
    static void assertPrinted(double expected, double printed, int decimals, String what) {
        assertEquals(expected, printed, 0.5 * Math.pow(10, -decimals) + 1e-9, what);
    }

    // ------------------------------------------------------------------------------------------------- tests

    @Test
    void gemmTableComputesGflopsPeakShareAndRatioToOpenBlas() throws IOException {
        String f32 = section("## GEMM F32");
        double simd = gemmGflops("gemm.json", "simd", "F32", 1024, 1, null);
        double ob = gemmGflops("gemm.json", "openblas", "F32", 1024, 1, null);
        double peak = nativePeak("F32", 1); // the fixture has the native ceiling: % of peak divides by it
        assertTrue(row(f32, "size")[6].equals("% of native peak"), "the column says which peak");
        String[] r = row(f32, "1024", "1", "simd");
        assertPrinted(simd, cell(r, 3), 1, "GFLOP/s");
        assertPrinted(100 * simd / peak, cell(r, 6), 0, "% of peak");
        assertPrinted(simd / ob, cell(r, 7), 2, "x OpenBLAS");
        Map<String, Object> fx = fixtureRow("gemm.json", "GemmBench.gemm", gemmParams("simd", "F32", 1024, 1), 1, null);
        double cpu = 2.0 * 1024 * 1024 * 1024 / (secondary(fx, "cpuNanos") / secondary(fx, "calls"));
        assertPrinted(cpu, cell(r, 5), 1, "CPU-time GFLOP/s");
        String[] o = row(f32, "1024", "1", "openblas");
        assertPrinted(ob, cell(o, 3), 1, "OpenBLAS GFLOP/s");
        assertEquals("—", o[7], "OpenBLAS has no ratio to itself");
    }

    @Test
    void allThreadsRowsUseTheAllThreadsPeak() throws IOException {
        String f32 = section("## GEMM F32");
        double simd = gemmGflops("gemm.json", "simd", "F32", 1024, 0, null);
        double ob = gemmGflops("gemm.json", "openblas", "F32", 1024, 0, null);
        String[] r = row(f32, "1024", "2", "simd"); // threads = 0 means all processors: 2 in the fixture
        assertPrinted(simd, cell(r, 3), 1, "GFLOP/s");
        assertPrinted(100 * simd / nativePeak("F32", 2), cell(r, 6), 0, "% of the 2-thread native peak");
        assertPrinted(simd / ob, cell(r, 7), 2, "x OpenBLAS");
    }

    @Test
    void missingOpenBlasIsReportedInItsRowNotAFailure() throws IOException {
        String f64 = section("## GEMM F64");
        double simd = gemmGflops("gemm.json", "simd", "F64", 1024, 1, null);
        String[] r = row(f64, "1024", "1", "simd");
        assertPrinted(simd, cell(r, 3), 1, "GFLOP/s");
        assertPrinted(100 * simd / nativePeak("F64", 1), cell(r, 6), 0, "% of the native F64 peak");
        assertEquals("—", r[7]);
        assertTrue(row(f64, "—", "—", "openblas")[3].startsWith("not measured"));
        assertTrue(section("## Not measured or missing").contains("OpenBLAS GEMM F64"));
    }

    @Test
    void headlineHasGemmRatioPeakShareActivationsAndTraining() throws IOException {
        double simd = gemmGflops("gemm.json", "simd", "F32", 1024, 1, null);
        double ob = gemmGflops("gemm.json", "openblas", "F32", 1024, 1, null);
        String[] g = row(headline, "GEMM F32 1024³, 1 thread");
        assertPrinted(simd / ob, cell(g, 3), 2, "headline ratio");
        assertPrinted(100 * simd / nativePeak("F32", 1), Double.parseDouble(g[4].split("%")[0]), 0,
                "headline % of peak");
        assertTrue(g[4].endsWith("of native FMA peak"), g[4]);
        double gelu = secondary(fixtureRow("elementwise.json", "UnaryBench.unary",
                Map.of("op", "gelu", "path", "simd", "size", "16777216"), 1, null), "bytes") / 1e9;
        double copy = Math.max(
                secondary(fixtureRow("elementwise.json", "CopyBench.arraycopy", Map.of("size", "16777216"), 1, null),
                        "bytes"),
                secondary(fixtureRow("elementwise.json", "CopyBench.loop", Map.of("size", "16777216"), 1, null),
                        "bytes")) / 1e9;
        assertPrinted(gelu / copy, cell(row(headline, "gelu 16 Mi, 1 thread"), 3), 2, "gelu x copy");
        double samples = score(fixtureRow("train.json", "TrainStepBench.step", Map.of("threads", "1"), 1, null));
        String[] t = row(headline, "MLP training step, 1 thread");
        assertPrinted(samples, Double.parseDouble(t[1].split(" ")[0]), 0, "samples/s");
        assertTrue(t[2].contains("not available"), "PyTorch is missing in the fixture: " + t[2]);
        assertEquals(headline.substring(headline.indexOf("\n|")).strip(), section("## Headline").strip()
                .substring("## Headline".length()).strip(), "the printed table is the README's");
    }

    @Test
    void elementwiseTableComputesCopyAndScalarRatios() throws IOException {
        String ew = section("## Elementwise");
        for (String op : List.of("gelu", "relu")) {
            double simd = secondary(fixtureRow("elementwise.json", "UnaryBench.unary",
                    Map.of("op", op, "path", "simd", "size", "16777216"), 1, null), "bytes") / 1e9;
            double scalar = secondary(fixtureRow("elementwise.json", "UnaryBench.unary",
                    Map.of("op", op, "path", "scalar", "size", "16777216"), 1, null), "bytes") / 1e9;
            double copy = secondary(fixtureRow("elementwise.json", "CopyBench.arraycopy", Map.of("size", "16777216"),
                    1, null), "bytes") / 1e9; // the faster copy in the fixture
            String[] r = row(ew, op, "16 Mi");
            assertPrinted(simd, cell(r, 2), 2, op + " GB/s");
            assertPrinted(scalar, cell(r, 3), 2, op + " scalar GB/s");
            assertPrinted(copy, cell(r, 4), 2, "copy GB/s");
            assertPrinted(simd / copy, cell(r, 5), 2, op + " x copy");
            assertPrinted(simd / scalar, cell(r, 6), 1, op + " SIMD/scalar");
        }
    }

    @Test
    void widthAndMicrokernelStudiesKeepFlaggedRunsApart() throws IOException {
        String w = section("## Vector width");
        String[] g = row(w, "GEMM F32 256³ GFLOP/s");
        // columns: kernel, scalar, 128-bit, 256-bit, default species
        assertPrinted(gemmGflops("gemm.json", "scalar", "F32", 256, 1, null), cell(g, 1), 1, "scalar");
        assertPrinted(gemmGflops("width.json", "simd", "F32", 256, 1, "-Dvecgrad.vectorBits=128"), cell(g, 2), 1,
                "128-bit");
        assertPrinted(gemmGflops("width.json", "simd", "F32", 256, 1, "-Dvecgrad.vectorBits=256"), cell(g, 3), 1,
                "256-bit");
        assertPrinted(gemmGflops("gemm.json", "simd", "F32", 256, 1, null), cell(g, 4), 1, "default");
        assertPrinted(fmaPeak("f32", 1, "-Dvecgrad.vectorBits=128"), cell(row(w, "FMA peak F32 GFLOP/s"), 2), 1,
                "128-bit FMA peak");

        String mk = section("## GEMM micro-kernel shape and KC");
        // relative to the study's own run without flags, not to the main table's (another fork, other noise)
        double dflt = gemmGflops("width.json", "simd", "F32", 1024, 1, Suite.STUDY_DEFAULT);
        assertPrinted(dflt, cell(row(mk, "(none: engine default)", "1024", "F32"), 3), 1, "study default");
        double mr6 = gemmGflops("width.json", "simd", "F32", 1024, 1, "-Dvecgrad.gemm.mr=6");
        String[] r = row(mk, "gemm.mr=6 gemm.nrVectors=2", "1024", "F32");
        assertPrinted(mr6, cell(r, 3), 1, "6x2 GFLOP/s");
        assertPrinted(mr6 / dflt, cell(r, 5), 2, "x default");
        double kc = gemmGflops("width.json", "simd", "F32", 1024, 1, "-Dvecgrad.gemm.kc=128");
        assertPrinted(kc / dflt, cell(row(mk, "gemm.kc=128", "1024", "F32"), 5), 2, "kc=128 x default");
        // flagged runs never leak into the main GEMM table: exactly one 256 and one 1024 simd row there
        String f32 = section("## GEMM F32");
        assertEquals(1, f32.lines().filter(l -> l.startsWith("| 256 | 1 | simd |")).count());
        assertEquals(1, f32.lines().filter(l -> l.startsWith("| 1024 | 1 | simd |")).count());
    }

    @Test
    void trainingTableComputesTensorOverhead() throws IOException {
        String t = section("## Training and autodiff");
        double tensor = score(fixtureRow("train.json", "MlpOverheadBench.tensor", Map.of("threads", "1"), 1, null));
        double engine = score(fixtureRow("train.json", "MlpOverheadBench.engine", Map.of("threads", "1"), 1, null));
        String[] r = row(t, "MLP Tensor overhead over hand-written engine code");
        assertPrinted(100 * (tensor / engine - 1), cell(r, 1), 1, "overhead %");
        double perOp = score(fixtureRow("train.json", "AutodiffOverheadBench.forwardBackwardPerOp", Map.of(), 1,
                null));
        assertPrinted(perOp, Double.parseDouble(row(t, "AutodiffOverheadBench.forwardBackwardPerOp")[1]
                .split(" ")[0]), 0, "ns per op");
    }

    /** A paired MlpOverheadBench row (both versions timed in every call) is preferred for the overhead. */
    @Test
    void pairedMlpRowGivesTheOverhead(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException,
            URISyntaxException {
        Path fixture = Path.of(ReportGeneratorTest.class.getResource("/report-fixture/machine.json").toURI())
                .getParent();
        Files.createDirectories(tmp.resolve("results"));
        Files.copy(fixture.resolve("machine.json"), tmp.resolve("machine.json"));
        double tensorWall = 3.3e9;
        double engineWall = 3.1e9;
        double tensorCpu = 3.25e9;
        double engineCpu = 3.0e9;
        double pairs = 1000;
        Files.writeString(tmp.resolve("results").resolve("mlp.json"), """
                [{"benchmark": "org.vecgrad.bench.autodiff.MlpOverheadBench.paired", "mode": "avgt", "threads": 1,
                  "forks": 1, "jvmArgs": [],
                  "primaryMetric": {"score": 6400.0, "scoreError": 10.0, "scoreUnit": "us/op"},
                  "secondaryMetrics": {
                    "tensorWallNs": {"score": %s, "scoreError": 0}, "engineWallNs": {"score": %s, "scoreError": 0},
                    "tensorCpuNs": {"score": %s, "scoreError": 0}, "engineCpuNs": {"score": %s, "scoreError": 0},
                    "pairs": {"score": %s, "scoreError": 0}}}]
                """.formatted(tensorWall, engineWall, tensorCpu, engineCpu, pairs));
        ReportGenerator.generate(tmp);
        String report = Files.readString(tmp.resolve("README.md"));
        String t = report.substring(report.indexOf("## Training and autodiff"));
        String[] r = row(t, "MLP Tensor overhead over hand-written engine code (`paired`: wall / thread CPU)");
        String[] both = r[1].replace("%", "").split(" / ");
        assertEquals(100 * (tensorWall / engineWall - 1), Double.parseDouble(both[0]), 0.05, "wall overhead %");
        assertEquals(100 * (tensorCpu / engineCpu - 1), Double.parseDouble(both[1]), 0.05, "CPU overhead %");
        assertTrue(report.contains(String.format("%.0f µs", tensorWall / pairs / 1e3)), "tensor µs per call");
    }

    @Test
    void ceilingsShowJavaAndNativeFmaPeakAndTheirRatio() throws IOException {
        String c = section("## Ceilings");
        for (String dt : List.of("F32", "F64")) {
            double jv = fmaPeak(dt.toLowerCase(java.util.Locale.ROOT), 1, null);
            double nat = nativePeak(dt, 1);
            String[] r = row(c, "FMA peak " + dt, "1");
            assertPrinted(jv, cell(r, 2), 1, dt + " Java");
            assertPrinted(nat, cell(r, 3), 1, dt + " native");
            assertPrinted(100 * jv / nat, cell(r, 4), 0, dt + " Java / native");
            assertTrue(r[5].startsWith("native "), "the native figure is the one used: " + r[5]);
            assertTrue(c.contains(String.format(java.util.Locale.ROOT, "FMA peak %s: Java %.1f, native C %.1f GFLOP/s "
                    + "(Java = %.0f%% of native)", dt, jv, nat, 100 * jv / nat)), "the one-thread summary line");
        }
        // 2 threads: F32 has both; F64 has only the native run (no Java row in the fixture)
        String[] f32 = row(c, "FMA peak F32", "2");
        assertPrinted(100 * fmaPeak("f32", 2, null) / nativePeak("F32", 2), cell(f32, 4), 0, "2-thread ratio");
        String[] f64 = row(c, "FMA peak F64", "2");
        assertEquals("not measured", f64[2]);
        assertPrinted(nativePeak("F64", 2), cell(f64, 3), 1, "2-thread native F64");
        assertTrue(c.contains("gcc (Fixture) 12.2.0"), "the compiler is named");
        assertFalse(section("## Not measured or missing").contains("native FMA ceiling"));
        // the micro-kernel study divides by the same native peak
        String mk = section("## GEMM micro-kernel shape and KC");
        double dflt = gemmGflops("width.json", "simd", "F32", 1024, 1, Suite.STUDY_DEFAULT);
        assertPrinted(100 * dflt / nativePeak("F32", 1), cell(row(mk, "(none: engine default)", "1024", "F32"), 4),
                0, "study % of native peak");
    }

    /** Without a compiler the report falls back to the Java peak, says so, and still renders every table. */
    @Test
    void gccAbsentFallsBackToTheJavaPeakWithANote(@TempDir Path tmp) throws IOException, URISyntaxException {
        String why = "gcc absent (Cannot run program \\\"gcc\\\": error=2, No such file or directory)";
        fixtureCopy(tmp, "{\"unavailable\": \"" + why + "\"}");
        String head = ReportGenerator.generate(tmp);
        String report = Files.readString(tmp.resolve("README.md"));
        String reason = "gcc absent (Cannot run program \"gcc\": error=2, No such file or directory)";
        String f32 = report.substring(report.indexOf("## GEMM F32"), report.indexOf("## GEMM F64"));
        double simd = gemmGflops("gemm.json", "simd", "F32", 1024, 1, null);
        assertEquals("% of Java peak", row(f32, "size")[6]);
        assertPrinted(100 * simd / fmaPeak("f32", 1, null), cell(row(f32, "1024", "1", "simd"), 6), 0,
                "% of the Java peak");
        assertTrue(f32.contains("native ceiling not measured: " + reason), "the note names the reason");
        String c = report.substring(report.indexOf("## Ceilings"), report.indexOf("## GEMM F32"));
        String[] r = row(c, "FMA peak F32", "1");
        assertEquals("not measured: " + reason, r[3]);
        assertEquals("—", r[4]);
        assertTrue(r[5].startsWith("Java "), r[5]);
        assertTrue(report.substring(report.indexOf("## Not measured or missing"))
                .contains("native FMA ceiling: " + reason));
        assertTrue(row(head, "GEMM F32 1024³, 1 thread")[4].endsWith("of Java FMA peak"));
    }

    /** A report directory from before the native ceiling (no native-fma.txt) still renders, on the Java peak. */
    @Test
    void noNativeResultFileFallsBackToo(@TempDir Path tmp) throws IOException, URISyntaxException {
        fixtureCopy(tmp, null);
        ReportGenerator.generate(tmp);
        String report = Files.readString(tmp.resolve("README.md"));
        String f64 = report.substring(report.indexOf("## GEMM F64"));
        assertPrinted(100 * gemmGflops("gemm.json", "simd", "F64", 1024, 1, null) / fmaPeak("f64", 1, null),
                cell(row(f64, "1024", "1", "simd"), 6), 0, "% of the Java F64 peak");
        assertTrue(report.contains("native FMA ceiling: no results/" + ReportGenerator.NATIVE_FMA_FILE));
    }

    /**
     * A run that was quiet at its start and end but busy in between (the highest load sampled before each JMH run
     * exceeds the processor count) is flagged as loaded; before this, only before/after were compared.
     */
    @Test
    void aBusyMiddleFlagsTheReportAsLoaded(@TempDir Path tmp) throws IOException, URISyntaxException {
        fixtureCopy(tmp, null);
        Path m = tmp.resolve("machine.json");
        String json = Files.readString(m);
        int cpus = ((Number) ((java.util.Map<?, ?>) Jsons.read(json)).get("allThreads")).intValue();
        double busy = cpus + 3.5;
        Files.writeString(m, json.replaceFirst("\\{", "{\n \"loadAverageMax\": " + busy + ","));
        ReportGenerator.generate(tmp);
        String report = Files.readString(tmp.resolve("README.md"));
        assertTrue(report.contains("LOADED MACHINE"), "highest load " + busy + " on " + cpus + " processors");
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "highest %.1f", busy)));
        assertTrue(md.contains("highest not sampled"), "the fixture predates the sampling");
    }

    /**
     * With the CPU other processes took measured per run, that decides, not the load average: a 2-thread run on 2
     * processors reads a load of about 2 by itself (this flagged a quiet report as loaded), while a busy neighbour
     * shows up as CPU taken by others whatever the load.
     */
    @Test
    void cpuTakenByOtherProcessesDecidesWhenMeasured(@TempDir Path tmp) throws IOException, URISyntaxException {
        fixtureCopy(tmp, null);
        Path m = tmp.resolve("machine.json");
        String json = Files.readString(m);
        int cpus = ((Number) ((java.util.Map<?, ?>) Jsons.read(json)).get("allThreads")).intValue();
        Files.writeString(m, json.replaceFirst("\\{", "{\n \"loadAverageMax\": " + (cpus + 0.1)
                + ",\n \"otherCpuByRun\": {\"gemm-fast-all\": 0.01, \"fma-1t\": 0.04},"));
        ReportGenerator.generate(tmp);
        String quiet = Files.readString(tmp.resolve("README.md"));
        assertFalse(quiet.contains("LOADED MACHINE"), "own threads' load, others took 0.04 processors");
        assertTrue(quiet.contains("other processes took at most 0.04 processors during a JMH run (run fma-1t)"));

        Files.writeString(m, json.replaceFirst("\\{", "{\n \"loadAverageMax\": 0.5,"
                + "\n \"otherCpuByRun\": {\"gemm-peers-1t\": 0.8, \"copy\": 0.1},"));
        ReportGenerator.generate(tmp);
        String busy = Files.readString(tmp.resolve("README.md"));
        assertTrue(busy.contains("LOADED MACHINE"), "others took 0.8 processors although the load read 0.5");
        assertTrue(busy.contains("at most 0.80 processors during a JMH run (run gemm-peers-1t)"));
    }

    @Test
    void cpuTicksAreReadOnLinux() {
        long[] t = MachineProbe.cpuTicks();
        Assumptions.assumeTrue(t != null, "no /proc here");
        assertTrue(t[0] > 0 && t[1] > 0 && t[1] <= t[0] + 1000, java.util.Arrays.toString(t));
    }

    @Test
    void machineSectionComesFirstAndPngsAreWritten() throws IOException {
        assertTrue(md.indexOf("## Machine") < md.indexOf("## Ceilings"));
        assertTrue(md.indexOf("## Ceilings") < md.indexOf("## GEMM F32"));
        assertTrue(row(section("## Machine"), "OpenBLAS")[1].contains("Zen"));
        assertFalse(md.contains("LOADED MACHINE"), "the fixture's load average is below its processor count");
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
        for (String png : List.of("gemm-F32.png", "gemm-F64.png", "width.png", "elementwise.png")) {
            Path p = dir.resolve(png);
            assertTrue(Files.size(p) > 1000, png + " is written");
            assertArrayEquals(magic, Arrays.copyOf(Files.readAllBytes(p), 4), png + " is a PNG");
            assertTrue(md.contains("](" + png + ")"), "the report links " + png);
        }
    }
}
