package org.vecgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunSuite reads PyTorch's figures and the native FMA loop's output; a missing compiler is a result, not a failure. */
class RunSuiteTest {
    @Test
    void readsTheMedianOfTheRequestedLine() {
        double train = 91234;
        double perOp = 5612;
        String out = String.format(Locale.ROOT, "torch 1.13.1%npytorch train_step threads=2: median 99999 samples/s%n"
                + "pytorch train_step threads=1: median %.0f samples/s, best 95000, rounds [1, 2]%n"
                + "pytorch autodiff forwardBackwardPerOp: median %.0f ns/op, best 5500%n", train, perOp);
        assertEquals(train, RunSuite.median(out, "train_step threads=1"));
        assertEquals(perOp, RunSuite.median(out, "forwardBackwardPerOp"));
        assertTrue(Double.isNaN(RunSuite.median(out, "forwardOnlyNoGradPerOp")), "absent line: NaN");
    }

    @Test
    void aMissingInterpreterIsWrittenAsUnavailable(@TempDir Path dir) throws Exception {
        Path conv = Files.writeString(dir.resolve("conv_bench.py"), "");
        Path poolNorm = Files.writeString(dir.resolve("pool_norm_bench.py"), "");
        Path missing = dir.resolve("no-such-python3");
        RunSuite.pytorchConv(dir, missing.toString(), conv, poolNorm);
        String written = Files.readString(dir.resolve(ReportGenerator.PYTORCH_CONV_FILE));
        assertTrue(written.contains("unavailable") && written.contains("no-such-python3"), written);
    }

    @Test
    void aCommandPastItsTimeoutIsKilled() throws Exception {
        long t0 = System.nanoTime();
        String out = RunSuite.runForText(java.util.List.of("sh", "-c", "echo started; exec sleep 60"), 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 30, "returned after " + seconds + " s");
        assertTrue(out.contains("started"), out);
    }

    @Test
    void readsTheConvScriptsPaddedMedians() {
        // the lines as conv_bench.py and pool_norm_bench.py print them (fixed-width fields, padded numbers)
        String out = "torch 1.13.0a0, mkldnn True, load average before: 0.10 0.20 0.30 (2 CPUs)\n"
                + "pytorch conv2d 3x3_64-64_56_b1     forward         threads=1: median   123.4 GFLOP/s, best   130.0"
                + " (535.0 calls/s)\n"
                + "pytorch conv2d 3x3_64-64_56_b1     forwardBackward threads=1: median    88.5 GFLOP/s, best    90.0"
                + " (120.0 calls/s)\n"
                + "pytorch poolnorm lenet1_b64 maxPool2x2        threads=1: median    0.70 GB/s, best    0.72\n"
                + "pytorch poolnorm resnet_b8  batchNormBackward threads=1: median   14.13 GB/s, best   14.15\n";
        Map<String, Object> conv = RunSuite.medians(out, "pytorch conv2d ");
        assertEquals(Map.of("3x3_64-64_56_b1 forward", 123.4, "3x3_64-64_56_b1 forwardBackward", 88.5), conv);
        Map<String, Object> pn = RunSuite.medians(out, "pytorch poolnorm ");
        assertEquals(Map.of("lenet1_b64 maxPool2x2", 0.70, "resnet_b8 batchNormBackward", 14.13), pn);
        assertTrue(RunSuite.medians("pytorch conv2d x forward threads=1: median n/a", "pytorch conv2d ").isEmpty(),
                "no number: no entry");
    }

    @Test
    void readsTheNativeFmaLoopsOutput() {
        double f32 = 98.7;
        double f64 = 49.6;
        String out = String.format(Locale.ROOT, "native FMA peak: 256-bit vectors, 12 chains, 2 thread(s), mean of 5 "
                + "rounds of 100000000 steps%nF32 %.1f GFLOP/s (summed over threads; per thread %.1f)%n"
                + "F64 %.1f GFLOP/s (summed over threads; per thread %.1f)%n", f32, f32 / 2, f64, f64 / 2);
        Map<String, Object> m = RunSuite.parseNativeFma(out);
        assertEquals(256, m.get("bits"));
        assertEquals(f32, (Double) m.get("F32"), 1e-9);
        assertEquals(f64, (Double) m.get("F64"), 1e-9);
        Map<String, Object> none = RunSuite.parseNativeFma("Illegal instruction");
        assertEquals(null, none.get("F32"), "no line: no figure");
    }

    @Test
    void anAbsentCompilerIsWrittenAsTheReasonNotThrown(@TempDir Path results) throws IOException,
            InterruptedException {
        String cc = "/nonexistent/vecgrad-no-such-gcc";
        RunSuite.nativeFma(results, 2, cc);
        String text = Files.readString(results.resolve(ReportGenerator.NATIVE_FMA_FILE));
        Object why = ((Map<?, ?>) Jsons.read(text)).get("unavailable");
        assertTrue(why != null && why.toString().startsWith(cc + " absent"), text);
    }
}
