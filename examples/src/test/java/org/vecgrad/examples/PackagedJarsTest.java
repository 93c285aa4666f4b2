package org.vecgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged library jars as a consumer gets them. On the module path each is a named module (not an automatic
 * one), and a program whose descriptor says {@code requires org.vecgrad.nn} compiles against them, runs with no
 * {@code --add-modules} flag, and gets the Vector API backend (the engine's own {@code requires jdk.incubator.vector}
 * resolves the incubator module). Each jar carries the licence and the notice, and the nn jar the licence of the data
 * sets it bundles.
 *
 * <p>Runs in the {@code integration-test} phase of {@code mvn verify} (Surefire execution {@code packaged-jars} of
 * this module), after the library jars are packaged, whichever JDK runs Maven: the descriptors in the jars must not
 * depend on it. The consumer is compiled and started with this JVM's JDK (the toolchain's).
 */
class PackagedJarsTest {

    /** Module name to the artifact whose jar must carry it. */
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("org.vecgrad.engine", "vecgrad-engine");
        MODULES.put("org.vecgrad.autodiff", "vecgrad-autodiff");
        MODULES.put("org.vecgrad.nn", "vecgrad-nn");
    }

    private static final String CONSUMER_DESCRIPTOR = """
            module demo.consumer {
                requires org.vecgrad.nn;
            }
            """;

    /** A layer forward pass (matrix product, bias) and an elementwise sum on whichever backend the engine chose. */
    private static final String CONSUMER_MAIN = """
            package demo.consumer;

            import java.util.Arrays;
            import org.vecgrad.autodiff.Tensor;
            import org.vecgrad.engine.DType;
            import org.vecgrad.engine.NdArray;
            import org.vecgrad.engine.kernel.Kernels;
            import org.vecgrad.nn.layers.Linear;

            public final class Main {
                public static void main(String[] args) {
                    NdArray a = NdArray.arange(DType.F32, 100);
                    Tensor y = new Linear(3, 2, true, 7L).forward(Tensor.of(NdArray.of(new float[] {1, 2, 3}, 1, 3)));
                    System.out.println("backend=" + Kernels.active().name());
                    System.out.println("sum=" + a.add(a).sum());
                    System.out.println("linear=" + Arrays.toString(y.shape()));
                }
            }
            """;

    @TempDir
    Path dir;

    /** The library jars on this test's class path (Maven resolves the reactor's packaged jars here). */
    private static List<Path> libraryJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String file = p.getFileName().toString();
            for (String artifact : MODULES.values()) {
                if (file.startsWith(artifact + "-")) {
                    assertTrue(file.endsWith(".jar"), "expected the packaged jar of " + artifact + " (this test runs"
                            + " after the package phase), found " + p);
                    jars.add(p);
                }
            }
        }
        assertEquals(MODULES.size(), jars.size(), "library jars on the class path: " + jars);
        return jars;
    }

    @Test
    void jarsAreNamedModulesAndRequireTheIncubatorModuleThemselves() {
        Set<ModuleReference> found = ModuleFinder.of(libraryJars().toArray(Path[]::new)).findAll();
        Map<String, ModuleDescriptor> byName = found.stream()
                .collect(Collectors.toMap(r -> r.descriptor().name(), ModuleReference::descriptor));
        assertEquals(MODULES.keySet(), byName.keySet(), "module names of the jars (an automatic module is named"
                + " after its file: the jar had no descriptor)");
        for (ModuleDescriptor d : byName.values()) {
            assertFalse(d.isAutomatic(), d.name() + " is an automatic module: its jar has no module-info.class");
        }
        assertTrue(byName.get("org.vecgrad.engine").requires().stream()
                .anyMatch(r -> r.name().equals("jdk.incubator.vector")), byName.get("org.vecgrad.engine").toString());
    }

    @Test
    void jarsCarryTheLicences() throws IOException {
        for (Path jar : libraryJars()) {
            try (JarFile j = new JarFile(jar.toFile())) {
                for (String entry : List.of("META-INF/LICENSE", "META-INF/NOTICE")) {
                    assertNotNull(j.getEntry(entry), jar + " has no " + entry);
                }
                if (jar.getFileName().toString().startsWith("vecgrad-nn-")) {
                    // every data file the jar ships has its licence and attribution beside it
                    for (String entry : List.of("digits.csv.gz", "iris.csv", "LICENSE", "ATTRIBUTION")) {
                        assertNotNull(j.getEntry("org/vecgrad/nn/data/" + entry), jar + " has no " + entry);
                    }
                    String licence = new String(j.getInputStream(j.getEntry("org/vecgrad/nn/data/LICENSE"))
                            .readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(licence.contains("BSD 3-Clause") && licence.contains("scikit-learn"), licence);
                }
            }
        }
    }

    @Test
    void consumerRequiringNnRunsOnTheVectorApiWithoutAddModules() throws IOException, InterruptedException {
        String modulePath = libraryJars().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path src = dir.resolve("src");
        Path main = src.resolve("demo/consumer/Main.java");
        Files.createDirectories(main.getParent());
        Files.writeString(src.resolve("module-info.java"), CONSUMER_DESCRIPTOR);
        Files.writeString(main, CONSUMER_MAIN);
        Path classes = dir.resolve("classes");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-Xlint:-incubating", "--module-path", modulePath, "-d",
                classes.toString(), src.resolve("module-info.java").toString(), main.toString());
        assertEquals(0, rc, "javac failed on the consumer:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath + File.pathSeparator + classes, "-m", "demo.consumer/demo.consumer.Main");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "consumer JVM timed out: " + out);
        String context = String.join(" ", cmd) + "\n" + out;
        assertEquals(0, p.exitValue(), context);
        assertTrue(out.contains("backend=simd"), "the engine fell back to the scalar kernels: " + context);
        // 2 * (0 + 1 + ... + 99)
        assertTrue(out.contains("sum=" + 2.0 * 99 * 100 / 2), context);
        assertTrue(out.contains("linear=[1, 2]"), context);
    }
}
