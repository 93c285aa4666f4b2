package org.vecgrad.bench.elementwise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vecgrad.bench.ceiling.FmaPeakBench;

/**
 * Reads JMH JSON results ({@code -rf json}) of the elementwise suite and the ceilings and prints Markdown tables:
 * GB/s of every kernel, its ratio to the copy ceiling at the same size and thread count, SIMD/scalar, allocation per
 * call (when run with {@code -prof gc}), and PASS/FAIL against the project's targets:
 * <ul>
 *   <li>16 Mi elements, 1 thread, SIMD: relu and add ≥ 0.85 × copy; sigmoid, tanh, gelu, exp ≥ 0.5 × copy;</li>
 *   <li>256 Ki elements, 1 thread: every activation (relu, sigmoid, tanh, gelu, exp) SIMD ≥ 5 × its scalar path;</li>
 *   <li>SIMD kernels allocate nothing: gc.alloc.rate.norm ≤ 0.1% of the bytes of one input array (a kernel that boxed
 *       even one vector per loop step would allocate more than the data it touches), taking the smallest
 *       per-iteration value, so an iteration that still ran before C2 finished compiling (the interpreted Vector API
 *       allocates) does not fail it; a kernel that allocates does so in every iteration.</li>
 * </ul>
 * "copy" is the faster of {@code CopyBench.arraycopy} and {@code CopyBench.loop} at that size.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.vecgrad.bench.elementwise.Report [--strict] result.json...};
 * {@code --strict} exits with status 1 when a target fails or was not measured (MISS).
 */
public final class Report {
    private static final double RELU_ADD_VS_COPY = 0.85;
    private static final double TRANSCENDENTAL_VS_COPY = 0.5;
    private static final double SIMD_VS_SCALAR = 5.0;
    private static final int BIG = 16 << 20;
    private static final int MID = 256 << 10;
    private static final List<String> ACTIVATIONS = List.of("relu", "sigmoid", "tanh", "gelu", "exp");
    private static final List<String> OP_ORDER =
            List.of("copy:arraycopy", "copy:loop", "add", "relu", "sigmoid", "tanh", "gelu", "exp", "softmax");

    /** One JMH result row. */
    record Result(String benchClass, String method, Map<String, String> params, int threads, double score,
                  String unit, Map<String, double[]> secondary) {
        double secondary(String name) {
            double[] v = secondary.get(name);
            return v == null ? Double.NaN : v[0];
        }

        double secondaryError(String name) {
            double[] v = secondary.get(name);
            return v == null ? Double.NaN : v[1];
        }

        double secondaryMin(String name) {
            double[] v = secondary.get(name);
            return v == null ? Double.NaN : v[2];
        }
    }

    /** One elementwise measurement in GB/s; bytesPerOp is the smallest per-iteration gc.alloc.rate.norm. */
    record Row(String op, int size, String path, int threads, double gbs, double gbsErr, double bytesPerOp) {
        String key() {
            return op + "|" + size + "|" + path + "|" + threads;
        }
    }

