package org.vecgrad.engine.kernel;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vecgrad.engine.kernel.scalar.ScalarBackend;

/**
 * Chooses the kernel backend once, at class initialisation, and hands it to the rest of the engine; nothing
 * outside this package knows which one runs.
 *
 * <p>The Vector API backend is chosen when the {@code jdk.incubator.vector} module is readable, the C2 compiler is
 * on (the interpreter and C1 make Vector API code far slower than scalar code) and the preferred vector is at
 * least 128 bits wide. Otherwise the scalar backend runs and one log line (System.Logger {@code org.vecgrad}, level
 * WARNING) says why and what it costs. The system property {@code vecgrad.kernels} = {@code auto} (default),
 * {@code simd} or {@code scalar} forces a path; forcing {@code simd} where it cannot run is an error at start-up.
 * {@code vecgrad.vectorBits} (128, 256 or 512) forces the vector width, for the performance study.
 */
public final class Kernels {

    /** System property that forces a backend: auto, simd or scalar. */
    public static final String PROPERTY = "vecgrad.kernels";

    private static final System.Logger LOG = System.getLogger("org.vecgrad");
    private static final Backend SCALAR = ScalarBackend.create();
    private static final Optional<Backend> SIMD;
    private static final String SIMD_UNAVAILABLE_REASON;
    private static final Backend ACTIVE;

    static {
        String reason = simdObstacle();
        Backend simd = null;
        if (reason == null) {
            try {
                simd = (Backend) Class.forName("org.vecgrad.engine.kernel.simd.SimdBackend")
                        .getMethod("create").invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                Throwable cause = e;                // the root: a class initializer's own message, not its wrapper
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                reason = "the Vector API backend failed to load (" + cause + ")";
            }
        }
        SIMD = Optional.ofNullable(simd);
        SIMD_UNAVAILABLE_REASON = reason;
        String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (forced) {
            case "scalar" -> ACTIVE = SCALAR;
            case "simd" -> {
                if (simd == null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=simd, but the Vector API backend cannot run: "
                            + reason);
                }
                ACTIVE = simd;
            }
            case "auto" -> {
                if (simd == null) {
                    LOG.log(Level.WARNING, "vecgrad: using the scalar kernels because " + reason
                            + "; expect elementwise ops several times and matrix products 10-30x slower.");
                    ACTIVE = SCALAR;
                } else {
                    ACTIVE = simd;
                }
            }
            default -> throw new IllegalStateException("-D" + PROPERTY + "=" + forced
                    + " is not one of auto, simd, scalar");
        }
    }

    private Kernels() {
    }

    /** The backend the engine uses. */
    public static Backend active() {
        return ACTIVE;
    }

    /** The scalar reference backend (always available; the test oracle). */
    public static Backend scalar() {
        return SCALAR;
    }

    /** The Vector API backend, if it can run in this JVM. */
    public static Optional<Backend> simd() {
        return SIMD;
    }

    /** Why the Vector API backend cannot run, or null when it can. */
    public static String simdUnavailableReason() {
        return SIMD_UNAVAILABLE_REASON;
    }

    /** Returns null when nothing stands in the way of the Vector API backend, else the reason. */
    private static String simdObstacle() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "the jdk.incubator.vector module is not present (run java with --add-modules jdk.incubator.vector)";
        }
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String a : args) {
            if (a.equals("-Xint")) {
                return "the JVM runs interpreted only (-Xint)";
            }
            if (a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) {
                return "the C2 compiler is off (" + a + "), and the Vector API is slower than scalar code without it";
            }
            if (a.equals("-XX:-UseCompiler")) {
                return "the JIT compiler is off (-XX:-UseCompiler)";
            }
        }
        return null;
    }
}
