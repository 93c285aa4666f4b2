package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vecgrad.testsupport.FuzzerLog;

/**
 * Coverage-guided fuzzing of {@link OnnxModel#fromBytes} with Jazzer, set up as nn's {@code SafeTensorsFuzzTest}.
 *
 * <p>Property: any byte input either loads completely, or is refused with an {@link OnnxFormatException} that has
 * a message; anything else (an unchecked exception, an OutOfMemoryError in the 512 MiB test heap, a
 * StackOverflowError, more than 5 s on one input) is a finding. A model that loads has no more weights than its
 * bytes can hold, and can describe itself.
 *
 * <p>Modes: {@code mvn test} runs every input committed under
 * {@code src/test/resources/org/vecgrad/onnx/OnnxFuzzTestInputs/fromBytes/} (seed corpus: PyTorch exports, their
 * truncations and corruptions; and every crash found so far); {@code mvn verify} adds a 5-second fuzzing run (the
 * {@code jazzer-fuzz-onnx} execution in onnx/pom.xml). A long run on demand:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=1h mvn -pl onnx -am test -Dtest=OnnxFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; commit a crash it writes into the inputs folder with the fix.
 *
 * <p>Output: while fuzzing, libFuzzer's output goes to {@code onnx/target/fuzz/OnnxFuzzTest.log} ({@link FuzzerLog});
 * a finding fails the test with that path in its message.
 */
@ExtendWith(FuzzerLog.class)
class OnnxFuzzTest {
    /** Generous per-input bound (inputs are a few KiB; loading is linear): catches quadratic blow-ups. */
    static final long MAX_MILLIS = 5_000;

    @FuzzTest(maxDuration = "5s")
    void fromBytes(byte[] data) {
        long t0 = System.nanoTime();
        OnnxModel m = null;
        try {
            m = OnnxModel.fromBytes(data);
        } catch (OnnxFormatException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isEmpty());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > MAX_MILLIS) {
            throw new AssertionError("loading took " + ms + " ms on " + data.length + " bytes");
        }
        if (m != null) {
            // every float weight element takes at least 4 bytes of the file (raw or packed float_data)
            if (m.parameterCount() * 4 > data.length) {
                throw new AssertionError(m.parameterCount() + " parameters from " + data.length + " bytes");
            }
            assertFalse(m.summary().isEmpty());
        }
    }
}
