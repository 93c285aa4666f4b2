package org.vecgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * F16 and BF16 rounding against the bit patterns the IEEE-754 and bfloat16 layouts define, from F32 and from F64,
 * plus a property test against an exact (BigDecimal) nearest-even reference; the 8-bit decoders against the OCP
 * FP8 tables. PyTorch's own roundings are checked in {@link SafeTensorsInteropTest}.
 */
class NarrowFloatsTest {

    private static void f16(int bits, double d) {
        assertEquals(bits, NarrowFloats.f16Bits(d) & 0xffff, () -> "F16 of double " + d + " (" + Double.toHexString(d)
                + ")");
        if ((float) d == d) {
            assertEquals(bits, NarrowFloats.f16Bits((float) d) & 0xffff, () -> "F16 of float " + d);
        }
    }

    private static void bf16(int bits, double d) {
        assertEquals(bits, NarrowFloats.bf16Bits(d) & 0xffff, () -> "BF16 of double " + d + " ("
                + Double.toHexString(d) + ")");
        if ((float) d == d) {
            assertEquals(bits, NarrowFloats.bf16Bits((float) d) & 0xffff, () -> "BF16 of float " + d);
        }
    }

    @Test
    void f16KnownBitPatterns() {
        f16(0x0000, 0.0);
        f16(0x8000, -0.0);
        f16(0x3C00, 1.0);
        f16(0xC000, -2.0);
        f16(0x0001, 0x1p-24);                     // smallest subnormal
        f16(0x0000, 0x1p-25);                     // half of it: a tie, to even (0)
        f16(0x8000, -0x1p-25);                    // keeps its sign
        f16(0x0001, 0x1.0001p-25);                // just above the tie
        f16(0x0002, 0x3p-25);                     // tie between 1 and 2 ulps: to even (2)
        f16(0x03FF, 0x3FFp-24);                   // largest subnormal
        f16(0x0400, 0x1p-14);                     // smallest normal
        f16(0x7BFF, 65504.0);                     // largest finite
        f16(0x7BFF, 65519.99);                    // rounds down to it
        f16(0x7C00, 65520.0);                     // the tie above it: to even, which is +Inf
        f16(0xFC00, -1e6);                        // overflow to -Inf
        f16(0x7C00, Double.POSITIVE_INFINITY);
        f16(0x7C00, 1e300);                       // beyond the float range, from F64
        f16(0x0000, 1e-300);                      // below it
        f16(0x3C00, 1 + 0x1p-11);                 // tie: to even (1.0)
        f16(0x3C02, 1 + 0x3p-11);                 // tie: to even (1 + 2 ulps)
        f16(0x3C01, 1 + 0x1p-11 + 0x1p-40);       // from F64 just past the tie: up, rounded once (twice gives 0x3C00)
        for (double nan : new double[] {Double.NaN, -Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L)}) {
            int b = NarrowFloats.f16Bits(nan) & 0xffff;
            assertTrue((b & 0x7C00) == 0x7C00 && (b & 0x3FF) != 0, "NaN stays NaN: " + Integer.toHexString(b));
            assertTrue(Float.isNaN(NarrowFloats.f16ToFloat((short) b)));
        }
    }

    @Test
    void bf16KnownBitPatterns() {
        bf16(0x0000, 0.0);
        bf16(0x8000, -0.0);
        bf16(0x3F80, 1.0);
        bf16(0x3F80, 1 + 0x1p-8);                 // tie: to even
        bf16(0x3F82, 1 + 0x3p-8);                 // tie: to even
        bf16(0x3F81, 1 + 0x1p-8 + 0x1p-20);       // just past the tie
        bf16(0x3F81, 1 + 0x1p-8 + 0x1p-40);       // from F64 just past the tie: rounded once (twice gives 0x3F80)
        bf16(0x0001, 0x1p-133);                   // smallest subnormal
        bf16(0x0000, 0x1p-134);                   // tie: to even (0)
        bf16(0x0002, 0x3p-134);                   // tie: to even (2)
        bf16(0x0080, 0x1p-126);                   // smallest normal
        bf16(0x7F7F, 0x1.FEp127);                 // largest finite
        bf16(0x7F80, 0x1.FFp127);                 // the tie above it: to even, +Inf
        bf16(0x7F7F, 0x1.FEFFFFp127);             // just below that tie
        bf16(0x7F80, Float.MAX_VALUE);
        bf16(0xFF80, Double.NEGATIVE_INFINITY);
        bf16(0x7F80, 1e39);                       // beyond the float range, from F64
        bf16(0x8000, -1e-50);
        bf16(0x7FC0, Double.NaN);                 // PyTorch's quiet NaN
        bf16(0xFFC0, Double.longBitsToDouble(0xfff8000000000000L)); // negative NaN keeps its sign
        bf16(0x7FC0, Float.intBitsToFloat(0x7f800001)); // a signalling NaN is not rounded into +Inf
    }

    /** The exact value of F16 or BF16 {@code bits} (finite). */
    private static BigDecimal exact(int bits, boolean half) {
        float f = half ? NarrowFloats.f16ToFloat((short) bits) : NarrowFloats.bf16ToFloat((short) bits);
        return new BigDecimal(f);
    }

    /** Nearest, ties to even: no other finite value of the format is closer, and a tie picks the even one. */
    private static void isNearestEven(double d, int bits, boolean half) {
        int mag = bits & 0x7fff;
        int infinity = half ? 0x7C00 : 0x7F80;
        BigDecimal x = new BigDecimal(d).abs();
        // overflow threshold: the midpoint between the largest finite value and the next power of two
        BigDecimal max = exact(infinity - 1, half);
        BigDecimal mid = max.add(max.subtract(exact(infinity - 2, half)).divide(BigDecimal.valueOf(2)));
        assertEquals(x.compareTo(mid) >= 0, mag == infinity, d + " → " + Integer.toHexString(bits)
                + ": Inf exactly from the overflow threshold " + mid + " on");
        if (mag == infinity) {
            return;
        }
        assertEquals(d < 0 || (d == 0 && 1 / d < 0), (bits & 0x8000) != 0, "sign of " + d);
        BigDecimal err = x.subtract(exact(mag, half)).abs();
        for (int nb : new int[] {mag - 1, mag + 1}) {
            if (nb < 0 || nb >= infinity) {
                continue;
            }
            int cmp = err.compareTo(x.subtract(exact(nb, half)).abs());
            assertTrue(cmp < 0 || cmp == 0 && (mag & 1) == 0, d + " → " + Integer.toHexString(bits) + " but "
                    + Integer.toHexString(nb) + " is as close or closer");
        }
    }

    @Test
    void roundingFromF32AndF64IsNearestEvenByAnExactReference() {
        qt().withExamples(5_000).forAll(SourceDSL.longs().all(), SourceDSL.integers().between(-40, 40))
                .checkAssert((raw, scale) -> {
                    // doubles with random bits, scaled to cover subnormals, normals and overflow of both formats
                    double d = Math.scalb(Double.longBitsToDouble(raw & 0x800FFFFFFFFFFFFFL | 0x3FF0000000000000L),
                            scale * 4);
                    isNearestEven(d, NarrowFloats.f16Bits(d) & 0xffff, true);
                    isNearestEven(d, NarrowFloats.bf16Bits(d) & 0xffff, false);
                    float f = (float) d;
                    if (Float.isInfinite(f)) {
                        return;                               // beyond the float range: the F64 checks above cover it
                    }
                    isNearestEven(f, NarrowFloats.f16Bits(f) & 0xffff, true);
                    isNearestEven(f, NarrowFloats.bf16Bits(f) & 0xffff, false);
                });
    }

    @Test
    void narrowToF32IsExactAndRoundTrips() {
        for (int b = 0; b < 0x10000; b++) {
            float f16 = NarrowFloats.f16ToFloat((short) b);
            float bf16 = NarrowFloats.bf16ToFloat((short) b);
            if (!Float.isNaN(f16)) {
                assertEquals(b, NarrowFloats.f16Bits(f16) & 0xffff, "F16 " + Integer.toHexString(b));
                assertEquals(b, NarrowFloats.f16Bits((double) f16) & 0xffff, "F16 via F64 " + Integer.toHexString(b));
            }
            if (!Float.isNaN(bf16)) {
                assertEquals(b, NarrowFloats.bf16Bits(bf16) & 0xffff, "BF16 " + Integer.toHexString(b));
                assertEquals(b, NarrowFloats.bf16Bits((double) bf16) & 0xffff, "BF16 via F64 "
                        + Integer.toHexString(b));
            }
        }
    }

    @Test
    void f8DecodersFollowTheOcpTables() {
        // E4M3 (float8_e4m3fn): bias 7, subnormals m·2^-9, largest 448, S.1111.111 NaN, no infinities
        assertEquals(0f, NarrowFloats.f8e4m3ToFloat((byte) 0x00));
        assertEquals(-0f, NarrowFloats.f8e4m3ToFloat((byte) 0x80));
        assertEquals(0x1p-9f, NarrowFloats.f8e4m3ToFloat((byte) 0x01));
        assertEquals(0x7p-9f, NarrowFloats.f8e4m3ToFloat((byte) 0x07));
        assertEquals(0x1p-6f, NarrowFloats.f8e4m3ToFloat((byte) 0x08));
        assertEquals(1f, NarrowFloats.f8e4m3ToFloat((byte) 0x38));
        assertEquals(-1.125f, NarrowFloats.f8e4m3ToFloat((byte) 0xB9));
        assertEquals(448f, NarrowFloats.f8e4m3ToFloat((byte) 0x7E));
        assertEquals(-448f, NarrowFloats.f8e4m3ToFloat((byte) 0xFE));
        assertEquals(256f, NarrowFloats.f8e4m3ToFloat((byte) 0x78));  // S.1111.000 is a number, not Inf
        assertTrue(Float.isNaN(NarrowFloats.f8e4m3ToFloat((byte) 0x7F)));
        assertTrue(Float.isNaN(NarrowFloats.f8e4m3ToFloat((byte) 0xFF)));
        // E5M2: the top byte of an F16
        assertEquals(1f, NarrowFloats.f8e5m2ToFloat((byte) 0x3C));
        assertEquals(0x1p-16f, NarrowFloats.f8e5m2ToFloat((byte) 0x01));
        assertEquals(57344f, NarrowFloats.f8e5m2ToFloat((byte) 0x7B));
        assertEquals(Float.NEGATIVE_INFINITY, NarrowFloats.f8e5m2ToFloat((byte) 0xFC));
        assertTrue(Float.isNaN(NarrowFloats.f8e5m2ToFloat((byte) 0x7D)));
    }
}
