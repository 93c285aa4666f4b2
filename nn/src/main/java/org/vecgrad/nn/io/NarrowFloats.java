package org.vecgrad.nn.io;

/**
 * Bit-level conversions between Java's floats and the narrow floating-point formats checkpoints use: IEEE-754
 * binary16 (F16, {@code torch.float16}), bfloat16 (BF16, {@code torch.bfloat16}: the top half of a binary32) and
 * the two 8-bit formats of the OCP FP8 specification, F8_E4M3 ({@code torch.float8_e4m3fn}: bias 7, no infinities,
 * NaN is S.1111.111) and F8_E5M2 ({@code torch.float8_e5m2}: the top byte of a binary16).
 *
 * <p>Narrow → F32 is exact (every value of these formats is a float). F32/F64 → F16 or BF16 rounds to nearest,
 * ties to even, as PyTorch's {@code tensor.half()} and {@code tensor.bfloat16()} round: values beyond the largest
 * finite one (after rounding) become ±∞, values below half the smallest subnormal become ±0 with their sign, and
 * NaN stays NaN (F16: as {@link Float#floatToFloat16} keeps its payload's top bits; BF16: the quiet NaN 0x7FC0 with
 * the sign, as PyTorch writes it).
 *
 * <p>From F64 the rounding is done once, not twice: the double is first rounded <em>to odd</em> to a float
 * (truncated, with the last bit set if anything was cut), which keeps enough information for the second rounding
 * to nearest-even to give the same result as a direct one (the float has at least two more significand bits than
 * either target; Boldo and Melquiond, "When double rounding is odd", 2005).
 */
public final class NarrowFloats {
    private NarrowFloats() {
    }

    /** The binary16 bits nearest to {@code f} (ties to even). */
    public static short f16Bits(float f) {
        return Float.floatToFloat16(f);
    }

    /** The binary16 bits nearest to {@code d} (ties to even, rounded once). */
    public static short f16Bits(double d) {
        return Float.floatToFloat16(roundToOdd(d));
    }

    /** The bfloat16 bits nearest to {@code f} (ties to even). */
    public static short bf16Bits(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) & 0x8000 | 0x7fc0);
        }
        // Add half an ulp of the result, minus one when the kept part is even: ties go to the even neighbour.
        // A carry out of the significand bumps the exponent, which is right (and reaches 0x7f80, ∞, on overflow).
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    /** The bfloat16 bits nearest to {@code d} (ties to even, rounded once). */
    public static short bf16Bits(double d) {
        return bf16Bits(roundToOdd(d));
    }

    /** The float that binary16 {@code bits} encode (exact). */
    public static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** The float that bfloat16 {@code bits} encode (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** The float that F8_E5M2 {@code bits} encode (exact): the top byte of a binary16. */
    public static float f8e5m2ToFloat(byte bits) {
        return Float.float16ToFloat((short) ((bits & 0xff) << 8));
    }

    /** The float that F8_E4M3 ({@code float8_e4m3fn}) {@code bits} encode (exact); S.1111.111 is NaN. */
    public static float f8e4m3ToFloat(byte bits) {
        int exp = (bits >>> 3) & 0xf;
        int mant = bits & 0x7;
        float sign = (bits & 0x80) != 0 ? -1f : 1f;
        if (exp == 0xf && mant == 0x7) {
            return Float.NaN;
        }
        if (exp == 0) {
            return sign * mant * 0x1p-9f;                     // subnormal: mant/8 · 2^-6
        }
        return sign * (8 + mant) * Math.scalb(1f, exp - 10); // (1 + mant/8) · 2^(exp − 7)
    }

    /**
     * {@code d} rounded to a float toward zero, with the last significand bit set when the result is inexact
     * ("round to odd"); NaN stays NaN, ±∞ stay ±∞, values beyond the float range become ±Float.MAX_VALUE (odd).
     */
    static float roundToOdd(double d) {
        float f = (float) d;
        if (Double.isNaN(d) || f == d) {
            return f;                                         // NaN, ±∞, and exact values (including ±0)
        }
        if (Math.abs((double) f) > Math.abs(d)) {
            f = Math.nextAfter(f, 0.0);                       // rounded away from zero: step back (∞ → MAX_VALUE)
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(f) | 1);
    }
}
