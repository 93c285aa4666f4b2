package org.vecgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.NdArray;

/**
 * Each layer kind draws its weights with the fans of its own layout: the standard deviation of a large drawn
 * weight matches the initializer's formula in fan_in = in and fan_out = out, whichever way the layer stores its
 * weight (Dense [in, units], Linear and Maxout [out, in]). Tolerance 5 % on 10 000 values (the sampling error of a
 * standard deviation is about 1/√(2n) ≈ 0.7 %), 10 % on a bias of 1 000.
 */
class InitializerFansTest {

    /** An initializer, its name, and its standard deviation as a function of (fan_in, fan_out). */
    record Named(String name, Initializer init, DoubleBinaryOperator std) {
    }

    static final List<Named> FAN_BASED = List.of(
            new Named("GLOROT_UNIFORM", Initializer.GLOROT_UNIFORM, (in, out) -> Math.sqrt(2 / (in + out))),
            new Named("GLOROT_NORMAL", Initializer.GLOROT_NORMAL, (in, out) -> Math.sqrt(2 / (in + out))),
            new Named("HE_NORMAL", Initializer.HE_NORMAL, (in, out) -> Math.sqrt(2 / in)),
            new Named("HE_UNIFORM", Initializer.HE_UNIFORM, (in, out) -> Math.sqrt(2 / in)),
            new Named("LECUN_NORMAL", Initializer.LECUN_NORMAL, (in, out) -> Math.sqrt(1 / in)),
            new Named("LECUN_UNIFORM", Initializer.LECUN_UNIFORM, (in, out) -> Math.sqrt(1 / in)),
            new Named("STANDARD_UNIFORM", Initializer.STANDARD_UNIFORM, (in, out) -> 1 / Math.sqrt(3 * in)));

    /** (in, out) pairs far apart, so fan_in and fan_out cannot be confused without the std showing it. */
    static final int[][] SIZES = {{10, 1000}, {1000, 10}};

    static double std(NdArray w) {
        double mean = w.mean();
        double s = 0;
        for (int i = 0; i < w.size(); i++) {
            double d = w.getFlat(i) - mean;
            s += d * d;
        }
        return Math.sqrt(s / w.size());
    }

    static void assertStd(double expected, NdArray w, double relTol, String what) {
        assertEquals(expected, std(w), relTol * expected, what);
    }

    @Test
    void denseKernelUsesFanInOfItsInUnitsLayout() {
        for (Named n : FAN_BASED) {
            for (int[] s : SIZES) {
                Dense d = Dense.builder(s[1]).inputDim(s[0]).kernelInitializer(n.init()).seed(7).build();
                assertStd(n.std().applyAsDouble(s[0], s[1]), d.kernel().data(), 0.05,
                        "Dense(in=" + s[0] + ", units=" + s[1] + ", " + n.name() + ") kernel");
            }
        }
    }

    @Test
    void denseBiasUsesItsKernelsFans() {
        Dense d = Dense.builder(1000).inputDim(10).biasInitializer(Initializer.HE_UNIFORM).seed(3).build();
        assertStd(Math.sqrt(2.0 / 10), d.bias().data(), 0.10, "Dense(in=10, units=1000) bias, HE_UNIFORM");
    }

    @Test
    void linearWeightAndBiasUseFanInOfTheirOutInLayout() {
        for (int[] s : SIZES) {
            Linear l = new Linear(s[0], s[1], true, 11);
            double expected = 1 / Math.sqrt(3.0 * s[0]);                 // U(±1/√in)
            assertStd(expected, l.weight().data(), 0.05, "Linear(" + s[0] + ", " + s[1] + ") weight");
            if (s[1] >= 1000) {
                assertStd(expected, l.bias().data(), 0.10, "Linear(" + s[0] + ", " + s[1] + ") bias");
            }
        }
    }

    @Test
    void maxoutWeightAndBiasUseFanInOfTheirOutInLayout() {
        for (int[] s : SIZES) {
            Maxout m = new Maxout(s[0], s[1] / 2, 2, 13);
            double expected = 1 / Math.sqrt(3.0 * s[0]);
            assertStd(expected, m.localParameters().get("weight").data(), 0.05, "Maxout(" + s[0] + ") weight");
            if (s[1] >= 1000) {
                assertStd(expected, m.localParameters().get("bias").data(), 0.10, "Maxout(" + s[0] + ") bias");
            }
        }
    }
}
