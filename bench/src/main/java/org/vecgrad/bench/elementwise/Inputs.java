package org.vecgrad.bench.elementwise;

import java.util.SplittableRandom;
import org.vecgrad.engine.kernel.Backend;
import org.vecgrad.engine.kernel.Kernels;

/** Shared set-up for the benchmarks: the backend for a path name, and reproducible random inputs. */
final class Inputs {
    private Inputs() {
    }

    /** The backend named by a benchmark's {@code path} parameter: {@code simd} or {@code scalar}. */
    static Backend backend(String path) {
        return switch (path) {
            case "simd" -> Kernels.simd().orElseThrow(() -> new IllegalStateException(
                    "path=simd, but the Vector API backend cannot run: " + Kernels.simdUnavailableReason()));
            case "scalar" -> Kernels.scalar();
            default -> throw new IllegalArgumentException("path=" + path + ": expected simd or scalar");
        };
    }

    /**
     * Fails when {@code path} is simd but the kernel set is not from the Vector API package: a backend that wires in
     * the scalar kernels (e.g. a temporary stand-in) would otherwise pass as SIMD with a ratio of 1.
     */
    static <T> T checked(String path, T kernels) {
        if (path.equals("simd") && !kernels.getClass().getPackageName().endsWith(".simd")) {
            throw new IllegalStateException("path=simd, but the SIMD backend's kernels are "
                    + kernels.getClass().getName() + ", not a Vector API implementation");
        }
        return kernels;
    }

    /**
     * n floats uniform in [lo, hi) from a fixed seed: the same data on every path and run. [-4, 4) keeps the
     * transcendental functions off their saturated ranges, where some implementations take shortcuts.
     */
    static float[] uniform(int n, long seed, float lo, float hi) {
        float[] a = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return a;
    }
}
