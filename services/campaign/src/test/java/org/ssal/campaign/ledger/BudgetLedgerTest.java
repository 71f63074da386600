package org.ssal.campaign.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.RoundSummary;

/** Each rule of {@link BudgetLedger} on its own, without Kafka: ledger + event in, decision out. */
class BudgetLedgerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant LATER = T0.plusSeconds(60);
    private static final String C = "c1";

    private final BudgetLedger ledger = new BudgetLedger();
    /** Queried rounds and labels of every ledger {@link #apply} built (one campaign id, so shared). */
    private final InMemorySampleLookup samples = new InMemorySampleLookup();

    // ---------------------------------------------------------------- CampaignCreated

    @Test
    void shouldOpenAndPublishLedgerWhenCampaignIsCreated() {
        Decision.Accepted accepted = accepted(decide(null, created(10), T0));

        BudgetState state = accepted.state();
        assertTrue(accepted.publish());
        assertEquals(C, state.getCampaignId());
        assertEquals(10, state.getBudget());
        assertEquals(0, state.getQueried());
        assertEquals(0, state.getLabeled());
        assertEquals(10, state.getRemaining());
        assertEquals(-1, state.getRound());
        assertFalse(state.getRoundComplete());
        assertEquals(0, state.getNumClasses());
        assertEquals(CampaignStatus.ACTIVE, state.getStatus());
        assertEquals("synthetic", state.getDataset());
        assertEquals("entropy", state.getStrategy());
        assertTrue(state.getRounds().isEmpty());
        assertTrue(accepted.newlyQueried().isEmpty() && accepted.newLabel() == null, "nothing per sample");
        assertEquals(T0, state.getUpdatedAt());
    }

    @Test
    void shouldIgnoreCreatedWhenSameDefinitionIsRedelivered() {
        BudgetState open = open(10);

        assertInstanceOf(Decision.Ignored.class, decide(open, created(10), LATER));
    }

    @Test
    void shouldRejectCreatedWhenIdExistsWithAnotherDefinition() {
        BudgetState open = open(10);

        assertEquals("campaign c1 already exists with another definition: budget is 10, the new definition says 20",
                reason(decide(open, created(20), LATER)));
    }

    @Test
    void shouldRejectCreatedNamingAFieldTheLedgerItselfDoesNotKeep() {
        BudgetState open = open(10);
        CampaignCreated otherSeed = CampaignCreated.newBuilder(created(10)).setSeed(8L).build();

        Decision decision = decide(open, otherSeed, LATER);
        assertEquals("campaign c1 already exists with another definition: seed is 7, the new definition says 8",
                reason(decision));
        assertEquals("campaign-redefined", ((Decision.Rejected) decision).rule());
    }

    @Test
    void shouldIgnoreTheSameDefinitionResentLater() {
        BudgetState open = open(10);
        CampaignCreated resent = CampaignCreated.newBuilder(created(10)).setCreatedAt(LATER).build();

        assertInstanceOf(Decision.Ignored.class, decide(open, resent, LATER));
    }

    @Test
    void shouldRejectCreatedWhenBudgetIsNotPositive() {
        assertEquals("budget must be > 0, got 0", reason(decide(null, created(0), T0)));
        assertEquals("budget must be > 0, got -3", reason(decide(null, created(-3), T0)));
    }

    @Test
    void shouldRejectCreatedWhenIdContainsTheKeySeparator() {
        CampaignCreated created = CampaignCreated.newBuilder(created(10)).setCampaignId("a\u0000b").build();

        assertEquals("campaignId must not contain U+0000", reason(decide(null, created, T0)));
    }

    // ---------------------------------------------------------------- any event

    @Test
    void shouldRejectEventWhenCampaignIsUnknown() {
        for (SpecificRecord event : List.of(stopped(), batch(0, "a"), label("a", 0), evaluated(0, 0.5))) {
            assertEquals("unknown campaign c1", reason(decide(null, event, T0)), event.toString());
        }
    }

    @Test
    void shouldRejectEventWhenTrackerTakesNoEventsOfItsType() {
        Rejected other = Rejected.newBuilder().setTopic("t").setPartition(0).setOffset(0).setKey(C)
                .setPayload(ByteBuffer.allocate(0)).setReason("r").setService("s").setRejectedAt(T0).build();

        assertEquals("the budget tracker takes no Rejected events", reason(decide(open(10), other, T0)));
    }

    @Test
    void shouldRefuseLedgerWhenItBelongsToAnotherCampaign() {
        BudgetState otherCampaign = BudgetState.newBuilder(open(10)).setCampaignId("c2").build();

        assertThrows(IllegalArgumentException.class, () -> decide(otherCampaign, stopped(), T0));
    }

    // ---------------------------------------------------------------- CampaignStopped

    @Test
    void shouldStopAndPublishWhenCampaignIsActive() {
        Decision.Accepted accepted = accepted(decide(open(10), stopped(), LATER));

        assertTrue(accepted.publish());
        assertEquals(CampaignStatus.STOPPED, accepted.state().getStatus());
        assertEquals(LATER, accepted.state().getUpdatedAt());
        assertEquals(BudgetState.newBuilder(open(10)).setStatus(CampaignStatus.STOPPED).setUpdatedAt(LATER).build(),
                accepted.state());
    }

    @Test
    void shouldIgnoreStopWhenCampaignIsAlreadyStopped() {
        BudgetState stopped = apply(open(10), stopped());

        assertInstanceOf(Decision.Ignored.class, decide(stopped, stopped(), LATER));
    }

    @Test
    void shouldRejectStopWhenCampaignIsCompleted() {
        BudgetState completed = apply(open(2), batch(0, "a", "b"), label("a", 0), label("b", 1));

        assertEquals("campaign c1 is already COMPLETED", reason(decide(completed, stopped(), LATER)));
    }

    // ---------------------------------------------------------------- QueryBatch

    @Test
    void shouldCountAndPublishBatchWhenItIsTheFirstRound() {
        Decision.Accepted accepted = accepted(decide(open(10), batch(0, "a", "b", "c"), LATER));

        BudgetState state = accepted.state();
        assertTrue(accepted.publish());
        assertEquals(3, state.getQueried());
        assertEquals(7, state.getRemaining());
        assertEquals(0, state.getRound());
        assertFalse(state.getRoundComplete());
        assertEquals(3, state.getNumClasses());
        assertEquals(List.of("a", "b", "c"), accepted.newlyQueried(), "remembered with round 0");
        assertEquals(List.of(summary(0, 3, 0, null)), state.getRounds());
        assertEquals(LATER, state.getUpdatedAt());
    }

    @Test
    void shouldCountBatchWhenItIsTheNextRoundAfterACompleteOne() {
        BudgetState roundZeroDone = apply(open(10), batch(0, "a"), label("a", 0));

        Decision.Accepted accepted = accepted(decide(roundZeroDone, batch(1, "b", "c"), LATER));
        BudgetState state = accepted.state();

        assertEquals(1, state.getRound());
        assertEquals(3, state.getQueried());
        assertEquals(List.of("b", "c"), accepted.newlyQueried());
        assertEquals(List.of(summary(0, 1, 1, null), summary(1, 2, 0, null)), state.getRounds());
    }

    @Test
    void shouldCountBatchWhenItExhaustsTheBudgetExactly() {
        BudgetState state = accepted(decide(open(2), batch(0, "a", "b"), LATER)).state();

        assertEquals(2, state.getQueried());
        assertEquals(0, state.getRemaining());
    }

    @Test
    void shouldIgnoreBatchWhenSameRoundAndIdsAreRedeliveredEvenAfterStop() {
        BudgetState queried = apply(open(10), batch(0, "a", "b"));
        BudgetState stopped = apply(queried, stopped());

        assertInstanceOf(Decision.Ignored.class, decide(queried, batch(0, "b", "a"), LATER));
        assertInstanceOf(Decision.Ignored.class, decide(stopped, batch(0, "a", "b"), LATER));
    }

    @Test
    void shouldRejectBatchWhenCampaignIsNotActive() {
        BudgetState stopped = apply(open(10), stopped());
        BudgetState completed = apply(open(1), batch(0, "a"), label("a", 0));

        assertEquals("campaign c1 is STOPPED; query batch of round 0 refused",
                reason(decide(stopped, batch(0, "a"), LATER)));
        assertEquals("campaign c1 is COMPLETED; query batch of round 1 refused",
                reason(decide(completed, batch(1, "b"), LATER)));
    }

    @Test
    void shouldRejectBatchWhenRoundIsNotTheNextOne() {
        BudgetState roundZeroDone = apply(open(10), batch(0, "a"), label("a", 0));

        assertEquals("expected round 1 of campaign c1, got round 2",
                reason(decide(roundZeroDone, batch(2, "b"), LATER)));
        assertEquals("expected round 1 of campaign c1, got round 0",
                reason(decide(roundZeroDone, batch(0, "b"), LATER)));
        assertEquals("expected round 0 of campaign c1, got round -1",
                reason(decide(open(10), batch(-1, "b"), LATER)));
    }

    @Test
    void shouldRejectBatchWhenPreviousRoundIsIncomplete() {
        BudgetState halfLabeled = apply(open(10), batch(0, "a", "b"), label("a", 0));

        assertEquals("round 0 of campaign c1 is not complete (1 of 2 labeled); round 1 refused",
                reason(decide(halfLabeled, batch(1, "c"), LATER)));
    }

    @Test
    void shouldRejectBatchWhenItHasNoSampleIds() {
        assertEquals("query batch of round 0 has no sampleIds", reason(decide(open(10), batch(0), LATER)));
    }

    @Test
    void shouldRejectBatchWhenNumClassesIsBelowOne() {
        QueryBatch noClasses = QueryBatch.newBuilder(batch(0, "a")).setNumClasses(0).build();

        assertEquals("numClasses must be >= 1, got 0", reason(decide(open(10), noClasses, LATER)));
    }

    @Test
    void shouldRejectBatchWhenNumClassesDiffersFromTheCampaigns() {
        BudgetState roundZeroDone = apply(open(10), batch(0, "a"), label("a", 0));
        QueryBatch fiveClasses = QueryBatch.newBuilder(batch(1, "b")).setNumClasses(5).build();

        assertEquals("numClasses 5 differs from the campaign's 3",
                reason(decide(roundZeroDone, fiveClasses, LATER)));
    }

    @Test
    void shouldRejectBatchWhenIdsWereQueriedInAnEarlierRound() {
        BudgetState roundZeroDone = apply(open(10), batch(0, "a"), label("a", 0));

        assertEquals("sampleIds already queried in campaign c1 or repeated in the batch: a",
                reason(decide(roundZeroDone, batch(1, "b", "a"), LATER)));
    }

    @Test
    void shouldRejectBatchWhenIdsRepeatInsideItNamingAtMostFive() {
        String[] repeats = IntStream.range(0, 7).boxed().flatMap(i -> Stream.of("s" + i, "s" + i))
                .toArray(String[]::new);

        assertEquals("sampleIds already queried in campaign c1 or repeated in the batch: a",
                reason(decide(open(10), batch(0, "a", "b", "a"), LATER)));
        assertEquals("sampleIds already queried in campaign c1 or repeated in the batch: s0, s1, s2, s3, s4"
                + " (and 2 more)", reason(decide(open(20), batch(0, repeats), LATER)));
    }

    @Test
    void shouldRejectBatchWhenItWouldExceedTheBudget() {
        BudgetState roundZeroDone = apply(open(3), batch(0, "a", "b"), label("a", 0), label("b", 1));

        assertEquals("would exceed budget: queried 2 + 2 > budget 3",
                reason(decide(roundZeroDone, batch(1, "c", "d"), LATER)));
    }

    // ---------------------------------------------------------------- LabelReceived

    @Test
    void shouldPublishALabelsStateEveryProgressStepAndWhenItCompletesTheRound() {
        int batch = 2 * BudgetLedger.PROGRESS_EVERY + 7;
        String[] ids = new String[batch];
        for (int i = 0; i < batch; i++) {
            ids[i] = "s" + i;
        }
        BudgetState state = apply(open(1000), batch(0, ids));
        List<Integer> published = new ArrayList<>();
        for (String id : ids) {
            Decision.Accepted accepted = accepted(decide(state, label(id, 1), LATER));
            state = accepted.state();
            if (accepted.publish()) {
                published.add(state.getLabeled());
            }
        }

        assertEquals(List.of(BudgetLedger.PROGRESS_EVERY, 2 * BudgetLedger.PROGRESS_EVERY, batch), published,
                "progress every PROGRESS_EVERY labels, then the round's last");
        assertTrue(state.getRoundComplete());
    }

    @Test
    void shouldCountLabelWhenItAnswersAQueryAndStoreItsStateMidRound() {
        BudgetState queried = apply(open(10), batch(0, "a", "b"));

        Decision.Accepted accepted = accepted(decide(queried, label("b", 2), LATER));

        BudgetState state = accepted.state();
        assertFalse(accepted.publish(), "one label of two: neither the round's last nor a multiple of PROGRESS_EVERY");
        assertEquals(1, state.getLabeled());
        assertEquals(LabeledSample.newBuilder().setCampaignId(C).setSampleId("b").setLabel(2).setRound(0)
                .setAnnotatorId("test").setLabeledAt(T0).setSequence(0).build(), accepted.newLabel(),
                "the label with its annotator and its place in the acceptance order");
        assertEquals(List.of(summary(0, 2, 1, null)), state.getRounds());
        assertFalse(state.getRoundComplete());
        assertEquals(CampaignStatus.ACTIVE, state.getStatus());
        assertEquals(LATER, state.getUpdatedAt());
    }

    @Test
    void shouldNumberLabelsInTheOrderTheyAreAccepted() {
        BudgetState twoLabeled = apply(open(10), batch(0, "a", "b", "c"), label("c", 0), label("a", 1));

        Decision.Accepted third = accepted(decide(twoLabeled, label("b", 2), LATER));

        assertEquals(2, third.newLabel().getSequence(), "c is 0, a is 1, b is 2");
        assertEquals(3, third.state().getLabeled());
    }

    /**
     * The tracker keeps a campaign's ledger as an object between records and the label rule shares
     * its values with the new state: the rule must build new ones, never change the given ledger.
     */
    @Test
    void shouldLeaveTheGivenLedgerAsItWasWhenALabelCounts() {
        BudgetState oneLabeled = apply(open(10), batch(0, "a", "b", "c"), label("a", 1));
        BudgetState before = BudgetState.newBuilder(oneLabeled).build();

        BudgetState after = accepted(decide(oneLabeled, label("b", 2), LATER)).state();

        assertEquals(before, oneLabeled, "counts, round summaries, annotators and times of the given ledger");
        assertEquals(List.of(summary(0, 3, 2, null)), after.getRounds());
        assertEquals(Map.of("test", 2), after.getAnnotators());
    }

    /** O(1) in the budget: a label reads its own sample, never the labels before it. */
    @Test
    void shouldLookUpOnlyTheLabeledSampleWhateverTheLedgerHolds() {
        String[] ids = IntStream.range(0, 500).mapToObj(i -> "s" + i).toArray(String[]::new);
        BudgetState state = apply(open(1000), batch(0, ids));
        for (int i = 0; i < 499; i++) {
            state = apply(state, label(ids[i], i % 3));
        }
        CountingLookup counting = new CountingLookup(samples);

        accepted(ledger.decide(state, counting, label("s499", 1), LATER));

        assertEquals(List.of("queriedRound s499", "acceptedLabel s499"), counting.calls);
    }

    @Test
    void shouldCountAcceptedLabelsPerAnnotatorWhenPeopleAndVendorsShareACampaign() {
        BudgetState queried = apply(open(10), batch(0, "a", "b", "c", "d"));
        assertEquals(Map.of(), queried.getAnnotators(), "no label, no annotator");

        BudgetState state = apply(queried, label("a", 0, "alice"), label("b", 1, "acme"), label("c", 2, "alice"));

        assertEquals(Map.of("alice", 2, "acme", 1), state.getAnnotators());
        assertInstanceOf(Decision.Ignored.class, decide(state, label("a", 0, "acme"), LATER),
                "a second annotator repeating an accepted answer buys nothing, so counts for nobody");
        reason(decide(state, label("b", 2, "alice"), LATER));
    }

    /** The counts grow with the annotators, not with the labels: a state of 300 labels by 3 people has 3 entries. */
    @Test
    void shouldKeepOneCountPerAnnotatorWhateverTheBudget() {
        String[] ids = IntStream.range(0, 300).mapToObj(i -> "s" + i).toArray(String[]::new);
        BudgetState state = apply(open(300), batch(0, ids));
        for (int i = 0; i < ids.length; i++) {
            state = apply(state, label(ids[i], i % 3, "annotator-" + (i % 3)));
        }

        assertEquals(Map.of("annotator-0", 100, "annotator-1", 100, "annotator-2", 100), state.getAnnotators());
        assertEquals(state.getLabeled(), state.getAnnotators().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void shouldCompleteRoundWhenItsLastSampleIsLabeled() {
        BudgetState oneLeft = apply(open(10), batch(0, "a", "b"), label("a", 0));

        BudgetState state = accepted(decide(oneLeft, label("b", 1), LATER)).state();

        assertTrue(state.getRoundComplete());
        assertEquals(List.of(summary(0, 2, 2, null)), state.getRounds());
        assertEquals(CampaignStatus.ACTIVE, state.getStatus(), "budget 10 is not labeled yet");
    }

    @Test
    void shouldCompleteCampaignWhenBudgetIsLabeled() {
        BudgetState oneLeft = apply(open(3), batch(0, "a"), label("a", 0), batch(1, "b", "c"), label("b", 0));

        BudgetState state = accepted(decide(oneLeft, label("c", 1), LATER)).state();

        assertEquals(CampaignStatus.COMPLETED, state.getStatus());
        assertEquals(3, state.getLabeled());
        assertTrue(state.getRoundComplete());
    }

    @Test
    void shouldRejectLabelWhenItAnswersNoQuery() {
        BudgetState queried = apply(open(10), batch(0, "a"));

        assertEquals("sample z answers no query of campaign c1", reason(decide(queried, label("z", 0), LATER)));
    }

    @Test
    void shouldRejectLabelWhenItIsOutsideTheClasses() {
        BudgetState queried = apply(open(10), batch(0, "a"));

        assertEquals("label 3 of sample a is outside [0, 3)", reason(decide(queried, label("a", 3), LATER)));
        assertEquals("label -1 of sample a is outside [0, 3)", reason(decide(queried, label("a", -1), LATER)));
    }

    @Test
    void shouldIgnoreLabelWhenSameAnswerIsRedeliveredEvenAfterStop() {
        BudgetState labeled = apply(open(10), batch(0, "a", "b"), label("a", 1));
        BudgetState stopped = apply(labeled, stopped());

        assertInstanceOf(Decision.Ignored.class, decide(labeled, label("a", 1), LATER));
        assertInstanceOf(Decision.Ignored.class, decide(stopped, label("a", 1), LATER));
    }

    @Test
    void shouldRejectLabelWhenItContradictsAnAcceptedOne() {
        BudgetState labeled = apply(open(10), batch(0, "a", "b"), label("a", 1));

        assertEquals("sample a already has label 1; conflicting label 2 ignored",
                reason(decide(labeled, label("a", 2), LATER)));
    }

    @Test
    void shouldRejectLabelWhenCampaignIsStopped() {
        BudgetState stopped = apply(open(10), batch(0, "a"), stopped());

        assertEquals("campaign c1 is STOPPED; label of sample a refused",
                reason(decide(stopped, label("a", 0), LATER)));
    }

    // ---------------------------------------------------------------- RoundEvaluated

    @Test
    void shouldStoreAccuracyWithoutPublishingWhenRoundIsEvaluated() {
        BudgetState labeled = apply(open(10), batch(0, "a"), label("a", 0));

        Decision.Accepted accepted = accepted(decide(labeled, evaluated(0, 0.75), LATER));

        assertFalse(accepted.publish());
        assertEquals(List.of(summary(0, 1, 1, 0.75)), accepted.state().getRounds());
        assertEquals(labeled.getUpdatedAt(), accepted.state().getUpdatedAt(), "stored only, so not re-stamped");
        assertEquals(BudgetState.newBuilder(labeled).setRounds(accepted.state().getRounds()).build(), accepted.state());
    }

    @Test
    void shouldRejectEvaluationWhenRoundIsUnknown() {
        BudgetState queried = apply(open(10), batch(0, "a"));

        assertEquals("campaign c1 has no round 1", reason(decide(queried, evaluated(1, 0.5), LATER)));
        assertEquals("campaign c1 has no round 0", reason(decide(open(10), evaluated(0, 0.5), LATER)));
    }

    @Test
    void shouldRejectEvaluationWhenAccuracyIsOutsideZeroToOne() {
        BudgetState queried = apply(open(10), batch(0, "a"));

        assertEquals("testAccuracy 1.5 of round 0 is outside [0, 1]",
                reason(decide(queried, evaluated(0, 1.5), LATER)));
        assertEquals("testAccuracy NaN of round 0 is outside [0, 1]",
                reason(decide(queried, evaluated(0, Double.NaN), LATER)));
    }

    // ---------------------------------------------------------------- CampaignFailed, CampaignResumed

    @Test
    void shouldMarkFailedWithTheReasonAndPublishWhenAServiceCannotGoOn() {
        Decision.Accepted accepted = accepted(decide(open(10), failed("unknown encoder spec 'nope'"), LATER));

        assertTrue(accepted.publish());
        assertEquals(CampaignStatus.FAILED, accepted.state().getStatus());
        assertEquals(failed("unknown encoder spec 'nope'"), accepted.state().getFailure());
        assertEquals(LATER, accepted.state().getUpdatedAt());
    }

    @Test
    void shouldIgnoreTheSameFailureRedeliveredAndRecordANewOne() {
        BudgetState failed = apply(open(10), failed("first"));

        assertInstanceOf(Decision.Ignored.class, decide(failed, failed("first"), LATER));
        assertEquals("second", accepted(decide(failed, failed("second"), LATER)).state().getFailure().getReason());
    }

    @Test
    void shouldRejectAFailureWhenTheCampaignIsStoppedOrCompleted() {
        BudgetState stopped = apply(open(10), stopped());
        BudgetState completed = apply(open(1), batch(0, "a"), label("a", 0));

        assertEquals("campaign c1 is STOPPED; failure not recorded: r", reason(decide(stopped, failed("r"), LATER)));
        assertEquals("campaign c1 is COMPLETED; failure not recorded: r", reason(decide(completed, failed("r"), LATER)));
    }

    @Test
    void shouldKeepLabelsButRefuseBatchesAndCompletionWhileFailed() {
        BudgetState failed = apply(open(2), batch(0, "a", "b"), label("a", 0), failed("scorer down"));

        BudgetState labeled = accepted(decide(failed, label("b", 1), LATER)).state();
        assertEquals(2, labeled.getLabeled(), "the label answers a query: counted");
        assertEquals(CampaignStatus.FAILED, labeled.getStatus(), "not COMPLETED until resumed");
        assertTrue(reason(decide(failed, batch(1, "c"), LATER)).contains("is FAILED"));
    }

    @Test
    void shouldResumeAFailedCampaignClearingTheFailureAndPublish() {
        BudgetState failed = apply(open(10), batch(0, "a"), failed("dataset missing"));

        Decision.Accepted accepted = accepted(decide(failed, resumed(), LATER));
        assertTrue(accepted.publish());
        assertEquals(CampaignStatus.ACTIVE, accepted.state().getStatus());
        assertNull(accepted.state().getFailure());
        assertEquals(1, accepted.state().getQueried(), "the rest of the ledger is as it stood");
        assertInstanceOf(Decision.Ignored.class, decide(accepted.state(), resumed(), LATER), "again: redelivery");
    }

    @Test
    void shouldRejectAResumeWhenTheCampaignIsStoppedOrCompleted() {
        BudgetState stopped = apply(open(10), failed("x"), stopped());

        assertEquals("campaign c1 is STOPPED; only a FAILED campaign resumes", reason(decide(stopped, resumed(), LATER)));
    }

    // ---------------------------------------------------------------- helpers

    /** The rules with the per-sample lookups of the ledgers built so far; writes nothing. */
    private Decision decide(BudgetState state, SpecificRecord event, Instant eventTime) {
        return ledger.decide(state, samples, event, eventTime);
    }

    private BudgetState open(int budget) {
        Decision.Accepted accepted = accepted(decide(null, created(budget), T0));
        samples.write(accepted); // keeps the definition, as the tracker's processor does
        return accepted.state();
    }

    /** The ledger after events that must all be accepted, their per-sample writes carried out. */
    private BudgetState apply(BudgetState state, SpecificRecord... events) {
        for (SpecificRecord event : events) {
            Decision.Accepted accepted = accepted(decide(state, event, T0));
            samples.write(accepted);
            state = accepted.state();
        }
        return state;
    }

    private static Decision.Accepted accepted(Decision decision) {
        return assertInstanceOf(Decision.Accepted.class, decision);
    }

    private static String reason(Decision decision) {
        return assertInstanceOf(Decision.Rejected.class, decision).reason();
    }

    private static CampaignCreated created(int budget) {
        return CampaignCreated.newBuilder().setCampaignId(C).setDataset("synthetic").setBudget(budget)
                .setInitialSize(1).setBatchSize(2).setStrategy("entropy").setSeed(7L).setCreatedAt(T0).build();
    }

    private static CampaignStopped stopped() {
        return CampaignStopped.newBuilder().setCampaignId(C).setReason("test").setStoppedAt(T0).build();
    }

    private static CampaignFailed failed(String reason) {
        return CampaignFailed.newBuilder().setCampaignId(C).setReason(reason).setField("encoder").setValue("nope")
                .setService("trainer").setFailedAt(T0).build();
    }

    private static CampaignResumed resumed() {
        return CampaignResumed.newBuilder().setCampaignId(C).setReason("fixed").setResumedAt(T0).build();
    }

    private static QueryBatch batch(int round, String... ids) {
        return QueryBatch.newBuilder().setCampaignId(C).setRound(round).setSampleIds(List.of(ids))
                .setNumClasses(3).setStrategy("entropy").setSelectionSeed(round).setCreatedAt(T0).build();
    }

    private static LabelReceived label(String sample, int label) {
        return label(sample, label, "test");
    }

    private static LabelReceived label(String sample, int label, String annotator) {
        return LabelReceived.newBuilder().setCampaignId(C).setRound(0).setSampleId(sample).setLabel(label)
                .setAnnotatorId(annotator).setLabeledAt(T0).build();
    }

    private static RoundEvaluated evaluated(int round, double accuracy) {
        return RoundEvaluated.newBuilder().setCampaignId(C).setRound(round).setLabeledCount(0)
                .setTestAccuracy(accuracy).setHead("softmax").setStrategy("entropy").setDurationMs(1L)
                .setEvaluatedAt(T0).build();
    }

    private static RoundSummary summary(int round, int queried, int labeled, Double accuracy) {
        return RoundSummary.newBuilder().setRound(round).setQueried(queried).setLabeled(labeled)
                .setTestAccuracy(accuracy).build();
    }


    /** A lookup that records what the rules ask. */
    private static final class CountingLookup implements SampleLookup {
        private final SampleLookup inner;
        private final List<String> calls = new java.util.ArrayList<>();

        CountingLookup(SampleLookup inner) {
            this.inner = inner;
        }

        @Override
        public Integer queriedRound(String campaignId, String sampleId) {
            calls.add("queriedRound " + sampleId);
            return inner.queriedRound(campaignId, sampleId);
        }

        @Override
        public LabeledSample acceptedLabel(String campaignId, String sampleId) {
            calls.add("acceptedLabel " + sampleId);
            return inner.acceptedLabel(campaignId, sampleId);
        }

        @Override
        public CampaignCreated definition(String campaignId) {
            calls.add("definition " + campaignId);
            return inner.definition(campaignId);
        }
    }
}
