package org.vecgrad.bench.ceiling;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Floating-point operations done by the benchmark, reported by JMH as the secondary metric {@code flop} in FLOP
 * per second (throughput mode; divide by 1e9 for GFLOP/s). An FMA counts as 2.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {
    /** FLOPs done in this iteration. */
    public long flop;

    /** Counters are per iteration: JMH divides by the iteration's time. */
    @Setup(Level.Iteration)
    public void reset() {
        flop = 0;
    }
}
