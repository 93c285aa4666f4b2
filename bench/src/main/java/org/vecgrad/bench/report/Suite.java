package org.vecgrad.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the report measures: the list of JMH runs of the quick and the full mode. Each run is one JMH invocation
 * (one JSON file): an include regex, {@code -p} parameters, extra fork flags (given to JMH as
 * {@code -jvmArgsPrepend}, so the benchmarks' own {@code --add-modules} stays), a JMH thread count and the timing.
 * The plan is data, so a unit test can check that every regex matches a benchmark and every parameter exists
 * without running anything; {@link RunSuite} executes it; {@link ReportGenerator} reads the results back by
 * benchmark name, parameters and the {@code -D} properties in each result's {@code jvmArgs}.
 */
public final class Suite {
    /** The report's sections, in order; {@code --only} selects some of them. */
    public static final List<String> SECTIONS =
            List.of("ceilings", "gemm", "width", "microkernel", "elementwise", "conv", "train");

    private Suite() {
    }

    /** Quick (a few minutes) or full (everything, long). */
    public enum Mode {
        QUICK, FULL;

        /** Parses "quick" / "full", any case. */
        public static Mode of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** JMH timing: forks, warm-up iterations × time, measured iterations × time (milliseconds). */
    public record Timing(int forks, int warmups, int warmupMs, int iterations, int iterationMs) {
        /** Rough wall time of one parameter combination, JVM start included. */
        public double seconds() {
            return forks * (1.0 + (warmups * warmupMs + iterations * iterationMs) / 1000.0);
        }
    }

    /**
     * One JMH invocation.
     *
     * @param id file name of its results ({@code id.json}), unique in a plan
     * @param section one of {@link #SECTIONS}
     * @param include JMH include regex
     * @param params {@code -p name=v1,v2} parameters
     * @param jvmArgs fork flags, passed as {@code -jvmArgsPrepend}
     * @param threads JMH threads ({@code -t})
     * @param timing iterations and times
     */
    public record Run(String id, String section, String include, Map<String, List<String>> params,
                      List<String> jvmArgs, int threads, Timing timing) {
        /** Parameter combinations (JMH runs the cross product). */
        public int combinations() {
            int c = 1;
            for (List<String> v : params.values()) {
                c *= v.size();
            }
            return c;
        }
    }

    static final String FMA = "org\\.vecgrad\\.bench\\.ceiling\\.FmaPeakBench\\.";
    static final String MEMORY_COPY = "org\\.vecgrad\\.bench\\.ceiling\\.MemoryBandwidthBench\\.copy";
    static final String MEMORY_ALL = "org\\.vecgrad\\.bench\\.ceiling\\.MemoryBandwidthBench\\.";
    static final String GEMM = "org\\.vecgrad\\.bench\\.gemm\\.GemmBench\\.";
    static final String GEMM_PAIRED = "org\\.vecgrad\\.bench\\.gemm\\.GemmPairedBench\\.";
    static final String UNARY = "org\\.vecgrad\\.bench\\.elementwise\\.UnaryBench\\.";
    static final String BINARY = "org\\.vecgrad\\.bench\\.elementwise\\.BinaryBench\\.";
    static final String COPY = "org\\.vecgrad\\.bench\\.elementwise\\.CopyBench\\.";
    static final String TRAIN_STEP = "org\\.vecgrad\\.bench\\.train\\.TrainStepBench\\.step$";
    static final String TRAIN_ALL = "org\\.vecgrad\\.bench\\.train\\.TrainStepBench\\.";
    static final String AUTODIFF = "org\\.vecgrad\\.bench\\.autodiff\\.(AutodiffOverheadBench|MlpOverheadBench)\\.";
    static final String CONV = "org\\.vecgrad\\.bench\\.conv\\.ConvBench\\.";
    static final String POOL_NORM = "org\\.vecgrad\\.bench\\.conv\\.PoolNormBench\\.";
    /** ConvBench shapes of the quick mode: one of each kind (3×3, 1×1, depthwise) and LeNet-5's two layers. */
    static final String CONV_QUICK = "3x3_64-64_56_b1,1x1_256-64_56_b1,dw3x3_32_112_b1,lenet1_1-6_28_b64,"
            + "lenet2_6-16_14_b64";
    static final String CONV_FULL = "3x3_64-64_56_b1,3x3_64-64_56_b8,1x1_256-64_56_b1,3x3s2_128-256_28_b1,"
            + "dw3x3_32_112_b1,lenet1_1-6_28_b64,lenet2_6-16_14_b64";

    /**
     * Micro-kernel shapes MR × (NR in vectors) of the study: the tiles the GEMM branch makes selectable (4×2, 6×2,
     * 8×2, 4×3, 8×3); a build without them ignores the flags, and the report's kernel column shows it.
     */
    static final int[][] MICROKERNELS_QUICK = {{4, 2}, {6, 2}, {4, 3}};
    static final int[][] MICROKERNELS_FULL = {{4, 2}, {6, 2}, {8, 2}, {4, 3}, {8, 3}};
    static final int[] KC_QUICK = {256, 512, 1024}; // 1024 and 512: the F32 and F64 defaults (¾ of L1 over the A micro-panel)
    static final int[] KC_FULL = {64, 128, 256, 384, 512, 1024};
    static final int[] WIDTHS = {128, 256, 512};
    /** A property nothing reads: marks the micro-kernel study's run with the engine's default configuration. */
    public static final String STUDY_DEFAULT = "-Dvecgrad.study=microkernel";

    static String square(int n) {
        return n + "x" + n + "x" + n + ":nn";
    }

    /**
     * The plan of a mode.
     *
     * @param cpus processors (the "all threads" runs)
     * @param preferredBits the JVM's preferred vector width; wider forced species are not intrinsified (they run
     *     the Vector API's Java fallback, orders of magnitude slower), so their runs are capped: a smaller GEMM and
     *     fewer iterations
     */
    public static List<Run> plan(Mode mode, int cpus, int preferredBits) {
        boolean quick = mode == Mode.QUICK;
        Timing t = quick ? new Timing(1, 2, 500, 3, 500) : new Timing(2, 3, 1000, 5, 1000);
        Timing slow = quick ? new Timing(1, 3, 1000, 3, 1000) : new Timing(2, 5, 2000, 5, 2000);
        Timing capped = new Timing(1, 1, 1000, 2, 1000);
        List<Run> runs = new ArrayList<>();

        // ceilings; the FMA runs keep the slow timing: the old multiplicand-form loop read 65 GFLOP/s F32 after
        // 2 x 0.5 s and 85-89 after seconds (the addend form reads ~102 in 25 µs bursts once compiled). RunSuite runs
        // the native C loop (bench/native/fma_peak.c, ~4 s per thread count) right after the last of these runs
        runs.add(run("fma-1t", "ceilings", FMA, Map.of(), List.of(), 1, slow));
        if (cpus > 1) {
            runs.add(run("fma-all", "ceilings", FMA, Map.of(), List.of(), cpus, slow));
        }
        runs.add(run("memory-1t", "ceilings", quick ? MEMORY_COPY : MEMORY_ALL,
                Map.of("mib", List.of(quick ? "64" : "256")), List.of(), 1, quick ? t : slow));
        if (!quick && cpus > 1) {
            runs.add(run("memory-all", "ceilings", MEMORY_COPY, Map.of("mib", List.of("256")), List.of(), cpus, slow));
        }

        // GEMM vs size
        List<String> both = List.of("F32", "F64");
        if (quick) {
            runs.add(run("gemm-fast-1t", "gemm", GEMM, params("impl", "simd,openblas", "dtype", "F32,F64",
                    "threads", "1", "shape", square(64) + "," + square(256) + "," + square(1024)), List.of(), 1, t));
            runs.add(run("gemm-fast-all", "gemm", GEMM, params("impl", "simd,openblas", "dtype", "F32,F64",
                    "threads", "0", "shape", square(1024)), List.of(), 1, t));
            runs.add(run("gemm-peers-1t", "gemm", GEMM, params("impl", "scalar,naive,ejml", "dtype", "F32,F64",
                    "threads", "1", "shape", square(64) + "," + square(256)), List.of(), 1, t));
        } else {
            String sizes = String.join(",", List.of(square(64), square(128), square(256), square(512), square(1024),
                    square(2048)));
            runs.add(run("gemm-all", "gemm", GEMM, params("impl", "simd,openblas,ejml,scalar", "dtype", "F32,F64",
                    "threads", "1,0", "shape", sizes), List.of(), 1, t));
            // the naive loop is single-threaded and takes > 10 s per call at 2048
            runs.add(run("gemm-naive", "gemm", GEMM, params("impl", "naive", "dtype", "F32,F64", "threads", "1",
                    "shape", String.join(",", List.of(square(64), square(128), square(256), square(512),
                            square(1024)))), List.of(), 1, t));
            runs.add(run("gemm-mlp", "gemm", GEMM, params("impl", "simd,openblas", "dtype", "F32", "threads", "1",
                    "shape", "128x256x784:nn,784x256x128:tn,128x784x256:nt,128x128x256:nn,256x128x128:tn,"
                            + "128x256x128:nt"), List.of(), 1, t));
        }

        // vecgrad and OpenBLAS timed in the same calls (GemmPairedBench): ratios free of the load changing between
        // trials; report.sh prints bench/gemm-paired-report.py's per-iteration ratios with 99.9 % intervals. At least
        // 10 iterations: with 3 the t factor (31.6) makes the interval useless
        runs.add(run("gemm-paired", "gemm", GEMM_PAIRED, params("against", "openblas", "dtype", "F32,F64",
                "threads", "1", "shape", quick ? square(1024) : square(128) + "," + square(1024) + "," + square(2048)),
                List.of(), 1, quick ? new Timing(1, 3, 500, 10, 500) : new Timing(2, 3, 1000, 10, 1000)));

        // vector width study: the same kernels with the species forced; the scalar path comes from the runs above
        String widthShape = quick ? square(256) : square(256) + "," + square(1024);
        String widthOps = quick ? "relu,gelu" : "relu,sigmoid,tanh,gelu,exp";
        for (int bits : WIDTHS) {
            boolean fallback = bits > preferredBits;
            List<String> flag = List.of("-Dvecgrad.vectorBits=" + bits);
            Timing wt = fallback ? capped : t;
            runs.add(run("width-" + bits + "-gemm", "width", GEMM, params("impl", "simd", "dtype", "F32,F64",
                    "threads", "1", "shape", fallback ? square(128) : widthShape), flag, 1, wt));
            runs.add(run("width-" + bits + "-unary", "width", UNARY, params("op", widthOps, "path", "simd",
                    "size", "262144"), flag, 1, wt));
            runs.add(run("width-" + bits + "-fma", "width", FMA, Map.of(), flag, 1, fallback ? capped : slow));
        }
        // (the scalar path at the width study's sizes comes from the gemm and elementwise runs)

        // micro-kernel shape and KC: F32 GEMM, one thread
        String ukShape = square(1024);
        List<String> ukTypes = quick ? List.of("F32") : both;
        // the engine's own choice, marked with a no-op property so it stays apart from the main GEMM table
        runs.add(run("ukernel-default", "microkernel", GEMM, params("impl", "simd",
                "dtype", String.join(",", ukTypes), "threads", "1", "shape", ukShape), List.of(STUDY_DEFAULT), 1, t));
        for (int[] mk : quick ? MICROKERNELS_QUICK : MICROKERNELS_FULL) {
            runs.add(run("ukernel-" + mk[0] + "x" + mk[1], "microkernel", GEMM, params("impl", "simd",
                    "dtype", String.join(",", ukTypes), "threads", "1", "shape", ukShape),
                    List.of("-Dvecgrad.gemm.mr=" + mk[0], "-Dvecgrad.gemm.nrVectors=" + mk[1]), 1, t));
        }
        for (int kc : quick ? KC_QUICK : KC_FULL) {
            runs.add(run("kc-" + kc, "microkernel", GEMM, params("impl", "simd", "dtype", String.join(",", ukTypes),
                    "threads", "1", "shape", ukShape), List.of("-Dvecgrad.gemm.kc=" + kc), 1, t));
        }

        // elementwise, in cache and out of cache, with the copy ceiling at the same sizes
        String sizes = quick ? "262144,16777216" : "4096,262144,16777216";
        runs.add(run("elementwise", "elementwise", UNARY, params("op", "relu,sigmoid,tanh,gelu,exp",
                "path", "simd,scalar", "size", sizes), List.of(), 1, t));
        runs.add(run("copy", "elementwise", COPY, params("size", sizes), List.of(), 1, t));
        if (!quick) {
            runs.add(run("binary", "elementwise", BINARY, params("op", "add", "path", "simd,scalar", "size", sizes),
                    List.of(), 1, t));
        }

        // convolution (GFLOP/s, % of the FMA peak; PyTorch's figures from bench/pytorch/conv_bench.py) and pooling /
        // normalization (GB/s, the engine's kernels and the loops they replaced in the same run)
        runs.add(run("conv-1t", "conv", CONV, params("shape", quick ? CONV_QUICK : CONV_FULL, "threads", "1"),
                List.of(), 1, t));
        if (!quick && cpus > 1) {
            runs.add(run("conv-all", "conv", CONV, params("shape", CONV_FULL, "threads", "0"), List.of(), 1, t));
        }
        runs.add(run("poolnorm", "conv", POOL_NORM, params("impl", "new,old",
                "shape", "lenet1_b64,lenet2_b64,resnet_b8"), List.of(), 1, t));

        // training step and autodiff overhead
        runs.add(run("train", "train", quick ? TRAIN_STEP : TRAIN_ALL,
                params("threads", cpus > 1 ? "1," + cpus : "1"), List.of(), 1, slow));
        runs.add(run("autodiff", "train", AUTODIFF, Map.of(), List.of(), 1, slow));
        return runs;
    }

    private static Run run(String id, String section, String include, Map<String, List<String>> params,
                           List<String> jvmArgs, int threads, Timing timing) {
        return new Run(id, section, include, params, jvmArgs, threads, timing);
    }

    /** name, "v1,v2", name, "v1", ... in order. */
    static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1].split(",")));
        }
        return m;
    }

    /** Rough wall time of a plan in seconds (quiet machine). */
    public static double estimateSeconds(List<Run> runs) {
        double s = 0;
        for (Run r : runs) {
            s += r.combinations() * r.timing().seconds() * methods(r);
        }
        return s;
    }

    private static int methods(Run r) {
        if (r.include().equals(FMA) || r.include().equals(MEMORY_COPY) || r.include().equals(AUTODIFF)) {
            return r.include().equals(AUTODIFF) ? 4 : 2;
        }
        if (r.include().equals(COPY) || r.include().equals(CONV)) {
            return 2;
        }
        if (r.include().equals(POOL_NORM)) {
            return 3;
        }
        if (r.include().equals(MEMORY_ALL) || r.include().equals(TRAIN_ALL)) {
            return 4;
        }
        return 1;
    }
}
