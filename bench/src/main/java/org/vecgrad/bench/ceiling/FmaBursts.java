package org.vecgrad.bench.ceiling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The FMA loops timed one call (a 25 µs burst) at a time, for a loaded machine, where JMH's averages measure the
 * machine's load more than the loop: after 4 s of warm-up, {@code rounds} × 100 timed calls of each loop,
 * interleaved; prints the best, 10th-percentile and median GFLOP/s (= FLOP per call / ns). A burst much shorter than
 * a scheduler slice mostly runs undisturbed, so the best and p10 are the loop's own speed. The C twin is
 * {@code bench/native/fma_bursts.c}; run both alternately:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.vecgrad.bench.ceiling.FmaBursts 20
 * gcc -O2 -march=native -ffp-contract=fast bench/native/fma_bursts.c -o /tmp/fma_bursts &amp;&amp; /tmp/fma_bursts 2000
 * </pre>
 */
public final class FmaBursts {
    private FmaBursts() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        FmaPeakBench peak = new FmaPeakBench();
        peak.setup();
        FmaFormBench form = new FmaFormBench();
        form.setup();
        Map<String, ToDoubleFunction<FlopCounter>> loops = new LinkedHashMap<>();
        loops.put("FmaPeakBench.f32 (a <- x*y + a)", peak::f32);
        loops.put("FmaPeakBench.f64", peak::f64);
        loops.put("FmaFormBench.f32Multiplicand (a <- a*m + c)", form::f32Multiplicand);
        loops.put("FmaFormBench.f64Multiplicand", form::f64Multiplicand);
        FlopCounter counter = new FlopCounter();
        double sink = 0;
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            for (ToDoubleFunction<FlopCounter> f : loops.values()) {
                for (int i = 0; i < 50; i++) {
                    sink += f.applyAsDouble(counter);
                }
            }
        }
        Map<String, long[]> times = new LinkedHashMap<>();
        Map<String, Long> flop = new LinkedHashMap<>();
        for (Map.Entry<String, ToDoubleFunction<FlopCounter>> e : loops.entrySet()) {
            counter.flop = 0;
            sink += e.getValue().applyAsDouble(counter);
            flop.put(e.getKey(), counter.flop);
            times.put(e.getKey(), new long[rounds * 100]);
        }
        for (int r = 0; r < rounds; r++) { // interleaved: every loop sees the same load
            for (Map.Entry<String, ToDoubleFunction<FlopCounter>> e : loops.entrySet()) {
                long[] t = times.get(e.getKey());
                for (int i = 0; i < 100; i++) {
                    long t0 = System.nanoTime();
                    sink += e.getValue().applyAsDouble(counter);
                    t[r * 100 + i] = System.nanoTime() - t0;
                }
            }
        }
        for (String k : loops.keySet()) {
            long[] t = times.get(k);
            Arrays.sort(t);
            double f = flop.get(k);
            System.out.printf(Locale.ROOT, "%-44s best %6.1f  p10 %6.1f  median %6.1f GFLOP/s%n", k, f / t[0],
                    f / t[t.length / 10], f / t[t.length / 2]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
