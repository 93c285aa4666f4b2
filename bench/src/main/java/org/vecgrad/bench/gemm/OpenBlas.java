package org.vecgrad.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OpenBLAS through the FFM API ({@code java.lang.foreign}): {@code cblas_sgemm}, {@code cblas_dgemm},
 * {@code openblas_set_num_threads}, {@code openblas_get_corename}. Looks for {@code libopenblas.so.0} in the usual
 * Debian places (or the path in system property {@code vecgrad.openblas}); {@link #unavailableReason()} says why
 * it could not load. Operands live in native memory ({@link MemorySegment}s), as OpenBLAS users' would.
 */
// Calling native code (restricted FFM methods) is this class's purpose; its forks run with --enable-native-access.
@SuppressWarnings("restricted")
public final class OpenBlas {
    static final int ROW_MAJOR = 101;
    static final int NO_TRANS = 111;
    static final int TRANS = 112;

    private static final MethodHandle SGEMM;
    private static final MethodHandle DGEMM;
    private static final MethodHandle SET_THREADS;
    private static final MethodHandle CORENAME;
    private static final String REASON;
    private static final String PATH;

    static {
        String[] candidates = {System.getProperty("vecgrad.openblas", ""),
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib64/libopenblas.so.0", "/usr/lib/libopenblas.so.0"};
        String found = null;
        for (String c : candidates) {
            if (!c.isEmpty() && Files.exists(Path.of(c))) {
                found = c;
                break;
            }
        }
        MethodHandle s = null;
        MethodHandle d = null;
        MethodHandle t = null;
        MethodHandle n = null;
        String reason = null;
        if (found == null) {
            reason = "libopenblas.so.0 not found (apt-get install libopenblas0-pthread, or -Dvecgrad.openblas=PATH)";
        } else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(found), Arena.global());
                ValueLayout i = ValueLayout.JAVA_INT;
                ValueLayout p = ValueLayout.ADDRESS;
                s = linker.downcallHandle(lib.findOrThrow("cblas_sgemm"), FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                        ValueLayout.JAVA_FLOAT, p, i, p, i, ValueLayout.JAVA_FLOAT, p, i));
                d = linker.downcallHandle(lib.findOrThrow("cblas_dgemm"), FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                        ValueLayout.JAVA_DOUBLE, p, i, p, i, ValueLayout.JAVA_DOUBLE, p, i));
                t = linker.downcallHandle(lib.findOrThrow("openblas_set_num_threads"), FunctionDescriptor.ofVoid(i));
                n = linker.downcallHandle(lib.findOrThrow("openblas_get_corename"), FunctionDescriptor.of(p));
            } catch (Throwable e) {
                reason = "loading " + found + " failed: " + e;
            }
        }
        SGEMM = s;
        DGEMM = d;
        SET_THREADS = t;
        CORENAME = n;
        REASON = reason;
        PATH = found;
    }

    private OpenBlas() {
    }

    /** Null when OpenBLAS can be called, else why not. */
    public static String unavailableReason() {
        return REASON;
    }

    public static String path() {
        return PATH;
    }

    /** The kernel family OpenBLAS picked at load time, e.g. "Haswell", "Zen", "Cooperlake". */
    public static String coreName() {
        try {
            MemorySegment p = (MemorySegment) CORENAME.invokeExact();
            return p.reinterpret(256).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void setNumThreads(int n) {
        try {
            SET_THREADS.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, MemorySegment a, int lda,
                      MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        try {
            SGEMM.invokeExact(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb,
                    beta, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, MemorySegment a, int lda,
                      MemorySegment b, int ldb, double beta, MemorySegment c, int ldc) {
        try {
            DGEMM.invokeExact(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb,
                    beta, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
