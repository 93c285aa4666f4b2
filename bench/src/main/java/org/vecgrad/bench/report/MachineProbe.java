package org.vecgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.vecgrad.bench.gemm.OpenBlas;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.Backend;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.gemm.SimdGemm;
import org.vecgrad.engine.kernel.simd.SimdSpecies;

/**
 * The machine description at the top of the report, as a small JSON object: CPU model and SIMD flags
 * ({@code /proc/cpuinfo}), processors and cores, caches ({@code /sys/devices/system/cpu/cpu0/cache}), the JDK build,
 * the Vector API's preferred species and the one the kernels use, the kernel path that runs and its GEMM tile and
 * blocking, the GEMM thread count, OpenBLAS's core name ({@code openblas_get_corename}) or why it is missing, and
 * the load average. Run it in a JVM started like the benchmark forks ({@code --add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED}).
 *
 * <p>Usage: {@code MachineProbe [out.json]} (stdout without a file); {@code MachineProbe --kernel-line} prints one
 * line (species width and {@code SimdGemm.describe()}) for a JVM started with {@code -Dvecgrad.*} study flags, so
 * the report can show whether the engine honoured them.
 */
public final class MachineProbe {
    /** SIMD-related /proc/cpuinfo flags worth showing (the rest are omitted). */
    static final List<String> FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512dq",
            "avx512cd", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "sve", "asimd");

    private MachineProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--kernel-line")) {
            System.out.println(kernelLine());
            return;
        }
        String json = Jsons.write(probe());
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), json);
        } else {
            System.out.println(json);
        }
    }

    /** Species width and GEMM tile/blocking of this JVM (honours -Dvecgrad.vectorBits / .gemm.*). */
    static String kernelLine() {
        return SimdSpecies.bits() + "-bit species (" + SimdSpecies.F.length() + " F32 lanes); " + SimdGemm.describe();
    }

    /** Everything the report's machine section shows. */
    public static Map<String, Object> probe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, String> cpu = cpuinfo();
        m.put("cpuModel", cpu.getOrDefault("model name", cpu.getOrDefault("Model", System.getProperty("os.arch"))));
        TreeSet<String> have = new TreeSet<>(List.of(cpu.getOrDefault("flags", cpu.getOrDefault("Features", ""))
                .split("\\s+")));
        List<String> flags = new ArrayList<>();
        for (String f : FLAGS) {
            if (have.contains(f)) {
                flags.add(f);
            }
        }
        m.put("simdFlags", flags);
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("coresPerSocket", cpu.getOrDefault("cpu cores", "?"));
        m.put("siblingsPerSocket", cpu.getOrDefault("siblings", "?"));
        m.put("caches", caches());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        m.put("preferredF32", FloatVector.SPECIES_PREFERRED.toString());
        m.put("preferredF64", DoubleVector.SPECIES_PREFERRED.toString());
        m.put("preferredBits", FloatVector.SPECIES_PREFERRED.vectorBitSize());
        m.put("kernelSpeciesBits", SimdSpecies.bits());
        Backend active = Kernels.active();
        m.put("kernelPath", active.toString());
        m.put("simdAvailable", Kernels.simd().isPresent());
        m.put("simdUnavailableReason", Kernels.simdUnavailableReason());
        m.put("gemmKernel", Kernels.simd().isPresent() ? SimdGemm.describe() : "scalar");
        m.put("gemmThreads", Blas.numThreads());
        String why = OpenBlas.unavailableReason();
        m.put("openblas", why == null ? OpenBlas.path() : null);
        m.put("openblasCore", why == null ? OpenBlas.coreName() : null);
        m.put("openblasUnavailable", why);
        m.put("openblasEnv", envOrNull("OPENBLAS_CORETYPE") + "/" + envOrNull("OPENBLAS_L2_SIZE"));
        m.put("loadAverage", loadAverage());
        return m;
    }

    private static String envOrNull(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }

    /** The 1-minute load average, or -1 where /proc/loadavg does not exist. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time of the whole machine and of this process, in clock ticks (Linux: /proc/stat and /proc/self/stat):
     * {@code [busy, own]}, busy = user + nice + system + irq + softirq + steal over all processors, own = this
     * process's user + system time plus that of its children it has waited for (the JMH forks, the native FMA
     * loop). busy − own over a stretch of wall time is what other processes (and the hypervisor, as steal) took.
     * Null off Linux.
     */
    static long[] cpuTicks() {
        try {
            String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
                busy += Long.parseLong(all[i]);
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] f = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+"); // fields from 3 (state)
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[] {busy, own};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Clock ticks per second of {@link #cpuTicks} (USER_HZ: 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    /** The first processor's block of /proc/cpuinfo as key → value (empty off Linux). */
    static Map<String, String> cpuinfo() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank() && !m.isEmpty()) {
                    break;
                }
                int c = line.indexOf(':');
                if (c > 0) {
                    m.putIfAbsent(line.substring(0, c).trim(), line.substring(c + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux: the report shows what the JVM knows
        }
        return m;
    }

    /** "L1d 32K", "L2 512K", ... of cpu0, with how many processors share each. */
    static List<String> caches() {
        List<String> out = new ArrayList<>();
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int i = 0; i < 8; i++) {
            Path idx = dir.resolve("index" + i);
            if (!Files.isDirectory(idx)) {
                continue;
            }
            try {
                String level = Files.readString(idx.resolve("level")).trim();
                String type = Files.readString(idx.resolve("type")).trim();
                String size = Files.readString(idx.resolve("size")).trim();
                String shared = Files.readString(idx.resolve("shared_cpu_list")).trim();
                String t = switch (type) {
                    case "Data" -> "d";
                    case "Instruction" -> "i";
                    default -> "";
                };
                out.add(String.format(Locale.ROOT, "L%s%s %s (cpus %s)", level, t, size, shared));
            } catch (IOException e) {
                // a missing file: skip the level
            }
        }
        return out;
    }
}
