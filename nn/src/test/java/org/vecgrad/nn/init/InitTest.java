package org.vecgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.init.Init.Fans;

class InitTest {

    // A [out=400, in=600] Linear weight: 240 000 samples; fan_in = 600, fan_out = 400.
    static final int OUT = 400;
    static final int IN = 600;
    static final int N = OUT * IN;

    static double mean(NdArray a) {
        double s = 0;
        for (double v : a.toDoubleArray()) {
            s += v;
        }
        return s / a.size();
    }

    static double variance(NdArray a, double mean) {
        double[] x = a.toDoubleArray();
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / x.length;
    }

    static double maxAbs(NdArray a, double mean) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.getFlat(i) - mean));
        }
        return m;
    }

    /**
     * Checks sample mean and variance against the distribution's mean, variance and fourth central moment μ₄,
     * within 5 standard errors: se(mean) = σ/√n, se(variance) = √((μ₄ − σ⁴)/n). A correct sampler fails this with
     * probability below 1e-6 per check.
     */
    static void assertMoments(NdArray a, double mu, double var, double mu4) {
        int n = a.size();
        double m = mean(a);
        double v = variance(a, m);
        assertEquals(mu, m, 5 * Math.sqrt(var / n), "mean");
        assertEquals(var, v, 5 * Math.sqrt((mu4 - var * var) / n) + 1e-12, "variance");
    }

    static void assertUniform(NdArray a, double lo, double hi) {
        for (double x : a.toDoubleArray()) {
            if (!(x >= lo && x <= hi)) {
                fail(x + " outside [" + lo + ", " + hi + "]");
            }
        }
        double w = hi - lo;
        assertMoments(a, (lo + hi) / 2, w * w / 12, Math.pow(w, 4) / 80);
        // the extremes come within a few expected gaps of the bounds
        double m = (lo + hi) / 2;
        assertTrue(maxAbs(a, m) > w / 2 * (1 - 20.0 / a.size()), "reaches the limit");
    }

    static void assertNormal(NdArray a, double mu, double std) {
        assertMoments(a, mu, std * std, 3 * Math.pow(std, 4));
    }

    /** Moments of N(0, 1) truncated to [−2, 2], by Simpson's rule on the density (not from Init's constant). */
    static double[] truncatedUnitMoments() {
        int k = 20_000;
        double h = 4.0 / k;
        double z = 0, m2 = 0, m4 = 0;
        for (int i = 0; i <= k; i++) {
            double x = -2 + i * h;
            double wgt = (i == 0 || i == k) ? 1 : (i % 2 == 1 ? 4 : 2);
            double p = Math.exp(-x * x / 2) * wgt;
            z += p;
            m2 += p * x * x;
            m4 += p * x * x * x * x;
        }
        return new double[] {m2 / z, m4 / z};
    }

    static void assertTruncated(NdArray a, double actualStd) {
        double[] m = truncatedUnitMoments();
        double sigma = actualStd / Math.sqrt(m[0]); // the std of the normal before truncation
        assertTrue(maxAbs(a, 0) <= 2 * sigma * (1 + 1e-6), "all within 2 std of the untruncated normal");
        assertTrue(maxAbs(a, 0) > 1.99 * sigma, "reaches close to the cut");
        assertMoments(a, 0, actualStd * actualStd, m[1] * Math.pow(sigma, 4));
    }

    static NdArray w() {
        return NdArray.zeros(DType.F64, OUT, IN);
    }

    static RandomGenerator rng() {
        return Init.generator(42);
    }

    @Test
    void truncationCorrectionIsTheStdOfATruncatedUnitNormal() {
        assertEquals(Math.sqrt(truncatedUnitMoments()[0]), Init.TRUNCATED_STD_CORRECTION, 1e-9);
    }

    @Test
    void constants() {
        NdArray a = NdArray.full(DType.F32, 7, 3, 4);
        assertEquals(NdArray.zeros(DType.F32, 3, 4), Init.zeros(a));
        assertEquals(NdArray.ones(DType.F32, 3, 4), Init.ones(a));
        assertEquals(NdArray.full(DType.F32, -2.5, 3, 4), Init.constant(a, -2.5));
    }

    @Test
    void plainDistributions() {
        assertUniform(Init.uniform(w(), -3, 5, rng()), -3, 5);
        assertNormal(Init.normal(w(), 1.5, 0.3, rng()), 1.5, 0.3);
        NdArray t = Init.truncatedNormal(w(), 0, 0.7, rng());
        assertTruncated(t, 0.7 * Math.sqrt(truncatedUnitMoments()[0]));
    }

    @Test
    void fanBasedUniforms() {
        assertUniform(Init.standardUniform(w(), rng()), -1 / Math.sqrt(IN), 1 / Math.sqrt(IN));
        double glorot = Math.sqrt(6.0 / (IN + OUT));
        assertUniform(Init.xavierUniform(w(), rng()), -glorot, glorot);
        assertUniform(Init.glorotUniform(w(), rng()), -glorot, glorot);
        assertUniform(Init.xavierUniform(w(), 5.0 / 3, rng()), -5.0 / 3 * glorot, 5.0 / 3 * glorot);
        double he = Math.sqrt(6.0 / IN);
        assertUniform(Init.kaimingUniform(w(), rng()), -he, he);
        assertUniform(Init.heUniform(w(), rng()), -he, he);
        double heOut = Math.sqrt(6.0 / ((1 + 0.01) * OUT)); // a = 0.1, fan_out
        assertUniform(Init.kaimingUniform(w(), 0.1, Init.Mode.FAN_OUT, rng()), -heOut, heOut);
        double lecun = Math.sqrt(3.0 / IN);
        assertUniform(Init.lecunUniform(w(), rng()), -lecun, lecun);
    }

    @Test
    void fanBasedNormals() {
        assertNormal(Init.xavierNormal(w(), rng()), 0, Math.sqrt(2.0 / (IN + OUT)));
        assertNormal(Init.xavierNormal(w(), 2.0, rng()), 0, 2 * Math.sqrt(2.0 / (IN + OUT)));
        assertNormal(Init.kaimingNormal(w(), rng()), 0, Math.sqrt(2.0 / IN));
        assertNormal(Init.kaimingNormal(w(), 0.2, Init.Mode.FAN_OUT, rng()), 0, Math.sqrt(2.0 / (1.04 * OUT)));
        assertTruncated(Init.heNormal(w(), rng()), Math.sqrt(2.0 / IN));
        assertTruncated(Init.glorotNormal(w(), rng()), Math.sqrt(2.0 / (IN + OUT)));
        assertTruncated(Init.lecunNormal(w(), rng()), Math.sqrt(1.0 / IN));
    }

    @Test
    void f32WeightsToo() {
        NdArray a = Init.heUniform(NdArray.zeros(DType.F32, OUT, IN), rng());
        double he = Math.sqrt(6.0 / IN);
        assertUniform(a, -he, he);
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        for (BiFunction<NdArray, RandomGenerator, NdArray> init : initializers()) {
            NdArray a = init.apply(NdArray.zeros(DType.F32, 5, 7), Init.generator(1234));
            NdArray b = init.apply(NdArray.zeros(DType.F32, 5, 7), Init.generator(1234));
            NdArray c = init.apply(NdArray.zeros(DType.F32, 5, 7), Init.generator(1235));
            assertEquals(a, b);
            assertNotEquals(a, c);
        }
    }

    static List<BiFunction<NdArray, RandomGenerator, NdArray>> initializers() {
        return List.of(Init::standardUniform, Init::xavierUniform, Init::xavierNormal, Init::glorotNormal,
                Init::glorotUniform, Init::kaimingNormal, Init::kaimingUniform, Init::heNormal, Init::heUniform,
                Init::lecunNormal, Init::lecunUniform);
    }

    @Test
    void fansFollowPyTorchAndKerasLayouts() {
        assertEquals(new Fans(3, 5), Fans.of(5, 3)); // Linear [out, in]
        assertEquals(new Fans(3 * 25, 8 * 25), Fans.of(8, 3, 5, 5)); // Conv2d [out, in, kh, kw]
        assertEquals(new Fans(5, 3), Fans.ofKerasLayout(5, 3)); // Dense [in, out]
        assertEquals(new Fans(3 * 25, 8 * 25), Fans.ofKerasLayout(5, 5, 3, 8)); // Conv2D [kh, kw, in, out]
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fans.of(5));
        assertTrue(e.getMessage().contains("[5]") && e.getMessage().contains("bias"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.kaimingNormal(NdArray.zeros(DType.F32, 4), rng()));
    }

    @Test
    void biasWithItsWeightsFans() {
        NdArray bias = NdArray.zeros(DType.F64, 50_000);
        Init.standardUniform(bias, Fans.of(OUT, IN), rng());
        assertUniform(bias, -1 / Math.sqrt(IN), 1 / Math.sqrt(IN));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(w(), 1, 0, rng()));
        assertThrows(IllegalArgumentException.class, () -> Init.normal(w(), 0, -1, rng()));
        assertThrows(IllegalArgumentException.class, () -> Init.normal(w(), Double.NaN, 1, rng()));
        assertThrows(IllegalArgumentException.class, () -> Init.xavierNormal(w(), 0, rng()));
        assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingNormal(w(), 0, Init.Mode.FAN_AVG, rng()));
        assertEquals(Math.sqrt(2), Init.Nonlinearity.RELU.gain(0));
        assertEquals(Math.sqrt(2 / 1.01), Init.Nonlinearity.LEAKY_RELU.gain(0.1), 1e-15);
    }
}
