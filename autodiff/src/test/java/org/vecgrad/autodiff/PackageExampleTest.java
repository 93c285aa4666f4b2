package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;

/** The example at the top of package-info, run as written: the loss of a linear fit must fall. */
class PackageExampleTest {

    @Test
    void packageExampleTrains() {
        var rng = new java.util.Random(0);
        Tensor w = Tensor.randn(DType.F64, rng, 3, 1).requiresGrad(true);
        Tensor b = Tensor.zeros(DType.F64, 1).requiresGrad(true);
        Tensor x = Tensor.randn(DType.F64, rng, 8, 3);
        Tensor t = Tensor.randn(DType.F64, rng, 8, 1);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 100; step++) {
            Tensor loss = x.matmul(w).add(b).sub(t).square().mean();
            w.zeroGrad();
            b.zeroGrad();
            loss.backward();
            try (var _ = Tensor.noGrad()) {
                w.data().addScaledInPlace(-0.1, w.grad().data());
                b.data().addScaledInPlace(-0.1, b.grad().data());
            }
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
