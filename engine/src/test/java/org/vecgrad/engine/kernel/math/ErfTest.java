package org.vecgrad.engine.kernel.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against values computed independently here: erf by its everywhere-positive series
 * erf(x) = (2/√π)·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3·…·(2n+1)) in BigDecimal with enough digits that 1 − erf keeps 30
 * significant digits, π by Machin's formula. Plus symmetry and complement identities.
 */
class ErfTest {

    /** erf(x) for x ≥ 0 to about 30 significant digits of erfc (so also erfc = 1 − erf). */
    private static BigDecimal erfExact(BigDecimal x) {
        double xd = x.doubleValue();
        int digits = 40 + (int) Math.ceil(xd * xd / Math.log(10));
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(digits + 5);
        // Σ 2ⁿ x^{2n+1} / (2n+1)!!: term_{n+1} = term_n · 2x² / (2n+3)
        BigDecimal term = x;
        BigDecimal sum = x;
        BigDecimal twoX2 = x2.add(x2);
        for (int n = 0; term.abs().compareTo(eps.multiply(sum.abs().add(BigDecimal.ONE))) > 0; n++) {
            term = term.multiply(twoX2, mc).divide(BigDecimal.valueOf(2L * n + 3), mc);
            sum = sum.add(term, mc);
        }
        // e^{x²} by its Taylor series (positive terms)
        BigDecimal et = BigDecimal.ONE;
        BigDecimal ex = BigDecimal.ONE;
        for (int k = 1; et.compareTo(eps.multiply(ex)) > 0; k++) {
            et = et.multiply(x2, mc).divide(BigDecimal.valueOf(k), mc);
            ex = ex.add(et, mc);
        }
        BigDecimal sqrtPi = PI.round(mc).sqrt(mc);
        return sum.multiply(BigDecimal.valueOf(2), mc).divide(sqrtPi.multiply(ex, mc), mc);
    }

    private static final BigDecimal PI = pi(new MathContext(420));

    /** π = 16·atan(1/5) − 4·atan(1/239) (Machin). */
    private static BigDecimal pi(MathContext mc) {
        return atanInv(5, mc).multiply(BigDecimal.valueOf(16)).subtract(atanInv(239, mc).multiply(BigDecimal.valueOf(4)), mc);
    }

