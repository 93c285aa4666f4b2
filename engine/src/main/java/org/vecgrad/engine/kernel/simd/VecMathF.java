package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * F32 vector math for the elementwise kernels: each function maps a vector to a vector and allocates nothing once
 * C2 has inlined it. Only {@link VectorOperators#LOG} and SQRT come from the JDK: its EXP, TANH, EXPM1 and LOG1P
 * are slower on AVX2 (TANH and EXPM1 3x, EXP 1.3x and 60x on vectors with an underflowing lane), so exp is built
 * here (Cody-Waite reduction and a polynomial) and tanh, expm1, log1p, Φ from it and short polynomials.
 *
 * <p>Polynomials: Chebyshev interpolants computed in 50-digit arithmetic (mpmath), in monomial form for Horner with
 * FMA; the relative error of each, evaluated in float, is stated at its use. Every function here is within about
 * 4e-7 relative of the double-precision reference, well inside the 2e-6 F32 contract.
 */
final class VecMathF {

    /** Φ(−t) = 0 in float from here on; clamping keeps t² finite. */
    static final float PHI_SATURATION = 16f;
    /** The shift c of the Mills-ratio variable u = (t − c)/(t + c). */
    static final float MILLS_SHIFT = 3f;
    /** σ(t) is 0 or 1 and t·σ(−|t|) is 0 in float beyond this; clamping keeps ∞·0 out of derivatives. */
    static final float SIGMOID_SATURATION = 200f;
    static final float INV_SQRT_2PI = 0.3989422804014327f;

    private VecMathF() {
    }

    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with trailing zero bits so k·LN2_HI is exact (Cody and Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 2⁻⁶⁴: folded into the polynomial so that 2^(k+64) stays a normal number down to k = −150. */
    private static final float TWO_M64 = 0x1p-64f;
    /** e^x rounds to 0 in float below this (e^−104 &lt; MIN_VALUE/2). */
    private static final float EXP_UNDERFLOW = -104f;
    /** e^x overflows in float above this (clamping keeps the exponent arithmetic in range). */
    private static final float EXP_OVERFLOW = 89f;

    /**
     * eˣ for x ≤ 0 (larger x up to 63 also work, and callers blend such lanes away): x = k·ln 2 + r, |r| ≤ ln2/2
     * (Cody-Waite), e^r by a degree-5 polynomial (relative error 2.2e-7), times 2^k built in the exponent bits.
     * Subnormal results round correctly, below −104 the result is 0, NaN stays NaN. This replaces the JDK's EXP
     * stub, which is 30% slower here and takes a scalar slow path (60x) for every vector with an underflowing
     * lane.
     */
    static FloatVector expNonPositive(FloatVector x) {
        return expAbove131(x.blend(EXP_UNDERFLOW, x.lt(EXP_UNDERFLOW)));
    }

    /** eˣ for −131 ≤ x ≤ 0 (there 2^(k+64) is still a normal number, so no clamp is needed). */
    static FloatVector expAbove131(FloatVector xc) {
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector k = t.sub(ROUND_MAGIC);
        FloatVector r = k.fma(xc.broadcast(-LN2_HI), xc);
        r = k.fma(xc.broadcast(-LN2_LO), r);
        FloatVector p = expPolynomialScaled(r);
        FloatVector scale = t.reinterpretAsInts().add(127 + 64 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** 2⁻⁶⁴·e^r on |r| ≤ ln2/2 (Chebyshev interpolant of degree 5, relative error 2.2e-7, scaled exactly by 2⁻⁶⁴). */
    private static FloatVector expPolynomialScaled(FloatVector r) {
        FloatVector p = r.broadcast(0.008369154296815395f * TWO_M64);
        p = p.fma(r, r.broadcast(0.04191754385828972f * TWO_M64));
        p = p.fma(r, r.broadcast(0.16666504740715027f * TWO_M64));
        p = p.fma(r, r.broadcast(0.49998870491981506f * TWO_M64));
        p = p.fma(r, r.broadcast(TWO_M64));
        return p.fma(r, r.broadcast(1.0000001192092896f * TWO_M64));
    }

    /** eˣ on the whole float range (the EXP op): as {@link #expNonPositive}, with 2^k applied in two halves. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.blend(EXP_UNDERFLOW, x.lt(EXP_UNDERFLOW));
        xc = xc.blend(EXP_OVERFLOW, xc.compare(VectorOperators.GT, EXP_OVERFLOW));
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector k = t.sub(ROUND_MAGIC);
        FloatVector r = k.fma(x.broadcast(-LN2_HI), xc);
        r = k.fma(x.broadcast(-LN2_LO), r);
        FloatVector p = expPolynomialScaled(r);
        // 2^(k+64), k+64 in [−86, 193], as the product of two normal powers of two
        IntVector k64 = t.reinterpretAsInts().add(64 - ROUND_MAGIC_BITS);
        IntVector h1 = k64.lanewise(VectorOperators.ASHR, 1);
        IntVector h2 = k64.sub(h1);
        FloatVector s1 = h1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = h2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** σ(x) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) below (no overflow; σ(−1000) = 0). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = expNonPositive(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return r.blend(e.mul(r), x.lt(0f));
    }

    /** σ'(x) = σ(x)σ(−x) = e/(1+e)², e = e^{−|x|}. */
    static FloatVector sigmoidDerivative(FloatVector x) {
        FloatVector e = expNonPositive(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return e.mul(r).mul(r);
    }

    /**
     * tanh x = sign(x)·(−m)/(2 + m), m = expm1(−2|x|) ∈ (−1, 0]: one formula, relatively accurate for small |x|
     * too (m is, unlike 1 − e^{−2|x|}); exactly ±1 from |x| ≈ 9 on; the sign copied bitwise, so tanh(−0) = −0.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector m = expm1NonPositive(a.add(a).neg());
        FloatVector r = m.neg().div(m.add(2f));
        return r.reinterpretAsInts().or(x.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats();
    }

    private static final int SIGN_BIT = 0x80000000;

    /** tanh'(x) = 1 − tanh²x = 4e/(1+e)², e = e^{−2|x|} (no cancellation where tanh x rounds to ±1). */
    static FloatVector tanhDerivative(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = expNonPositive(a.add(a).neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return e.mul(4f).mul(r).mul(r);
    }

    /**
     * eˣ − 1 for x ≤ 0 (x below −20 taken as −20, where the result is −1 in float): with x = k·ln 2 + r as in
     * {@link #expNonPositive}, eˣ − 1 = 2^k·(r·q(r)) + (2^k − 1), q(r) = (e^r − 1)/r of degree 5 (relative error
     * 8e-8). For k = 0 that is r·q(r), free of the cancellation in eˣ − 1; for k ≠ 0, |eˣ − 1| ≥ 0.29 anyway.
     * Positive x up to about 80 also work (ELU computes all lanes and blends).
     */
    static FloatVector expm1NonPositive(FloatVector x) {
        FloatVector xc = x.blend(EXPM1_FLOOR, x.lt(EXPM1_FLOOR));
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector k = t.sub(ROUND_MAGIC);
        FloatVector r = k.fma(xc.broadcast(-LN2_HI), xc);
        r = k.fma(xc.broadcast(-LN2_LO), r);
        FloatVector q = r.broadcast(0.001393364742398262f);
        q = q.fma(r, r.broadcast(0.008369154296815395f));
        q = q.fma(r, r.broadcast(0.04166646674275398f));
        q = q.fma(r, r.broadcast(0.16666504740715027f));
        q = q.fma(r, r.broadcast(0.5f));
        q = q.fma(r, r.broadcast(1f));
        FloatVector s2k = t.reinterpretAsInts().add(127 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return s2k.fma(r.mul(q), s2k.sub(1f));
    }

    /** expm1(x) = −1 in float below this. */
    private static final float EXPM1_FLOOR = -20f;

    /**
     * ln(1 + e) for 0 ≤ e ≤ 1 (softplus): with s = e/(2 + e) ≤ 1/3, ln(1+e) = 2·atanh(s) = 2s + 2s³·R(s²)
     * (R of degree 3, relative error 5e-7 on a term at most 1/27 of the sum).
     */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector v = s.mul(s);
        FloatVector p = v.broadcast(0.1342574954032898f);
        p = p.fma(v, v.broadcast(0.14118309319019318f));
        p = p.fma(v, v.broadcast(0.20003780722618103f));
        p = p.fma(v, v.broadcast(0.33333319425582886f));
        FloatVector h = s.mul(v).fma(p, s);
        return h.add(h);
    }

    /** softplus(x) = max(x, 0) + ln(1 + e^{−|x|}); softplus(1000) = 1000. */
    static FloatVector softplus(FloatVector x) {
        FloatVector pos = x.blend(0f, x.compare(VectorOperators.LE, 0f));
        return pos.add(log1pUnit(expNonPositive(x.abs().neg())));
    }

    /**
     * Φ(−t) for t = min(|x|, 16): e^{−t²/2}·M(t), M(t) = Φ(−t)e^{t²/2} the Mills ratio over √(2π), with
     * (t + 3)·M(t) = K(u), u = (t − 3)/(t + 3) (Schonfelder's mapping; K of degree 8, relative error 2.4e-7 on
     * t ∈ [0, 16]); t² = h + l split exactly by FMA, so e^{−t²/2} = e^{−h/2}(1 − l/2) carries no argument error.
     */
    static FloatVector lowerTail(FloatVector t) {
        FloatVector h = t.mul(t);
        FloatVector l = t.fma(t, h.neg());
        FloatVector e = expAbove131(h.mul(-0.5f));
        e = e.fma(l.mul(-0.5f), e);
        FloatVector r = t.broadcast(1f).div(t.add(MILLS_SHIFT));
        FloatVector u = t.sub(MILLS_SHIFT).mul(r);
        FloatVector p = u.broadcast(-0.00028317837859503925f);
        p = p.fma(u, u.broadcast(-0.0009168670512735844f));
        p = p.fma(u, u.broadcast(0.0010968291899189353f));
        p = p.fma(u, u.broadcast(0.006939205806702375f));
        p = p.fma(u, u.broadcast(-0.010487948544323444f));
        p = p.fma(u, u.broadcast(-0.04726063460111618f));
        p = p.fma(u, u.broadcast(0.23002038896083832f));
        p = p.fma(u, u.broadcast(-0.5093319416046143f));
        p = p.fma(u, u.broadcast(0.7290836572647095f));
        return e.mul(p).mul(r);
    }

    /** Φ(x), relatively accurate in the lower tail. */
    static FloatVector normalCdf(FloatVector x) {
        FloatVector q = lowerTail(clampAbove(x.abs(), PHI_SATURATION));
        return x.broadcast(1f).sub(q).blend(q, x.lt(0f));
    }

    /** gelu(x) = x·Φ(x) (NaN at x = −∞: the caller patches that lane). */
    static FloatVector gelu(FloatVector x) {
        return x.mul(normalCdf(x));
    }

    /** gelu'(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π) (NaN at ±∞: the caller patches those lanes). */
    static FloatVector geluDerivative(FloatVector x) {
        FloatVector t = clampAbove(x.abs(), PHI_SATURATION);
        FloatVector h = t.mul(t);
        FloatVector l = t.fma(t, h.neg());
        FloatVector e = expAbove131(h.mul(-0.5f));
        e = e.fma(l.mul(-0.5f), e);
        FloatVector r = t.broadcast(1f).div(t.add(MILLS_SHIFT));
        FloatVector u = t.sub(MILLS_SHIFT).mul(r);
        FloatVector p = u.broadcast(-0.00028317837859503925f);
        p = p.fma(u, u.broadcast(-0.0009168670512735844f));
        p = p.fma(u, u.broadcast(0.0010968291899189353f));
        p = p.fma(u, u.broadcast(0.006939205806702375f));
        p = p.fma(u, u.broadcast(-0.010487948544323444f));
        p = p.fma(u, u.broadcast(-0.04726063460111618f));
        p = p.fma(u, u.broadcast(0.23002038896083832f));
        p = p.fma(u, u.broadcast(-0.5093319416046143f));
        p = p.fma(u, u.broadcast(0.7290836572647095f));
        FloatVector q = e.mul(p).mul(r);
        FloatVector cdf = x.broadcast(1f).sub(q).blend(q, x.lt(0f));
        return x.mul(e).fma(x.broadcast(INV_SQRT_2PI), cdf);
    }

    /**
     * σ(t) for t = th + tl, tl the rounding error of th. In the lower tail σ(t) ≈ eᵗ, whose relative error is |t|
     * times that of t: a rounded t would cost up to 100 ulps near the float underflow, the pair costs one FMA.
     */
    static FloatVector sigmoid(FloatVector th, FloatVector tl) {
        FloatVector e = expNonPositive(th.abs().neg());
        // e^{−|t|} = e^{−|th|}·e^{∓tl} ≈ e^{−|th|}(1 ∓ tl)
        e = e.fma(tl.blend(tl.neg(), th.compare(VectorOperators.GE, 0f)), e);
        FloatVector r = th.broadcast(1f).div(e.add(1f));
        return r.blend(e.mul(r), th.lt(0f));
    }

    /**
     * gelu_tanh(x) = ½x(1 + tanh u) = x·σ(2u), with 2u = A·x + B·x³ (A = 2√(2/π), B = 0.044715·A) formed in
     * double-float arithmetic (every product split exactly by FMA, constants as float pairs), so 2u carries about
     * 2^−40 relative error and σ(2u) keeps float accuracy far into the lower tail. NaN where x³ overflows (|x| ≳ 7e12)
     * or x = −∞: the caller patches those lanes.
     */
    static FloatVector geluTanh(FloatVector x) {
        FloatVector x2h = x.mul(x);
        FloatVector x2l = x.fma(x, x2h.neg());
        FloatVector x3h = x2h.mul(x);
        FloatVector x3l = x2h.fma(x, x3h.neg()).add(x2l.mul(x));
        FloatVector p1h = x.mul(GELU_TANH_A_HI);
        FloatVector p1l = x.fma(x.broadcast(GELU_TANH_A_HI), p1h.neg()).add(x.mul(GELU_TANH_A_LO));
        FloatVector p2h = x3h.mul(GELU_TANH_B_HI);
        FloatVector p2l = x3h.fma(x.broadcast(GELU_TANH_B_HI), p2h.neg())
                .add(x3h.mul(GELU_TANH_B_LO).add(x3l.mul(GELU_TANH_B_HI)));
        FloatVector th = p1h.add(p2h);
        // TwoSum: the exact rounding error of p1h + p2h
        FloatVector bb = th.sub(p1h);
        FloatVector err = p1h.sub(th.sub(bb)).add(p2h.sub(bb));
        FloatVector tl = err.add(p1l.add(p2l));
        return x.mul(sigmoid(th, tl));
    }

    private static final double GELU_TANH_A = ScalarElementwise.GELU_TANH_2K;
    private static final double GELU_TANH_B = ScalarElementwise.GELU_TANH_2K * ScalarElementwise.GELU_TANH_CUBIC;
    static final float GELU_TANH_A_HI = (float) GELU_TANH_A;
    static final float GELU_TANH_A_LO = (float) (GELU_TANH_A - GELU_TANH_A_HI);
    static final float GELU_TANH_B_HI = (float) GELU_TANH_B;
    static final float GELU_TANH_B_LO = (float) (GELU_TANH_B - GELU_TANH_B_HI);
    static final float GELU_TANH_2K = (float) ScalarElementwise.GELU_TANH_2K;
    static final float GELU_TANH_2C = (float) (ScalarElementwise.GELU_TANH_2K * ScalarElementwise.GELU_TANH_CUBIC);
    static final float GELU_TANH_6C = (float) (ScalarElementwise.GELU_TANH_2K * ScalarElementwise.GELU_TANH_3C);
    static final float GELU_TANH_DERIVATIVE_SATURATION = 30f;

    /** gelu_tanh'(x) = σ(2u) + x·σ(2u)σ(−2u)·2u'(x), x clamped to ±30 where it is already exactly 1 or 0. */
    static FloatVector geluTanhDerivative(FloatVector x) {
        FloatVector xc = clamp(x, GELU_TANH_DERIVATIVE_SATURATION);
        FloatVector x2 = xc.mul(xc);
        FloatVector t = x2.fma(x.broadcast(GELU_TANH_2C), x.broadcast(GELU_TANH_2K)).mul(xc);
        FloatVector du = x2.fma(x.broadcast(GELU_TANH_6C), x.broadcast(GELU_TANH_2K));
        return sigmoidProductForm(t, xc.mul(du));
    }

    /** σ(t) + σ(t)σ(−t)·w, from one e = e^{−|t|} (the shared shape of the swish and gelu_tanh derivatives). */
    static FloatVector sigmoidProductForm(FloatVector t, FloatVector w) {
        FloatVector e = expNonPositive(t.abs().neg());
        FloatVector r = t.broadcast(1f).div(e.add(1f));
        FloatVector er = e.mul(r);
        VectorMask<Float> neg = t.lt(0f);
        FloatVector sp = r.blend(er, neg);
        FloatVector sm = er.blend(r, neg);
        return sp.mul(sm).fma(w, sp);
    }

    /** swish(x) = x·σ(βx), βx as an exact pair (see {@link #sigmoid(FloatVector, FloatVector)}); NaN at x = ±∞. */
    static FloatVector swish(FloatVector x, float beta) {
        FloatVector th = x.mul(beta);
        FloatVector tl = x.fma(x.broadcast(beta), th.neg());
        return x.mul(sigmoid(th, tl));
    }

    /** swish'(x) = σ(t) + t·σ(t)σ(−t), t = βx clamped to ±200 (where σ is already 0 or 1 in float). */
    static FloatVector swishDerivative(FloatVector x, float beta) {
        FloatVector t = clamp(x.mul(beta), SIGMOID_SATURATION);
        return sigmoidProductForm(t, t);
    }

    /** ELU: x for x &gt; 0, α(eˣ − 1) otherwise. */
    static FloatVector elu(FloatVector x, float alpha) {
        return expm1NonPositive(x).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    /** min(v, c) for c &gt; 0, NaN kept (compare and blend: cheaper than the Math.min semantics of min()). */
    static FloatVector clampAbove(FloatVector v, float c) {
        return v.blend(c, v.compare(VectorOperators.GT, c));
    }

    /** v clamped to [−c, c], NaN kept. */
    static FloatVector clamp(FloatVector v, float c) {
        return clampAbove(v, c).blend(-c, v.lt(-c));
    }

    /** NaN where x is NaN, else d (for derivatives that are constants away from NaN). */
    static FloatVector nanWhereNaN(FloatVector d, FloatVector x) {
        return d.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
