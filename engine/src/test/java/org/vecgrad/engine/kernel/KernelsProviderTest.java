package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.probe.PrintBackend;

/** The provider's choice, checked in fresh JVMs with and without the incubator module and with the property. */
class KernelsProviderTest {

    record Result(int exit, String out) {
    }

    static Result run(String... jvmArgs) throws IOException, InterruptedException {
        return runWithClassPath(System.getProperty("java.class.path"), jvmArgs);
    }

    static Result runWithClassPath(String classPath, String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(PrintBackend.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        return new Result(p.exitValue(), out);
    }

    @Test
    void simdIsChosenWhenTheModuleIsPresent() throws Exception {
        Result r = run("--add-modules=jdk.incubator.vector");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ACTIVE=simd"), r.out());
    }

    @Test
    void scalarFallbackSaysWhyWhenTheModuleIsAbsent() throws Exception {
        Result r = run();
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ACTIVE=scalar"), r.out());
        assertTrue(r.out().contains("jdk.incubator.vector") && r.out().contains("slower"), r.out());
    }

    @Test
    void propertyForcesEitherPath() throws Exception {
        Result scalar = run("--add-modules=jdk.incubator.vector", "-Dvecgrad.kernels=scalar");
        assertTrue(scalar.out().contains("ACTIVE=scalar"), scalar.out());
        Result impossible = run("-Dvecgrad.kernels=simd");
        assertNotEquals(0, impossible.exit());
        assertTrue(impossible.out().contains("vecgrad.kernels=simd"), impossible.out());
        Result bogus = run("-Dvecgrad.kernels=gpu");
        assertNotEquals(0, bogus.exit());
        assertTrue(bogus.out().contains("auto, simd, scalar"), bogus.out());
    }

    @Test
    void interpreterOnlyJvmFallsBackToScalar() throws Exception {
        Result r = run("--add-modules=jdk.incubator.vector", "-XX:TieredStopAtLevel=1");
        assertTrue(r.out().contains("ACTIVE=scalar") && r.out().contains("C2"), r.out());
    }

    @Test
    void forcedWidthIsHonoured() throws Exception {
        Result r = run("--add-modules=jdk.incubator.vector", "-Dvecgrad.vectorBits=128");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ACTIVE=simd lanes=4"), r.out());
    }

    /** 64 bits (one F64 lane, no int species of one lane for max pooling's argmax) is refused with the values. */
    @Test
    void unsupportedWidthIsRefusedWithTheAllowedValues() throws Exception {
        Result auto = run("--add-modules=jdk.incubator.vector", "-Dvecgrad.vectorBits=64");
        assertEquals(0, auto.exit(), auto.out());
        assertTrue(auto.out().contains("ACTIVE=scalar"), auto.out());
        Result forced = run("--add-modules=jdk.incubator.vector", "-Dvecgrad.vectorBits=64", "-Dvecgrad.kernels=simd");
        assertNotEquals(0, forced.exit(), forced.out());
        assertTrue(forced.out().contains("vectorBits=64") && forced.out().contains("128, 256 or 512"), forced.out());
    }

    /**
     * The engine as an exploded module: its classes directory when Maven (on JDK 25) compiled the descriptor, else a
     * copy of it with src/main/module/module-info.java compiled in (Maven on an older JDK leaves it out).
     */
    static String engineModuleDir(Path tmp) throws Exception {
        Path classes = Path.of(Kernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.exists(classes.resolve("module-info.class"))) {
            return classes.toString();
        }
        Path copy = tmp.resolve("engine-module");
        try (var files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(classes.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path descriptor = Path.of("src", "main", "module", "module-info.java").toAbsolutePath();
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", copy.toString(), "-nowarn", "--patch-module", "org.vecgrad.engine=" + copy,
                descriptor.toString()).redirectErrorStream(true).start();
        String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, javac.waitFor(), "javac of " + descriptor + ": " + log);
        return copy.toString();
    }

    @Test
    void modulePathUsersNeedNoAddModulesFlag(@TempDir Path tmp) throws Exception {
        String engine = engineModuleDir(tmp);
        String tests = Path.of(PrintBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Result r = runWithClassPath(tests, "--module-path", engine, "--add-modules", "org.vecgrad.engine");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ACTIVE=simd"), r.out());
    }

    @Test
    void thisJvmHasBothBackends() {
        assertEquals("scalar", Kernels.scalar().name());
        assertTrue(Kernels.simd().isPresent(), "surefire runs with --add-modules jdk.incubator.vector");
        assertEquals(!"scalar".equals(System.getProperty(Kernels.PROPERTY)), Kernels.active().isSimd());
    }
}
