package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every SIMD kernel uses, chosen once. The preferred species of the platform (512 bits with
 * AVX-512, 256 with AVX2, 128 with NEON) unless {@code -Dvecgrad.vectorBits=128|256|512} forces a width for the
 * performance study. Only code in this package touches {@code jdk.incubator.vector}; {@link
 * org.vecgrad.engine.kernel.Kernels} loads it after checking that the module is there.
 */
public final class SimdSpecies {
    /** F32 species. */
    public static final VectorSpecies<Float> F;
    /** F64 species (same bit width as {@link #F}). */
    public static final VectorSpecies<Double> D;

    static {
        String bits = System.getProperty("vecgrad.vectorBits");
        if (bits == null || bits.isBlank()) {
            F = FloatVector.SPECIES_PREFERRED;
            D = DoubleVector.SPECIES_PREFERRED;
        } else {
            int b = Integer.parseInt(bits.trim());
            if (b != 128 && b != 256 && b != 512) {          // 64 bits: one F64 lane, no int species to match it
                throw new IllegalStateException("-Dvecgrad.vectorBits=" + bits + ": expected 128, 256 or 512");
            }
            F = VectorSpecies.of(float.class, VectorShape.forBitSize(b));
            D = VectorSpecies.of(double.class, VectorShape.forBitSize(b));
        }
    }

    private SimdSpecies() {
    }

    /** Vector width in bits. */
    public static int bits() {
        return F.vectorBitSize();
    }
}
