package org.vecgrad.bench.report;

import org.vecgrad.engine.kernel.gemm.SimdGemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vecgrad.bench.report.Results.Row;

/**
 * Turns a report directory ({@code machine.json} + {@code results/*.json} from JMH) into {@code README.md} and PNG
 * charts. Every figure is computed here from the JMH scores:
 * <ul>
 *   <li>GEMM GFLOP/s = 2·M·N·K / (seconds per call) / 1e9, from GemmBench's average time; "CPU" GFLOP/s uses the
 *       benchmark thread's CPU time per call instead ({@code cpuNanos / calls}, 1 thread only: immune to being
 *       descheduled on a shared machine);</li>
 *   <li>% of peak = GFLOP/s / the FMA peak of the same dtype and thread count: the native C loop's
 *       ({@code bench/native/fma_peak.c}, compiled and run by RunSuite into {@code results/native-fma.txt}) when it
 *       was measured, else the Java FmaPeakBench's {@code flop} metric (the sum over its JMH threads), and the
 *       column header and a note say which; × OpenBLAS = GFLOP/s / OpenBLAS's GFLOP/s at the same shape, dtype and
 *       threads;</li>
 *   <li>elementwise GB/s = the {@code bytes} metric / 1e9; × copy = GB/s / the faster CopyBench method at the same
 *       size and threads;</li>
 *   <li>training samples/s = TrainStepBench.step's ops/s (one op = one sample); autodiff ns per op as scored.</li>
 * </ul>
 * Rows whose fork ran with {@code -Dvecgrad.*} study flags are kept apart (width, micro-kernel, KC tables).
 *
 * <p>Usage: {@code ReportGenerator DIR} (writes DIR/README.md and DIR/*.png, prints the headline table).
 */
public final class ReportGenerator {
    /** Processors' worth of CPU other processes may take during a JMH run before the report calls itself loaded. */
    static final double OTHER_CPU_LOADED = 0.25;

    /** PyTorch's reference figures (JSON written by RunSuite from bench/pytorch/*.py) in the results directory. */
    public static final String PYTORCH_FILE = "pytorch.txt";
    /** The native FMA ceiling (JSON written by RunSuite from bench/native/fma_peak.c) in the results directory. */
    public static final String NATIVE_FMA_FILE = "native-fma.txt";
    /** PyTorch's conv and pooling/normalization figures (JSON written by RunSuite) in the results directory. */
    public static final String PYTORCH_CONV_FILE = "pytorch-conv.txt";
    static final List<String> IMPLS = List.of("simd", "scalar", "naive", "ejml", "openblas");
    static final List<String> ACTIVATIONS = List.of("relu", "sigmoid", "tanh", "gelu", "exp", "add");

    private final Map<String, Object> machine;
    private final Results results;
    private final Map<String, Object> pytorch;
    private final Map<String, Object> nativeFma;
    private Map<String, Object> pytorchConv;
    private final Path dir;
    private final List<String> missing = new ArrayList<>();
    private final List<String> headline = new ArrayList<>();
    private final List<String> plots = new ArrayList<>();

    private ReportGenerator(Path dir, Map<String, Object> machine, Results results, Map<String, Object> pytorch,
                            Map<String, Object> nativeFma) {
        this.dir = dir;
        this.machine = machine;
        this.results = results;
        this.pytorch = pytorch;
        this.nativeFma = nativeFma;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReportGenerator DIR   (DIR holds machine.json and results/*.json)");
            System.exit(2);
        }
        System.out.println(generate(Path.of(args[0])));
    }

    /** Writes DIR/README.md and the charts; returns the headline table (Markdown). */
    @SuppressWarnings("unchecked")
    public static String generate(Path dir) throws IOException {
        Path mj = dir.resolve("machine.json");
        Map<String, Object> machine = Files.exists(mj)
                ? (Map<String, Object>) Jsons.read(Files.readString(mj)) : new LinkedHashMap<>();
        Path pt = dir.resolve("results").resolve(PYTORCH_FILE);
        Map<String, Object> pytorch = Files.exists(pt)
                ? (Map<String, Object>) Jsons.read(Files.readString(pt)) : null;
        Path nf = dir.resolve("results").resolve(NATIVE_FMA_FILE);
        Map<String, Object> nativeFma = Files.exists(nf)
                ? (Map<String, Object>) Jsons.read(Files.readString(nf)) : null;
        ReportGenerator g = new ReportGenerator(dir, machine, Results.readDir(dir.resolve("results")), pytorch,
                nativeFma);
        Path pc = dir.resolve("results").resolve(PYTORCH_CONV_FILE);
        g.pytorchConv = Files.exists(pc) ? (Map<String, Object>) Jsons.read(Files.readString(pc)) : null;
        String md = g.render();
        Files.writeString(dir.resolve("README.md"), md);
        return "## Headline (" + g.m("mode") + " mode, " + g.m("date") + ")\n\n" + String.join("\n", g.headline)
                + "\n";
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private String m(String key) {
        Object v = machine.get(key);
        if (v == null) {
            return "?";
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v.toString();
    }

    private int allThreads() {
        Object v = machine.get("allThreads");
        if (v == null) {
            v = machine.get("processors");
        }
        return v instanceof Number n ? n.intValue() : Runtime.getRuntime().availableProcessors();
    }

    static String f(double v, String fmt) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, fmt, v);
    }

    /** GFLOP/s: one decimal, three below 1 (fallback and naive paths). */
    static String gf(double v) {
        return f(v, Math.abs(v) < 1 ? "%.3f" : "%.1f");
    }

    /** GB/s: two decimals, three below 0.1 (the fallback species). */
    static String gbs(double v) {
        return f(v, Math.abs(v) < 0.1 ? "%.3f" : "%.2f");
    }

    /** JMH's 99.9% error as a percentage of the score. */
    static String relErr(Row r) {
        return f(100 * r.error() / r.score(), "%.0f%%");
    }

    /** The tile and blocking of one dtype from {@code SimdGemm.describe()} ("F32 4x16 mc=.. kc=.. nc=.. (L1 ..)"). */
    static String tile(String describe, String dtype) {
        java.util.regex.Matcher mt = java.util.regex.Pattern.compile(dtype + " (\\S+ mc=\\d+ kc=\\d+ nc=\\d+)")
                .matcher(describe);
        return mt.find() ? mt.group(1) : describe;
    }

    /** A describe() line without the cache sizes, which every line repeats. */
    static String shortKernel(Object line) {
        return String.valueOf(line).replaceAll(" \\(L1 [^)]*\\)", "");
    }

    static String ratio(double v) {
        return f(v, "%.2f");
    }

    static String pct(double v) {
        return f(v, "%.0f%%");
    }

    /** 2·M·N·K of a GemmBench shape "MxNxK:tt". */
    static double gemmFlops(String shape) {
        String[] d = shape.split(":")[0].split("x");
        return 2.0 * Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]);
    }

    static String shapeLabel(String shape) {
        String[] mt = shape.split(":");
        String[] d = mt[0].split("x");
        if (d[0].equals(d[1]) && d[1].equals(d[2]) && (mt.length < 2 || mt[1].equals("nn"))) {
            return d[0];
        }
        return shape;
    }

