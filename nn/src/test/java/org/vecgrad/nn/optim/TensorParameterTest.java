package org.vecgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

class TensorParameterTest {

    @Test
    void adamOnAnAutodiffLossMatchesHandWrittenGradients() {
        // L = Σ (w − 3)², ∂L/∂w = 2(w − 3): the autodiff path and the hand path must take identical steps
        Tensor w = Tensor.of(NdArray.of(new double[] {1, -2, 0.5})).requiresGrad(true);
        TensorParameter tp = TensorParameter.of("w", w);
        Adam viaTensor = new Adam(List.of(tp), 0.1);
        ArrayParameter ap = Parameter.of("w", NdArray.of(new double[] {1, -2, 0.5}));
        Adam byHand = new Adam(List.of(ap), 0.1);
        for (int step = 0; step < 5; step++) {
            viaTensor.zeroGrad();
            w.sub(3).square().sum().backward();
            viaTensor.step();
            NdArray g = NdArray.zeros(DType.F64, 3);
            for (int i = 0; i < 3; i++) {
                g.setFlat(i, 2 * (ap.data().getFlat(i) - 3));
            }
            ap.setGrad(g);
            byHand.step();
            assertEquals(ap.data(), w.data(), "step " + step);
        }
        viaTensor.zeroGrad();
        assertNull(tp.grad());
    }

    @Test
    void rejectsNonLeavesAndTensorsWithoutGrad() {
        Tensor plain = Tensor.of(1.0, 2.0);
        assertThrows(IllegalArgumentException.class, () -> TensorParameter.of("p", plain));
        Tensor leaf = Tensor.of(1.0, 2.0).requiresGrad(true);
        assertThrows(IllegalArgumentException.class, () -> TensorParameter.of("q", leaf.mul(2)));
    }
}
