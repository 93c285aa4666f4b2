package org.vecgrad.engine.kernel.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels give the same bits whether the JIT has compiled them or not, so a fresh JVM trains to the same
 * weights as a warm one. Two Vector API calls break that: {@code reduceLanes(ADD)} / {@code reduceLanes(MUL)} (the
 * order is the implementation's: C2 adds in a tree, the interpreter left to right) and the transcendental
 * {@code lanewise} operators (SVML once compiled, {@code Math} in the interpreter). Both were measured to differ in
 * the last bit and made {@code DeterminismTest}'s fresh-JVM run fail now and then. This test keeps them out of the
 * kernel sources and checks the lane-order sum that replaces the first.
 */
class JitIndependentResultsTest {
    private static final Path SIMD = Path.of("src/main/java/org/vecgrad/engine/kernel/simd");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "reduceLanes\\(\\s*(?:[\\w.]*\\.)?(?:ADD|MUL)\\b"
                    + "|lanewise\\(\\s*(?:[\\w.]*\\.)?(?:EXP|EXPM1|LOG|LOG1P|LOG10|TANH|SINH|COSH|SIN|COS|TAN"
                    + "|ASIN|ACOS|ATAN|ATAN2|POW|CBRT|HYPOT)\\b");

    @Test
    void noKernelUsesAnOrderOrLibraryThatDependsOnTheJit() throws IOException {
        List<String> hits = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(SIMD)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 5, "control: the kernel sources were found in " + SIMD.toAbsolutePath());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("//.*|^\\s*\\*.*", ""); // javadoc and comments may name them
                if (FORBIDDEN.matcher(code).find()) {
                    hits.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), hits, "JIT-dependent Vector API calls in the kernels");
    }

    @Test
    void thePatternCatchesTheFormsItIsFor() {
        for (String bad : new String[] {"v.reduceLanes(ADD)", "x = a.add(b).reduceLanes(VectorOperators.ADD);",
            "v.reduceLanes(MUL)", "v.lanewise(VectorOperators.LOG)", "v.lanewise(EXP)", "v.lanewise(TANH)",
            "v.reduceLanes(jdk.incubator.vector.VectorOperators.ADD)", "v.reduceLanes( ADD)", "v.lanewise( LOG)"}) {
            assertTrue(FORBIDDEN.matcher(bad).find(), bad);
        }
        for (String ok : new String[] {"v.reduceLanes(MAX)", "v.reduceLanes(MIN)", "v.lanewise(VectorOperators.SQRT)",
            "v.lanewise(ABS)", "v.lanewise(ADDITIVE)"}) {
            Matcher m = FORBIDDEN.matcher(ok);
            assertFalse(m.find(), ok);
        }
    }

    /**
     * Lane order, interpreted and compiled: 1, 2^24, 0, …, −2^24 (lane L/2), 0, … adds to 0 left to right (1 + 2^24
     * rounds to 2^24). Each loop runs the sum hot enough (200 000 calls) for C2 to compile it and checks every
     * result; the store into the array each time keeps the JIT from computing the sum once. With sumLanes written
     * as reduceLanes(ADD) this failed (26 778 of the calls gave 1: the interpreted ones, whose fallback pairs lane i
     * with lane i + L/2 first) in the scalar-path surefire JVM (run with -Dtest) and passed in the default one, the
     * only one {@code mvn verify} runs this class in, where the calls ran compiled: it guards the order of sumLanes
     * as written; the source scan above is what guards against the call.
     */
    @Test
    void sumLanesAddsInLaneOrderInterpretedAndCompiled() {
        float[] f = new float[SimdSpecies.F.length()];
        f[0] = 1f;
        f[1] = 0x1p24f;
        f[f.length / 2] = -0x1p24f;
        int wrong = 0;
        for (int i = 0; i < 200_000; i++) {
            f[f.length - 1] = 0f * i;
            if (Float.floatToRawIntBits(ReduceSimdF32.sumLanes(FloatVector.fromArray(SimdSpecies.F, f, 0))) != 0) {
                wrong++;
            }
        }
        assertEquals(0, wrong, "F32 calls whose sum was not the lane-order 0");
        double[] d = new double[SimdSpecies.D.length()];
        if (d.length >= 4) {
            d[0] = 1.0;
            d[1] = 0x1p53;
            d[d.length / 2] = -0x1p53;
            for (int i = 0; i < 200_000; i++) {
                d[d.length - 1] = 0.0 * i;
                if (Double.doubleToRawLongBits(ReduceSimdF64.sumLanes(DoubleVector.fromArray(SimdSpecies.D, d, 0)))
                        != 0) {
                    wrong++;
                }
            }
        }
        assertEquals(0, wrong, "F64 calls whose sum was not the lane-order 0");
    }
}
