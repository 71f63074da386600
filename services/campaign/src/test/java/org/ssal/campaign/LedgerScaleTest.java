package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.CampaignStatus;
import org.ssal.schemas.Topics;

/**
 * A 5,000-label campaign through the tracker (the suite's small version of
 * {@link LedgerBenchmarkTest}): the budget is exact, every label is written once, and what is
 * written per label does not grow with the labels before it.
 */
class LedgerScaleTest {
    private static final int BUDGET = 5_000;
    private static final int BATCH = 100;

    @TempDir
    Path stateDir;

    @Test
    void shouldCountEveryLabelOnceAndKeepRecordsSmallWhenTheBudgetIsThousands() {
        LedgerRun.Result run = LedgerRun.run(BudgetTopology.buildInMemory(), stateDir, "scale", BUDGET, BATCH);

        assertEquals(BUDGET, run.finalState().getLabeled());
        assertEquals(BUDGET, run.finalState().getQueried());
        assertEquals(0, run.finalState().getRemaining());
        assertEquals(CampaignStatus.COMPLETED, run.finalState().getStatus());
        assertEquals(0, run.deadLettered());
        assertEquals(BUDGET, run.recordsByTopic().get(Topics.LABELS), "one labels record per label");
        // and no second copy of each: the label store has no changelog, it is rebuilt from the labels topic
        assertTrue(run.recordsByTopic().keySet().stream().noneMatch(t -> t.endsWith(BudgetTopology.LABEL_STORE + "-changelog")),
                "topics written: " + run.recordsByTopic().keySet());
        // 50 rounds of summaries and the counts; the old ledger, carrying every label, reached ~73 KB here
        assertTrue(run.largestBudgetStateBytes() < 2_048, "largest BudgetState " + run.largestBudgetStateBytes() + " bytes");
        assertTrue(run.bytesPerLabel() < 3_000, run.describe());
    }
}
