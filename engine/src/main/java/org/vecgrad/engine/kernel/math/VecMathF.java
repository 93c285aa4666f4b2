package org.vecgrad.engine.kernel.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * F32 vector math for the elementwise kernels: each function maps a vector to a vector and allocates nothing once
 * C2 has inlined it. Only {@link VectorOperators#LOG} and SQRT come from the JDK: its EXP, TANH, EXPM1 and LOG1P
 * are slower on AVX2 (TANH and EXPM1 3x, EXP 1.3x and 60x on vectors with an underflowing lane), so exp is built
 * here (Cody-Waite reduction and a polynomial) and expm1, log1p, Φ from it and short polynomials; tanh and the
 * central part of Φ are rational fits (derived and re-checked in float by engine/fit/vecmathf_fit.py).
 *
 * <p>Polynomials: Chebyshev interpolants computed in 50-digit arithmetic (mpmath), in monomial form for Horner with
 * FMA; the relative error of each, evaluated in float, is stated at its use. Measured against the double-precision
 * reference on a dense grid of [−40, 40]: within 4.2e-7 relative, up to 1.2e-6 for gelu and gelu_tanh where their
 * results approach the float underflow (about 1e-37), and 8.8e-7 for gelu's central form where it rounds x²
 * (VecMathFAccuracyTest); the F32 contract is 2e-6.
 */
public final class VecMathF {

    /** Φ(−t) = 0 in float from here on; clamping keeps t² finite. */
    public static final float PHI_SATURATION = 16f;
    /** The shift c of the Mills-ratio variable u = (t − c)/(t + c). */
    public static final float MILLS_SHIFT = 3f;
    /** σ(t) is 0 or 1 and t·σ(−|t|) is 0 in float beyond this; clamping keeps ∞·0 out of derivatives. */
    public static final float SIGMOID_SATURATION = 200f;
    public static final float INV_SQRT_2PI = 0.3989422804014327f;

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
    public static FloatVector expNonPositive(FloatVector x) {
        return expAbove131(x.blend(EXP_UNDERFLOW, x.lt(EXP_UNDERFLOW)));
    }

    /** eˣ for −131 ≤ x ≤ 0 (there 2^(k+64) is still a normal number, so no clamp is needed). */
    public static FloatVector expAbove131(FloatVector xc) {
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector k = t.sub(ROUND_MAGIC);
        FloatVector r = k.fma(xc.broadcast(-LN2_HI), xc);
        r = k.fma(xc.broadcast(-LN2_LO), r);
        FloatVector p = expPolynomialScaled(r);
        FloatVector scale = t.reinterpretAsInts().add(127 + 64 - ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    // scalar constants broadcast at the use (C2 hoists them out of loops), not static final vectors: C2 re-loads a
    // static final vector's payload at every use (measured: 15-30% slower kernels)
    /** 2⁻⁶⁴·e^r on |r| ≤ ln2/2 (Chebyshev interpolant of degree 5, relative error 2.2e-7, scaled exactly by 2⁻⁶⁴). */
    private static FloatVector expPolynomialScaled(FloatVector r) {
        // Estrin's scheme: a dependency chain of 3 FMAs instead of Horner's 5 (the exp-based kernels are latency-bound)
        FloatVector r2 = r.mul(r);
        return r2.fma(r.fma(0.008369154296815395f * TWO_M64, 0.04191754385828972f * TWO_M64),
                r.fma(0.16666504740715027f * TWO_M64, 0.49998870491981506f * TWO_M64))
                .fma(r2, r.fma(TWO_M64, 1.0000001192092896f * TWO_M64));
    }

    /** eˣ on the whole float range (the EXP op): as {@link #expNonPositive}, with 2^k applied in two halves. */
    public static FloatVector exp(FloatVector x) {
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
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = expNonPositive(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return r.blend(e.mul(r), x.lt(0f));
    }

    /** σ'(x) = σ(x)σ(−x) = e/(1+e)², e = e^{−|x|}. */
    public static FloatVector sigmoidDerivative(FloatVector x) {
        FloatVector e = expNonPositive(x.abs().neg());
        FloatVector r = x.broadcast(1f).div(e.add(1f));
        return e.mul(r).mul(r);
    }

    /**
     * tanh x = sign(x)·a·P(a²)/Q(a²), a = |x|, for a ≤ 9.02, and sign(x)·1 beyond (where tanh rounds to 1 in
     * float): no exponential, one division. P/Q is a (4, 4) rational fit of tanh(a)/a in z = a² on [0, 9.02]
     * (relative error 2.1e-8 in exact arithmetic, 2.6e-7 evaluated in float; engine/fit/vecmathf_fit.py);
     * P(0) = Q(0) = 1, so small and subnormal x come back as x. The sign is copied bitwise (tanh(−0) = −0); a
     * lane with a huge or infinite a computes NaN (z = ∞) and is replaced by the saturated 1; NaN stays NaN.
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        VectorMask<Float> saturated = a.compare(VectorOperators.GT, TANH_SATURATION);
        FloatVector z = a.mul(a);
        FloatVector z2 = z.mul(z);
        // Estrin's scheme (two independent halves per polynomial): a shorter dependency chain than Horner's
        FloatVector p = z2.fma(x.broadcast(1.331887933275766e-08f), z.fma(2.058334393950645e-05f, 0.0034940263722091913f))
                .fma(z2, z.fma(0.13379710912704468f, 1f));
        FloatVector q = z2.fma(x.broadcast(7.761940992168093e-07f), z.fma(0.0003283079422544688f, 0.025871042162179947f))
                .fma(z2, z.fma(0.46713027358055115f, 1f));
        FloatVector r = a.mul(p).div(q).blend(1f, saturated);
        return r.reinterpretAsInts().or(x.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats();
    }

    /** tanh x rounds to ±1 in float beyond this (1 − tanh 9.02 = 3e-8 &lt; half an ulp below 1). */
    public static final float TANH_SATURATION = 9.02f;

    private static final int SIGN_BIT = 0x80000000;

    /** tanh'(x) = 1 − tanh²x = 4e/(1+e)², e = e^{−2|x|} (no cancellation where tanh x rounds to ±1). */
    public static FloatVector tanhDerivative(FloatVector x) {
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
    public static FloatVector expm1NonPositive(FloatVector x) {
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
    public static FloatVector log1pUnit(FloatVector e) {
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
    public static FloatVector softplus(FloatVector x) {
        FloatVector pos = x.blend(0f, x.compare(VectorOperators.LE, 0f));
        return pos.add(log1pUnit(expNonPositive(x.abs().neg())));
    }

    /**
     * Φ(−t) for t = min(|x|, 16): e^{−t²/2}·M(t), M(t) = Φ(−t)e^{t²/2} the Mills ratio over √(2π), with
     * (t + 3)·M(t) = K(u), u = (t − 3)/(t + 3) (Schonfelder's mapping; K of degree 8, relative error 2.4e-7 on
     * t ∈ [0, 16]); t² = h + l split exactly by FMA, so e^{−t²/2} = e^{−h/2}(1 − l/2) carries no argument error.
     */
    public static FloatVector lowerTail(FloatVector t) {
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
    public static FloatVector normalCdf(FloatVector x) {
        FloatVector q = lowerTail(clampAbove(x.abs(), PHI_SATURATION));
        return x.broadcast(1f).sub(q).blend(q, x.lt(0f));
    }

    /** gelu(x) = x·Φ(x) (NaN at x = −∞: the caller patches that lane). */
    public static FloatVector gelu(FloatVector x) {
        return x.mul(normalCdf(x));
    }

    /**
     * |x| up to which {@link #geluCentral} applies: there the rounding of x² costs at most 0.5·x²·2⁻²⁴ = 6e-7 of
     * relative accuracy of Φ(−|x|) (beyond it the caller takes {@link #gelu}, which splits x² exactly).
     */
    public static final float GELU_CENTRAL_LIMIT = 4.5f;

    /**
     * gelu(x) = x·Φ(x) for |x| ≤ 4.5 (t = |x| given): x·(1 − Φ(−t)) for x ≥ 0, x·Φ(−t) below, with
     * Φ(−t) = e^{−t²/2}·M(t), M the Mills ratio over √(2π), as P(t)/Q(t), a (3, 4) rational fit on [0, 4.5]
     * (relative error 2.7e-8; engine/fit/vecmathf_fit.py). e^{−t²/2} = 2^{−k}·e^{−s/2}, s = x² − 2k·ln 2 with
     * |s| ≤ ln 2 and 2 ln 2 one float (its error costs k·2e-9 ≤ 3e-8), e^{−s/2} the degree-5 polynomial of
     * {@link #expAbove131} with r = −s/2 folded into its coefficients (exact powers of two), and 2^{−k} applied
     * by subtracting k from the exponent bits of P/Q. No clamp, no NaN test (the caller's range test sends NaN
     * and |x| &gt; 4.5 to {@link #gelu}), one division off the critical path. Measured against the
     * double-precision reference: within 1e-6 relative on [−4.5, 4.5] (see VecMathFAccuracyTest).
     */
    public static FloatVector geluCentral(FloatVector x, FloatVector t) {
        // scalar constants broadcast in place (C2 hoists the broadcasts out of the loop): static final vector
        // constants measured 15-35% slower in this kernel
        FloatVector m = x.mul(x);
        FloatVector kq = m.fma(LOG2E / 2, ROUND_MAGIC); // magic + k, k = round(x²/2·log₂e)
        FloatVector s = kq.sub(ROUND_MAGIC).fma(x.broadcast(GC_MINUS_2LN2), m);
        // e^{−s/2} = Σ E_i·(−s/2)^i: the coefficients of expPolynomialScaled without its 2⁻⁶⁴, times (−1/2)^i,
        // by Estrin's scheme (dependency chain of 3 FMAs instead of 5: this kernel is latency-bound)
        FloatVector s2 = s.mul(s);
        FloatVector e = s2.fma(s.fma(-0.008369154296815395f / 32, 0.04191754385828972f / 16),
                s.fma(-0.16666504740715027f / 8, 0.49998870491981506f / 4))
                .fma(s2, s.fma(-1f / 2, 1.0000001192092896f));
        FloatVector p = t.fma(0.012530612759292126f, 0.09930671006441116f)
                .fma(m, t.fma(0.32453247904777527f, 0.5f));
        FloatVector q = m.fma(x.broadcast(0.03144104778766632f), t.fma(0.24817514419555664f, 0.8531282544136047f))
                .fma(m, t.fma(1.4469478130340576f, 1f));
        // 2^−k applied to P/Q (off the critical path) by subtracting k from its exponent: k·2²³ is bits(kq)·2²³
        // modulo 2³² (the magic number's low 9 bits are zero); P/Q·2^−k ≥ 0.08·2⁻¹⁵ stays normal
        FloatVector r = p.div(q).reinterpretAsInts()
                .sub(kq.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector tail = e.mul(r); // Φ(−t)
        return x.mul(x.broadcast(1f).sub(tail).blend(tail, x.lt(0f)));
    }

    private static final float GC_MINUS_2LN2 = (float) (-2 * Math.log(2));

    /** gelu'(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π) (NaN at ±∞: the caller patches those lanes). */
    public static FloatVector geluDerivative(FloatVector x) {
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
    public static FloatVector sigmoid(FloatVector th, FloatVector tl) {
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
    public static FloatVector geluTanh(FloatVector x) {
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
    public static final float GELU_TANH_A_HI = (float) GELU_TANH_A;
    public static final float GELU_TANH_A_LO = (float) (GELU_TANH_A - GELU_TANH_A_HI);
    public static final float GELU_TANH_B_HI = (float) GELU_TANH_B;
    public static final float GELU_TANH_B_LO = (float) (GELU_TANH_B - GELU_TANH_B_HI);
    public static final float GELU_TANH_2K = (float) ScalarElementwise.GELU_TANH_2K;
    public static final float GELU_TANH_2C = (float) (ScalarElementwise.GELU_TANH_2K * ScalarElementwise.GELU_TANH_CUBIC);
    public static final float GELU_TANH_6C = (float) (ScalarElementwise.GELU_TANH_2K * ScalarElementwise.GELU_TANH_3C);
    public static final float GELU_TANH_DERIVATIVE_SATURATION = 30f;

    /** gelu_tanh'(x) = σ(2u) + x·σ(2u)σ(−2u)·2u'(x), x clamped to ±30 where it is already exactly 1 or 0. */
    public static FloatVector geluTanhDerivative(FloatVector x) {
        FloatVector xc = clamp(x, GELU_TANH_DERIVATIVE_SATURATION);
        FloatVector x2 = xc.mul(xc);
        FloatVector t = x2.fma(x.broadcast(GELU_TANH_2C), x.broadcast(GELU_TANH_2K)).mul(xc);
        FloatVector du = x2.fma(x.broadcast(GELU_TANH_6C), x.broadcast(GELU_TANH_2K));
        return sigmoidProductForm(t, xc.mul(du));
    }

    /** σ(t) + σ(t)σ(−t)·w, from one e = e^{−|t|} (the shared shape of the swish and gelu_tanh derivatives). */
    public static FloatVector sigmoidProductForm(FloatVector t, FloatVector w) {
        FloatVector e = expNonPositive(t.abs().neg());
        FloatVector r = t.broadcast(1f).div(e.add(1f));
        FloatVector er = e.mul(r);
        VectorMask<Float> neg = t.lt(0f);
        FloatVector sp = r.blend(er, neg);
        FloatVector sm = er.blend(r, neg);
        return sp.mul(sm).fma(w, sp);
    }

    /** swish(x) = x·σ(βx), βx as an exact pair (see {@link #sigmoid(FloatVector, FloatVector)}); NaN at x = ±∞. */
    public static FloatVector swish(FloatVector x, float beta) {
        FloatVector th = x.mul(beta);
        FloatVector tl = x.fma(x.broadcast(beta), th.neg());
        return x.mul(sigmoid(th, tl));
    }

    /** swish'(x) = σ(t) + t·σ(t)σ(−t), t = βx clamped to ±200 (where σ is already 0 or 1 in float). */
    public static FloatVector swishDerivative(FloatVector x, float beta) {
        FloatVector t = clamp(x.mul(beta), SIGMOID_SATURATION);
        return sigmoidProductForm(t, t);
    }

    /** ELU: x for x &gt; 0, α(eˣ − 1) otherwise. */
    public static FloatVector elu(FloatVector x, float alpha) {
        return expm1NonPositive(x).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    /** min(v, c) for c &gt; 0, NaN kept (compare and blend: cheaper than the Math.min semantics of min()). */
    public static FloatVector clampAbove(FloatVector v, float c) {
        return v.blend(c, v.compare(VectorOperators.GT, c));
    }

    /** v clamped to [−c, c], NaN kept. */
    public static FloatVector clamp(FloatVector v, float c) {
        return clampAbove(v, c).blend(-c, v.lt(-c));
    }

    /** NaN where x is NaN, else d (for derivatives that are constants away from NaN). */
    public static FloatVector nanWhereNaN(FloatVector d, FloatVector x) {
        return d.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
