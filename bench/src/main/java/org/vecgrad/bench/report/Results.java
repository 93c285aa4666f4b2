package org.vecgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** JMH JSON result rows ({@code -rf json}) of one report directory, with the queries the report needs. */
final class Results {

    /**
     * One JMH result.
     *
     * @param file the JSON file (run id) it came from
     * @param cls simple class name, e.g. GemmBench
     * @param method benchmark method
     * @param params JMH parameters
     * @param props {@code -Dvecgrad.*} properties of the fork ({@code vecgrad.} prefix removed), from jvmArgs
     * @param threads JMH threads
     * @param score primary score
     * @param error primary score error (99.9%), NaN when JMH could not compute it
     * @param unit primary score unit, e.g. "us/op", "ops/s"
     * @param secondary secondary metric name → {score, error}
     */
    record Row(String file, String cls, String method, Map<String, String> params, Map<String, String> props,
               int threads, double score, double error, String unit, Map<String, double[]> secondary) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        double secondary(String name) {
            double[] v = secondary.get(name);
            return v == null ? Double.NaN : v[0];
        }

        /** Seconds per operation from an average-time score. */
        double secondsPerOp() {
            double scale = switch (unit) {
                case "s/op" -> 1;
                case "ms/op" -> 1e-3;
                case "us/op" -> 1e-6;
                case "ns/op" -> 1e-9;
                default -> throw new IllegalStateException(cls + "." + method + ": score unit " + unit
                        + " is not a time per operation");
            };
            return score * scale;
        }

        /** Operations per second from a throughput score. */
        double opsPerSecond() {
            return switch (unit) {
                case "ops/s" -> score;
                case "ops/ms" -> score * 1e3;
                case "ops/us" -> score * 1e6;
                default -> 1 / secondsPerOp();
            };
        }
    }

    final List<Row> rows;

    Results(List<Row> rows) {
        this.rows = rows;
    }

    /** Every {@code *.json} file of a directory (JMH results), in name order. */
    static Results readDir(Path dir) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    rows.addAll(read(p));
                }
            }
        }
        return new Results(rows);
    }

    @SuppressWarnings("unchecked")
    static List<Row> read(Path file) throws IOException {
        String text = Files.readString(file).strip();
        List<Row> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out; // JMH leaves an empty file when every benchmark of a run failed
        }
        String id = file.getFileName().toString().replaceFirst("\\.json$", "");
        for (Object o : (List<Object>) Jsons.read(text)) {
            Map<String, Object> m = (Map<String, Object>) o;
            String bench = (String) m.get("benchmark");
            int dot = bench.lastIndexOf('.');
            String cls = bench.substring(0, dot);
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, String> props = new LinkedHashMap<>();
            if (m.get("jvmArgs") instanceof List<?> args) {
                for (Object a : args) {
                    String s = String.valueOf(a);
                    if (s.startsWith("-Dvecgrad.") && s.contains("=")) {
                        props.put(s.substring("-Dvecgrad.".length(), s.indexOf('=')), s.substring(s.indexOf('=') + 1));
                    }
                }
            }
            Map<String, Object> primary = (Map<String, Object>) m.get("primaryMetric");
            Map<String, double[]> secondary = new LinkedHashMap<>();
            if (m.get("secondaryMetrics") instanceof Map<?, ?> sec) {
                sec.forEach((k, v) -> {
                    Map<String, Object> mm = (Map<String, Object>) v;
                    secondary.put(String.valueOf(k), new double[] {num(mm.get("score")), num(mm.get("scoreError"))});
                });
            }
            out.add(new Row(id, cls, bench.substring(dot + 1), params, props, (int) num(m.get("threads")),
                    num(primary.get("score")), num(primary.get("scoreError")), String.valueOf(primary.get("scoreUnit")),
                    secondary));
        }
        return out;
    }

    private static double num(Object o) {
        if (o instanceof Number d) {
            return d.doubleValue();
        }
        if (o instanceof String s) { // JMH writes "NaN" for an error it cannot compute
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    List<Row> where(Predicate<Row> p) {
        return rows.stream().filter(p).toList();
    }

    /** The last row matching (later files override earlier ones). */
    Optional<Row> find(Predicate<Row> p) {
        Row found = null;
        for (Row r : rows) {
            if (p.test(r)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Rows without any study property (the engine's defaults). */
    static boolean defaults(Row r) {
        return r.props().isEmpty();
    }
}
