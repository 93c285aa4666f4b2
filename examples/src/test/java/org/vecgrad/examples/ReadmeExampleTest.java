package org.vecgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example stays true: its first {@code ```java} block is compiled with {@link JavaCompiler}
 * against the test class path (the library as a user's code sees it), with every lint warning an error, then run in
 * a fresh JVM in an empty directory, as a user would run it. The README says what the program prints ("prints
 * {@code test accuracy 0.97}" or so, in a sentence after the block); the program must exit with 0 and print that
 * line, the accuracy within 0.01 of the README's (the last digits move with the vector width, which changes the
 * last bits of the F32 sums).
 */
class ReadmeExampleTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern CLAIM = Pattern.compile("prints `test accuracy (\\d\\.\\d+)`");
    private static final Pattern PRINTED = Pattern.compile("(?m)^test accuracy (\\d\\.\\d+)$");

    @TempDir
    Path dir;

    /** The repository's README.md: the first directory from here upwards that holds it and the examples module. */
    static Path readme() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("examples/pom.xml"))) {
                return d.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md next to examples/pom.xml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void readmeExampleCompilesRunsAndPrintsWhatTheReadmeSays() throws Exception {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        Matcher block = JAVA_BLOCK.matcher(text);
        assertTrue(block.find(), "README.md has no ```java block");
        String source = block.group(1);
        Matcher name = CLASS_NAME.matcher(source);
        assertTrue(name.find(), "the README's example declares no public class:\n" + source);
        assertTrue(source.contains("public static void main("), "the README's example has no main method");
        Matcher claim = CLAIM.matcher(text.substring(block.end()));
        assertTrue(claim.find(), "after its example the README must say what it prints: 'prints `test accuracy X`'");
        double claimed = Double.parseDouble(claim.group(1));

        Path classes = compile(name.group(1), source);
        String out = run(classes, name.group(1));

        Matcher printed = PRINTED.matcher(out);
        assertTrue(printed.find(), "the example did not print 'test accuracy X':\n" + out);
        double accuracy = Double.parseDouble(printed.group(1));
        assertEquals(claimed, accuracy, 0.01, "the README says the example prints test accuracy " + claimed
                + "; it printed:\n" + out);
    }

    /** Compiles {@code source} as {@code className}.java into a fresh directory; every diagnostic fails the test. */
    private Path compile(String className, String source) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path file = src.resolve(className + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no system Java compiler (tests run on a JDK)");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-Xlint:all", "-implicit:none");
            ok = javac.getTask(log, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            problems.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
        if (!ok || !problems.isEmpty()) {
            fail("the README's example does not compile cleanly:\n" + String.join("\n", problems) + "\n" + log
                    + "\n--- source ---\n" + numbered(source));
        }
        return classes;
    }

    /** Runs {@code main} of {@code className} in a fresh JVM whose working directory is empty; returns its output. */
    private String run(Path classes, String className) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("vecgrad.")) { // a run with -Dvecgrad.kernels=scalar stays scalar in the child
                cmd.add("-D" + k + "=" + System.getProperty(k));
            }
        }
        cmd.add("-cp");
        cmd.add(classes + java.io.File.pathSeparator + System.getProperty("java.class.path"));
        cmd.add(className);
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            p.onExit().get(120, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly().waitFor();
            fail("the README's example did not finish in 120 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the README's example failed:\n" + String.join(" ", cmd) + "\n" + out);
        return out;
    }

    private static String numbered(String source) {
        String[] lines = source.split("\\R", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format(Locale.ROOT, "%3d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
