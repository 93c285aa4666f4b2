package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test class's {@code main} in a fresh JVM: the same java, the test class path, the Vector API module. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts {@code main} with {@code jvmArgs} (e.g. -Dvecgrad.threads=2) and {@code args}, waits up to 120 s,
     * and fails the test unless it exits with 0. Every vecgrad.* property of this JVM is passed on (so a run
     * with -Dvecgrad.kernels=scalar stays scalar in the child).
     */
    static void run(Path dir, Class<?> main, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-Xmx256m");
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("vecgrad.")) {
                cmd.add("-D" + k + "=" + System.getProperty(k));
            }
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "child JVM did not finish in 120 s: " + out);
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + String.join(" ", cmd) + "\n" + out);
    }
}
