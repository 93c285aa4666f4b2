package org.vecgrad.engine.kernel.scalar;

import org.vecgrad.engine.kernel.gemm.ScalarGemm;

import org.vecgrad.engine.kernel.Backend;

/** The scalar reference backend: plain Java loops, the test oracle and the fallback path. */
public final class ScalarBackend {
    private ScalarBackend() {
    }

    /** Builds the scalar backend. */
    public static Backend create() {
        return new Backend("scalar", "scalar: plain Java loops (reference path)", 1, 1,
                new ScalarElementwise(), new ScalarReductions(), new ScalarGemm(), new ScalarOptimizerSteps());
    }
}
