package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The two GELU forms beside exact GELU: the general x·P(X ≤ x), X ~ N(μ, σ²), and the sigmoid approximation
 * x·σ(1.702x). Their gradients are checked with every other op in {@link OpGradientTest}; here, their values.
 */
class GeluFormsTest {

    /** Values over [−8, 8] and a few far out, F64. */
    private static Tensor grid(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(10) == 0 ? r.nextDouble(-40, 40) : r.nextDouble(-8, 8);
        }
        v[0] = 0;
        v[1] = -0.0;
        return Tensor.of(v);
    }

    @Test
    void generalFormWithStandardNormalIsExactGelu() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            Tensor x = grid(new SplittableRandom(seed), 257);
            NdArray general = x.gelu(0, 1).data();
            NdArray exact = x.gelu().data();
            for (int i = 0; i < x.size(); i++) {
                double a = general.getFlat(i);
                double b = exact.getFlat(i);
                assertEquals(b, a, 2e-16 * Math.abs(b) + 1e-300, "x = " + x.data().getFlat(i));
            }
        });
    }

    @Test
    void generalFormIsXTimesTheCdfOfNMuSigma() {
        // Φ(z) + Φ(−z) = 1 gives y(x)/x + y(2μ − x)/(2μ − x) = 1; y(μ) = μ/2; and for small σ, x·1[x > μ]
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double mu = r.nextDouble(-2, 2);
            double sigma = r.nextDouble(0.2, 3);
            double x = r.nextDouble(-6, 6);
            if (Math.abs(x) < 1e-3 || Math.abs(2 * mu - x) < 1e-3) {
                return;
            }
            double y1 = Tensor.of(x).gelu(mu, sigma).item();
            double y2 = Tensor.of(2 * mu - x).gelu(mu, sigma).item();
            assertEquals(1, y1 / x + y2 / (2 * mu - x), 1e-12, "mu " + mu + " sigma " + sigma + " x " + x);
            assertEquals(mu / 2, Tensor.of(mu).gelu(mu, sigma).item(), 1e-15);
            double sharp = Tensor.of(x).gelu(mu, 1e-3).item();
            assertEquals(Math.abs(x - mu) < 0.01 ? sharp : x > mu ? x : 0, sharp, 1e-12, "x " + x + " mu " + mu);
        });
    }

    @Test
    void sigmoidFormIsSwishAtBeta1702AndWithinTwoHundredthsOfExact() {
        Tensor x = Tensor.of(NdArray.arange(DType.F64, 2401).mulInPlace(0.005).addInPlace(-6));
        NdArray s = x.geluSigmoid().data();
        assertEquals(x.swish(Tensor.GELU_SIGMOID_BETA).data(), s);
        NdArray exact = x.gelu().data();
        double worst = 0;
        for (int i = 0; i < x.size(); i++) {
            double xi = x.data().getFlat(i);
            assertEquals(xi / (1 + Math.exp(-1.702 * xi)), s.getFlat(i), 1e-15 * (1 + Math.abs(xi)));
            worst = Math.max(worst, Math.abs(s.getFlat(i) - exact.getFlat(i)));
        }
        // the largest gap is near |x| = 2.27
        assertTrue(worst > 0.019 && worst < 0.021, "max |x·σ(1.702x) − x·Φ(x)| = " + worst);
        assertEquals("geluSigmoid", x.requiresGrad(true).geluSigmoid().op());
    }
}