    private final List<String> verdicts = new ArrayList<>();
    private int failures;

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        boolean strict = false;
        List<Result> results = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--strict")) {
                strict = true;
            } else {
                results.addAll(read(Path.of(a)));
            }
        }
        if (results.isEmpty()) {
            System.err.println("usage: Report [--strict] jmh-result.json... (JMH run with -rf json -rff FILE)");
            System.exit(2);
        }
        Report r = new Report();
        r.elementwise(results);
        r.ceilings(results);
        if (!r.verdicts.isEmpty()) {
            System.out.println();
            System.out.println("Targets:");
            r.verdicts.forEach(v -> System.out.println("  " + v));
        }
        if (strict && r.failures > 0) {
            System.exit(1);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Result> read(Path file) throws IOException {
        Object root = Json.parse(Files.readString(file));
        List<Result> out = new ArrayList<>();
        for (Object o : (List<Object>) root) {
            Map<String, Object> m = (Map<String, Object>) o;
            String bench = (String) m.get("benchmark");
            int dot = bench.lastIndexOf('.');
            String cls = bench.substring(0, dot);
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            Object p = m.get("params");
            if (p != null) {
                ((Map<String, Object>) p).forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) m.get("primaryMetric");
            Map<String, double[]> secondary = new LinkedHashMap<>();
            Object sec = m.get("secondaryMetrics");
            if (sec != null) {
                ((Map<String, Object>) sec).forEach((k, v) -> {
                    Map<String, Object> mm = (Map<String, Object>) v;
                    secondary.put(k, new double[] {num(mm.get("score")), num(mm.get("scoreError")),
                        minRaw(mm.get("rawData"))});
                });
            }
            out.add(new Result(cls, bench.substring(dot + 1), params, (int) num(m.get("threads")),
                    num(primary.get("score")), String.valueOf(primary.get("scoreUnit")), secondary));
        }
        return out;
    }

    /** The smallest per-iteration value of a metric (rawData: one list per fork), NaN when absent. */
    @SuppressWarnings("unchecked")
    private static double minRaw(Object raw) {
        double min = Double.NaN;
        if (raw instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object it : (List<Object>) fork) {
                    double v = num(it);
                    if (Double.isNaN(min) || v < min) {
                        min = v;
                    }
                }
            }
        }
        return min;
    }

    private static double num(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) { // JMH writes "NaN" for an error it cannot compute (one iteration)
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------------------------------------ elementwise

    private void elementwise(List<Result> results) {
        List<Row> rows = new ArrayList<>();
        for (Result r : results) {
            String op = switch (r.benchClass()) {
                case "UnaryBench", "BinaryBench" -> r.params().get("op");
                case "SoftmaxBench" -> "softmax";
                case "CopyBench" -> "copy:" + r.method();
                case "ApiBench" -> r.method().equals("add") ? "add" : r.params().get("op");
                default -> null;
            };
            String path = r.benchClass().equals("ApiBench") ? "api" : r.params().getOrDefault("path", "-");
            if (op == null) {
                continue;
            }
            double bytes = r.secondary("bytes");
            if (Double.isNaN(bytes)) {
                System.err.println("skipping " + r.benchClass() + "." + r.method() + ": no 'bytes' metric "
                        + "(run in throughput mode)");
                continue;
            }
            rows.add(new Row(op, Integer.parseInt(r.params().get("size")), path,
                    r.threads(), bytes / 1e9, r.secondaryError("bytes") / 1e9, r.secondaryMin("gc.alloc.rate.norm")));
        }
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Row> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        rows.sort(Comparator.comparingInt((Row r) -> r.threads())
                .thenComparingInt(r -> orderOf(r.op()))
                .thenComparing(Row::op)
                .thenComparingInt(Row::size)
                .thenComparingInt(r -> List.of("simd", "api", "scalar").indexOf(r.path())));

        boolean gc = rows.stream().anyMatch(r -> !Double.isNaN(r.bytesPerOp()));
        System.out.println("## Elementwise kernels (GB/s = (reads + writes) · 4 B · size / time)");
        System.out.println();
        System.out.println("| op | size | path | thr | GB/s | ± | × copy | SIMD/scalar |" + (gc ? " B/op min |" : "")
                + " target |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|" + (gc ? "---:|" : "") + "---|");
        for (Row r : rows) {
            double copy = copyCeiling(rows, r.size(), r.threads());
            Row scalar = r.path().equals("simd") ? byKey.get(r.op() + "|" + r.size() + "|scalar|" + r.threads()) : null;
            double vsScalar = scalar == null ? Double.NaN : r.gbs() / scalar.gbs();
            String target = target(r, copy, vsScalar);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %s | %s | %s |%s %s |%n",
                    r.op(), sizeLabel(r.size()), r.path(), r.threads(), r.gbs(), fmt(r.gbsErr(), "%.2f"),
                    r.op().startsWith("copy") ? "" : fmt(r.gbs() / copy, "%.2f"), fmt(vsScalar, "%.1f"),
                    gc ? " " + fmt(r.bytesPerOp(), "%.3g") + " |" : "", target);
        }
        System.out.println();

        // Targets that were expected but not measured are reported too, so a partial run cannot look green.
        for (String op : ACTIVATIONS) {
            if (!byKey.containsKey(op + "|" + BIG + "|simd|1")) {
                missing(op + " 16 Mi simd, 1 thread");
            }
            if (!byKey.containsKey(op + "|" + MID + "|simd|1") || !byKey.containsKey(op + "|" + MID + "|scalar|1")) {
                missing(op + " 256 Ki simd and scalar, 1 thread");
            }
        }
        if (!byKey.containsKey("add|" + BIG + "|simd|1")) {
            missing("add 16 Mi simd, 1 thread");
        }
    }

    /** Checks the targets that apply to this row, records the verdicts, and returns the row's target cell. */
    private String target(Row r, double copy, double vsScalar) {
        if (!r.path().equals("simd")) {
            return "";
        }
        List<String> cell = new ArrayList<>();
        if (r.threads() == 1 && r.size() == BIG) {
            double need = switch (r.op()) {
                case "relu", "add" -> RELU_ADD_VS_COPY;
                case "sigmoid", "tanh", "gelu", "exp" -> TRANSCENDENTAL_VS_COPY;
                default -> Double.NaN;
            };
            if (!Double.isNaN(need) && Double.isNaN(copy)) {
                missing("copy at 16 Mi, 1 thread (needed for " + r.op() + ")");
            } else if (!Double.isNaN(need)) {
                boolean ok = r.gbs() / copy >= need;
                cell.add((ok ? "PASS" : "FAIL") + " ≥" + need + "×copy");
                verdict(ok, String.format(Locale.ROOT, "%s 16 Mi: %.2f GB/s = %.2f × copy (%.2f GB/s), need ≥ %.2f",
                        r.op(), r.gbs(), r.gbs() / copy, copy, need));
            }
        }
        if (r.threads() == 1 && r.size() == MID && ACTIVATIONS.contains(r.op()) && !Double.isNaN(vsScalar)) {
            boolean ok = vsScalar >= SIMD_VS_SCALAR;
            cell.add((ok ? "PASS" : "FAIL") + " ≥" + (int) SIMD_VS_SCALAR + "×scalar");
            verdict(ok, String.format(Locale.ROOT, "%s 256 Ki: SIMD %.1f × scalar, need ≥ %.0f",
                    r.op(), vsScalar, SIMD_VS_SCALAR));
        }
        if (!Double.isNaN(r.bytesPerOp())) {
            double limit = 0.001 * Float.BYTES * r.size();
            boolean ok = r.bytesPerOp() <= limit;
            if (!ok) {
                cell.add("FAIL alloc");
            }
            if (!ok || r.size() == MID) { // one allocation line per op is enough when clean
                verdict(ok, String.format(Locale.ROOT, "%s %s simd allocates %.3g B/call, need ≤ %.3g",
                        r.op(), sizeLabel(r.size()), r.bytesPerOp(), limit));
            }
        }
        return String.join(", ", cell);
    }

    private void verdict(boolean ok, String text) {
        if (!ok) {
            failures++;
        }
        verdicts.add((ok ? "PASS  " : "FAIL  ") + text);
    }

    private void missing(String what) {
        failures++;
        verdicts.add("MISS  " + what + ": not measured (or its benchmark failed)");
    }

    private static double copyCeiling(List<Row> rows, int size, int threads) {
        double best = Double.NaN;
        for (Row r : rows) {
            if (r.op().startsWith("copy") && r.size() == size && r.threads() == threads
                    && (Double.isNaN(best) || r.gbs() > best)) {
                best = r.gbs();
            }
        }
        return best;
    }

    private static int orderOf(String op) {
        int i = OP_ORDER.indexOf(op);
        return i < 0 ? OP_ORDER.size() : i;
    }

    static String sizeLabel(int n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " Mi";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " Ki";
        }
        return Integer.toString(n);
    }

    private static String fmt(double v, String f) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, f, v);
    }

    // --------------------------------------------------------------------------------------------------- ceilings

    private void ceilings(List<Result> results) {
        List<String> lines = new ArrayList<>();
        for (Result r : results) {
            switch (r.benchClass()) {
                case "FmaPeakBench" -> {
                    double flops = r.secondary("flop");
                    // lanes = FLOP per call / (2 · chains · iters): a check that the species is the expected one.
                    // (compile-time constants: reading them does not load the Vector API in this JVM)
                    double lanes = flops / r.score() / (2.0 * FmaPeakBench.CHAINS * FmaPeakBench.ITERS);
                    lines.add(String.format(Locale.ROOT, "| FMA peak %s | %d | %.1f ± %.1f GFLOP/s | %.0f lanes |",
                            r.method().toUpperCase(Locale.ROOT), r.threads(), flops / 1e9,
                            r.secondaryError("flop") / 1e9, lanes));
                }
                case "MemoryBandwidthBench" -> lines.add(String.format(Locale.ROOT,
                        "| memory %s | %d | %.2f ± %.2f GB/s | %s MiB arrays |", r.method(), r.threads(),
                        r.secondary("bytes") / 1e9, r.secondaryError("bytes") / 1e9, r.params().get("mib")));
                default -> {
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        System.out.println("## Ceilings");
        System.out.println();
        System.out.println("| what | thr | score | note |");
        System.out.println("|---|---:|---:|---|");
        lines.forEach(System.out::println);
        System.out.println();
    }
}
