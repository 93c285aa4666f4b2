package org.vecgrad.engine.kernel.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * F64 vector math for the elementwise kernels, the double twin of {@link VecMathF} (exp built here as there): the
 * same formulas with
 * polynomials of double accuracy (Chebyshev interpolants from 50-digit arithmetic, relative error ≤ 5e-16 each) and,
 * for Φ, exactly the coefficients and operation order of {@link Erf#normalCdf}, so results stay within 1e-14
 * relative of the scalar reference.
 */
public final class VecMathD {

    public static final double TANH_SMALL = 0.625;
    public static final double EXPM1_SMALL = -0.5;
    public static final double SIGMOID_SATURATION = 800.0;
    public static final double GELU_TANH_2K = ScalarElementwise.GELU_TANH_2K;
    public static final double GELU_TANH_C = ScalarElementwise.GELU_TANH_CUBIC;
    public static final double GELU_TANH_3C = ScalarElementwise.GELU_TANH_3C;
    public static final double GELU_TANH_DERIVATIVE_SATURATION = 30.0;
    private static final double[] ERFCX = Erf.erfcxCoefficients();

    private VecMathD() {
    }

    private static final double LOG2E = 1.4426950408889634;
    /** 1.5·2⁵²: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
    private static final double ROUND_MAGIC = 6755399441055744.0;
    private static final long ROUND_MAGIC_BITS = Double.doubleToRawLongBits(ROUND_MAGIC);
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 40 fraction bits so k·LN2_HI is exact for |k| ≤ 2¹² (Cody and Waite). */
    private static final double LN2_HI = 0.6931471805592082;
    private static final double LN2_LO = 7.371002565167799e-13;
    private static final double TWO_M60 = 0x1p-60;
    /** e^x rounds to 0 below this. */
    private static final double EXP_UNDERFLOW = -746.0;
    /** e^x overflows above this. */
    private static final double EXP_OVERFLOW = 710.0;

    /**
     * eˣ for x ≤ 0 (positive x up to about 600 also work; callers blend such lanes away): x = k·ln 2 + r,
     * |r| ≤ ln2/2, e^r by a degree-11 polynomial (Chebyshev interpolant, relative error 1.4e-16) folded with 2⁻⁶⁰,
     * times 2^(k+60) built in the exponent bits (normal for every k ≥ −1077, so subnormal results round once).
     * Replaces the JDK EXP stub, which takes a slow path (4-5x) on vectors with underflowing lanes.
     */
    public static DoubleVector expNonPositive(DoubleVector x) {
        DoubleVector xc = x.blend(EXP_UNDERFLOW, x.lt(EXP_UNDERFLOW));
        DoubleVector t = xc.fma(LOG2E, ROUND_MAGIC);
        DoubleVector k = t.sub(ROUND_MAGIC);
        DoubleVector r = k.fma(xc.broadcast(-LN2_HI), xc);
        r = k.fma(xc.broadcast(-LN2_LO), r);
        DoubleVector p = expPolynomial(r, TWO_M60);
        DoubleVector scale = t.reinterpretAsLongs().add(1023 + 60 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale);
    }

    /** eˣ on the whole double range (the EXP op): 2^k applied as two normal powers of two. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.blend(EXP_UNDERFLOW, x.lt(EXP_UNDERFLOW));
        xc = xc.blend(EXP_OVERFLOW, xc.compare(VectorOperators.GT, EXP_OVERFLOW));
        DoubleVector t = xc.fma(LOG2E, ROUND_MAGIC);
        DoubleVector k = t.sub(ROUND_MAGIC);
        DoubleVector r = k.fma(xc.broadcast(-LN2_HI), xc);
        r = k.fma(xc.broadcast(-LN2_LO), r);
        DoubleVector p = expPolynomial(r, 1.0);
        // k = k1 + k2, k1 = round(k/2), both in [−539, 513] (no 64-bit arithmetic shift on AVX2: halve in FP)
        DoubleVector t1 = k.fma(0.5, ROUND_MAGIC);
        DoubleVector t2 = k.sub(t1.sub(ROUND_MAGIC)).add(ROUND_MAGIC);
        DoubleVector s1 = t1.reinterpretAsLongs().add(1023 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = t2.reinterpretAsLongs().add(1023 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /** scale·e^r on |r| ≤ ln2/2 (scale a power of two, so the scaling is exact). */
    private static DoubleVector expPolynomial(DoubleVector r, double scale) {
        DoubleVector p = r.broadcast(2.5110039751031143e-08 * scale);
        p = p.fma(r, r.broadcast(2.763264242854867e-07 * scale));
        p = p.fma(r, r.broadcast(2.755724091278181e-06 * scale));
        p = p.fma(r, r.broadcast(2.480148547478971e-05 * scale));
        p = p.fma(r, r.broadcast(0.0001984126989005253 * scale));
        p = p.fma(r, r.broadcast(0.0013888888952321818 * scale));
        p = p.fma(r, r.broadcast(0.0083333333333196 * scale));
        p = p.fma(r, r.broadcast(0.04166666666648807 * scale));
        p = p.fma(r, r.broadcast(0.1666666666666668 * scale));
        p = p.fma(r, r.broadcast(0.5000000000000019 * scale));
        p = p.fma(r, r.broadcast(1.0 * scale));
        p = p.fma(r, r.broadcast(1.0 * scale));
        return p;
    }

    /** σ(x) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) below. */
    public static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = expNonPositive(x.abs().neg());
        DoubleVector r = x.broadcast(1.0).div(e.add(1.0));
        return r.blend(e.mul(r), x.lt(0.0));
    }

    /** σ'(x) = e/(1+e)², e = e^{−|x|}. */
    public static DoubleVector sigmoidDerivative(DoubleVector x) {
        DoubleVector e = expNonPositive(x.abs().neg());
        DoubleVector r = x.broadcast(1.0).div(e.add(1.0));
        return e.mul(r).mul(r);
    }

    /** tanh x: x + x³·P(x²) below |x| = 0.625 (P of degree 10), sign(x)·(1 − e)/(1 + e), e = e^{−2|x|} ≤ 0.29, above. */
    public static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector v = x.mul(x);
        DoubleVector p = v.broadcast(-1.724487449484433e-05);
        p = p.fma(v, v.broadcast(7.959955735264808e-05));
        p = p.fma(v, v.broadcast(-0.00023077616269519857));
        p = p.fma(v, v.broadcast(0.0005874372860094381));
        p = p.fma(v, v.broadcast(-0.001455309297534642));
        p = p.fma(v, v.broadcast(0.0035920589774734554));
        p = p.fma(v, v.broadcast(-0.008863229830925709));
        p = p.fma(v, v.broadcast(0.021869488260559115));
        p = p.fma(v, v.broadcast(-0.05396825396139557));
        p = p.fma(v, v.broadcast(0.13333333333326658));
        p = p.fma(v, v.broadcast(-0.3333333333333332));
        DoubleVector small = x.mul(v).fma(p, x);
        DoubleVector e = expNonPositive(a.add(a).neg());
        DoubleVector big = x.broadcast(1.0).sub(e).div(e.add(1.0));
        big = big.blend(big.neg(), x.lt(0.0));
        return small.blend(big, a.compare(VectorOperators.GE, TANH_SMALL));
    }

    /** tanh'(x) = 4e/(1+e)², e = e^{−2|x|}. */
    public static DoubleVector tanhDerivative(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector e = expNonPositive(a.add(a).neg());
        DoubleVector r = x.broadcast(1.0).div(e.add(1.0));
        return e.mul(4.0).mul(r).mul(r);
    }

    /** eˣ − 1 for x ≤ 0: x + x²·P(x) above −0.5 (P of degree 10), eˣ − 1 below. */
    public static DoubleVector expm1Negative(DoubleVector x) {
        DoubleVector p = x.broadcast(1.6917189866324994e-09);
        p = p.fma(x, x.broadcast(2.4599156194029653e-08));
        p = p.fma(x, x.broadcast(2.7527480914444736e-07));
        p = p.fma(x, x.broadcast(2.755608935977047e-06));
        p = p.fma(x, x.broadcast(2.480155461276486e-05));
        p = p.fma(x, x.broadcast(0.00019841269282061874));
        p = p.fma(x, x.broadcast(0.0013888888882916718));
        p = p.fma(x, x.broadcast(0.008333333333296089));
        p = p.fma(x, x.broadcast(0.04166666666666548));
        p = p.fma(x, x.broadcast(0.16666666666666666));
        p = p.fma(x, x.broadcast(0.5));
        DoubleVector small = x.mul(x).fma(p, x);
        DoubleVector big = expNonPositive(x).sub(1.0);
        return small.blend(big, x.compare(VectorOperators.LE, EXPM1_SMALL));
    }

    /** ln(1 + e), 0 ≤ e ≤ 1: 2·atanh(s) = 2s + 2s³·R(s²), s = e/(2 + e) (R of degree 9). */
    public static DoubleVector log1pUnit(DoubleVector e) {
        DoubleVector s = e.div(e.add(2.0));
        DoubleVector v = s.mul(s);
        DoubleVector p = v.broadcast(0.08082022805971766);
        p = p.fma(v, v.broadcast(0.04400369243072337));
        p = p.fma(v, v.broadcast(0.06000536404795356));
        p = p.fma(v, v.broadcast(0.06657072104827468));
        p = p.fma(v, v.broadcast(0.07692785032479312));
        p = p.fma(v, v.broadcast(0.09090894718066429));
        p = p.fma(v, v.broadcast(0.11111111358713932));
        p = p.fma(v, v.broadcast(0.1428571428355438));
        p = p.fma(v, v.broadcast(0.20000000000007292));
        p = p.fma(v, v.broadcast(0.3333333333333333));
        DoubleVector h = s.mul(v).fma(p, s);
        return h.add(h);
    }

    public static DoubleVector softplus(DoubleVector x) {
        DoubleVector pos = x.blend(0.0, x.compare(VectorOperators.LE, 0.0));
        return pos.add(log1pUnit(expNonPositive(x.abs().neg())));
    }

    /** e^{−t²/2} with t² = h + l split exactly (FMA), as Erf does it. */
    public static DoubleVector expNegHalfSquare(DoubleVector t) {
        DoubleVector h = t.mul(t);
        DoubleVector l = t.fma(t, h.neg());
        DoubleVector e = expNonPositive(h.mul(-0.5));
        return e.neg().fma(l.mul(0.5), e);
    }

    /** Φ(−t) = ½·e^{−t²/2}·erfcx(t/√2), t ≥ 0 already clamped to 39 (see {@link Erf#normalCdf}). */
    public static DoubleVector lowerTail(DoubleVector t, DoubleVector e) {
        DoubleVector z = t.mul(Erf.INV_SQRT2);
        DoubleVector r = t.broadcast(1.0).div(z.add(Erf.ERFCX_SHIFT));
        DoubleVector u = z.sub(Erf.ERFCX_SHIFT).mul(r);
        double[] c = ERFCX;
        DoubleVector p = u.broadcast(c[c.length - 1]);
        for (int k = c.length - 2; k >= 0; k--) {
            p = p.fma(u, u.broadcast(c[k]));
        }
        return e.mul(0.5).mul(p.mul(r));
    }

    public static DoubleVector normalCdf(DoubleVector x) {
        DoubleVector t = clampAbove(x.abs(), Erf.PHI_SATURATION);
        DoubleVector q = lowerTail(t, expNegHalfSquare(t));
        return x.broadcast(1.0).sub(q).blend(q, x.lt(0.0));
    }

    public static DoubleVector gelu(DoubleVector x) {
        return x.mul(normalCdf(x));
    }

    /** Φ(x) + x·φ(x). */
    public static DoubleVector geluDerivative(DoubleVector x) {
        DoubleVector t = clampAbove(x.abs(), Erf.PHI_SATURATION);
        DoubleVector e = expNegHalfSquare(t);
        DoubleVector q = lowerTail(t, e);
        DoubleVector cdf = x.broadcast(1.0).sub(q).blend(q, x.lt(0.0));
        return x.mul(e.mul(Erf.INV_SQRT_2PI)).add(cdf);
    }

    /** x·σ(2u), 2u = 2√(2/π)·x·(1 + 0.044715x²). */
    public static DoubleVector geluTanh(DoubleVector x) {
        // the reference's operation order: (2√(2/π)·x)·fma(x², c, 1)
        DoubleVector t = x.mul(GELU_TANH_2K).mul(x.mul(x).fma(x.broadcast(GELU_TANH_C), x.broadcast(1.0)));
        return x.mul(sigmoid(t));
    }

    public static DoubleVector geluTanhDerivative(DoubleVector x) {
        DoubleVector xc = clamp(x, GELU_TANH_DERIVATIVE_SATURATION);
        DoubleVector x2 = xc.mul(xc);
        DoubleVector t = xc.mul(GELU_TANH_2K).mul(x2.fma(x.broadcast(GELU_TANH_C), x.broadcast(1.0)));
        DoubleVector du = x2.fma(x.broadcast(GELU_TANH_3C), x.broadcast(1.0)).mul(GELU_TANH_2K);
        return sigmoidProductForm(t, xc.mul(du));
    }

    /** σ(t) + σ(t)σ(−t)·w from one e = e^{−|t|}. */
    public static DoubleVector sigmoidProductForm(DoubleVector t, DoubleVector w) {
        DoubleVector e = expNonPositive(t.abs().neg());
        DoubleVector r = t.broadcast(1.0).div(e.add(1.0));
        DoubleVector er = e.mul(r);
        VectorMask<Double> neg = t.lt(0.0);
        DoubleVector sp = r.blend(er, neg);
        DoubleVector sm = er.blend(r, neg);
        return sp.mul(sm).fma(w, sp);
    }

    public static DoubleVector swish(DoubleVector x, double beta) {
        return x.mul(sigmoid(x.mul(beta)));
    }

    public static DoubleVector swishDerivative(DoubleVector x, double beta) {
        DoubleVector t = clamp(x.mul(beta), SIGMOID_SATURATION);
        return sigmoidProductForm(t, t);
    }

    public static DoubleVector elu(DoubleVector x, double alpha) {
        return expm1Negative(x).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0.0));
    }

    /** min(v, c) for c &gt; 0, NaN kept. */
    public static DoubleVector clampAbove(DoubleVector v, double c) {
        return v.blend(c, v.compare(VectorOperators.GT, c));
    }

    /** v clamped to [−c, c], NaN kept. */
    public static DoubleVector clamp(DoubleVector v, double c) {
        return clampAbove(v, c).blend(-c, v.lt(-c));
    }

    public static DoubleVector nanWhereNaN(DoubleVector d, DoubleVector x) {
        return d.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
