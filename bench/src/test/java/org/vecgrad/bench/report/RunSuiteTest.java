package org.vecgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** RunSuite reads PyTorch's figures from the reference scripts' "median" lines. */
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
}
