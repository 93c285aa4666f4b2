package org.vecgrad.bench.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The paired GEMM benchmark run outside JMH on small shapes: both sides compute the same C as vecgrad's scalar
 * reference kernels, and the counters count what ran. Also GemmBench's set-up, which shares the implementations.
 */
class GemmPairedBenchTest {

    /** C from the engine's scalar reference kernels (the test oracle), as doubles. */
    private static double[] reference(GemmProblem p) {
        try (GemmImpl ref = new GemmImpl("scalar", p, 1)) {
            ref.run();
            return ref.result();
        }
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": size of C");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + ": C element " + i);
        }
    }

    private static void assumeAvailable(String against) {
        Assumptions.assumeTrue(Kernels.active().isSimd(), "SIMD kernels inactive: " + Kernels.simdUnavailableReason());
        if (against.startsWith("openblas")) {
            Assumptions.assumeTrue(OpenBlas.unavailableReason() == null, "OpenBLAS: " + OpenBlas.unavailableReason());
        }
    }

    /** A bench with these parameters, set up (the caller tears it down). */
    private static GemmPairedBench setUp(String shape, String dtype, int threads, String side, String against) {
        GemmPairedBench bench = new GemmPairedBench();
        bench.shape = shape;
        bench.dtype = dtype;
        bench.threads = threads;
        bench.side = side;
        bench.against = against;
        bench.setup();
        return bench;
    }

    /** {@code calls} paired calls on fresh counters. */
    private static GemmPairedBench.Clocks pairs(GemmPairedBench bench, int calls) {
        GemmPairedBench.Clocks c = new GemmPairedBench.Clocks();
        c.reset();
        for (int i = 0; i < calls; i++) {
            bench.paired(c);
        }
        return c;
    }

    @ParameterizedTest
    @CsvSource({"openblas, F32, 37x29x51:nn", "openblas, F64, 37x29x51:tn", "naive, F32, 33x17x40:nt",
        "naive, F64, 20x31x9:tt", "ejml, F32, 24x24x24:tt", "ejml, F64, 17x65x33:nt", "simd, F64, 64x64x64:nn",
        "scalar, F32, 5x7x3:nn", "nodirect, F32, 40x70x33:tn"})
    void bothSidesComputeTheReferenceProductAndTheCountersCount(String against, String dtype, String shape) {
        assumeAvailable(against);
        GemmPairedBench bench = setUp(shape, dtype, 1, "simd", against);
        try {
            GemmProblem p = GemmProblem.of(shape, dtype);
            double[] expected = reference(p);
            int calls = 5;
            GemmPairedBench.Clocks c = pairs(bench, calls);
            assertClose(expected, bench.vecgrad.result(), p.tolerance(), "vecgrad");
            assertClose(expected, bench.other.result(), p.tolerance(), against);
            assertEquals(calls, c.pairs);
            assertTrue(c.vecgradWallNs > 0 && c.otherWallNs > 0, "wall time of both sides counted");
            assertTrue(c.vecgradMinWallNs > 0 && c.vecgradMinWallNs <= c.vecgradWallNs / calls,
                    "vecgrad's fastest call at most its mean: " + c.vecgradMinWallNs + " vs " + c.vecgradWallNs);
            assertTrue(c.otherMinWallNs > 0 && c.otherMinWallNs <= c.otherWallNs / calls,
                    against + "'s fastest call at most its mean: " + c.otherMinWallNs + " vs " + c.otherWallNs);
            assertTrue(c.vecgradMinCpuNs <= c.vecgradCpuNs && c.otherMinCpuNs <= c.otherCpuNs, "CPU minima");
            c.reset();
            assertEquals(0, c.pairs + c.vecgradWallNs + c.otherWallNs + c.vecgradMinWallNs + c.otherMinWallNs);
        } finally {
            bench.tearDown();
        }
    }

    /** simd1t: vecgrad on one thread against vecgrad on three; same product, and the run's thread count restored. */
    @Test
    void simd1tRunsOnOneThreadAndRestoresTheRunsCount() {
        assumeAvailable("simd1t");
        GemmPairedBench bench = setUp("300x200x150:nt", "F32", 3, "simd", "simd1t");
        try {
            GemmProblem p = GemmProblem.of(bench.shape, bench.dtype);
            pairs(bench, 2);
            assertEquals(3, org.vecgrad.engine.Blas.numThreads(), "the other side's calls run with the run's count");
            double[] expected = reference(p);
            assertClose(expected, bench.vecgrad.result(), p.tolerance(), "vecgrad, 3 threads");
            assertClose(expected, bench.other.result(), p.tolerance(), "vecgrad, 1 thread");
            assertEquals(java.util.Arrays.toString(bench.vecgrad.result()), java.util.Arrays.toString(bench.other.result()),
                    "bit-identical for any thread count");
        } finally {
            bench.tearDown();
        }
    }

    /** side=openblas against openblas1t: OpenBLAS on two threads and on one, both computing the reference product. */
    @Test
    void openblasAgainstOpenblas1tComputesTheReferenceProductOnBothSides() {
        assumeAvailable("openblas1t");
        GemmPairedBench bench = setUp("130x70x90:tn", "F64", 2, "openblas", "openblas1t");
        try {
            GemmProblem p = GemmProblem.of(bench.shape, bench.dtype);
            GemmPairedBench.Clocks c = pairs(bench, 2);
            double[] expected = reference(p);
            assertClose(expected, bench.vecgrad.result(), p.tolerance(), "OpenBLAS, 2 threads");
            assertClose(expected, bench.other.result(), p.tolerance(), "OpenBLAS, 1 thread");
            assertEquals(2, c.pairs);
        } finally {
            bench.tearDown();
        }
    }

    /** GemmBench's set-up goes through the same GemmImpl: each impl's C matches the reference. */
    @ParameterizedTest
    @CsvSource({"simd, F32", "scalar, F64", "naive, F32", "ejml, F64", "openblas, F32"})
    void gemmBenchComputesTheReferenceProduct(String impl, String dtype) {
        assumeAvailable(impl);
        GemmBench bench = new GemmBench();
        bench.shape = "19x23x29:tn";
        bench.dtype = dtype;
        bench.impl = impl;
        bench.threads = 1;
        bench.setup();
        try {
            GemmBench.Cpu cpu = new GemmBench.Cpu();
            cpu.reset();
            bench.gemm(cpu);
            assertEquals(1, cpu.calls);
            GemmProblem p = GemmProblem.of(bench.shape, dtype);
            assertClose(reference(p), bench.target.result(), p.tolerance(), impl);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void badParametersAreRejectedNamingTheValue() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> GemmProblem.of("12x12:nn", "F32"));
        assertTrue(shape.getMessage().contains("12x12:nn"), shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> GemmProblem.of("2x2x2", "F16"));
        assertTrue(dtype.getMessage().contains("F16"), dtype.getMessage());
        GemmProblem p = GemmProblem.of("2x2x2", "F32");
        IllegalArgumentException impl = assertThrows(IllegalArgumentException.class, () -> new GemmImpl("mkl", p, 1));
        assertTrue(impl.getMessage().contains("mkl"), impl.getMessage());
        IllegalStateException naive = assertThrows(IllegalStateException.class, () -> new GemmImpl("naive", p, 2));
        assertTrue(naive.getMessage().startsWith("SKIP:"), naive.getMessage());
    }
}
