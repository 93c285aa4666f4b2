package org.vecgrad.engine.kernel.math;

/**
 * The error function and the standard normal distribution in double precision (Java has no {@code erf}).
 *
 * <p>Method: two polynomial approximations, each a Chebyshev interpolant computed in 50-digit arithmetic
 * (mpmath) and converted to monomial form for Horner evaluation; relative error of each, evaluated in double,
 * below 4e-16 on its interval.
 * <ul>
 *   <li>|x| &lt; 1: erf(x) = x·P(x²), P of degree 11 (a minimax-like version of the Maclaurin series).</li>
 *   <li>z ≥ 0: the scaled complementary function erfcx(z) = e^{z²}·erfc(z) in the variable u = (z − 3)/(z + 3),
 *       (z + 3)·erfcx(z) = K(u), K of degree 22 on z ∈ [0, 28] (the mapping of Schonfelder, "Chebyshev expansions
 *       for the error and related functions", Math. Comp. 32 (1978), which turns the 1/z tail into a smooth
 *       function on a finite interval).</li>
 * </ul>
 * erfc(z) = e^{−z²}·erfcx(z), with z² split exactly into h + l by an FMA so the exponential's argument carries no
 * rounding error (erfc stays relatively accurate until it underflows near z = 27.2). Φ(x) = ½·erfc(−x/√2) is
 * computed the same way from x itself: e^{−x²/2} from the exact split of x², erfcx at the rounded x/√2 (where a
 * rounding error only costs one ulp), so Φ is relatively accurate far into the lower tail (down to x ≈ −38).
 *
 * <p>The same coefficients are used by the F64 Vector API kernels (kernel.simd), which must agree with this class
 * to 1e-14 relative.
 */
public final class Erf {

    /** erf(x) = x·P(x²) on |x| &lt; 1; P in powers of x². */
    static final double[] ERF_SMALL = {1.1283791670955126, -0.37612638903183543, 0.11283791670945006,
        -0.02686617064323777, 0.0052239776071164225, -0.0008548325975389692, 0.00012055294904839707,
        -1.492473690741966e-05, 1.6447424703317362e-06, -1.6208483801871705e-07, 1.3720064546777686e-08,
        -7.795898827002142e-10};

    /** The shift c of u = (z − c)/(z + c). */
    public static final double ERFCX_SHIFT = 3.0;

    /** (z + 3)·erfcx(z) = K(u) on u ∈ [−1, 25/31] (z ∈ [0, 28]); K in powers of u. */
    static final double[] ERFCX = {1.0740069070883398, -0.8833944531698837, 0.5902283571041004,
        -0.3104672619005527, 0.11952776128738794, -0.026827234624950198, -0.0012124166297047625,
        0.003034062007973329, -0.000548309659577885, -0.0002767778983471239, 0.00010756124911146757,
        3.0398391001005668e-05, -1.7469493531903413e-05, -4.74978324582527e-06, 2.76233565354979e-06,
        9.995012088631186e-07, -4.0247942021736004e-07, -2.3318719338409497e-07, 4.009259410305053e-08,
        4.8813017932609656e-08, 2.482956226530575e-09, -6.384304468234439e-09, -1.61318490003256e-09};

    /** erfc(z) = 0 in double from here on (it underflows near 27.23). */
    static final double ERFC_ZERO = 28.0;

    /** |x| beyond which Φ(x) is 0 or 1 in double (Φ(−38.5) underflows); also keeps x² finite. */
    public static final double PHI_SATURATION = 39.0;

    /** 1/√2 */
    public static final double INV_SQRT2 = 0.7071067811865476;

    /** 1/√(2π) */
    public static final double INV_SQRT_2PI = 0.3989422804014327;

    private Erf() {
    }

    /** The coefficients of K in {@link #erfcx} (lowest power first), for the vector kernels; a copy. */
    public static double[] erfcxCoefficients() {
        return ERFCX.clone();
    }

    /** erf(x) = (2/√π)∫₀ˣ e^{−t²} dt; erf(±∞) = ±1, erf(NaN) = NaN. */
    public static double erf(double x) {
        double a = Math.abs(x);
        if (a < 1.0) {
            return x * horner(ERF_SMALL, x * x);
        }
        if (a >= ERFC_ZERO) {
            return Math.copySign(1.0, x);
        }
        if (a != a) {
            return x;
        }
        double q = expNegSquare(a) * erfcx(a);
        return Math.copySign(1.0 - q, x);
    }

    /** erfc(x) = 1 − erf(x), relatively accurate for large positive x; erfc(+∞) = 0, erfc(−∞) = 2. */
    public static double erfc(double x) {
        double a = Math.abs(x);
        if (a < 1.0) {
            return 1.0 - x * horner(ERF_SMALL, x * x);
        }
        if (a != a) {
            return x;
        }
        double q = a >= ERFC_ZERO ? 0.0 : expNegSquare(a) * erfcx(a);
        return x > 0 ? q : 2.0 - q;
    }

    /**
     * Scaled complementary error function e^{z²}·erfc(z) for 0 ≤ z ≤ 28 (arguments above 28 are treated as 28;
     * callers multiply by e^{−z²}, which is 0 there).
     */
    public static double erfcx(double z) {
        double zc = Math.min(z, ERFC_ZERO);
        double r = 1.0 / (zc + ERFCX_SHIFT);
        return horner(ERFCX, (zc - ERFCX_SHIFT) * r) * r;
    }

    /** Standard normal CDF Φ(x) = ½·erfc(−x/√2), relatively accurate in the lower tail; Φ(NaN) = NaN. */
    public static double normalCdf(double x) {
        if (x != x) {
            return x;
        }
        double t = Math.min(Math.abs(x), PHI_SATURATION);
        double q = 0.5 * expNegHalfSquare(t) * erfcx(t * INV_SQRT2);
        return x < 0 ? q : 1.0 - q;
    }

    /** Standard normal density φ(x) = e^{−x²/2}/√(2π). */
    public static double normalPdf(double x) {
        double t = Math.min(Math.abs(x), PHI_SATURATION);
        return x != x ? x : INV_SQRT_2PI * expNegHalfSquare(t);
    }

    /** e^{−a²} with a² = h + l split exactly (FMA), so the argument of exp carries no rounding error. */
    static double expNegSquare(double a) {
        double h = a * a;
        double l = Math.fma(a, a, -h);
        double e = Math.exp(-h);
        return Math.fma(-e, l, e);
    }

    /** e^{−a²/2}, the argument split as in {@link #expNegSquare}. */
    static double expNegHalfSquare(double a) {
        double h = a * a;
        double l = Math.fma(a, a, -h);
        double e = Math.exp(-0.5 * h);
        return Math.fma(-e, 0.5 * l, e);
    }

    private static double horner(double[] c, double v) {
        double p = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            p = Math.fma(p, v, c[k]);
        }
        return p;
    }
}
