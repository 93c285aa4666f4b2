package org.vecgrad.engine.kernel.simd;

import org.vecgrad.engine.kernel.gemm.SimdGemm;

import org.vecgrad.engine.kernel.Backend;

/** The Vector API backend. Loaded reflectively by {@link org.vecgrad.engine.kernel.Kernels}. */
public final class SimdBackend {
    private SimdBackend() {
    }

    /** Builds the SIMD backend; fails if the species is narrower than 128 bits. */
    public static Backend create() {
        if (SimdSpecies.bits() < 128) {
            throw new IllegalStateException("the preferred vector is only " + SimdSpecies.bits() + " bits wide");
        }
        String desc = "simd: Vector API, " + SimdSpecies.bits() + "-bit vectors, " + SimdSpecies.F.length()
                + " F32 / " + SimdSpecies.D.length() + " F64 lanes";
        return new Backend("simd", desc, SimdSpecies.F.length(), SimdSpecies.D.length(),
                new SimdElementwise(), new SimdReductions(), new SimdGemm(), new SimdOptimizerSteps());
    }
}
