package org.ssal.standalone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;

/** The checks the audit does not make, on hand-made logs of a campaign with budget 4 (two rounds of two). */
class CampaignCheckTest {
    private static final String ID = "c1";

    @Test
    void shouldPassACompleteCampaignWithEveryQueryCountedOnce() {
        CampaignOutcome outcome = CampaignCheck.judge(ID, campaign(), true, null);
        assertTrue(outcome.ok(), String.valueOf(outcome));
        assertEquals(4, outcome.labels());
        assertNull(outcome.problem());
    }

    @Test
    void shouldFailWhenAQueriedSampleWasNeverCounted() {
        List<SpecificRecord> log = campaign();
        log.removeIf(e -> e instanceof LabeledSample l && l.getSampleId().equals("s3"));
        CampaignOutcome outcome = CampaignCheck.judge(ID, log, true, null);
        assertFalse(outcome.ok());
        assertEquals(1, outcome.lost());
        assertEquals("1 queried samples never counted, e.g. s3", outcome.problem());
    }

    @Test
    void shouldFailWhenASampleIsCountedTwiceButNotWhenItsLabelArrivedTwice() {
        List<SpecificRecord> redelivered = campaign();
        redelivered.add(received("s2", 0)); // the oracle's label redelivered: the tracker counts it once
        assertTrue(CampaignCheck.judge(ID, redelivered, true, null).ok());

        List<SpecificRecord> doubled = campaign();
        doubled.add(counted("s2", 0, 4));
        CampaignOutcome outcome = CampaignCheck.judge(ID, doubled, true, null);
        assertFalse(outcome.ok());
        assertEquals(1, outcome.duplicated());
        assertEquals(1, outcome.overspent(), "5 counts for a budget of 4");
    }

    @Test
    void shouldFailWhenARoundIsAskedOrEvaluatedTwice() {
        List<SpecificRecord> log = campaign();
        log.add(batch(1, "s2", "s3"));
        log.add(evaluated(1, 4));
        CampaignOutcome outcome = CampaignCheck.judge(ID, log, true, null);
        assertEquals(2, outcome.duplicated());
        assertFalse(outcome.ok());
    }

    @Test
    void shouldFailWhenThePoolIsEmbeddedTwice() {
        List<SpecificRecord> log = campaign();
        log.add(1, embedded());
        assertTrue(CampaignCheck.judge(ID, log, true, null).ok(), "once is the campaign's embedding");
        log.add(2, embedded()); // a restarted trainer that embedded again after its predecessor had committed
        CampaignOutcome outcome = CampaignCheck.judge(ID, log, true, null);
        assertEquals(1, outcome.duplicated());
        assertEquals("1 duplicated counts, batches, evaluations or embeddings", outcome.problem());
    }

    @Test
    void shouldFailAnIncompleteCampaignAndAFailedAudit() {
        List<SpecificRecord> log = campaign();
        log.add(state(CampaignStatus.ACTIVE, 4)); // the last state decides
        assertEquals("not completed", CampaignCheck.judge(ID, log, true, null).problem());

        CampaignOutcome audited = CampaignCheck.judge(ID, campaign(), false, "audit: batch of round 1 differs");
        assertFalse(audited.ok());
        assertEquals("audit: batch of round 1 differs", audited.problem());
    }

    @Test
    void shouldMakeTheTableFailWhenOneCampaignLostALabel() {
        List<SpecificRecord> lossy = campaign();
        lossy.removeIf(e -> e instanceof LabeledSample l && l.getSampleId().equals("s0"));
        ChaosTable.Row clean = new ChaosTable.Row(ChaosTarget.ORACLE, 2,
                List.of(CampaignCheck.judge(ID, campaign(), true, null)), List.of(recovery(3, true),
                recovery(5, false)), List.of(), null);
        ChaosTable.Row lost = new ChaosTable.Row(ChaosTarget.BROKER, 1,
                List.of(CampaignCheck.judge("c2", lossy, true, null)), List.of(recovery(9, true)), List.of("trainer"), null);
        assertTrue(new ChaosTable(List.of(clean)).ok());
        ChaosTable table = new ChaosTable(List.of(clean, lost));
        assertFalse(table.ok());
        List<String> lines = table.lines();
        assertEquals(ChaosTable.HEADER, lines.get(0));
        assertEquals("oracle       2/2     1        0        1/1       4     0           0          0     1/1"
                + "             4.0 s         5.0 s", lines.get(1));
        assertEquals("broker       1/1     1        1        1/1       3     1           0          0     1/1"
                + "             9.0 s         9.0 s", lines.get(2));
        assertEquals("broker: liveness DOWN, restarted: trainer", lines.get(3));
        assertEquals("broker: campaign c2: 1 queried samples never counted, e.g. s0", lines.get(4));
        assertEquals("chaos: FAILED", lines.get(lines.size() - 1));
    }