    /** GFLOP/s of a GemmBench row (wall clock). */
    static double gemmGflops(Row r) {
        return gemmFlops(r.param("shape")) / r.secondsPerOp() / 1e9;
    }

    /** GFLOP/s over the benchmark thread's CPU time (1-thread rows with the Cpu counters), else NaN. */
    static double gemmCpuGflops(Row r) {
        double ns = r.secondary("cpuNanos");
        double calls = r.secondary("calls");
        if (!r.param("threads").equals("1") || Double.isNaN(ns) || !(calls > 0) || !(ns > 0)) {
            return Double.NaN;
        }
        return gemmFlops(r.param("shape")) / (ns / calls);
    }

    private int gemmThreads(Row r) {
        int t = Integer.parseInt(r.param("threads"));
        return t == 0 ? allThreads() : t;
    }

    private static boolean same(Map<String, String> a, Map<String, String> b) {
        return a.equals(b);
    }

    /** FMA peak GFLOP/s of a dtype with {@code threads} JMH threads (total), for forks with these properties. */
    double peak(String dtype, int threads, Map<String, String> props) {
        String method = dtype.toLowerCase(Locale.ROOT);
        Optional<Row> r = results.find(x -> x.cls().equals("FmaPeakBench") && x.method().equals(method)
                && x.threads() == threads && same(x.props(), props));
        if (r.isPresent()) {
            return r.get().secondary("flop") / 1e9;
        }
        if (threads > 1) { // no all-threads run: assume one peak per core
            Optional<Row> one = results.find(x -> x.cls().equals("FmaPeakBench") && x.method().equals(method)
                    && x.threads() == 1 && same(x.props(), props));
            return one.map(x -> threads * x.secondary("flop") / 1e9).orElse(Double.NaN);
        }
        return Double.NaN;
    }

    /**
     * GFLOP/s of the native FMA loop for a dtype with {@code threads} threads (total), NaN when not measured; with
     * only a 1-thread run, threads × that (one peak per core, as {@link #peak} assumes).
     */
    double nativePeak(String dtype, int threads) {
        if (nativeFma == null || !(nativeFma.get("runs") instanceof List<?> runs)) {
            return Double.NaN;
        }
        double one = Double.NaN;
        for (Object o : runs) {
            if (o instanceof Map<?, ?> r && r.get("threads") instanceof Number t) {
                double g = num(r.get(dtype));
                if (t.intValue() == threads && !Double.isNaN(g)) {
                    return g;
                }
                if (t.intValue() == 1) {
                    one = g;
                }
            }
        }
        return threads * one;
    }

    /** Why the native ceiling is missing ("gcc absent ..."), or null when it was measured. */
    String nativeMissing() {
        if (nativeFma == null) {
            return "no results/" + NATIVE_FMA_FILE + " (the ceilings section did not run with this version)";
        }
        if (nativeFma.get("unavailable") != null) {
            return String.valueOf(nativeFma.get("unavailable"));
        }
        return nativeFma.get("runs") instanceof List<?> l && !l.isEmpty() ? null : "its run printed no result";
    }

    /**
     * The FMA peak that "% of peak" divides by, for the engine's default configuration: the native C loop's at
     * this dtype and thread count when measured, else the Java FmaPeakBench's. {@code nativeC} says which.
     */
    record Peak(double gflops, boolean nativeC) {
        /** "85%", with "*" when the Java peak stood in although the native one exists elsewhere in the report. */
        String pctOf(double g, boolean nativeElsewhere) {
            return pct(100 * g / gflops) + (!nativeC && nativeElsewhere && !Double.isNaN(gflops) ? "*" : "");
        }
    }

    Peak peakUsed(String dtype, int threads) {
        double n = nativePeak(dtype, threads);
        return Double.isNaN(n) ? new Peak(peak(dtype, threads, Map.of()), false) : new Peak(n, true);
    }

    /** Header of the "% of peak" columns: which ceiling they use. */
    String peakHeader() {
        return nativeMissing() == null ? "% of native peak" : "% of Java peak";
    }

    /** The note under a table with a "% of peak" column. */
    String peakNote() {
        if (nativeMissing() == null) {
            return "% of native peak = GFLOP/s / the native C FMA loop's GFLOP/s (`bench/native/fma_peak.c`, "
                    + nativeFma.get("compiler") + ") at the same dtype and thread count; * = of the Java FmaPeakBench "
                    + "peak, where no native figure exists at that thread count.";
        }
        return "% of Java peak = GFLOP/s / the Java FmaPeakBench peak at the same dtype and thread count (native "
                + "ceiling not measured: " + nativeMissing() + ").";
    }

    private Optional<Row> gemm(String impl, String dtype, String shape, String threads, Map<String, String> props) {
        return results.find(r -> r.cls().equals("GemmBench") && r.param("impl").equals(impl)
                && r.param("dtype").equals(dtype) && r.param("shape").equals(shape)
                && r.param("threads").equals(threads) && same(r.props(), props));
    }

    /** Copy ceiling GB/s at a size and thread count: the faster CopyBench method. */
    double copy(String size, int threads) {
        double best = Double.NaN;
        for (Row r : results.where(x -> x.cls().equals("CopyBench") && x.param("size").equals(size)
                && x.threads() == threads && Results.defaults(x))) {
            double g = r.secondary("bytes") / 1e9;
            if (Double.isNaN(best) || g > best) {
                best = g;
            }
        }
        return best;
    }

