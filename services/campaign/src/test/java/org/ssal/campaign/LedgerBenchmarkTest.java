package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Benchmark, not in the default suite: {@code -Dssal.bench=true}. Numbers go to docs/benchmarks.md. */
@EnabledIfSystemProperty(named = "ssal.bench", matches = "true")
class LedgerBenchmarkTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldReportThroughputAndBytesPerLabel() {
        int batch = Integer.getInteger("ssal.bench.batch", 1000);
        for (String size : System.getProperty("ssal.bench.budgets", "5000,10000,20000").split(",")) {
            int budget = Integer.parseInt(size.trim());
            LedgerRun.Result result = LedgerRun.run(
                    BudgetTopology.buildInMemory(),
                    stateDir.resolve("b" + budget), "bench-" + budget, budget, batch);
            System.out.println("LEDGER-BENCH " + result.describe());
            assertEquals(budget, result.finalState().getLabeled());
        }
    }
}
