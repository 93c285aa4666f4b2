package org.vecgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vecgrad.testsupport.FuzzerLog;
import org.vecgrad.engine.NdArray;

/**
 * Coverage-guided fuzzing of {@link SafeTensors#fromBytes} with Jazzer.
 *
 * <p>Property: any byte input either loads, or throws {@link SafeTensorsFormatException} with a message (the
 * reader's documented contract); anything else (an IndexOutOfBounds, NumberFormat, ClassCast, NegativeArraySize,
 * an OutOfMemoryError in the 512 MiB test heap, a StackOverflowError, more than 5 s on one input) is a finding
 * ({@link FuzzedReader}). A loaded file must also round-trip: writing what was read and reading it again gives the
 * same tensors.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code mvn test} (regression mode): runs every input committed under
 *       {@code src/test/resources/org/vecgrad/nn/io/SafeTensorsFuzzTestInputs/fromBytes/} — the seed corpus
 *       (valid small files and malformed ones) and every crash found so far.</li>
 *   <li>{@code mvn verify} additionally runs a short real fuzzing session (the {@code jazzer-fuzz} Surefire
 *       execution in nn/pom.xml, {@code JAZZER_FUZZ=1}, bounded by {@code maxDuration}).</li>
 *   <li>Long run on demand (docs/guarantees.md):
 *       {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=2h mvn -pl nn -am test -Dtest=SafeTensorsFuzzTest
 *       -Dsurefire.failIfNoSpecifiedTests=false} — a crash is written into the inputs folder above and must be
 *       committed with the fix, so it stays a regression test.</li>
 * </ul>
 *
 * <p>Output: while fuzzing, libFuzzer's output (progress lines, and a finding's report with the input and where it
 * was saved) goes to {@code nn/target/fuzz/SafeTensorsFuzzTest.log} ({@link FuzzerLog}), not to the console, and
 * Jazzer's own messages to {@code nn/target/surefire-reports-fuzz/org.vecgrad.nn.io.SafeTensorsFuzzTest-output.txt}
 * ({@code surefire-reports} in regression mode). A finding fails the build, with that log's path in the message.
 */
@ExtendWith(FuzzerLog.class)
class SafeTensorsFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void fromBytes(byte[] data) {
        SafeTensors.Contents c = FuzzedReader.readOrRefuse(data, SafeTensorsFormatException.class,
                () -> SafeTensors.fromBytes(data));
        if (c == null) {
            return;
        }
        // Loaded: every tensor's size fits in the input, and writing it back and reading again is the identity.
        long bytes = 0;
        for (NdArray a : c.tensors().values()) {
            bytes += a.size();
        }
        if (bytes > data.length) {
            throw new AssertionError(bytes + " elements read from " + data.length + " bytes");
        }
        SafeTensors.Contents again;
        try {
            again = SafeTensors.fromBytes(SafeTensors.toBytes(c.tensors(), c.metadata()));
        } catch (SafeTensorsFormatException e) {
            throw new AssertionError("a file written from loaded tensors does not load", e);
        }
        assertEquals(c.metadata(), again.metadata());
        assertEquals(c.tensors().keySet(), again.tensors().keySet());
        for (Map.Entry<String, NdArray> e : c.tensors().entrySet()) {
            NdArray b = again.tensors().get(e.getKey());
            assertEquals(e.getValue(), b, e.getKey());
        }
    }
}