    static String sizeLabel(String size) {
        long n = Long.parseLong(size);
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " Mi";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " Ki";
        }
        return size;
    }

    // -------------------------------------------------------------------------------------------------- render

    private String render() throws IOException {
        StringBuilder body = new StringBuilder();
        machineSection(body);
        ceilingSection(body);
        gemmSection(body, "F32");
        gemmSection(body, "F64");
        widthSection(body);
        microkernelSection(body);
        elementwiseSection(body);
        convSection(body);
        trainSection(body);

        StringBuilder out = new StringBuilder();
        out.append("# vecgrad performance report\n\n");
        String mode = m("mode");
        // the run's date stays in machine.json; the report states what was measured, not when (history is git log)
        out.append("Generated by `bench/report.sh ").append(mode.equals("?") ? "quick" : mode).append("` in ")
                .append(m("durationSeconds")).append(" s. ");
        double before = num(machine.get("loadAverage"));
        double after = num(machine.get("loadAverageAfter"));
        // the highest reading, sampled before every JMH run (older results have only before and after)
        double highest = Math.max(Math.max(before, after), machine.containsKey("loadAverageMax")
                ? num(machine.get("loadAverageMax")) : Double.NEGATIVE_INFINITY);
        int cpus = allThreads();
        out.append(String.format(Locale.ROOT, "Load average %s before, %s after, highest %s, on %d processors",
                f(before, "%.1f"), f(after, "%.1f"), machine.containsKey("loadAverageMax") ? f(highest, "%.1f")
                        : "not sampled", cpus));
        // Preferred: the CPU other processes took during the runs (RunSuite measures it per run); the load average
        // counts the benchmark's own threads too, so on 2 processors a 2-thread run alone reads about 2.
        double others = Double.NEGATIVE_INFINITY;
        String worst = null;
        if (machine.get("otherCpuByRun") instanceof Map<?, ?> byRun) {
            for (Map.Entry<?, ?> e : byRun.entrySet()) {
                if (e.getValue() instanceof Number v && v.doubleValue() > others) {
                    others = v.doubleValue();
                    worst = String.valueOf(e.getKey());
                }
            }
        }
        boolean measured = worst != null;
        if (measured) {
            out.append(String.format(Locale.ROOT,
                    "; other processes took at most %.2f processors during a JMH run (run %s)", others, worst));
        }
        if (measured ? others > OTHER_CPU_LOADED : highest > cpus) {
            out.append(": **LOADED MACHINE** — other jobs shared the cores, so absolute GFLOP/s and GB/s are "
                    + "diluted; only ratios measured in the same JMH run (vecgrad vs OpenBLAS, SIMD vs scalar) mean "
                    + "something; a ratio to a ceiling measured in another run (% of FMA peak, × copy) can even exceed 100% "
                    + "when that run was starved more. Re-run on a quiet machine for numbers to keep.\n\n");
        } else {
            out.append(measured ? String.format(Locale.ROOT, " (quiet enough: at most %.2f).\n\n", OTHER_CPU_LOADED)
                    : " (quiet enough: load below the processor count).\n\n");
        }
        out.append("Raw JMH results: [`results/`](results/); machine description: [`machine.json`](machine.json). "
                + "Quick mode uses 1 fork and short iterations (±10–30% noise); full mode 2 forks and longer ones.\n\n");
        if (headline.isEmpty()) {
            headline.add("Nothing measured for the headline (no GEMM, elementwise or training results).");
        }
        out.append("## Headline\n\n").append(String.join("\n", headline)).append("\n\n");
        out.append(body);
        out.append("## Not measured or missing\n\n");
        Object failures = machine.get("runFailures");
        if (failures instanceof List<?> l) {
            l.forEach(x -> missing.add("JMH run failed: " + x));
        }
        if (missing.isEmpty()) {
            out.append("Nothing: every planned measurement produced a result.\n");
        } else {
            new LinkedHashSet<>(missing).forEach(s -> out.append("- ").append(s).append('\n'));
        }
        return out.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private void machineSection(StringBuilder b) {
        b.append("## Machine\n\n| | |\n|---|---|\n");
        b.append("| CPU | ").append(m("cpuModel")).append(" |\n");
        b.append("| SIMD flags | ").append(m("simdFlags")).append(" |\n");
        b.append("| processors / cores per socket | ").append(m("processors")).append(" / ")
                .append(m("coresPerSocket")).append(" |\n");
        b.append("| caches (cpu0) | ").append(m("caches")).append(" |\n");
        b.append("| OS | ").append(m("os")).append(" |\n");
        b.append("| JDK | ").append(m("jdk")).append(" |\n");
        b.append("| preferred species | ").append(m("preferredF32")).append("; ").append(m("preferredF64"))
                .append(" (").append(m("preferredBits")).append(" bits) |\n");
        b.append("| kernel path | ").append(m("kernelPath")).append(machine.get("simdUnavailableReason") != null
                ? " (SIMD unavailable: " + m("simdUnavailableReason") + ")" : "").append(" |\n");
        b.append("| GEMM kernel (tile, blocking) | ").append(shortKernel(m("gemmKernel"))).append(" |\n");
        b.append("| threads | GEMM default ").append(m("gemmThreads")).append("; \"all threads\" rows use ")
                .append(allThreads()).append(" |\n");
        if (machine.get("openblasCore") != null) {
            b.append("| OpenBLAS | ").append(m("openblas")).append(", core **").append(m("openblasCore"))
                    .append("** (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: ").append(m("openblasEnv")).append(") |\n");
        } else {
            b.append("| OpenBLAS | not available: ").append(m("openblasUnavailable")).append(" |\n");
        }
        b.append("| PyTorch | ").append(machine.get("pytorch") != null ? "torch " + m("pytorch")
                : machine.get("pytorchUnavailable") != null ? "not available: " + m("pytorchUnavailable")
                : "not checked (the train section did not run)").append(" |\n\n");
    }

    private void ceilingSection(StringBuilder b) {
        b.append("## Ceilings\n\n");
        b.append("FMA peak, measured twice: in Java, 12 independent FMA chains a ← x·y + a on the kernels' species "
                + "in registers (`ceiling.FmaPeakBench`, JMH, FLOP/s summed over JMH threads; the chain is the addend, "
                + "as in a GEMM micro-kernel: C2 writes an FMA over its addend, and with the chain as the multiplicand "
                + "it copies the addend before every FMA and spills chains, ~65-85% of the native speed, see "
                + "`ceiling.FmaFormBench`), and in C, 12 chains on "
                + "the compiler's widest vectors (`bench/native/fma_peak.c`, compiled with `"
                + String.join(" ", RunSuite.NATIVE_FMA_FLAGS) + "` and run right after the Java one, the mean of 5 "
                + "rounds, summed over threads). The native loop is the machine's ceiling; Java / native shows what "
                + "the JIT leaves on the table. Every % of peak in this report divides by the native figure when it "
                + "was measured, else by the Java one (the column header says which). Memory: STREAM-style copy "
                + "(`ceiling.MemoryBandwidthBench`), bytes read + written per second.\n\n");
        String why = nativeMissing();
        if (why == null) {
            b.append("Native loop: ").append(nativeFma.get("compiler")).append(", `").append(nativeFma.get("command"))
                    .append("`").append(bitsNote()).append(".\n\n");
        } else {
            missing.add("native FMA ceiling: " + why + "; % of peak uses the Java FmaPeakBench");
        }
        b.append("| ceiling | threads | Java (FmaPeakBench) | native C (fma_peak.c) | Java / native "
                + "| % of peak uses |\n");
        b.append("|---|---:|---:|---:|---:|---|\n");
        boolean any = false;
        List<Row> fma = new ArrayList<>(results.where(x -> x.cls().equals("FmaPeakBench") && Results.defaults(x)));
        fma.sort(Comparator.comparingInt(Row::threads).thenComparing(Row::method));
        TreeSet<String> keys = new TreeSet<>();
        fma.forEach(r -> keys.add(r.threads() + "|" + r.method().toUpperCase(Locale.ROOT)));
        if (why == null && nativeFma.get("runs") instanceof List<?> runs) { // native rows without a Java row too
            for (Object o : runs) {
                if (o instanceof Map<?, ?> r && r.get("threads") instanceof Number t) {
                    keys.add(t.intValue() + "|F32");
                    keys.add(t.intValue() + "|F64");
                }
            }
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt((String k) -> Integer.parseInt(k.split("\\|")[0]))
                .thenComparing(k -> k.split("\\|")[1]));
        for (String k : sorted) {
            int t = Integer.parseInt(k.split("\\|")[0]);
            String dt = k.split("\\|")[1];
            double java = peak(dt, t, Map.of());
            boolean javaMeasured = fma.stream().anyMatch(r -> r.threads() == t
                    && r.method().equalsIgnoreCase(dt));
            double nat = nativeMeasured(dt, t);
            Peak used = peakUsed(dt, t);
            b.append("| FMA peak ").append(dt).append(" | ").append(t).append(" | ")
                    .append(javaMeasured ? gf(java) + " GFLOP/s" : "not measured").append(" | ")
                    .append(!Double.isNaN(nat) ? gf(nat) + " GFLOP/s" : why != null ? "not measured: " + why
                            : "not measured at " + t + " threads").append(" | ")
                    .append(javaMeasured && !Double.isNaN(nat) ? pct(100 * java / nat) : "—").append(" | ")
                    .append(Double.isNaN(used.gflops()) ? "—" : (used.nativeC() ? "native " : "Java ")
                            + gf(used.gflops()) + (t > 1 && used.nativeC() && Double.isNaN(nat)
                            ? " (" + t + " × 1 thread)" : "")).append(" |\n");
            any = true;
        }
        b.append('\n');
        List<String> one = new ArrayList<>();
        for (String dt : List.of("F32", "F64")) {
            double jv = peak(dt, 1, Map.of());
            double nat = nativeMeasured(dt, 1);
            if (!Double.isNaN(jv) && !Double.isNaN(nat)) {
                one.add("FMA peak " + dt + ": Java " + gf(jv) + ", native C " + gf(nat) + " GFLOP/s (Java = "
                        + pct(100 * jv / nat) + " of native)");
            }
        }
        if (!one.isEmpty()) {
            b.append("One thread: ").append(String.join("; ", one)).append(".\n\n");
        }
        boolean mem = false;
        for (Row r : results.where(x -> x.cls().equals("MemoryBandwidthBench") && Results.defaults(x))) {
            if (!mem) {
                b.append("| memory | threads | measured | per thread |\n|---|---:|---:|---:|\n");
                mem = true;
            }
            double g = r.secondary("bytes") / 1e9;
            b.append("| ").append(r.method()).append(" (").append(r.param("mib")).append(" MiB arrays) | ")
                    .append(r.threads()).append(" | ").append(f(g, "%.2f")).append(" GB/s | ")
                    .append(f(g / r.threads(), "%.2f")).append(" GB/s |\n");
            any = true;
        }
        if (!any) {
            missing.add("ceilings: no FmaPeakBench / MemoryBandwidthBench results");
        }
        b.append('\n');
    }

    /** The native loop's own figure at exactly this thread count, NaN when it did not run with it. */
    private double nativeMeasured(String dtype, int threads) {
        if (nativeMissing() != null) {
            return Double.NaN;
        }
        for (Object o : (List<?>) nativeFma.get("runs")) {
            if (o instanceof Map<?, ?> r && r.get("threads") instanceof Number t && t.intValue() == threads) {
                return num(r.get(dtype));
            }
        }
        return Double.NaN;
    }

    /** ", 256-bit vectors" (and a warning when that is not the kernels' species width). */
    private String bitsNote() {
        Object bits = ((List<?>) nativeFma.get("runs")).stream().filter(o -> o instanceof Map<?, ?>)
                .map(o -> ((Map<?, ?>) o).get("bits")).filter(x -> x != null).findFirst().orElse(null);
        if (!(bits instanceof Number n)) {
            return "";
        }
        double kernel = num(machine.get("kernelSpeciesBits"));
        return ", " + n.intValue() + "-bit vectors" + (!Double.isNaN(kernel) && kernel != n.intValue()
                ? " (the kernels' species is " + (int) kernel + "-bit: the ratio includes the width difference)" : "");
    }

    private void gemmSection(StringBuilder b, String dtype) throws IOException {
        List<Row> rows = new ArrayList<>(results.where(r -> r.cls().equals("GemmBench")
                && r.param("dtype").equals(dtype) && Results.defaults(r)));
        b.append("## GEMM ").append(dtype).append("\n\n");
        if (rows.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("GEMM " + dtype + ": no GemmBench results");
            return;
        }
        rows.sort(Comparator.comparingInt((Row r) -> gemmThreads(r))
                .thenComparing(r -> gemmFlops(r.param("shape")))
                .thenComparing(r -> r.param("shape"))
                .thenComparingInt(r -> IMPLS.indexOf(r.param("impl"))));
        b.append("C = A·B, GFLOP/s = 2·M·N·K / time per call (JMH average time); CPU GFLOP/s = the same over the "
                + "calling thread's CPU time (1 thread only); ± = JMH's 99.9% error of the time, as % of it; ")
                .append(peakNote()).append(" × OpenBLAS = GFLOP/s / OpenBLAS's at the same "
                        + "shape and threads (same JMH run).\n\n");
        b.append("| size | threads | impl | GFLOP/s | ± | CPU GFLOP/s | ").append(peakHeader())
                .append(" | × OpenBLAS |\n");
        b.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Row r : rows) {
            int t = gemmThreads(r);
            double g = gemmGflops(r);
            Peak pk = peakUsed(dtype, t);
            Optional<Row> ob = gemm("openblas", dtype, r.param("shape"), r.param("threads"), Map.of());
            double vsOb = r.param("impl").equals("openblas") ? Double.NaN
                    : ob.map(o -> g / gemmGflops(o)).orElse(Double.NaN);
            b.append("| ").append(shapeLabel(r.param("shape"))).append(" | ").append(t).append(" | ")
                    .append(r.param("impl")).append(" | ").append(gf(g)).append(" | ").append(relErr(r)).append(" | ")
                    .append(gf(gemmCpuGflops(r))).append(" | ").append(pk.pctOf(g, nativeMissing() == null)).append(" | ")
                    .append(ratio(vsOb)).append(" |\n");
            if (shapeLabel(r.param("shape")).matches("\\d+")) {
                series.computeIfAbsent(r.param("impl") + ", " + t + " thr", k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(shapeLabel(r.param("shape"))), g});
            }
        }
        if (rows.stream().noneMatch(r -> r.param("impl").equals("openblas"))) {
            String why = machine.get("openblasUnavailable") != null ? m("openblasUnavailable")
                    : "no OpenBLAS rows in the results";
            b.append("| — | — | openblas | not measured: ").append(why).append(" | | | | |\n");
            missing.add("OpenBLAS GEMM " + dtype + ": " + why);
        }
        b.append('\n');
        gemmHeadline(dtype, rows);

        List<ReportPlots.Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort(Comparator.comparingDouble(p -> p[0]));
            String impl = e.getKey().substring(0, e.getKey().indexOf(','));
            lines.add(new ReportPlots.Line(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), IMPLS.indexOf(impl),
                    e.getKey().endsWith(" 1 thr") ? 0 : 1));
        }
        TreeSet<Double> xs = new TreeSet<>();
        series.values().forEach(l -> l.forEach(p -> xs.add(p[0])));
        for (int t : new TreeSet<>(rows.stream().map(this::gemmThreads).toList())) {
            Peak pk = peakUsed(dtype, t);
            if (!Double.isNaN(pk.gflops()) && xs.size() > 0) {
                lines.add(new ReportPlots.Line("FMA peak (" + (pk.nativeC() ? "native C" : "Java") + "), " + t
                        + " thr", new double[] {xs.first(), xs.last()}, new double[] {pk.gflops(), pk.gflops()},
                        t == 1 ? 0 : 1, 2));
            }
        }
        if (!lines.isEmpty()) {
            String file = "gemm-" + dtype + ".png";
            ReportPlots.lines(dir.resolve(file), "GEMM " + dtype + " (square n x n x n)", "n", "GFLOP/s", lines);
            plots.add(file);
            b.append("![GEMM ").append(dtype).append(" GFLOP/s vs size](").append(file).append(")\n\n");
        }
    }

    /** Headline rows: vecgrad SIMD vs OpenBLAS at the largest square size measured by both (else by SIMD). */
    private void gemmHeadline(String dtype, List<Row> rows) {
        for (String threads : List.of("1", "0")) {
            Row best = null;
            for (Row r : rows) {
                if (r.param("impl").equals("simd") && r.param("threads").equals(threads)
                        && shapeLabel(r.param("shape")).matches("\\d+")) {
                    boolean hasOb = gemm("openblas", dtype, r.param("shape"), threads, Map.of()).isPresent();
                    boolean bestHasOb = best != null
                            && gemm("openblas", dtype, best.param("shape"), threads, Map.of()).isPresent();
                    if (best == null || (hasOb && !bestHasOb)
                            || (hasOb == bestHasOb && gemmFlops(r.param("shape")) > gemmFlops(best.param("shape")))) {
                        best = r;
                    }
                }
            }
            if (best == null) {
                continue;
            }
            Row r = best;
            int t = gemmThreads(r);
            double g = gemmGflops(r);
            Optional<Row> ob = gemm("openblas", dtype, r.param("shape"), threads, Map.of());
            headRow("GEMM " + dtype + " " + shapeLabel(r.param("shape")) + "³, " + t + " thread" + (t > 1 ? "s" : ""),
                    gf(g) + " GFLOP/s",
                    ob.map(o -> "OpenBLAS " + gf(gemmGflops(o)) + " GFLOP/s").orElse("OpenBLAS: not measured"),
                    ob.map(o -> ratio(g / gemmGflops(o))).orElse("—"), pct(100 * g / peakUsed(dtype, t).gflops())
                            + " of " + (peakUsed(dtype, t).nativeC() ? "native" : "Java") + " FMA peak");
        }
    }

    private void headRow(String what, String vecgrad, String reference, String ratio, String ofCeiling) {
        if (headline.isEmpty()) {
            headline.add("| measurement | vecgrad | reference | vecgrad / reference | % of ceiling |");
            headline.add("|---|---:|---:|---:|---:|");
        }
        headline.add("| " + what + " | " + vecgrad + " | " + reference + " | " + ratio + " | " + ofCeiling + " |");
    }

    private void widthSection(StringBuilder b) throws IOException {
        List<Row> width = results.where(r -> r.props().containsKey("vectorBits"));
        b.append("## Vector width\n\n");
        if (width.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("vector width study: no runs with -Dvecgrad.vectorBits");
            return;
        }
        int preferred = (int) num(machine.get("preferredBits"));
        b.append("The same kernels with the species forced by `-Dvecgrad.vectorBits` (fork flag via "
                + "`-jvmArgsPrepend`), one thread, next to the scalar path and the default species. ");
        b.append("The JVM's preferred width here is ").append(preferred > 0 ? preferred + " bits" : "?")
                .append(". A species wider than that is **not intrinsified**: C2 has no instructions for it, so "
                        + "the Vector API runs its Java fallback (one object per vector operation). Those columns "
                        + "measure that fallback, capped to a small GEMM and 1+2 short iterations, to show the cost "
                        + "of asking for a width the hardware lacks, not a property of the kernels.\n\n");
        TreeSet<Integer> bits = new TreeSet<>();
        width.forEach(r -> bits.add(Integer.parseInt(r.props().get("vectorBits"))));
        StringBuilder head = new StringBuilder("| kernel | scalar path |");
        StringBuilder sep = new StringBuilder("|---|---:|");
        for (int w : bits) {
            head.append(' ').append(w).append("-bit").append(w > preferred && preferred > 0 ? " (fallback)" : "")
                    .append(" |");
            sep.append("---:|");
        }
        head.append(" default species |");
        sep.append("---:|");
        b.append(head).append('\n').append(sep).append('\n');
        // GEMM: one line per (dtype, shape) that a width run measured
        Set<String> gemmKeys = new TreeSet<>();
        width.stream().filter(r -> r.cls().equals("GemmBench"))
                .forEach(r -> gemmKeys.add(r.param("dtype") + "|" + r.param("shape")));
        Map<String, double[]> plot = new LinkedHashMap<>();
        List<String> cats = new ArrayList<>(List.of("scalar"));
        bits.forEach(w -> cats.add(w + "-bit"));
        for (String key : gemmKeys) {
            String[] k = key.split("\\|");
            double scalar = gemm("scalar", k[0], k[1], "1", Map.of()).map(ReportGenerator::gemmGflops)
                    .orElse(Double.NaN);
            StringBuilder line = new StringBuilder("| GEMM " + k[0] + " " + shapeLabel(k[1]) + "³ GFLOP/s | "
                    + gf(scalar) + " |");
            double[] vals = new double[cats.size()];
            vals[0] = scalar;
            int i = 1;
            for (int w : bits) {
                double g = gemm("simd", k[0], k[1], "1", Map.of("vectorBits", Integer.toString(w)))
                        .map(ReportGenerator::gemmGflops).orElse(Double.NaN);
                line.append(' ').append(gf(g)).append(" |");
                vals[i++] = g;
            }
            line.append(' ').append(gf(gemm("simd", k[0], k[1], "1", Map.of()).map(ReportGenerator::gemmGflops)
                    .orElse(Double.NaN))).append(" |");
            b.append(line).append('\n');
        }
        for (String dt : List.of("F32", "F64")) {
            StringBuilder line = new StringBuilder("| FMA peak " + dt + " GFLOP/s | — |");
            for (int w : bits) {
                line.append(' ').append(gf(peak(dt, 1, Map.of("vectorBits", Integer.toString(w))))).append(" |");
            }
            line.append(' ').append(gf(peak(dt, 1, Map.of()))).append(" |");
            b.append(line).append('\n');
        }
        Set<String> unaryKeys = new TreeSet<>();
        width.stream().filter(r -> r.cls().equals("UnaryBench"))
                .forEach(r -> unaryKeys.add(r.param("op") + "|" + r.param("size")));
        for (String key : unaryKeys) {
            String[] k = key.split("\\|");
            StringBuilder line = new StringBuilder("| " + k[0] + " " + sizeLabel(k[1]) + " GB/s | "
                    + gbs(unary(k[0], "scalar", k[1], Map.of())) + " |");
            for (int w : bits) {
                line.append(' ').append(gbs(unary(k[0], "simd", k[1], Map.of("vectorBits", Integer.toString(w)))))
                        .append(" |");
            }
            line.append(' ').append(gbs(unary(k[0], "simd", k[1], Map.of()))).append(" |");
            b.append(line).append('\n');
        }
        b.append('\n');
        Object kernels = machine.get("studyKernels");
        if (kernels instanceof Map<?, ?> km && !km.isEmpty()) {
            b.append("What each flag set gave (a JVM started with the flags prints the species and "
                    + "`SimdGemm.describe()`):\n\n| flags | species and GEMM kernel |\n|---|---|\n");
            km.forEach((k, v) -> b.append("| `").append(k).append("` | ").append(shortKernel(v)).append(" |\n"));
            b.append('\n');
        }
        // chart: one bar per dtype and width at the smallest shape each width measured (a capped fallback width has
        // its own smaller shape, named in its label); the scalar bar at the intrinsified widths' shape
        String mainShape = null;
        for (Row r : width) {
            if (r.cls().equals("GemmBench") && Integer.parseInt(r.props().get("vectorBits")) <= Math.max(preferred, 1)
                    && (mainShape == null || gemmFlops(r.param("shape")) < gemmFlops(mainShape))) {
                mainShape = r.param("shape");
            }
        }
        if (mainShape != null) {
            String ms = mainShape;
            for (int w : bits) {
                String shape = smallestWidthShape(width, w);
                cats.set(cats.indexOf(w + "-bit"), w + "-bit" + (shape != null && !shape.equals(ms)
                        ? " (" + shapeLabel(shape) + "³" + (w > preferred ? ", fallback" : "") + ")" : ""));
            }
            for (String dt : List.of("F32", "F64")) {
                double[] vals = new double[cats.size()];
                vals[0] = gemm("scalar", dt, ms, "1", Map.of()).map(ReportGenerator::gemmGflops).orElse(Double.NaN);
                int i = 1;
                for (int w : bits) {
                    String shape = smallestWidthShape(width, w);
                    vals[i++] = shape == null ? Double.NaN : gemm("simd", dt, shape, "1",
                            Map.of("vectorBits", Integer.toString(w))).map(ReportGenerator::gemmGflops)
                            .orElse(Double.NaN);
                }
                plot.put("GEMM " + dt + " " + shapeLabel(ms) + "³", vals);
            }
        }
        if (!plot.isEmpty()) {
            String file = "width.png";
            ReportPlots.bars(dir.resolve(file), "GEMM GFLOP/s by vector width (1 thread; 0 = not measured)",
                    "GFLOP/s", cats, plot);
            plots.add(file);
            b.append("![GEMM GFLOP/s by vector width](").append(file).append(")\n\n");
        }
    }

    private static String smallestWidthShape(List<Row> width, int bits) {
        String best = null;
        for (Row r : width) {
            if (r.cls().equals("GemmBench") && r.props().get("vectorBits").equals(Integer.toString(bits))
                    && (best == null || gemmFlops(r.param("shape")) < gemmFlops(best))) {
                best = r.param("shape");
            }
        }
        return best;
    }

    private double unary(String op, String path, String size, Map<String, String> props) {
        return results.find(r -> (r.cls().equals("UnaryBench") || r.cls().equals("BinaryBench"))
                        && r.param("op").equals(op) && r.param("path").equals(path) && r.param("size").equals(size)
                        && r.threads() == 1 && same(r.props(), props))
                .map(r -> r.secondary("bytes") / 1e9).orElse(Double.NaN);
    }

    private void microkernelSection(StringBuilder b) {
        List<Row> rows = results.where(r -> r.cls().equals("GemmBench") && (r.props().containsKey("gemm.mr")
                || r.props().containsKey("gemm.kc") || r.props().containsKey("study")));
        b.append("## GEMM micro-kernel shape and KC\n\n");
        if (rows.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("micro-kernel / KC study: no runs with -Dvecgrad.gemm.* flags");
            return;
        }
        b.append("vecgrad SIMD GEMM, one thread, with `-Dvecgrad.gemm.mr=MR -Dvecgrad.gemm.nrVectors=NV` "
                + "(register tile MR × NV vectors) or `-Dvecgrad.gemm.kc=KC` (depth of a packed panel). Each line is "
                + "its own fork; \"kernel\" is what the engine reports for those flags — if it shows the default "
                + "tile, this build ignores the flag. × default = GFLOP/s / that of the study's run without flags "
                + "(the engine's default choice, same shape and dtype).\n\n");
        b.append(peakNote()).append("\n\n");
        b.append("| flags | shape | dtype | GFLOP/s | ").append(peakHeader()).append(" | × default | kernel |\n");
        b.append("|---|---|---|---:|---:|---:|---|\n");
        Map<?, ?> kernels = machine.get("studyKernels") instanceof Map<?, ?> km ? km : Map.of();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Row r) -> r.props().containsKey("study") ? 0
                        : r.props().containsKey("gemm.kc") ? 2 : 1)
                .thenComparing(r -> r.param("dtype"))
                .thenComparingInt(r -> Integer.parseInt(r.props().getOrDefault("gemm.kc", "0")))
                .thenComparing(r -> r.props().toString()));
        for (Row r : sorted) {
            StringBuilder flags = new StringBuilder();
            r.props().forEach((k, v) -> flags.append(flags.isEmpty() ? "" : " ").append(k).append('=').append(v));
            double g = gemmGflops(r);
            double dflt = gemm("simd", r.param("dtype"), r.param("shape"), "1", Map.of("study", "microkernel"))
                    .map(ReportGenerator::gemmGflops).orElse(Double.NaN);
            boolean isDefault = r.props().containsKey("study");
            StringBuilder key = new StringBuilder();
            r.props().forEach((k, v) -> key.append(key.isEmpty() ? "" : " ").append("-Dvecgrad.").append(k)
                    .append('=').append(v));
            Object kernel = isDefault ? machine.get("gemmKernel") : kernels.get(key.toString());
            b.append("| ").append(isDefault ? "(none: engine default)" : flags).append(" | ").append(shapeLabel(r.param("shape"))).append(" | ")
                    .append(r.param("dtype")).append(" | ").append(gf(g)).append(" | ")
                    .append(peakUsed(r.param("dtype"), 1).pctOf(g, nativeMissing() == null)).append(" | ")
                    .append(ratio(g / dflt))
                    .append(" | ").append(kernel == null ? "?" : tile(kernel.toString(), r.param("dtype")))
                    .append(" |\n");
        }
        b.append('\n');
    }

    private void elementwiseSection(StringBuilder b) throws IOException {
        List<Row> rows = results.where(r -> (r.cls().equals("UnaryBench") || r.cls().equals("BinaryBench"))
                && Results.defaults(r) && r.threads() == 1);
        b.append("## Elementwise\n\n");
        if (rows.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("elementwise: no UnaryBench results");
            return;
        }
        b.append("F32, one thread. GB/s = (elements read + written) · 4 B / time; copy = the faster of "
                + "System.arraycopy and a copy loop at the same size (`CopyBench`, same run); × copy = SIMD GB/s / "
                + "copy; SIMD / scalar = SIMD GB/s / scalar GB/s. 4 Ki elements stay in L1, 256 Ki in L2, 16 Mi "
                + "(64 MiB per array) go to memory.\n\n");
        b.append("| op | size | SIMD GB/s | scalar GB/s | copy GB/s | SIMD × copy | SIMD / scalar |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        TreeSet<Long> sizes = new TreeSet<>();
        rows.forEach(r -> sizes.add(Long.parseLong(r.param("size"))));
        List<String> ops = new ArrayList<>();
        for (String op : ACTIVATIONS) {
            if (rows.stream().anyMatch(r -> r.param("op").equals(op))) {
                ops.add(op);
            }
        }
        rows.stream().map(r -> r.param("op")).distinct().filter(op -> !ops.contains(op)).forEach(ops::add);
        for (String op : ops) {
            for (long n : sizes) {
                String size = Long.toString(n);
                double simd = unary(op, "simd", size, Map.of());
                double scalar = unary(op, "scalar", size, Map.of());
                if (Double.isNaN(simd) && Double.isNaN(scalar)) {
                    continue;
                }
                double copy = copy(size, 1);
                b.append("| ").append(op).append(" | ").append(sizeLabel(size)).append(" | ").append(gbs(simd))
                        .append(" | ").append(gbs(scalar)).append(" | ").append(gbs(copy)).append(" | ")
                        .append(ratio(simd / copy)).append(" | ").append(f(simd / scalar, "%.1f")).append(" |\n");
            }
        }
        b.append('\n');
        String big = Long.toString(sizes.last());
        double copyBig = copy(big, 1);
        if (Double.isNaN(copyBig)) {
            missing.add("copy ceiling at " + sizeLabel(big) + ": no CopyBench result");
        }
        List<String> cats = new ArrayList<>();
        double[] s = new double[ops.size()];
        double[] sc = new double[ops.size()];
        double[] cp = new double[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            cats.add(op);
            s[i] = unary(op, "simd", big, Map.of());
            sc[i] = unary(op, "scalar", big, Map.of());
            cp[i] = copyBig;
            if (!Double.isNaN(s[i])) {
                headRow(op + " " + sizeLabel(big) + ", 1 thread", f(s[i], "%.2f") + " GB/s",
                        "copy " + f(copyBig, "%.2f") + " GB/s", ratio(s[i] / copyBig), pct(100 * s[i] / copyBig)
                                + " of copy");
            }
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("SIMD", s);
        series.put("scalar", sc);
        series.put("copy ceiling", cp);
        String file = "elementwise.png";
        ReportPlots.bars(dir.resolve(file), "Elementwise F32 at " + sizeLabel(big) + " elements, 1 thread "
                + "(0 = not measured)", "GB/s", cats, series);
        plots.add(file);
        b.append("![Elementwise GB/s](").append(file).append(")\n\n");
    }

    /** PyTorch's figure for "shape method" in the conv file's {@code part} ("conv" or "poolnorm"), NaN when absent. */
    private double torchConv(String part, String key) {
        return pytorchConv != null && pytorchConv.get(part) instanceof Map<?, ?> m && m.get(key) instanceof Number n
                ? n.doubleValue() : Double.NaN;
    }

    /** The memory ceiling: the copy GB/s of MemoryBandwidthBench at one thread, NaN when not measured. */
    private double memoryCopy() {
        return results.find(x -> x.cls().equals("MemoryBandwidthBench") && x.method().equals("copy")
                && x.threads() == 1 && Results.defaults(x)).map(x -> x.secondary("bytes") / 1e9).orElse(Double.NaN);
    }

    private void convSection(StringBuilder b) {
        b.append("## Convolution, pooling and normalization\n\n");
        List<Row> conv = results.where(r -> r.cls().equals("ConvBench") && Results.defaults(r));
        List<Row> pn = results.where(r -> r.cls().equals("PoolNormBench") && Results.defaults(r));
        if (conv.isEmpty() && pn.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("conv: no ConvBench or PoolNormBench results");
            return;
        }
        String why = pytorchConv == null ? "not measured (the conv section did not run with this version)"
                : pytorchConv.get("unavailable") != null ? "not available (" + pytorchConv.get("unavailable") + ")"
                : null;
        if (why != null) {
            missing.add("PyTorch conv / pooling comparison: " + why);
        }
        if (!conv.isEmpty()) {
            b.append("conv2d F32 on the engine's kernels (`conv.ConvBench`): GFLOP/s = the `flop` metric / 1e9 "
                    + "(a forward is 2·N·O·OH·OW·(C/groups)·kH·kW; forward + backward counts three times that: input "
                    + "and weight gradients). PyTorch: `bench/pytorch/conv_bench.py` (oneDNN), 1 thread, run after "
                    + "the JMH runs. threads 0 = every processor. ").append(peakNote()).append("\n\n");
            b.append("| shape | method | threads | GFLOP/s | ± (99.9%) | ").append(peakHeader())
                    .append(" | PyTorch GFLOP/s | × PyTorch |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
            boolean nativeElsewhere = nativeMissing() == null;
            for (Row r : conv) {
                int threads = r.param("threads").equals("0") ? allThreads() : Integer.parseInt(r.param("threads"));
                double g = r.secondary("flop") / 1e9;
                double torch = threads == 1 ? torchConv("conv", r.param("shape") + " " + r.method()) : Double.NaN;
                b.append("| ").append(r.param("shape")).append(" | ").append(r.method()).append(" | ")
                        .append(threads).append(" | ").append(gf(g)).append(" | ").append(relErr(r)).append(" | ")
                        .append(peakUsed("F32", threads).pctOf(g, nativeElsewhere)).append(" | ")
                        .append(threads == 1 ? gf(torch) : "").append(" | ")
                        .append(threads == 1 ? ratio(g / torch) : "").append(" |\n");
                if (threads == 1 && r.param("shape").startsWith("3x3_64-64_56_b1")) {
                    headRow("conv2d 3×3 64→64 56×56 " + r.method() + ", 1 thread", gf(g) + " GFLOP/s",
                            why == null ? "PyTorch " + gf(torch) + " GFLOP/s" : "PyTorch: " + why, ratio(g / torch),
                            peakUsed("F32", 1).pctOf(g, nativeElsewhere) + " of peak");
                }
            }
            b.append('\n');
        }
        if (!pn.isEmpty()) {
            double copy = memoryCopy();
            b.append("MaxPool2d 2×2 (with its argmax indices) and BatchNorm2d in training (`conv.PoolNormBench`), "
                    + "F32, 1 thread: GB/s = the arrays the op must touch once / time (max pooling 4·size + "
                    + "8·outSize: x, y, int indices; batch norm forward 8·size: x, y; its input gradient 12·size: g, "
                    + "x, dx). new = the engine's SIMD kernels, old = the loops they replaced, in the same JMH run. "
                    + "% of copy = new GB/s / the DRAM copy ceiling (`MemoryBandwidthBench`, 1 thread); the LeNet "
                    + "shapes fit in cache and can exceed it. PyTorch: `bench/pytorch/pool_norm_bench.py`.\n\n");
            b.append("| op | shape | new GB/s | old GB/s | new / old | % of copy | PyTorch GB/s | × PyTorch |\n");
            b.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            Set<String> keys = new LinkedHashSet<>();
            pn.forEach(r -> keys.add(r.method() + "|" + r.param("shape")));
            for (String k : keys) {
                String method = k.split("\\|")[0];
                String shape = k.split("\\|")[1];
                double nw = poolNorm(pn, method, shape, "new");
                double old = poolNorm(pn, method, shape, "old");
                double torch = torchConv("poolnorm", shape + " " + method);
                b.append("| ").append(method).append(" | ").append(shape).append(" | ").append(gbs(nw))
                        .append(" | ").append(gbs(old)).append(" | ").append(f(nw / old, "%.2f")).append(" | ")
                        .append(pct(100 * nw / copy)).append(" | ").append(gbs(torch)).append(" | ")
                        .append(ratio(nw / torch)).append(" |\n");
                if (shape.equals("lenet1_b64") && method.equals("maxPool2x2")) {
                    headRow("MaxPool2d 2×2 LeNet-5 [64, 6, 28, 28], 1 thread", gbs(nw) + " GB/s",
                            why == null ? "PyTorch " + gbs(torch) + " GB/s" : "PyTorch: " + why, ratio(nw / torch),
                            pct(100 * nw / copy) + " of copy");
                }
            }
            b.append('\n');
        }
    }

    private static double poolNorm(List<Row> rows, String method, String shape, String impl) {
        return rows.stream().filter(r -> r.method().equals(method) && r.param("shape").equals(shape)
                && r.param("impl").equals(impl)).findFirst().map(r -> r.secondary("bytes") / 1e9)
                .orElse(Double.NaN);
    }

    private void trainSection(StringBuilder b) {
        b.append("## Training and autodiff\n\n");
        List<Row> train = results.where(r -> r.cls().equals("TrainStepBench") && Results.defaults(r));
        List<Row> ad = results.where(r -> (r.cls().equals("AutodiffOverheadBench") || r.cls().equals("MlpOverheadBench"))
                && Results.defaults(r));
        if (train.isEmpty() && ad.isEmpty()) {
            b.append("Not measured.\n\n");
            missing.add("training / autodiff: no TrainStepBench or autodiff results");
            return;
        }
        b.append("MLP 784 → 256 → 128 → 10, ReLU, cross-entropy, Adam, batch 128, F32 (`TrainStepBench`; "
                + "`threads` = GEMM threads). Autodiff per-op overhead: forward + backward through 10 000 recorded "
                + "ops on one-element tensors (`AutodiffOverheadBench`); MLP forward + backward through `Tensor` vs "
                + "the same written by hand on the engine (`MlpOverheadBench`).\n\n");
        b.append("| measurement | vecgrad | ± (99.9%) | PyTorch |\n|---|---:|---:|---:|\n");
        String noTorch = pytorch != null ? "" : machine.get("pytorch") == null
                ? "not available (" + m("pytorchUnavailable") + ")" : "not measured";
        for (Row r : train) {
            String torch = "";
            if (r.method().equals("step") && r.param("threads").equals("1")) {
                torch = pytorch != null ? f(num(pytorch.get("trainSamplesPerSecond")), "%.0f") + " samples/s"
                        : noTorch;
                double pt = pytorch == null ? Double.NaN : num(pytorch.get("trainSamplesPerSecond"));
                headRow("MLP training step, 1 thread", f(r.opsPerSecond(), "%.0f") + " samples/s",
                        pytorch != null ? "PyTorch " + torch : "PyTorch: " + noTorch, ratio(r.opsPerSecond() / pt),
                        "—");
            }
            b.append("| train ").append(r.method()).append(", ").append(r.param("threads")).append(" thread(s) | ")
                    .append(f(r.opsPerSecond(), "%.0f")).append(" samples/s | ").append(relErr(r))
                    .append(" | ").append(torch).append(" |\n");
        }
        double tensor = Double.NaN;
        double engine = Double.NaN;
        double pairedRatio = Double.NaN;
        double pairedCpuRatio = Double.NaN;
        double pairedTensor = Double.NaN;
        double pairedEngine = Double.NaN;
        for (Row r : ad) {
            String torch = "";
            if (r.method().equals("forwardBackwardPerOp")) {
                torch = pytorch != null ? f(num(pytorch.get("autodiffNsPerOp")), "%.0f") + " ns" : noTorch;
                double pt = pytorch == null ? Double.NaN : num(pytorch.get("autodiffNsPerOp"));
                headRow("autodiff forward + backward per op", f(r.secondsPerOp() * 1e9, "%.0f") + " ns",
                        pytorch != null ? "PyTorch " + torch : "PyTorch: " + noTorch, ratio(r.secondsPerOp() * 1e9 / pt),
                        "—");
            }
            if (r.cls().equals("MlpOverheadBench")) {
                if (r.method().equals("paired")) {              // both versions in every call: same load for both
                    pairedRatio = r.secondary("tensorWallNs") / r.secondary("engineWallNs");
                    pairedCpuRatio = r.secondary("tensorCpuNs") / r.secondary("engineCpuNs");
                    double pairs = r.secondary("pairs");
                    pairedTensor = r.secondary("tensorWallNs") / pairs * 1e-9;
                    pairedEngine = r.secondary("engineWallNs") / pairs * 1e-9;
                } else if (r.method().equals("tensor")) {
                    tensor = r.secondsPerOp();
                } else if (r.method().equals("engine")) {
                    engine = r.secondsPerOp();
                }
            }
            boolean perOp = r.cls().equals("AutodiffOverheadBench");
            b.append("| ").append(r.cls()).append('.').append(r.method()).append(" | ")
                    .append(perOp ? f(r.secondsPerOp() * 1e9, "%.0f") + " ns/op"
                            : f(r.secondsPerOp() * 1e6, "%.0f") + " µs")
                    .append(" | ").append(relErr(r)).append(" | ").append(torch)
                    .append(" |\n");
        }
        if (!Double.isNaN(pairedRatio)) {                      // preferred: both versions timed under the same load
            b.append("| MLP Tensor overhead over hand-written engine code (`paired`: wall / thread CPU) | ")
                    .append(f(100 * (pairedRatio - 1), "%+.1f%%")).append(" / ")
                    .append(f(100 * (pairedCpuRatio - 1), "%+.1f%%")).append(" | | |\n");
            headRow("MLP forward + backward: Tensor / hand-written engine (paired)", f(pairedTensor * 1e6, "%.0f")
                    + " µs", "engine " + f(pairedEngine * 1e6, "%.0f") + " µs", ratio(pairedRatio), "—");
        } else if (!Double.isNaN(tensor) && !Double.isNaN(engine)) {
            double over = 100 * (tensor / engine - 1);
            b.append("| MLP Tensor overhead over hand-written engine code | ").append(f(over, "%+.1f%%"))
                    .append(" | | |\n");
            headRow("MLP forward + backward: Tensor / hand-written engine", f(tensor * 1e6, "%.0f") + " µs",
                    "engine " + f(engine * 1e6, "%.0f") + " µs", ratio(tensor / engine), "—");
        }
        if (pytorch == null) {
            missing.add("PyTorch comparison: " + noTorch);
        }
        b.append('\n');
    }

    /** Names of the PNG files written by the last generation (for tests). */
    List<String> plots() {
        return plots;
    }
}
