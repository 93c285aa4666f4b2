package org.vecgrad.engine.kernel.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Cache sizes of this machine and the GEMM block sizes derived from them (BLIS / Goto).
 *
 * <ul>
 *   <li>{@code kc}: depth of a packed panel, L1 / (NR · bytes): 32 KiB L1, NR = 64 bytes (16 floats, 8 doubles):
 *       kc = 512. The MR × kc micro-panel of A that stays in L1 while the kernel sweeps the B block is then 12 KiB
 *       (F32) or 24 KiB (F64) at MR = 6. Deep because every depth block reloads and rewrites the whole of C: kc =
 *       256 measured 5-10% slower, 384 and 768 the same as 512 within the noise.</li>
 *   <li>{@code mc}: rows of the packed A block, so mc × kc fills a quarter of L3 (shared between threads, each
 *       packs its own block); a multiple of MR, at most 4096: 32 MiB L3, kc = 512: 4092 rows (F32), 2046 (F64),
 *       i.e. usually all the rows, so A is packed once per depth block.</li>
 *   <li>{@code nc}: columns of the packed B block, so kc × nc fills half of L2 (it is swept once per MR rows);
 *       a multiple of NR: 512 KiB L2, kc = 512: 128 columns (F32), 64 (F64). B is packed m / mc times.</li>
 * </ul>
 * Cache sizes come from {@code /sys/devices/system/cpu/cpu0/cache} (Linux); elsewhere 32 KiB / 512 KiB / 8 MiB.
 * System properties {@code vecgrad.gemm.mc}, {@code vecgrad.gemm.kc}, {@code vecgrad.gemm.nc} override each value
 * (rounded to whole tiles) for the performance study; {@code vecgrad.gemm.mr} and {@code vecgrad.gemm.nrVectors}
 * choose the register tile ({@link GemmTile}). All are read once, when the GEMM classes initialise.
 *
 * @param mc rows of A packed per block (L3)
 * @param kc depth packed per panel (L1: one MR × kc micro-panel of A)
 * @param nc columns of B packed per block (L2)
 */
record GemmBlocking(int mc, int kc, int nc) {

    static final long L1 = cacheBytes(1, 32 << 10);
    static final long L2 = cacheBytes(2, 512 << 10);
    static final long L3 = cacheBytes(3, 8 << 20);

    /** Block sizes for elements of {@code bytes} bytes and an MR × NR register tile. */
    static GemmBlocking of(int bytes, int mr, int nr) {
        int kc = clamp((int) (L1 / ((long) nr * bytes)), 32, 1024);
        kc = prop("vecgrad.gemm.kc", kc, 1);
        int mc = clamp((int) (L3 / 4 / ((long) kc * bytes)), mr, 4096) / mr * mr;
        mc = prop("vecgrad.gemm.mc", mc, mr);
        int nc = clamp((int) (L2 / 2 / ((long) kc * bytes)), nr, 4096) / nr * nr;
        nc = prop("vecgrad.gemm.nc", nc, nr);
        return new GemmBlocking(mc, kc, nc);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int prop(String name, int dflt, int multiple) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-D" + name + "=" + v + " is not an integer", e);
        }
        if (x < 1) {
            throw new IllegalStateException("-D" + name + "=" + v + ": expected a positive size");
        }
        return Math.max(multiple, (x + multiple - 1) / multiple * multiple);
    }

    /** Size of the level-{@code level} data (or unified) cache of cpu0, or {@code dflt}. */
    private static long cacheBytes(int level, long dflt) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int i = 0; i < 8; i++) {
            Path idx = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(idx)) {
                    continue;
                }
                int lv = Integer.parseInt(Files.readString(idx.resolve("level")).trim());
                String type = Files.readString(idx.resolve("type")).trim();
                if (lv != level || type.equals("Instruction")) {
                    continue;
                }
                String size = Files.readString(idx.resolve("size")).trim().toUpperCase(Locale.ROOT);
                long mult = 1;
                if (size.endsWith("K")) {
                    mult = 1L << 10;
                } else if (size.endsWith("M")) {
                    mult = 1L << 20;
                }
                String digits = size.replaceAll("[^0-9]", "");
                long bytes = Long.parseLong(digits) * mult;
                if (bytes > 0) {
                    return bytes;
                }
            } catch (IOException | RuntimeException e) {
                return dflt;
            }
        }
        return dflt;
    }

    @Override
    public String toString() {
        return "mc=" + mc + " kc=" + kc + " nc=" + nc + " (L1 " + (L1 >> 10) + " KiB, L2 " + (L2 >> 10)
                + " KiB, L3 " + (L3 >> 10) + " KiB)";
    }
}