    @Test
    void shouldFailARowWhoseKillsWereNotAllDone() {
        ChaosTable.Row row = new ChaosTable.Row(ChaosTarget.SCORER, 3,
                List.of(CampaignCheck.judge(ID, campaign(), true, null)), List.of(recovery(1, true)), List.of(), null);
        assertFalse(row.ok());
        assertTrue(new ChaosTable(List.of(row)).lines().contains("scorer: only 1 of 3 kills done"));
    }

    private static ChaosTable.Recovery recovery(int seconds, boolean busy) {
        return new ChaosTable.Recovery(Duration.ofSeconds(seconds), busy);
    }

    /** Budget 4: round 0 asks s0, s1; round 1 asks s2, s3; all counted, both rounds evaluated, COMPLETED. */
    private static List<SpecificRecord> campaign() {
        List<SpecificRecord> log = new ArrayList<>();
        log.add(CampaignCreated.newBuilder().setCampaignId(ID).setDataset("synthetic").setBudget(4)
                .setInitialSize(2).setBatchSize(2).setStrategy("entropy").setSeed(1).setCreatedAt(Instant.EPOCH).build());
        log.add(batch(0, "s0", "s1"));
        IntStream.range(0, 2).forEach(i -> log.add(received("s" + i, 0)));
        IntStream.range(0, 2).forEach(i -> log.add(counted("s" + i, 0, i)));
        log.add(evaluated(0, 2));
        log.add(batch(1, "s2", "s3"));
        IntStream.range(2, 4).forEach(i -> log.add(received("s" + i, 1)));
        IntStream.range(2, 4).forEach(i -> log.add(counted("s" + i, 1, i)));
        log.add(evaluated(1, 4));
        log.add(state(CampaignStatus.COMPLETED, 4));
        return log;
    }

    private static EmbeddingsReady embedded() {
        return EmbeddingsReady.newBuilder().setCampaignId(ID).setRound(0).setEncoderId("pixels").setPoolUri("p")
                .setPoolSha256("a").setTestUri("t").setTestSha256("b").setPoolSize(4).setTestSize(2).setDim(64)
                .setClassNames(List.of("a", "b", "c", "d")).build();
    }

    private static QueryBatch batch(int round, String... ids) {
        return QueryBatch.newBuilder().setCampaignId(ID).setRound(round).setSampleIds(List.of(ids)).setNumClasses(4)
                .setStrategy("entropy").setSelectionSeed(round).setCreatedAt(Instant.EPOCH).build();
    }

    private static LabelReceived received(String sample, int round) {
        return LabelReceived.newBuilder().setCampaignId(ID).setSampleId(sample).setRound(round).setLabel(1)
                .setAnnotatorId("oracle").setLabeledAt(Instant.EPOCH).build();
    }

    private static LabeledSample counted(String sample, int round, int sequence) {
        return LabeledSample.newBuilder().setCampaignId(ID).setSampleId(sample).setRound(round).setLabel(1)
                .setSequence(sequence).build();
    }

    private static RoundEvaluated evaluated(int round, int labeled) {
        return RoundEvaluated.newBuilder().setCampaignId(ID).setRound(round).setLabeledCount(labeled)
                .setTestAccuracy(0.5).setHead("softmax").setStrategy("entropy").setDurationMs(1).setEvaluatedAt(Instant.EPOCH)
                .build();
    }

    private static BudgetState state(CampaignStatus status, int labeled) {
        return BudgetState.newBuilder().setCampaignId(ID).setBudget(4).setQueried(4).setLabeled(labeled)
                .setRemaining(4 - labeled).setRound(1).setRoundComplete(true).setStatus(status).setUpdatedAt(Instant.EPOCH).build();
    }
}
