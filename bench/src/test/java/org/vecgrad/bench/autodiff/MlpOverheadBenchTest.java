package org.vecgrad.bench.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vecgrad.engine.NdArray;

/** The two sides of the overhead benchmark must compute the same thing, or the comparison means nothing. */
class MlpOverheadBenchTest {

    /** Every combination of the Tensor side's bias (fused addmm, matmul then add) and the engine side's. */
    @ParameterizedTest
    @CsvSource({"addmm, prefill", "addmm, addInPlace", "matmulAdd, prefill", "matmulAdd, addInPlace"})
    void tensorAndHandWrittenEngineVersionsAgree(String tensorBias, String engineBias) {
        MlpOverheadBench bench = new MlpOverheadBench();
        bench.threads = 1;
        bench.tensorBias = tensorBias;
        bench.engineBias = engineBias;
        bench.setup();
        double viaTensor = bench.tensor();
        double viaEngine = bench.engine();
        assertEquals(viaEngine, viaTensor, 1e-5 * Math.abs(viaEngine));
        for (int l = 0; l < 3; l++) {
            NdArray tw = bench.tw[l].grad().data();
            NdArray tb = bench.tb[l].grad().data();
            assertTrue(tw.allClose(bench.engineDw[l], 1e-3, 1e-6, false), "weight gradient of layer " + l);
            assertTrue(tb.allClose(bench.engineDb[l], 1e-3, 1e-6, false), "bias gradient of layer " + l);
        }
    }

    @Test
    void overheadChainRuns() {
        AutodiffOverheadBench bench = new AutodiffOverheadBench();
        bench.setup();
        double g = bench.forwardBackwardPerOp();
        assertEquals(true, Double.isFinite(g));
    }
}
