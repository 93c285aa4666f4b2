package org.vecgrad.testsupport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Sends libFuzzer's output to a file while a Jazzer fuzz test fuzzes, and names that file in the failure a finding
 * causes.
 *
 * <p>libFuzzer runs inside the test JVM and prints from native code straight to file descriptor 2: a status line for
 * every input that adds coverage (about a thousand in 20 s), then a dictionary and a summary. Surefire copies whatever
 * a forked JVM writes there onto Maven's console and has no setting to send it elsewhere. So before the fuzzing
 * starts this extension points descriptor 2 at {@code <dir>/<test class>.log} (POSIX {@code creat} and {@code dup2}
 * through the FFM API), where {@code <dir>} is the system property {@value #DIR_PROPERTY} ({@code target/fuzz}
 * of the module under Maven). When the fuzzer finds a failing input, the test still fails, with the finding as the cause and the
 * log's path in the message; the log holds libFuzzer's report (the input in hex and Base64, and the file it was saved
 * to, among the test's inputs, where it becomes a regression input).
 *
 * <p>Only fuzzing mode (environment variable {@code JAZZER_FUZZ} set) is redirected; in regression mode libFuzzer
 * does not run. Where {@code creat}/{@code dup2} do not exist (Windows), the output stays on the console. Every fuzz
 * test class registers it: {@code @ExtendWith(FuzzerLog.class)}.
 */
public final class FuzzerLog implements BeforeAllCallback, TestExecutionExceptionHandler {
    /** The system property naming the folder the logs go to. */
    public static final String DIR_PROPERTY = "vecgrad.fuzzLogDir";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FuzzerLog.class);

    /** Instantiated by JUnit for {@code @ExtendWith(FuzzerLog.class)}. */
    public FuzzerLog() {
    }

    static boolean fuzzing() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        return fuzz != null && !fuzz.isEmpty();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!fuzzing()) {
            return;
        }
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/fuzz"));
        Files.createDirectories(dir);
        Path log = dir.resolve(context.getRequiredTestClass().getSimpleName() + ".log").toAbsolutePath();
        if (redirectStderr(log)) {
            context.getStore(NS).put("log", log);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable finding) throws Throwable {
        Path log = context.getStore(NS).get("log", Path.class);
        if (log == null) {
            throw finding;
        }
        throw new AssertionError("fuzzing " + context.getRequiredTestMethod().getName() + " found a failing input ("
                + finding + "); libFuzzer's report, with the input and the file it was saved to: " + log, finding);
    }

    /** Points file descriptor 2 of this process at {@code file} (created or truncated); false where unsupported. */
    @SuppressWarnings("restricted") // two libc calls; the fuzz JVMs run with --enable-native-access (nn/pom.xml)
    private static boolean redirectStderr(Path file) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        if (libc.find("creat").isEmpty() || libc.find("dup2").isEmpty()) {
            return false;
        }
        MethodHandle creat = linker.downcallHandle(libc.find("creat").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) creat.invokeExact(arena.allocateFrom(file.toString()), 0644);
            if (fd < 0 || (int) dup2.invokeExact(fd, 2) < 0) {
                throw new IllegalStateException("cannot send the fuzzer's output to " + file);
            }
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot send the fuzzer's output to " + file, e);
        }
    }
}
