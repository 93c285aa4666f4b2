package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * F32 vector math for the elementwise kernels: each function maps a vector to a vector and allocates nothing once
 * C2 has inlined it. Only {@link VectorOperators#EXP}, {@link VectorOperators#LOG} and SQRT come from the JDK
 * (EXP is an intrinsic stub here; TANH, EXPM1 and LOG1P are several times slower on AVX2, so tanh, expm1 and
 * log1p are built from EXP and short polynomials).
 *
 * <p>Polynomials: Chebyshev interpolants computed in 50-digit arithmetic (mpmath), in monomial form for Horner with
 * FMA; the relative error of each, evaluated in float, is stated at its use. Every function here is within about
 * 4e-7 relative of the double-precision reference, well inside the 2e-6 F32 contract.
 */
final class VecMathF {

    /** Below this |x|, tanh uses its odd polynomial; above, 1 − 2/(1 + e^{2|x|}), where no cancellation occurs. */
    static final float TANH_SMALL = 0.625f;
    /** Below this x, expm1(x) = eˣ − 1 loses nothing; above (to 0) a polynomial. */
    static final float EXPM1_SMALL = -0.5f;
    /** Φ(−t) = 0 in float from here on; clamping keeps t² finite. */
    static final float PHI_SATURATION = 16f;
    /** The shift c of the Mills-ratio variable u = (t − c)/(t + c). */
    static final float MILLS_SHIFT = 2f;
    /** σ(t) is 0 or 1 and t·σ(−|t|) is 0 in float beyond this; clamping keeps ∞·0 out of derivatives. */
    static final float SIGMOID_SATURATION = 200f;
    static final float INV_SQRT_2PI = 0.3989422804014327f;

    private VecMathF() {
    }

    static FloatVector exp(FloatVector x) {
        return x.lanewise(VectorOperators.EXP);
    }

    /** σ(x) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) below (no overflow; σ(−1000) = 0). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return r.blend(e.mul(r), x.lt(0f));
    }

    /** σ'(x) = σ(x)σ(−x) = e/(1+e)², e = e^{−|x|}. */
    static FloatVector sigmoidDerivative(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return e.mul(r).mul(r);
    }

    /**
     * tanh x: for |x| &lt; 0.625, x + x³·P(x²) (P of degree 5, relative error 1e-7); above,
     * sign(x)·(1 − 2/(1 + e^{2|x|})), exactly ±1 once e^{2|x|} overflows.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector v = x.mul(x);
        FloatVector p = v.broadcast(0.002292744815349579f);
        p = p.fma(v, v.broadcast(-0.008343945257365704f));
        p = p.fma(v, v.broadcast(0.02176891826093197f));
        p = p.fma(v, v.broadcast(-0.053959257900714874f));
        p = p.fma(v, v.broadcast(0.13333304226398468f));
        p = p.fma(v, v.broadcast(-0.3333333432674408f));
        FloatVector small = x.mul(v).fma(p, x);
        FloatVector big = x.broadcast(1f).sub(x.broadcast(2f).div(exp(a.add(a)).add(1f)));
        big = big.blend(big.neg(), x.lt(0f));
        return small.blend(big, a.compare(VectorOperators.GE, TANH_SMALL));
    }

    /** tanh'(x) = 1 − tanh²x = 4e/(1+e)², e = e^{−2|x|} (no cancellation where tanh x rounds to ±1). */
    static FloatVector tanhDerivative(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.add(a).neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return e.mul(4f).mul(r).mul(r);
    }

    /**
     * eˣ − 1 for x ≤ 0 (ELU): for x &gt; −0.5, x + x²·P(x) (P of degree 4, relative error 8e-8); below, eˣ − 1.
     */
    static FloatVector expm1Negative(FloatVector x) {
        FloatVector p = x.broadcast(0.0011642869794741273f);
        p = p.fma(x, x.broadcast(0.008238221518695354f));
        p = p.fma(x, x.broadcast(0.04164993017911911f));
        p = p.fma(x, x.broadcast(0.16666562855243683f));
        p = p.fma(x, x.broadcast(0.5f));
        FloatVector small = x.mul(x).fma(p, x);
        FloatVector big = exp(x).sub(1f);
        return small.blend(big, x.compare(VectorOperators.LE, EXPM1_SMALL));
    }

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
        return pos.add(log1pUnit(exp(x.abs().neg())));
    }

    /**
     * Φ(−t) for t = min(|x|, 16): e^{−t²/2}·M(t), M(t) = Φ(−t)e^{t²/2} the Mills ratio over √(2π), with
     * (t + 2)·M(t) = K(u), u = (t − 2)/(t + 2) (Schonfelder's mapping; K of degree 10, relative error 1.2e-7 on
     * t ∈ [0, 16]); t² = h + l split exactly by FMA, so e^{−t²/2} = e^{−h/2}(1 − l/2) carries no argument error.
     */
    static FloatVector lowerTail(FloatVector t) {
        FloatVector h = t.mul(t);
        FloatVector l = t.fma(t, h.neg());
        FloatVector e = exp(h.mul(-0.5f));
        e = e.neg().fma(l.mul(0.5f), e);
        FloatVector r = t.broadcast(1f).div(t.add(MILLS_SHIFT));
        FloatVector u = t.sub(MILLS_SHIFT).mul(r);
        FloatVector p = u.broadcast(-6.559336907230318e-05f);
        p = p.fma(u, u.broadcast(3.8230664358707145e-05f));
        p = p.fma(u, u.broadcast(0.0007031731074675918f));
        p = p.fma(u, u.broadcast(0.0008712686831131577f));
        p = p.fma(u, u.broadcast(-0.0018764666747301817f));
        p = p.fma(u, u.broadcast(-0.006744444370269775f));
        p = p.fma(u, u.broadcast(-0.0004871423006989062f));
        p = p.fma(u, u.broadcast(0.03672019764780998f));
        p = p.fma(u, u.broadcast(0.028798790648579597f));
        p = p.fma(u, u.broadcast(-0.33140450716018677f));
        p = p.fma(u, u.broadcast(0.6724079847335815f));
        return e.mul(p).mul(r);
    }

    /** Φ(x), relatively accurate in the lower tail. */
    static FloatVector normalCdf(FloatVector x) {
        FloatVector q = lowerTail(x.abs().min(PHI_SATURATION));
        return x.broadcast(1f).sub(q).blend(q, x.lt(0f));
    }

    /** gelu(x) = x·Φ(x) (NaN at x = −∞: the caller patches that lane). */
    static FloatVector gelu(FloatVector x) {
        return x.mul(normalCdf(x));
    }

    /** gelu'(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π) (NaN at ±∞: the caller patches those lanes). */
    static FloatVector geluDerivative(FloatVector x) {
        FloatVector t = x.abs().min(PHI_SATURATION);
        FloatVector h = t.mul(t);
        FloatVector l = t.fma(t, h.neg());
        FloatVector e = exp(h.mul(-0.5f));
        e = e.neg().fma(l.mul(0.5f), e);
        FloatVector r = t.broadcast(1f).div(t.add(MILLS_SHIFT));
        FloatVector u = t.sub(MILLS_SHIFT).mul(r);
        FloatVector p = u.broadcast(-6.559336907230318e-05f);
        p = p.fma(u, u.broadcast(3.8230664358707145e-05f));
        p = p.fma(u, u.broadcast(0.0007031731074675918f));
        p = p.fma(u, u.broadcast(0.0008712686831131577f));
        p = p.fma(u, u.broadcast(-0.0018764666747301817f));
        p = p.fma(u, u.broadcast(-0.006744444370269775f));
        p = p.fma(u, u.broadcast(-0.0004871423006989062f));
        p = p.fma(u, u.broadcast(0.03672019764780998f));
        p = p.fma(u, u.broadcast(0.028798790648579597f));
        p = p.fma(u, u.broadcast(-0.33140450716018677f));
        p = p.fma(u, u.broadcast(0.6724079847335815f));
        FloatVector q = e.mul(p).mul(r);
        FloatVector cdf = x.broadcast(1f).sub(q).blend(q, x.lt(0f));
        return x.mul(e).fma(x.broadcast(INV_SQRT_2PI), cdf);
    }

    /**
     * σ(t) for t = th + tl, tl the rounding error of th. In the lower tail σ(t) ≈ eᵗ, whose relative error is |t|
     * times that of t: a rounded t would cost up to 100 ulps near the float underflow, the pair costs one FMA.
     */
    static FloatVector sigmoid(FloatVector th, FloatVector tl) {
        FloatVector e = exp(th.abs().neg());
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
        FloatVector xc = x.max(-GELU_TANH_DERIVATIVE_SATURATION).min(GELU_TANH_DERIVATIVE_SATURATION);
        FloatVector x2 = xc.mul(xc);
        FloatVector t = x2.fma(x.broadcast(GELU_TANH_2C), x.broadcast(GELU_TANH_2K)).mul(xc);
        FloatVector du = x2.fma(x.broadcast(GELU_TANH_6C), x.broadcast(GELU_TANH_2K));
        return sigmoidProductForm(t, xc.mul(du));
    }

    /** σ(t) + σ(t)σ(−t)·w, from one e = e^{−|t|} (the shared shape of the swish and gelu_tanh derivatives). */
    static FloatVector sigmoidProductForm(FloatVector t, FloatVector w) {
        FloatVector e = exp(t.abs().neg());
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
        FloatVector t = x.mul(beta).max(-SIGMOID_SATURATION).min(SIGMOID_SATURATION);
        return sigmoidProductForm(t, t);
    }

    /** ELU: x for x &gt; 0, α(eˣ − 1) otherwise. */
    static FloatVector elu(FloatVector x, float alpha) {
        return expm1Negative(x).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    /** NaN where x is NaN, else d (for derivatives that are constants away from NaN). */
    static FloatVector nanWhereNaN(FloatVector d, FloatVector x) {
        return d.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