    private static BigDecimal atanInv(int k, MathContext mc) {
        BigDecimal kk = BigDecimal.valueOf((long) k * k);
        BigDecimal pow = BigDecimal.ONE.divide(BigDecimal.valueOf(k), mc);
        BigDecimal sum = pow;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int n = 1; pow.compareTo(eps) > 0; n++) {
            pow = pow.divide(kk, mc);
            BigDecimal t = pow.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = (n % 2 == 1) ? sum.subtract(t, mc) : sum.add(t, mc);
        }
        return sum;
    }

    private static final MathContext MC50 = new MathContext(50, RoundingMode.HALF_EVEN);

    /** erfc(z), z ≥ 0: 1 − series below 3, Laplace's continued fraction above (no cancellation there). */
    private static BigDecimal erfcExact(BigDecimal z) {
        if (z.compareTo(BigDecimal.valueOf(3)) < 0) {
            return BigDecimal.ONE.subtract(erfExact(z));
        }
        return erfcContinuedFraction(z);
    }

    /**
     * erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), evaluated backwards from a depth
     * where it has converged to 30 digits for z ≥ 3 (checked against the series); e^{−z²} by series and repeated squaring.
     */
    private static BigDecimal erfcContinuedFraction(BigDecimal z) {
        BigDecimal t = z;
        int depth = 50 + (int) (4000 / (z.doubleValue() * z.doubleValue()));
        for (int n = depth; n >= 1; n--) {
            t = z.add(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(2)).divide(t, MC50), MC50);
        }
        BigDecimal z2 = z.multiply(z, MC50);
        int m = 0;
        while (z2.compareTo(BigDecimal.ONE) > 0) {
            z2 = z2.divide(BigDecimal.valueOf(2), MC50);
            m++;
        }
        MathContext mc = new MathContext(70);
        BigDecimal e = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 80; k++) {
            term = term.multiply(z2, mc).divide(BigDecimal.valueOf(k), mc);
            e = e.add(term, mc);
        }
        for (int i = 0; i < m; i++) {
            e = e.multiply(e, mc);
        }
        return BigDecimal.ONE.divide(e.multiply(PI.round(mc).sqrt(mc), mc).multiply(t, mc), MC50);
    }

    private static double erfcExact(double x) {
        return erfcExact(new BigDecimal(x)).doubleValue();
    }

    /** Φ(x) for x ≤ 0: ½·erfc(|x|/√2), with |x|/√2 exact to the working precision. */
    private static double phiLowerExact(double x) {
        BigDecimal z = new BigDecimal(-x).divide(BigDecimal.valueOf(2).sqrt(MC50), MC50);
        return erfcExact(z).multiply(new BigDecimal("0.5")).doubleValue();
    }

    @Test
    void theTwoReferenceMethodsAgree() {
        for (double x : new double[] {3.0, 3.5, 4.0, 5.5}) {
            BigDecimal bx = new BigDecimal(x);
            BigDecimal a = BigDecimal.ONE.subtract(erfExact(bx));
            BigDecimal b = erfcContinuedFraction(bx);
            assertTrue(a.subtract(b).abs().compareTo(a.movePointLeft(30)) < 0, "erfc(" + x + "): " + a + " vs " + b);
        }
    }

    private static void assertRel(double expected, double actual, double rtol, String what) {
        double err = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(err <= rtol, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
    }

    @Test
    void erfMatchesSeriesOnGridAndRandomPoints() {
        for (double x = 0.0625; x <= 6.0; x += 0.0625) {
            assertRel(erfExact(new BigDecimal(x)).doubleValue(), Erf.erf(x), 3e-16, "erf(" + x + ")");
        }
        qt().withExamples(150).forAll(doubles().between(1e-6, 6.0)).checkAssert(x ->
                assertRel(erfExact(new BigDecimal(x)).doubleValue(), Erf.erf(x), 3e-16, "erf(" + x + ")"));
    }

    @Test
    void erfcIsRelativelyAccurateInTheTail() {
        for (double x = 0.25; x <= 27.0; x += 0.25) {
            assertRel(erfcExact(x), Erf.erfc(x), 1e-15, "erfc(" + x + ")");
        }
        qt().withExamples(40).forAll(doubles().between(0.0, 26.5)).checkAssert(x ->
                assertRel(erfcExact(x), Erf.erfc(x), 1e-15, "erfc(" + x + ")"));
    }

    @Test
    void normalCdfIsRelativelyAccurateInTheLowerTail() {
        qt().withExamples(40).forAll(doubles().between(-37.0, 0.0)).checkAssert(x ->
                assertRel(phiLowerExact(x), Erf.normalCdf(x), 1.5e-15, "Phi(" + x + ")"));
        for (double x = -37; x <= 0; x += 0.5) {
            assertRel(phiLowerExact(x), Erf.normalCdf(x), 1.5e-15, "Phi(" + x + ")");
        }
    }

    @Test
    void identities() {
        qt().withExamples(2000).forAll(doubles().between(-38.0, 38.0)).checkAssert(x -> {
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "erf is odd");
            assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 2.3e-16 * 2, "erf + erfc = 1");
            assertEquals(2.0, Erf.erfc(x) + Erf.erfc(-x), 4.5e-16 * 2, "erfc(x) + erfc(-x) = 2");
            assertEquals(1.0, Erf.normalCdf(x) + Erf.normalCdf(-x), 2.3e-16 * 2, "Phi(x) + Phi(-x) = 1");
            // erfc at the rounded x/√2 has condition number ~x² (Φ itself avoids that rounding)
            double expected = 0.5 * Erf.erfc(-x * Erf.INV_SQRT2);
            assertEquals(expected, Erf.normalCdf(x), 4e-16 * (2 + x * x) * expected + 1e-300, "Phi = erfc(-x/sqrt2)/2");
        });
    }

    @Test
    void specialValues() {
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Erf.erf(-0.0)));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.5, Erf.normalCdf(0.0));
        assertEquals(0.0, Erf.normalCdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Erf.normalCdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertTrue(Double.isNaN(Erf.normalCdf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.normalPdf(Double.NaN)));
        // tiny arguments: erf(x) = 2x/√π to the last bit
        assertEquals(2 / Math.sqrt(Math.PI) * 1e-300, Erf.erf(1e-300), 1e-316);
    }
}
