package org.vecgrad.engine.kernel.gemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Cache sizes of this machine and the GEMM block sizes derived from them (BLIS / Goto).
 *
 * <ul>
 *   <li>{@code kc}: depth of a packed panel, so that one MR × kc micro-panel of A fills three quarters of L1 and
 *       the B micro-panels stream through the last quarter: kc = ¾·L1 / (MR · bytes), at MR = 6 and 32 KiB L1
 *       1024 (F32) and 512 (F64), a 24 KiB micro-panel either way. Deep because every depth block reloads and
 *       rewrites the whole of C. Measured in paired runs (both settings timed alternately in one JVM, median ratio
 *       over 40-60 products): F32 1024³ kc 1024 vs 512 1.07, 2048³ 1.09; F64 kc 1024 vs 512 0.91, 256 vs 512 0.96.</li>
 *   <li>{@code nc}: columns of the packed B block, so kc × nc fills an eighth of L3 (a multiple of NR, at most
 *       4096): 32 MiB L3 gives 1024 columns (F32 and F64). The B block is swept once per mc rows, one kc × NR
 *       micro-panel at a time, each kept in L2 while the A block runs past it. Measured (when the block was swept
 *       once per MR rows) against a B block sized for half of L2 (128 / 64 columns): 1.06-1.09 (F32 and F64, 1024³
 *       and 2048³, paired). Two
 *       threads streaming their blocks from the shared L3 gain less: at 2048³, against nc = 128, they ran 113-115 vs
 *       108-111 GFLOP/s (F32), one thread 67-69 vs 60-62, so two threads over one read 1.68-1.71 instead of 1.79-1.80
 *       (F64: 1.69-1.75 instead of 1.72-1.74).</li>
 *   <li>{@code mc}: rows of the packed A block, so mc × kc fills five eighths of L2 and one kc × NR micro-panel of
 *       B the rest (a multiple of MR, at most 4096): 1 MiB L2 gives 160 rows (F32, kc 1024) and 136 (F64, kc 576).
 *       The loops run jc outside ic, so B is packed once per depth block and A once per column block. Measured
 *       against mc = all rows (A packed once, the whole B block streamed from L3 for every MR rows), paired on
 *       AVX-512 F32 1024³: mc 128, 160, 240, 320 read 1.06, 1.05, 1.05, 1.05 (IQRs about ±0.03).</li>
 *   <li>{@code deep}: the block sizes for products deeper than kc, where they differ: a micro-panel row of 8 KiB
 *       (kc 1024 for F64, 2048 for F32), with mc and nc derived from it as above, wherever one MR-row micro-panel
 *       that deep fits in 4/3 of L1 (MR 8 and 48 KiB L1: 64 KiB). Every depth block reads and writes the whole of C
 *       once, and a C of 2048² doubles (32 MiB) streams from memory each time: four passes at kc 576 (4 × 512), two
 *       at 1024. Measured on AVX-512 (Zen 5), 1 thread, on a loaded machine: F64 paired with OpenBLAS (two runs per
 *       setting) 2048³ 0.98-1.01 against 0.90-0.93 at kc 576 (0.93-0.95 at kc 768), 1024³ 1.05-1.06 against
 *       0.93-1.05; deep against shallow in one JVM (thread CPU time) F64 2048³ 1.06, 1024³ 1.04, 128 × 256 × 784
 *       1.00; F32 2048³ 1.01, 256 × 196 × 1152 (the stride-2 convolution's forward: one depth block instead of two)
 *       1.04. Where the micro-panel would be larger (F64 at MR = 6 and 32 KiB L1: 1.5 × L1), kc 1024 read 0.91 of
 *       512 (the paired runs above), so there the sizes stay those of L1. Off with {@code -Dvecgrad.gemm.deep=false}
 *       (or {@link SimdGemm#setDeepDepth}).</li>
 * </ul>
 * These are maxima: a product splits each dimension into equal blocks no larger than them ({@link #split}), so
 * 2048 rows with a maximum of 2046 make two blocks of 1026, not 2046 and a sliver of 2.
 * Cache sizes come from {@code /sys/devices/system/cpu/cpu0/cache} (Linux); elsewhere 32 KiB / 512 KiB / 8 MiB.
 * System properties {@code vecgrad.gemm.mc}, {@code vecgrad.gemm.kc}, {@code vecgrad.gemm.nc} override each value
 * (rounded to whole tiles) for the performance study; {@code vecgrad.gemm.mr} and {@code vecgrad.gemm.nrVectors}
 * choose the register tile ({@link GemmTile}). All are read once, when the GEMM classes initialise.
 *
 * @param mc rows of A packed per block (L2)
 * @param kc depth packed per panel (L1: one MR × kc micro-panel of A)
 * @param nc columns of B packed per block (L3)
 */
record GemmBlocking(int mc, int kc, int nc, GemmBlocking deep) {

    /** The deepest L1-sized depth block ({@code kc}'s clamp). */
    static final int MAX_KC = 1024;

    /** Bytes of one row of a deep micro-panel of A: {@code deep}'s kc is this over the element size. */
    static final int DEEP_ROW_BYTES = 8192;

    /** Whether products deeper than {@code kc} use {@link #deep}, where there is one. */
    static boolean deepOn = !"false".equals(System.getProperty("vecgrad.gemm.deep"));

    /** Block sizes with no deep variant. */
    GemmBlocking(int mc, int kc, int nc) {
        this(mc, kc, nc, null);
    }

    /** The block sizes a product (or a packed B) of depth {@code k} runs with: {@link #deep} or these. */
    GemmBlocking forDepth(int k) {
        return deep != null && deepOn && k > kc ? deep : this;
    }

    static final long L1 = cacheBytes(1, 32 << 10);
    static final long L2 = cacheBytes(2, 512 << 10);
    static final long L3 = cacheBytes(3, 8 << 20);

    /** Block sizes for elements of {@code bytes} bytes and an MR × NR register tile. */
    static GemmBlocking of(int bytes, int mr, int nr) {
        int kc = prop("vecgrad.gemm.kc", clamp((int) (L1 * 3 / 4 / ((long) mr * bytes)), 32, MAX_KC), 1);
        int deepKc = DEEP_ROW_BYTES / bytes;
        boolean deep = System.getProperty("vecgrad.gemm.kc") == null && kc < deepKc
                && (long) mr * DEEP_ROW_BYTES <= L1 * 4 / 3;
        return new GemmBlocking(mcFor(kc, bytes, mr), kc, ncFor(kc, bytes, nr),
                deep ? new GemmBlocking(mcFor(deepKc, bytes, mr), deepKc, ncFor(deepKc, bytes, nr)) : null);
    }

    /** mc for depth kc: mc × kc fills five eighths of L2 (or {@code vecgrad.gemm.mc}). */
    private static int mcFor(int kc, int bytes, int mr) {
        return prop("vecgrad.gemm.mc", clamp((int) (L2 * 5 / 8 / ((long) kc * bytes)), mr, 4096) / mr * mr, mr);
    }

    /** nc for depth kc: kc × nc fills an eighth of L3 (or {@code vecgrad.gemm.nc}). */
    private static int ncFor(int kc, int bytes, int nr) {
        return prop("vecgrad.gemm.nc", clamp((int) (L3 / 8 / ((long) kc * bytes)), nr, 4096) / nr * nr, nr);
    }

    /**
     * The size of the blocks that cover {@code len} in as few pieces as {@code max} allows, made equal and rounded
     * up to a multiple of {@code multiple} (max is first rounded down to one): split(2048, 2046, 6) = 1026,
     * split(1100, 1024, 1) = 550, split(1024, 1024, 12) = 516 (1020 whole tiles at most, so two blocks).
     */
    static int split(int len, int max, int multiple) {
        max = Math.max(multiple, max / multiple * multiple); // a block size the packing can fill with whole tiles
        int pieces = (len + max - 1) / max;
        int size = (len + pieces - 1) / pieces;
        return Math.min(max, (size + multiple - 1) / multiple * multiple);
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
        return "mc=" + mc + " kc=" + kc + " nc=" + nc + (deep == null ? "" : ", deeper than kc mc="
                + deep.mc + " kc=" + deep.kc + " nc=" + deep.nc + (deepOn ? "" : " (off)")) + " (L1 " + (L1 >> 10)
                + " KiB, L2 " + (L2 >> 10) + " KiB, L3 " + (L3 >> 10) + " KiB)";
    }
}
