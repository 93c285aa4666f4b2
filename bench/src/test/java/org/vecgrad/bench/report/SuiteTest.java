package org.vecgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The report's benchmark selection resolves against the benchmarks this build generated (META-INF/BenchmarkList):
 * every include regex matches a benchmark, every {@code -p} parameter is one those benchmarks declare, and the JMH
 * options build. Nothing is run.
 */
class SuiteTest {
    static final OutputFormat SILENT = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);

    static void checkResolves(Suite.Mode mode, int cpus, int preferredBits) {
        List<Suite.Run> plan = Suite.plan(mode, cpus, preferredBits);
        BenchmarkList list = BenchmarkList.defaultList();
        Set<String> ids = new HashSet<>();
        Set<String> sections = new HashSet<>();
        for (Suite.Run r : plan) {
            assertTrue(ids.add(r.id()), "run ids are unique (they name the result files): " + r.id());
            assertTrue(Suite.SECTIONS.contains(r.section()), r.id() + ": unknown section " + r.section());
            sections.add(r.section());
            SortedSet<BenchmarkListEntry> found = list.find(SILENT, List.of(r.include()), List.of());
            assertFalse(found.isEmpty(), r.id() + ": include " + r.include() + " matches no benchmark");
            for (Map.Entry<String, List<String>> p : r.params().entrySet()) {
                boolean declared = found.stream().anyMatch(e -> e.getParams().hasValue()
                        && e.getParams().get().containsKey(p.getKey()));
                assertTrue(declared, r.id() + ": no benchmark matched by " + r.include() + " has @Param "
                        + p.getKey());
                assertFalse(p.getValue().isEmpty(), r.id() + ": " + p.getKey() + " has no values");
            }
            for (String a : r.jvmArgs()) {
                assertTrue(a.startsWith("-Dvecgrad."), r.id() + ": study flags are -Dvecgrad.* properties: " + a);
            }
            Options o = RunSuite.options(r, Path.of("results"), Path.of("logs"));
            assertEquals(r.threads(), o.getThreads().get());
            assertEquals(List.of(r.include()), o.getIncludes());
        }
        assertEquals(Set.copyOf(Suite.SECTIONS), sections, "every section has runs");
    }

    @Test
    void quickPlanResolvesAgainstTheGeneratedBenchmarkList() {
        checkResolves(Suite.Mode.QUICK, 2, 256);
        checkResolves(Suite.Mode.QUICK, 1, 512);
    }

    @Test
    void fullPlanResolvesAgainstTheGeneratedBenchmarkList() {
        checkResolves(Suite.Mode.FULL, 2, 256);
        checkResolves(Suite.Mode.FULL, 8, 512);
    }

    @Test
    void quickModeTakesMinutesAndFullModeMeasuresMore() {
        double quick = Suite.estimateSeconds(Suite.plan(Suite.Mode.QUICK, 2, 256));
        double full = Suite.estimateSeconds(Suite.plan(Suite.Mode.FULL, 2, 256));
        assertTrue(quick < 10 * 60, "quick mode estimate " + quick + " s");
        assertTrue(full > 2 * quick, "full mode estimate " + full + " s vs quick " + quick + " s");
    }

    @Test
    void widerThanPreferredSpeciesRunsAreCapped() {
        for (Suite.Run r : Suite.plan(Suite.Mode.FULL, 2, 256)) {
            if (r.jvmArgs().contains("-Dvecgrad.vectorBits=512")) {
                assertTrue(r.timing().iterations() <= 2 && r.timing().forks() == 1, r.id() + " is capped");
                if (r.params().containsKey("shape")) {
                    assertEquals(List.of("128x128x128:nn"), r.params().get("shape"), r.id() + ": a small GEMM");
                }
            }
        }
    }
}
