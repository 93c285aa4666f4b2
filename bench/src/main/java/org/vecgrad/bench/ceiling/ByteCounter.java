package org.vecgrad.bench.ceiling;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Bytes moved, reported by JMH as the secondary metric {@code bytes} in bytes per second (throughput mode). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
    /** Bytes read plus bytes written in this iteration. */
    public long bytes;

    /** Counters are per iteration: JMH divides by the iteration's time. */
    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
