package org.vecgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vecgrad.engine.DType;
import org.vecgrad.nn.io.FuzzedReader;
import org.vecgrad.testsupport.FuzzerLog;

/**
 * Coverage-guided fuzzing of {@link Idx#fromBytes(byte[], long)} with Jazzer, set up as
 * {@code org.vecgrad.nn.io.SafeTensorsFuzzTest} is.
 *
 * <p>Property: any byte input (plain or gzipped) either loads, or throws {@link IdxFormatException} with a
 * message; anything else (an IndexOutOfBounds, NegativeArraySize, an OutOfMemoryError in the 512 MiB test heap,
 * more than 5 s on one input) is a finding ({@link FuzzedReader}). The cap is 1 MiB, so a gzip bomb costs little; a loaded file stays
 * under it, and writing what was read and reading it again gives the same type, shape and values.
 *
 * <p>Modes: {@code mvn test} runs every input committed under
 * {@code src/test/resources/org/vecgrad/nn/data/IdxFuzzTestInputs/fromBytes/} (seed corpus and past crashes);
 * {@code mvn verify} adds a 5-second fuzzing run (the {@code jazzer-fuzz-idx} Surefire execution in nn/pom.xml;
 * Jazzer fuzzes one test per JVM, so each fuzz test has an execution of its own). A long run on demand:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=1h mvn -pl nn -am test -Dtest=IdxFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; commit a crash it writes into the inputs folder with the fix.
 *
 * <p>Output: while fuzzing, libFuzzer's output goes to {@code nn/target/fuzz/IdxFuzzTest.log} ({@link FuzzerLog}),
 * Jazzer's own messages to {@code nn/target/surefire-reports-fuzz-idx/org.vecgrad.nn.data.IdxFuzzTest-output.txt}; a
 * finding fails the build, with that log's path in the message.
 */
@ExtendWith(FuzzerLog.class)
class IdxFuzzTest {
    static final long CAP = 1 << 20;

    @FuzzTest(maxDuration = "5s")
    void fromBytes(byte[] data) {
        Idx.Contents c = FuzzedReader.readOrRefuse(data, IdxFormatException.class, () -> Idx.fromBytes(data, CAP));
        if (c == null) {
            return;
        }
        long bytes = (long) c.size() * c.type().byteSize();
        if (bytes > CAP) {
            throw new AssertionError(bytes + " bytes of data loaded under a cap of " + CAP);
        }
        Idx.Contents again;
        try {
            again = Idx.fromBytes(Idx.toBytes(c.type(), c.toNdArray(DType.F64)), CAP);
        } catch (IdxFormatException e) {
            throw new AssertionError("a file written from loaded contents does not load", e);
        }
        assertEquals(c.type(), again.type());
        assertArrayEquals(c.shape(), again.shape());
        for (int i = 0; i < c.size(); i++) {
            // compare as numbers: a float NaN's payload may change on its way through a double
            double a = c.get(i);
            double b = again.get(i);
            if (!(Double.isNaN(a) && Double.isNaN(b)) && Double.compare(a, b) != 0) {
                throw new AssertionError("element " + i + ": " + a + " read, " + b + " after writing and reading");
            }
        }
    }
}
