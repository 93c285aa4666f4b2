package org.vecgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;

/**
 * The contract the file readers are fuzzed against ({@link SafeTensorsFuzzTest},
 * {@code org.vecgrad.nn.data.IdxFuzzTest}): on any input a reader returns what it read, or refuses the input with
 * its format exception carrying a message, within {@link #MAX_MILLIS}. Anything else it throws (an unchecked
 * exception, an OutOfMemoryError in the fuzzing JVM's small heap, a StackOverflowError) propagates: a finding.
 */
public final class FuzzedReader {
    private FuzzedReader() {
    }

    /** Generous per-input bound (inputs are a few KiB; reading is linear): catches quadratic blow-ups. */
    public static final long MAX_MILLIS = 5_000;

    /** A read that may refuse its input with an {@link IOException}. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws IOException;
    }

    /**
     * What {@code read} returned, or null when it refused the input with a {@code refusal} that has a message.
     * No JUnit {@code @Timeout} in fuzz tests: in fuzzing mode it would time the whole run, so each input is timed
     * here; a hang is caught by libFuzzer's {@code -timeout} (nn/pom.xml passes -timeout=30 to the verify runs).
     */
    public static <T> T readOrRefuse(byte[] data, Class<? extends IOException> refusal, Read<T> read) {
        long t0 = System.nanoTime();
        try {
            return read.read();
        } catch (IOException e) {
            if (!refusal.isInstance(e)) {
                throw new AssertionError("refused with " + e.getClass().getName() + ", not "
                        + refusal.getSimpleName(), e);
            }
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isEmpty());
            return null;
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > MAX_MILLIS) {
                throw new AssertionError("reading took " + ms + " ms on " + data.length + " bytes");
            }
        }
    }
}
