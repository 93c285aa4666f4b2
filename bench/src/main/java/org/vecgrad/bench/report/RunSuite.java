package org.vecgrad.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the report's JMH plan ({@link Suite}) and writes the report ({@link ReportGenerator}). Started by
 * {@code bench/report.sh}, which builds the jar and starts this JVM with {@code --add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED} and without {@code OPENBLAS_CORETYPE} / {@code OPENBLAS_L2_SIZE} (the forks
 * inherit the environment).
 *
 * <p>Usage: {@code RunSuite quick|full [--out DIR] [--only section,...] [--logs DIR] [--report-only]}: results go
 * to {@code DIR/results/<run>.json} (the native FMA loop's figures, or why it did not run, to
 * {@code results/native-fma.txt}, right after the Java FMA runs), the machine description to
 * {@code DIR/machine.json}, the report to {@code DIR/README.md} and {@code DIR/*.png}; JMH's console output of each
 * run to {@code --logs} (default {@code bench/target/report-logs}). {@code --only} runs some sections and keeps the other results in DIR;
 * {@code --report-only} regenerates the report from the results already there.
 */
public final class RunSuite {
    private RunSuite() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        // Other JMH runs on a shared machine hold /tmp/jmh.lock; this run must not wait for them.
        System.setProperty("jmh.ignoreLock", "true");
        Suite.Mode mode = null;
        Path out = Path.of("bench/report");
        Path logs = Path.of("bench/target/report-logs");
        List<String> only = Suite.SECTIONS;
        boolean reportOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--logs" -> logs = Path.of(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--report-only" -> reportOnly = true;
                default -> mode = Suite.Mode.of(args[i]);
            }
        }
        for (String s : only) {
            if (!Suite.SECTIONS.contains(s)) {
                throw new IllegalArgumentException("--only " + s + ": expected some of " + Suite.SECTIONS);
            }
        }
        if (mode == null) {
            System.err.println("usage: RunSuite quick|full [--out DIR] [--only " + String.join(",", Suite.SECTIONS)
                    + "] [--logs DIR] [--report-only]");
            System.exit(2);
        }
        Path results = out.resolve("results");
        if (!reportOnly) {
            run(mode, out, results, logs, only);
        }
        String headline = ReportGenerator.generate(out);
        System.out.println();
        System.out.println(headline);
        System.out.println("report: " + out.resolve("README.md"));
    }

    private static void run(Suite.Mode mode, Path out, Path results, Path logs, List<String> only)
            throws IOException, InterruptedException {
        Files.createDirectories(results);
        Files.createDirectories(logs);
        if (only.equals(Suite.SECTIONS)) { // a complete run replaces every old result
            try (var files = Files.list(results)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        Instant start = Instant.now();
        Map<String, Object> machine = MachineProbe.probe();
        int cpus = Runtime.getRuntime().availableProcessors();
        int preferred = ((Number) machine.get("preferredBits")).intValue();
        List<Suite.Run> plan = new ArrayList<>();
        for (Suite.Run r : Suite.plan(mode, cpus, preferred)) {
            if (only.contains(r.section())) {
                plan.add(r);
            }
        }
        machine.put("mode", mode.name().toLowerCase(Locale.ROOT));
        machine.put("sections", only);
        machine.put("allThreads", cpus);
        machine.put("studyKernels", studyKernels(plan));
        System.out.printf(Locale.ROOT, "%s mode: %d JMH runs, about %.1f min on a quiet machine; load average %.2f "
                + "on %d CPUs; JMH logs in %s%n", mode, plan.size(), Suite.estimateSeconds(plan) / 60,
                machine.get("loadAverage"), cpus, logs);
        List<String> failed = new ArrayList<>();
        int lastFma = -1; // the native FMA loop runs right after the Java one, in the same window
        for (int k = 0; k < plan.size(); k++) {
            if (plan.get(k).include().equals(Suite.FMA) && plan.get(k).jvmArgs().isEmpty()) {
                lastFma = k;
            }
        }
        int i = 0;
        double loadMax = MachineProbe.loadAverage(); // sampled before every run: before/after alone miss a busy middle
        // processors' worth of CPU that other processes took during each JMH run: unlike the load average, this
        // does not count the benchmark's own threads (a 2-thread run on 2 processors reads a load of 2 by itself)
        Map<String, Object> otherCores = new LinkedHashMap<>();
        for (Suite.Run r : plan) {
            i++;
            loadMax = Math.max(loadMax, MachineProbe.loadAverage());
            System.out.printf(Locale.ROOT, "[%d/%d] %-18s %s %s%s (t=%d)%n", i, plan.size(), r.id(), r.include(),
                    r.params(), r.jvmArgs().isEmpty() ? "" : " " + r.jvmArgs(), r.threads());
            long[] t0 = MachineProbe.cpuTicks();
            long w0 = System.nanoTime();
            try {
                new Runner(options(r, results, logs)).run();
            } catch (RunnerException e) {
                failed.add(r.id() + ": " + e.getMessage());
                System.out.println("    failed: " + e.getMessage() + " (see " + logs.resolve(r.id() + ".log") + ")");
            }
            long[] t1 = MachineProbe.cpuTicks();
            double seconds = (System.nanoTime() - w0) / 1e9;
            if (t0 != null && t1 != null && seconds > 1) {
                double others = ((t1[0] - t0[0]) - (t1[1] - t0[1])) / MachineProbe.TICKS_PER_SECOND / seconds;
                otherCores.put(r.id(), Math.round(others * 100) / 100.0);
            }
            if (i - 1 == lastFma) {
                String cc = System.getenv("CC");
                nativeFma(results, cpus, cc != null && !cc.isBlank() ? cc : "gcc");
            }
        }
        if (only.contains("train")) {
            pytorch(results, machine);
        }
        if (only.contains("conv")) {
            pytorchConv(results, System.getenv("PYTHON") != null ? System.getenv("PYTHON") : "/usr/bin/python3",
                    Path.of("bench/pytorch/conv_bench.py"), Path.of("bench/pytorch/pool_norm_bench.py"));
        }
        machine.put("runFailures", failed);
        double after = MachineProbe.loadAverage();
        machine.put("loadAverageAfter", after);
        machine.put("loadAverageMax", Math.max(loadMax, after));
        if (!otherCores.isEmpty()) {
            machine.put("otherCpuByRun", otherCores);
        }
        machine.put("durationSeconds", Duration.between(start, Instant.now()).toSeconds());
        Files.writeString(out.resolve("machine.json"), Jsons.write(machine));
    }

    static org.openjdk.jmh.runner.options.Options options(Suite.Run r, Path results, Path logs) {
        Suite.Timing t = r.timing();
        ChainedOptionsBuilder o = new OptionsBuilder().include(r.include())
                .forks(t.forks())
                .warmupIterations(t.warmups()).warmupTime(TimeValue.milliseconds(t.warmupMs()))
                .measurementIterations(t.iterations()).measurementTime(TimeValue.milliseconds(t.iterationMs()))
                .threads(r.threads())
                .shouldFailOnError(false)
                .timeout(TimeValue.minutes(5))
                .resultFormat(ResultFormatType.JSON)
                .result(results.resolve(r.id() + ".json").toString())
                .output(logs.resolve(r.id() + ".log").toString());
        r.params().forEach((k, v) -> o.param(k, v.toArray(String[]::new)));
        if (!r.jvmArgs().isEmpty()) {
            o.jvmArgsPrepend(r.jvmArgs().toArray(String[]::new));
        }
        return o.build();
    }

    /**
     * The GEMM tile and species each study flag set actually gives (a child JVM per flag set prints
     * {@link MachineProbe#kernelLine()}): a build that ignores a flag shows the default here.
     */
    private static Map<String, String> studyKernels(List<Suite.Run> plan) throws IOException, InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (Suite.Run r : plan) {
            String key = String.join(" ", r.jvmArgs());
            if (r.jvmArgs().isEmpty() || m.containsKey(key)) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector"));
            cmd.addAll(r.jvmArgs());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MachineProbe.class.getName(),
                    "--kernel-line"));
            m.put(key, runForLine(cmd, 60));
        }
        return m;
    }

    private static String runForLine(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Output o = execute(cmd, timeoutSeconds);
        if (o.exit() == null) {
            return "timed out";
        }
        String[] lines = o.text().strip().split("\n");
        return o.exit() == 0 ? lines[lines.length - 1] : "failed: " + lines[lines.length - 1].strip();
    }

    /** The native FMA loop's source, relative to the repository root (the working directory of report.sh). */
    static final Path NATIVE_FMA_SOURCE = Path.of("bench/native/fma_peak.c");
    /** How report.sh compiles it (the compiler is $CC, else gcc): the widest vectors of this CPU, FMA contraction. */
    static final List<String> NATIVE_FMA_FLAGS = List.of("-O2", "-march=native", "-ffp-contract=fast", "-pthread");

    /**
     * The native ceiling: compiles {@code bench/native/fma_peak.c} with {@code cc} ($CC, else gcc), runs it with 1 and
     * all threads and writes {@code results/native-fma.txt} (JSON: compiler, command, vector bits, GFLOP/s per dtype
     * and thread count), or the same file with {@code "unavailable": why} when the compiler is absent or fails: a
     * missing tool is a line of the report, never a failure of the run.
     */
    static void nativeFma(Path results, int cpus, String cc) throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        Path file = results.resolve(ReportGenerator.NATIVE_FMA_FILE);
        Path exe = Path.of("bench/target/native/fma_peak").toAbsolutePath();
        List<String> compile = new ArrayList<>(List.of(cc));
        compile.addAll(NATIVE_FMA_FLAGS);
        compile.addAll(List.of(NATIVE_FMA_SOURCE.toString(), "-o", exe.toString()));
        System.out.println("[native] " + String.join(" ", compile));
        String version;
        try {
            version = runForText(List.of(cc, "--version"), 60).lines().findFirst().orElse(cc).strip();
        } catch (IOException e) {
            nativeUnavailable(file, cc + " absent (" + e.getMessage() + ")");
            return;
        }
        if (!Files.exists(NATIVE_FMA_SOURCE)) {
            nativeUnavailable(file, NATIVE_FMA_SOURCE + " not found (run from the repository root)");
            return;
        }
        Files.createDirectories(exe.getParent());
        Files.deleteIfExists(exe);
        String log = runForText(compile, 120);
        if (!Files.isExecutable(exe)) {
            nativeUnavailable(file, cc + " could not compile " + NATIVE_FMA_SOURCE + ": "
                    + log.strip().lines().reduce((a, b) -> b).orElse("no output"));
            return;
        }
        out.put("compiler", version);
        out.put("command", String.join(" ", compile.subList(0, compile.size() - 2)));
        List<Object> runs = new ArrayList<>();
        for (int t : cpus > 1 ? List.of(1, cpus) : List.of(1)) {
            String text = runForText(List.of(exe.toString(), Integer.toString(t)), 600);
            Map<String, Object> run = parseNativeFma(text);
            run.put("threads", t);
            runs.add(run);
            System.out.println("    " + t + " thread(s): F32 " + run.get("F32") + ", F64 " + run.get("F64")
                    + " GFLOP/s");
        }
        out.put("runs", runs);
        Files.writeString(file, Jsons.write(out));
    }

    /** Records in {@code file} why the native ceiling was not measured (a line of the report, not a failure). */
    private static void nativeUnavailable(Path file, String why) throws IOException {
        Files.writeString(file, Jsons.write(Map.of("unavailable", why)));
        System.out.println("    native ceiling not measured: " + why);
    }

    /** The vector bits and the F32 / F64 GFLOP/s of fma_peak's output (null when a line is missing). */
    static Map<String, Object> parseNativeFma(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        java.util.regex.Matcher bits = java.util.regex.Pattern.compile("(\\d+)-bit vectors").matcher(text);
        m.put("bits", bits.find() ? Integer.parseInt(bits.group(1)) : null);
        for (String dt : List.of("F32", "F64")) {
            java.util.regex.Matcher g = java.util.regex.Pattern.compile("(?m)^" + dt + " ([0-9.]+) GFLOP/s")
                    .matcher(text);
            m.put(dt, g.find() ? Double.parseDouble(g.group(1)) : null);
        }
        return m;
    }

    /**
     * PyTorch's figures for the same MLP training step and per-op loop, from the train branch's reference scripts
     * ({@code bench/pytorch/train_step.py}, {@code bench/pytorch/autodiff_overhead.py}; their "median N" lines), when
     * python3 can import torch; otherwise the report's rows say why PyTorch is missing. Written as one JSON line to
     * {@code results/pytorch.txt}.
     */
    private static void pytorch(Path results, Map<String, Object> machine) throws IOException, InterruptedException {
        // $PYTHON alone when set; else Debian's /usr/bin/python3 (it sees the python3-torch package), else python3
        List<String> candidates = System.getenv("PYTHON") != null ? List.of(System.getenv("PYTHON"))
                : List.of("/usr/bin/python3", "python3");
        String python = null;
        String version = "not tried";
        for (String cand : candidates) {
            try {
                version = runForLine(List.of(cand, "-c", "import torch; print(torch.__version__)"), 120);
            } catch (IOException e) {
                version = "failed: " + e.getMessage();
            }
            if (version.matches("[0-9][0-9A-Za-z.+_-]*")) {
                python = cand;
                break;
            }
        }
        if (python == null) {
            machine.put("pytorch", null);
            machine.put("pytorchUnavailable", String.join(" / ", candidates) + " cannot import torch ("
                    + version.replace("failed: ", "") + ")");
            return;
        }
        machine.put("pytorch", version);
        Path train = Path.of("bench/pytorch/train_step.py");
        Path autodiff = Path.of("bench/pytorch/autodiff_overhead.py");
        if (!Files.exists(train) || !Files.exists(autodiff)) {
            machine.put("pytorchUnavailable", train + " / " + autodiff + " not found (run from the repository root)");
            return;
        }
        System.out.println("[pytorch] " + python + " " + train + ", " + autodiff + " (torch " + version + ")");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("torch", version);
        r.put("trainSamplesPerSecond", median(runForText(List.of(python, train.toString(), "--threads", "1",
                "--rounds", "3"), 600), "train_step threads=1"));
        r.put("autodiffNsPerOp", median(runForText(List.of(python, autodiff.toString(), "--rounds", "3"), 600),
                "forwardBackwardPerOp"));
        if (Double.isNaN((Double) r.get("trainSamplesPerSecond")) && Double.isNaN((Double) r.get("autodiffNsPerOp"))) {
            machine.put("pytorchUnavailable", "the reference scripts printed no 'median' line");
            return;
        }
        Files.writeString(results.resolve(ReportGenerator.PYTORCH_FILE), Jsons.write(r));
    }

    /**
     * PyTorch's figures for the conv section: {@code bench/pytorch/conv_bench.py} (GFLOP/s per shape and method, 1
     * thread) and {@code bench/pytorch/pool_norm_bench.py} (GB/s per shape and op), parsed from their "median" lines
     * into {@code results/pytorch-conv.txt} as {"conv": {"shape method": GFLOP/s}, "poolnorm": {"shape method":
     * GB/s}}; without torch, or without the interpreter itself, a file saying why (the suite goes on).
     */
    static void pytorchConv(Path results, String python, Path conv, Path poolNorm) throws IOException,
            InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!Files.exists(conv) || !Files.exists(poolNorm)) {
            r.put("unavailable", conv + " / " + poolNorm + " not found (run from the repository root)");
        } else {
            System.out.println("[pytorch] " + python + " " + conv + ", " + poolNorm);
            try {
                r.put("conv", medians(runForText(List.of(python, conv.toString(), "--threads", "1", "--rounds",
                        "3"), 900), "pytorch conv2d "));
                r.put("poolnorm", medians(runForText(List.of(python, poolNorm.toString(), "--rounds", "3"), 600),
                        "pytorch poolnorm "));
                if (((Map<?, ?>) r.get("conv")).isEmpty() && ((Map<?, ?>) r.get("poolnorm")).isEmpty()) {
                    r.put("unavailable", python + " printed no 'median' line (torch missing?)");
                }
            } catch (IOException e) {                                  // no such interpreter: a result, not a failure
                r.clear();
                r.put("unavailable", python + " could not run (" + e.getMessage() + ")");
            }
        }
        Files.writeString(results.resolve(ReportGenerator.PYTORCH_CONV_FILE), Jsons.write(r));
    }

    /** "shape method" → the median of each line "PREFIX shape method threads=N: median X ..." (others: skipped). */
    static Map<String, Object> medians(String text, String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] w = line.substring(prefix.length()).trim().split("\\s+");
                int at = line.indexOf("median ");
                if (w.length >= 2 && at > 0) {
                    try {                                             // "median    0.70 GB/s": padded by the format
                        m.put(w[0] + " " + w[1], Double.parseDouble(line.substring(at + 7).trim().split("\\s+")[0]));
                    } catch (NumberFormatException e) {
                        // not a number: the figure stays missing and the report shows "—"
                    }
                }
            }
        }
        return m;
    }

    /** The number after "median" on the line containing {@code key}, NaN when absent. */
    static double median(String text, String key) {
        for (String line : text.split("\n")) {
            int k = line.indexOf(key);
            int m = line.indexOf("median ", Math.max(k, 0));
            if (k >= 0 && m > 0) {
                String num = line.substring(m + 7).split("[^0-9.eE+-]")[0];
                try {
                    return Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    /** cmd's output (stdout and stderr), what it printed until it was killed if it ran past the timeout. */
    static String runForText(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        return execute(cmd, timeoutSeconds).text();
    }

    /** A finished command's output and exit code (null: killed at the timeout). */
    private record Output(String text, Integer exit) {
    }

    /**
     * Runs cmd with its output going to a temporary file, not a pipe: reading a pipe to its end first would block
     * until the process exits, so the timeout could never fire.
     */
    private static Output execute(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vecgrad-run", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            Integer exit = null;
            if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor();
            }
            return new Output(new String(Files.readAllBytes(out), StandardCharsets.UTF_8), exit);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
