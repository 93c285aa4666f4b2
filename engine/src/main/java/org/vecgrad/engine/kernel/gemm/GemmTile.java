package org.vecgrad.engine.kernel.gemm;

import org.vecgrad.engine.kernel.simd.SimdSpecies;

import java.util.Arrays;
import java.util.Locale;

/**
 * The GEMM register tile: {@code mr} rows × {@code nv} vectors per row, so {@code mr · nv} accumulator vectors plus
 * {@code nv} B vectors and a few broadcasts of A must fit the vector register file. The same shape serves F32 and
 * F64 (NR = nv · lanes of the dtype's species).
 *
 * <p>Default, from the register count (which Java cannot query: 32 with 512-bit vectors (AVX-512) or on aarch64
 * (NEON, SVE), else 16 (SSE, AVX2)): 16 registers → 6 × 2 (12 accumulators: two FMA pipes × 4–5 cycles of latency
 * need 8–10 FMAs in flight, with 12 the loads and loop overhead also hide; BLIS's and OpenBLAS's Haswell shape);
 * 32 registers → 8 × 3 (24 accumulators; not yet compared with other tiles on an AVX-512 machine).
 *
 * <p>System properties {@code vecgrad.gemm.mr} (rows) and {@code vecgrad.gemm.nrVectors} (vectors per row), read
 * once at class initialisation, override the shape for the performance study; either alone keeps the default of
 * the other. The shapes with a micro-kernel are {@link #ALLOWED}; anything else is rejected at start-up.
 *
 * @param mr rows of the register tile
 * @param nv vectors per row of the register tile
 */
record GemmTile(int mr, int nv) {

    /** Property giving the tile rows. */
    static final String MR_PROPERTY = "vecgrad.gemm.mr";
    /** Property giving the vectors per tile row. */
    static final String NV_PROPERTY = "vecgrad.gemm.nrVectors";

    /** Every shape with a micro-kernel ({@code GemmF32.k4x2} …), as {mr, nv}: those the generator writes. */
    static final int[][] ALLOWED = {{4, 2}, {6, 2}, {8, 2}, {4, 3}, {8, 3}};

    /** The shape the engine uses: properties, else {@link #preferred(int)} of {@link #vectorRegisters()}. */
    static final GemmTile DEFAULT = parse(System.getProperty(MR_PROPERTY), System.getProperty(NV_PROPERTY),
            preferred(vectorRegisters()));

    /** Vector registers of this machine as far as Java can tell: 32 with 512-bit vectors or on aarch64, else 16. */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return SimdSpecies.bits() >= 512 || arch.contains("aarch64") || arch.contains("arm64") ? 32 : 16;
    }

    /** The default shape for a register file of {@code registers} vectors. */
    static GemmTile preferred(int registers) {
        return registers >= 32 ? new GemmTile(8, 3) : new GemmTile(6, 2);
    }

    /**
     * The tile given by the two property values (null or blank: take {@code dflt}'s), checked against
     * {@link #ALLOWED}.
     *
     * @throws IllegalStateException naming the property, its value and the allowed values
     */
    static GemmTile parse(String mrValue, String nvValue, GemmTile dflt) {
        int mr = value(MR_PROPERTY, mrValue, dflt.mr(), column(0));
        int nv = value(NV_PROPERTY, nvValue, dflt.nv(), column(1));
        for (int[] s : ALLOWED) {
            if (s[0] == mr && s[1] == nv) {
                return new GemmTile(mr, nv);
            }
        }
        throw new IllegalStateException("-D" + MR_PROPERTY + "=" + mr + " with -D" + NV_PROPERTY + "=" + nv
                + ": no micro-kernel for a " + mr + " × " + nv + "-vector tile; allowed (" + MR_PROPERTY + " × "
                + NV_PROPERTY + "): " + allowedList());
    }

    private static int value(String name, String v, int dflt, int[] allowed) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-D" + name + "=" + v + " is not an integer; allowed: "
                    + Arrays.toString(allowed), e);
        }
        if (Arrays.stream(allowed).noneMatch(a -> a == x)) {
            throw new IllegalStateException("-D" + name + "=" + v + " is not supported; allowed: "
                    + Arrays.toString(allowed) + " (combinations: " + allowedList() + ")");
        }
        return x;
    }

    private static int[] column(int i) {
        return Arrays.stream(ALLOWED).mapToInt(s -> s[i]).distinct().sorted().toArray();
    }

    private static String allowedList() {
        StringBuilder sb = new StringBuilder();
        for (int[] s : ALLOWED) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s[0]).append('x').append(s[1]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return mr + "x" + nv + "v";
    }
}
