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
            "reduceLanes\\((?:VectorOperators\\.)?(?:ADD|MUL)\\b"
                    + "|lanewise\\((?:VectorOperators\\.)?(?:EXP|EXPM1|LOG|LOG1P|LOG10|TANH|SINH|COSH|SIN|COS|TAN"
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
            "v.reduceLanes(MUL)", "v.lanewise(VectorOperators.LOG)", "v.lanewise(EXP)", "v.lanewise(TANH)"}) {
            assertTrue(FORBIDDEN.matcher(bad).find(), bad);
        }
        for (String ok : new String[] {"v.reduceLanes(MAX)", "v.reduceLanes(MIN)", "v.lanewise(VectorOperators.SQRT)",
            "v.lanewise(ABS)", "v.lanewise(ADDITIVE)"}) {
            Matcher m = FORBIDDEN.matcher(ok);
            assertFalse(m.find(), ok);
        }
    }

    @Test
    void sumLanesAddsInLaneOrder() {
        // 1 + 2^24 + (−2^24) + ... : in lane order the 1 is absorbed by 2^24 (float), in a tree it need not be
        float[] f = new float[FloatVector.SPECIES_PREFERRED.length()];
        f[0] = 1f;
        f[1] = 16777216f;
        f[2] = -16777216f;
        FloatVector v = FloatVector.fromArray(SimdSpecies.F, pad(f, SimdSpecies.F.length()), 0);
        float expected = 0f;
        for (int i = 0; i < SimdSpecies.F.length(); i++) {
            expected += v.lane(i);
        }
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ReduceSimdF32.sumLanes(v)));
        assertEquals(0f, ReduceSimdF32.sumLanes(v), "((1 + 2^24) − 2^24) rounds the 1 away");
        double[] d = new double[SimdSpecies.D.length()];
        d[0] = 1.0;
        d[1] = 0x1p53;
        if (d.length > 2) {
            d[2] = -0x1p53;
            assertEquals(0.0, ReduceSimdF64.sumLanes(DoubleVector.fromArray(SimdSpecies.D, d, 0)));
        }
    }

    private static float[] pad(float[] a, int n) {
        return a.length >= n ? a : java.util.Arrays.copyOf(a, n);
    }
}
