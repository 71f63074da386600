package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStatus;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.RoundSummary;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;
import org.ssal.service.ProducerHeader;

/** The budget tracker's rules (DESIGN §4, §5) in TopologyTestDriver, with fixed times. */
class BudgetTopologyTest {
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant WALL_CLOCK = Instant.parse("2025-03-01T12:00:00Z");
    private static final String C = "c1";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> campaigns;
    private TestInputTopic<String, byte[]> queryBatches;
    private TestInputTopic<String, byte[]> labels;
    private TestInputTopic<String, byte[]> evaluations;
    private TestOutputTopic<String, byte[]> budgetStates;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> acceptedLabels;
    private KeyValueStore<String, BudgetState> ledger;
    private KeyValueStore<String, Integer> queriedRounds;
    private KeyValueStore<String, byte[]> labelStore;
    private int tick;

    @BeforeEach
    void startDriver() {
        open(BudgetTopology.buildForTestDriver());
    }

    private void open(org.apache.kafka.streams.Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props, WALL_CLOCK);
        campaigns = input(Topics.CAMPAIGNS);
        queryBatches = input(Topics.QUERY_BATCH);
        labels = input(Topics.LABELS_RECEIVED);
        evaluations = input(Topics.ROUND_EVALUATED);
        budgetStates = driver.createOutputTopic(Topics.BUDGET_STATE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        acceptedLabels = driver.createOutputTopic(Topics.LABELS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        ledger = driver.getKeyValueStore(BudgetTopology.LEDGER_STORE);
        queriedRounds = driver.getKeyValueStore(BudgetTopology.QUERIED_STORE);
        labelStore = driver.getKeyValueStore(BudgetTopology.LABEL_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // ---------------------------------------------------------------- CampaignCreated

    @Test
    void shouldOpenLedgerWhenCampaignCreated() {
        pipe(campaigns, C, created(C, 10));

        BudgetState state = single(publishedStates());
        assertEquals(C, state.getCampaignId());
        assertEquals(10, state.getBudget());
        assertEquals(0, state.getQueried());
        assertEquals(0, state.getLabeled());
        assertEquals(10, state.getRemaining());
        assertEquals(-1, state.getRound());
        assertFalse(state.getRoundComplete());
        assertEquals(CampaignStatus.ACTIVE, state.getStatus());
        assertEquals("synthetic", state.getDataset());
        assertEquals("entropy", state.getStrategy());
        assertEquals(T0.plusSeconds(1), state.getUpdatedAt());
        assertEquals(state, ledger.get(C));
        assertTrue(rejections().isEmpty());
    }

    @Test
    void shouldChangeNothingWhenIdenticalCampaignCreatedIsRepeated() {
        pipe(campaigns, C, created(C, 10));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(campaigns, C, created(C, 10));

        assertTrue(publishedStates().isEmpty());
        assertTrue(rejections().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterDifferentCampaignCreatedWithExistingId() {
        pipe(campaigns, C, created(C, 10));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(campaigns, C, created(C, 20));

        assertTrue(publishedStates().isEmpty());
        assertEquals("campaign c1 already exists with another definition: budget is 10, the new definition says 20",
                single(rejections()).getReason());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterARedefinitionNamingAFieldOutsideTheLedgerAndIgnoreAnIdenticalResend() {
        pipe(campaigns, C, created(C, 10));
        publishedStates();

        pipe(campaigns, C, CampaignCreated.newBuilder(created(C, 10)).setCreatedAt(T0.plusSeconds(60)).build());
        assertTrue(rejections().isEmpty(), "the same definition, sent again later, is a redelivery");
        pipe(campaigns, C, CampaignCreated.newBuilder(created(C, 10)).setHead("svm").build());

        Rejected rejected = single(rejections());
        assertTrue(rejected.getReason().startsWith("campaign c1 already exists with another definition: head is "),
                rejected.getReason());
        assertEquals(created(C, 10), driver.<String, CampaignCreated>getKeyValueStore(BudgetTopology.DEFINITION_STORE)
                .get(C), "the first definition stays");
        assertTrue(publishedStates().isEmpty());
    }

    @Test
    void shouldStampEveryOutputAsTheBudgetTrackers() {
        pipe(campaigns, C, created(C, 10));
        pipe(campaigns, C, created(C, 20)); // a dead letter

        for (TestOutputTopic<String, byte[]> topic : List.of(budgetStates, deadLetters)) {
            var records = topic.readRecordsToList();
            assertFalse(records.isEmpty());
            for (var record : records) {
                Header header = record.headers().lastHeader(ProducerHeader.NAME);
                assertEquals(ProducerHeader.BUDGET_TRACKER, header == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
                assertNull(record.headers().lastHeader("ssal.origin.topic"), "the inputs' origin headers stay inside");
            }
        }
    }

    @Test
    void shouldCountDecisionsByEventDecisionAndRule() {
        driver.close();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        open(BudgetTopology.buildForTestDriver(TrackerTopics.DEFAULT, Stores::persistentKeyValueStore, registry));

        pipe(campaigns, C, created(C, 10));
        pipe(campaigns, C, created(C, 10));
        pipe(campaigns, C, created(C, 20));
        pipe(labels, C, LabelReceived.newBuilder().setCampaignId(C).setRound(0).setSampleId("never-asked").setLabel(0)
                .setAnnotatorId("a").setLabeledAt(T0).build());

        assertEquals(1.0, registry.get("ssal.tracker.decisions").tag("event", "CampaignCreated")
                .tag("decision", "accepted").counter().count());
        assertEquals(1.0, registry.get("ssal.tracker.decisions").tag("event", "CampaignCreated")
                .tag("decision", "ignored").counter().count());
        assertEquals(1.0, registry.get("ssal.tracker.decisions").tag("event", "CampaignCreated")
                .tag("decision", "rejected").tag("rule", "campaign-redefined").counter().count());
        assertEquals(1.0, registry.get("ssal.tracker.decisions").tag("event", "LabelReceived")
                .tag("decision", "rejected").tag("rule", "not-queried").counter().count());
        assertEquals(1.0, registry.get("ssal.dead.letters").tag("service", "budget-tracker")
                .tag("reason", "not-queried").counter().count());
    }

    // ---------------------------------------------------------------- QueryBatch

    @Test
    void shouldAcceptFirstBatchAsRoundZero() {
        pipe(campaigns, C, created(C, 10));
        publishedStates();

        pipe(queryBatches, C, batch(C, 0, "a", "b", "c"));

        BudgetState state = single(publishedStates());
        assertEquals(3, state.getQueried());
        assertEquals(7, state.getRemaining());
        assertEquals(0, state.getRound());
        assertFalse(state.getRoundComplete());
        assertEquals(3, state.getNumClasses());
        assertEquals(Map.of("a", 0, "b", 0, "c", 0), queriedOf(C));
        assertEquals(List.of(summary(0, 3, 0, null)), state.getRounds());
        assertEquals(state, ledger.get(C));
        assertTrue(rejections().isEmpty());
    }

    @Test
    void shouldDeadLetterBatchWhenCampaignIsUnknown() {
        pipe(queryBatches, "nope", batch("nope", 0, "a"));

        assertEquals("unknown campaign nope", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertNull(ledger.get("nope"));
    }

    @Test
    void shouldDeadLetterBatchWhenCampaignIsStopped() {
        pipe(campaigns, C, created(C, 10));
        pipe(campaigns, C, stopped(C));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(queryBatches, C, batch(C, 0, "a"));

        assertEquals("campaign c1 is STOPPED; query batch of round 0 refused", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterBatchWhenCampaignIsCompleted() {
        pipe(campaigns, C, created(C, 2));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 0));
        pipe(labels, C, label(C, "b", 1));
        assertEquals(CampaignStatus.COMPLETED, ledger.get(C).getStatus());
        publishedStates();

        pipe(queryBatches, C, batch(C, 1, "c"));

        assertEquals("campaign c1 is COMPLETED; query batch of round 1 refused", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
    }

    @Test
    void shouldIgnoreBatchWhenItIsRedelivered() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(queryBatches, C, batch(C, 0, "b", "a"));

        assertTrue(publishedStates().isEmpty());
        assertTrue(rejections().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterBatchWhenRoundIsNotTheNextOne() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 1, "a"));
        assertEquals("expected round 0 of campaign c1, got round 1", single(rejections()).getReason());

        pipe(queryBatches, C, batch(C, 0, "a"));
        pipe(labels, C, label(C, "a", 0));
        pipe(queryBatches, C, batch(C, 2, "b"));
        assertEquals("expected round 1 of campaign c1, got round 2", single(rejections()).getReason());

        pipe(queryBatches, C, batch(C, 0, "z")); // round 0 again, other ids: not a redelivery
        assertEquals("expected round 1 of campaign c1, got round 0", single(rejections()).getReason());
        assertEquals(0, ledger.get(C).getRound());
        assertEquals(1, ledger.get(C).getQueried());
    }

    @Test
    void shouldDeadLetterBatchWhenPreviousRoundIsIncomplete() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 0));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(queryBatches, C, batch(C, 1, "c"));

        assertEquals("round 0 of campaign c1 is not complete (1 of 2 labeled); round 1 refused",
                single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterBatchWhenIdsWereAlreadyQueried() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 0));
        pipe(labels, C, label(C, "b", 0));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(queryBatches, C, batch(C, 1, "c", "b"));

        assertEquals("sampleIds already queried in campaign c1 or repeated in the batch: b",
                single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterBatchWhenIdsRepeatInsideIt() {
        pipe(campaigns, C, created(C, 10));
        publishedStates();

        pipe(queryBatches, C, batch(C, 0, "a", "b", "a"));

        assertEquals("sampleIds already queried in campaign c1 or repeated in the batch: a",
                single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(0, ledger.get(C).getQueried());
    }

    @Test
    void shouldDeadLetterBatchWhenItWouldExceedBudget() {
        pipe(campaigns, C, created(C, 3));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 0));
        pipe(labels, C, label(C, "b", 0));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(queryBatches, C, batch(C, 1, "c", "d"));

        Rejected rejected = single(rejections());
        assertEquals("would exceed budget: queried 2 + 2 > budget 3", rejected.getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));

        pipe(queryBatches, C, batch(C, 1, "c")); // exactly the rest of the budget is fine
        assertEquals(3, single(publishedStates()).getQueried());
        assertEquals(0, ledger.get(C).getRemaining());
    }

    // ---------------------------------------------------------------- LabelReceived

    @Test
    void shouldCountLabelsAndCompleteRoundWhenEverySampleIsLabeled() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        publishedStates();

        pipe(labels, C, label(C, "b", 2));
        assertTrue(publishedStates().isEmpty(), "a label mid-round is stored, not published");
        BudgetState half = ledger.get(C);
        assertEquals(1, half.getLabeled());
        assertFalse(half.getRoundComplete());
        assertEquals(List.of(summary(0, 2, 1, null)), half.getRounds());

        pipe(labels, C, label(C, "a", 0));
        BudgetState full = single(publishedStates());
        assertEquals(2, full.getLabeled());
        assertTrue(full.getRoundComplete());
        assertEquals(CampaignStatus.ACTIVE, full.getStatus());
        assertEquals(List.of(sample(C, "b", 2, 0, 0), sample(C, "a", 0, 0, 1)), publishedLabels(),
                "each label once on the labels topic, with its annotator, in acceptance order");
        assertEquals(List.of(sample(C, "a", 0, 0, 1), sample(C, "b", 2, 0, 0)), labelsOf(C));
        assertEquals(List.of(summary(0, 2, 2, null)), full.getRounds());
        assertEquals(full, ledger.get(C));
        assertTrue(rejections().isEmpty());
    }

    @Test
    void shouldCompleteCampaignWhenBudgetIsLabeled() {
        pipe(campaigns, C, created(C, 3));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 0));
        pipe(labels, C, label(C, "b", 1));
        pipe(queryBatches, C, batch(C, 1, "c"));
        publishedStates();

        pipe(labels, C, label(C, "c", 2));

        BudgetState state = single(publishedStates());
        assertEquals(CampaignStatus.COMPLETED, state.getStatus());
        assertEquals(3, state.getLabeled());
        assertEquals(0, state.getRemaining());
        assertEquals(sample(C, "c", 2, 1, 2), BudgetTopology.decodeLabel(labelStore.get(org.ssal.schemas.LabelKeys.key(C, "c"))));
        assertEquals(List.of(summary(0, 2, 2, null), summary(1, 1, 1, null)), state.getRounds());
        assertEquals(state, ledger.get(C));
    }

    @Test
    void shouldDeadLetterLabelWhenCampaignIsUnknown() {
        pipe(labels, "nope", label("nope", "a", 0));

        assertEquals("unknown campaign nope", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertNull(ledger.get("nope"));
    }

    @Test
    void shouldDeadLetterLabelWhenItAnswersNoQuery() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a"));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(labels, C, label(C, "x", 0));

        assertEquals("sample x answers no query of campaign c1", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterLabelWhenItIsOutsideTheClasses() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a"));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(labels, C, label(C, "a", 3));
        pipe(labels, C, label(C, "a", -1));

        List<Rejected> rejected = rejections();
        assertEquals("label 3 of sample a is outside [0, 3)", rejected.get(0).getReason());
        assertEquals("label -1 of sample a is outside [0, 3)", rejected.get(1).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldCountLabelOnceWhenItIsRedelivered() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 1));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(labels, C, label(C, "a", 1));

        assertTrue(publishedStates().isEmpty());
        assertTrue(rejections().isEmpty());
        assertEquals(before, ledger.get(C));
        assertEquals(1, ledger.get(C).getLabeled());
    }

    @Test
    void shouldDeadLetterLabelWhenItContradictsAnAcceptedOne() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 1));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(labels, C, label(C, "a", 2));

        assertEquals("sample a already has label 1; conflicting label 2 ignored", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    @Test
    void shouldDeadLetterLabelWhenCampaignIsStopped() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a", "b"));
        pipe(labels, C, label(C, "a", 1));
        pipe(campaigns, C, stopped(C));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(labels, C, label(C, "b", 1));
        pipe(labels, C, label(C, "a", 1)); // a redelivery of an accepted label stays quiet

        assertEquals("campaign c1 is STOPPED; label of sample b refused", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    // ---------------------------------------------------------------- RoundEvaluated

    @Test
    void shouldStoreAccuracyWithoutPublishingWhenRoundIsEvaluated() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a"));
        pipe(labels, C, label(C, "a", 1));
        publishedStates();

        pipe(evaluations, C, evaluated(C, 0, 0.75));

        assertTrue(publishedStates().isEmpty());
        assertTrue(rejections().isEmpty());
        assertEquals(List.of(summary(0, 1, 1, 0.75)), ledger.get(C).getRounds());

        pipe(queryBatches, C, batch(C, 1, "b")); // the next published state carries it
        assertEquals(0.75, single(publishedStates()).getRounds().get(0).getTestAccuracy());
    }

    @Test
    void shouldDeadLetterEvaluationWhenCampaignOrRoundIsUnknown() {
        pipe(evaluations, "nope", evaluated("nope", 0, 0.5));
        assertEquals("unknown campaign nope", single(rejections()).getReason());

        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a"));
        BudgetState before = ledger.get(C);
        publishedStates();

        pipe(evaluations, C, evaluated(C, 1, 0.5));
        pipe(evaluations, C, evaluated(C, 0, 1.5));

        List<Rejected> rejected = rejections();
        assertEquals("campaign c1 has no round 1", rejected.get(0).getReason());
        assertEquals("testAccuracy 1.5 of round 0 is outside [0, 1]", rejected.get(1).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(before, ledger.get(C));
    }

    // ---------------------------------------------------------------- CampaignStopped

    @Test
    void shouldStopCampaignOnceWhenStopIsRepeated() {
        pipe(campaigns, C, created(C, 10));
        publishedStates();

        pipe(campaigns, C, stopped(C));
        BudgetState state = single(publishedStates());
        assertEquals(CampaignStatus.STOPPED, state.getStatus());
        assertEquals(state, ledger.get(C));

        pipe(campaigns, C, stopped(C));
        assertTrue(publishedStates().isEmpty());
        assertTrue(rejections().isEmpty());
        assertEquals(state, ledger.get(C));
    }

    @Test
    void shouldDeadLetterStopWhenCampaignIsUnknownOrCompleted() {
        pipe(campaigns, "nope", stopped("nope"));
        assertEquals("unknown campaign nope", single(rejections()).getReason());
        assertNull(ledger.get("nope"));

        pipe(campaigns, C, created(C, 1));
        pipe(queryBatches, C, batch(C, 0, "a"));
        pipe(labels, C, label(C, "a", 0));
        publishedStates();
        pipe(campaigns, C, stopped(C));
        assertEquals("campaign c1 is already COMPLETED", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());
        assertEquals(CampaignStatus.COMPLETED, ledger.get(C).getStatus());
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void shouldDeadLetterMalformedBytesOnEveryInputAndKeepRunning() {
        byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
        List<TestInputTopic<String, byte[]>> inputs = List.of(campaigns, queryBatches, labels, evaluations);
        for (TestInputTopic<String, byte[]> input : inputs) {
            input.pipeInput(C, garbage, T0);
        }

        List<Rejected> rejected = rejections();
        assertEquals(4, rejected.size());
        for (int i = 0; i < 4; i++) {
            Rejected r = rejected.get(i);
            assertEquals(BudgetTopology.INPUT_TOPICS.get(i), r.getTopic());
            assertEquals(0, r.getPartition());
            assertEquals(0L, r.getOffset());
            assertEquals(C, r.getKey());
            assertArrayEquals(garbage, bytes(r.getPayload()));
            assertEquals("budget-tracker", r.getService());
            assertEquals(WALL_CLOCK, r.getRejectedAt());
            assertTrue(r.getReason().startsWith("not an Avro single-object encoded event"), r.getReason());
        }
        byte[] truncated = EventCodec.encode(created(C, 10));
        campaigns.pipeInput(C, java.util.Arrays.copyOf(truncated, 14), T0);
        assertTrue(single(rejections()).getReason().startsWith("corrupt CampaignCreated body"));
        campaigns.pipeInput(C, null, T0);
        assertEquals("empty record value (null)", single(rejections()).getReason());
        assertTrue(publishedStates().isEmpty());

        pipe(campaigns, C, created(C, 10)); // still running
        assertEquals(10, single(publishedStates()).getBudget());
        assertEquals(10, ledger.get(C).getBudget());
    }

    @Test
    void shouldDeadLetterEventWhenItIsNotAnEventOfItsTopic() {
        pipe(campaigns, C, created(C, 10));
        publishedStates();

        pipe(campaigns, C, label(C, "a", 0));

        Rejected rejected = single(rejections());
        assertEquals("unexpected LabelReceived event on topic campaigns", rejected.getReason());
        assertEquals(Topics.CAMPAIGNS, rejected.getTopic(), "the topic it was written to, not the repartition topic");
        assertTrue(publishedStates().isEmpty());
    }

    /** The campaign id in the value decides, not the producer's key (nor the partition it chose). */
    @Test
    void shouldCountEventsOnceWhateverKeyTheProducerGaveThem() {
        pipe(campaigns, null, created(C, 10));
        pipe(queryBatches, "other", batch(C, 0, "a", "b"));
        pipe(labels, "vendor-key", label(C, "a", 1));
        pipe(labels, null, label(C, "a", 1));
        pipe(labels, C, label(C, "b", 0));

        BudgetState state = ledger.get(C);
        assertEquals(2, state.getQueried());
        assertEquals(2, state.getLabeled(), "the redelivered label of a counted once");
        assertTrue(state.getRoundComplete());
        assertTrue(rejections().isEmpty());
        assertEquals(List.of("c1\u0000a", "c1\u0000b"),
                acceptedLabels.readKeyValuesToList().stream().map(kv -> kv.key).toList());
        assertEquals(3, publishedStates().size(), "created, batch, the round's last label; each keyed by its campaign");
    }

    /**
     * Every input here sits on partition 0: a campaign partitioned there is judged at once, one
     * partitioned on 1 goes through the repartition topic first; both count the same.
     */
    @Test
    void shouldCountTheSameWhetherACampaignIsJudgedOnItsInputPartitionOrMovedToIts() {
        String direct = campaignOnPartition(0);
        String moved = campaignOnPartition(1);
        for (String id : List.of(direct, moved)) {
            pipe(campaigns, id, created(id, 10));
            pipe(queryBatches, id, batch(id, 0, "a", "b"));
            pipe(labels, id, label(id, "a", 1));
            pipe(labels, id, label(id, "a", 1));
            pipe(labels, id, label(id, "b", 0));
            if (id.equals(direct)) {
                assertFalse(driver.producedTopicNames().contains(BudgetTopology.REPARTITION_TOPIC),
                        "nothing of a campaign on its partition is written twice");
            }
        }
        assertTrue(driver.producedTopicNames().contains(BudgetTopology.REPARTITION_TOPIC));
        BudgetState judgedAtOnce = ledger.get(direct);
        BudgetState judgedAfterTheMove = ledger.get(moved);
        assertEquals(2, judgedAtOnce.getLabeled());
        assertTrue(judgedAtOnce.getRoundComplete());
        assertEquals(BudgetState.newBuilder(judgedAtOnce).setCampaignId(moved)
                .setUpdatedAt(judgedAfterTheMove.getUpdatedAt()).build(), judgedAfterTheMove, "the same but for id and time");
        assertTrue(rejections().isEmpty());
    }

    private static String campaignOnPartition(int partition) {
        for (int i = 0; ; i++) {
            String id = "c" + i;
            if (LabelKeys.partitionOf(id, TrackerTopics.DEFAULT.partitions()) == partition) {
                return id;
            }
        }
    }

    /** A dead-lettered record names where its producer wrote it, across the repartition topic. */
    @Test
    void shouldKeepTheOriginOfADeadLetteredRecordAcrossTheRepartition() {
        pipe(campaigns, C, created(C, 10));
        pipe(queryBatches, C, batch(C, 0, "a"));
        pipe(labels, "vendor-key", label(C, "a", 1));
        pipe(labels, "vendor-key", label(C, "z", 1));
        pipe(labels, null, label(C, "a", 2));

        List<Rejected> rejected = rejections();
        assertEquals(2, rejected.size());
        assertEquals("sample z answers no query of campaign c1", rejected.get(0).getReason());
        assertEquals(Topics.LABELS_RECEIVED, rejected.get(0).getTopic());
        assertEquals(0, rejected.get(0).getPartition());
        assertEquals(1L, rejected.get(0).getOffset(), "second record of labels-received");
        assertEquals("vendor-key", rejected.get(0).getKey());
        assertArrayEquals(EventCodec.encode(label(C, "z", 1)), bytes(rejected.get(0).getPayload()));
        assertEquals(2L, rejected.get(1).getOffset());
        assertNull(rejected.get(1).getKey(), "no key stays no key");
        assertEquals("sample a already has label 1; conflicting label 2 ignored", rejected.get(1).getReason());
    }

    // ---------------------------------------------------------------- properties (DESIGN §5)

    /**
     * A scorer and several oracles misbehave at random: batches of random size (some over budget,
     * some repeating ids, some for the wrong round), labels before their query, wrong classes,
     * duplicates, conflicting answers, stops, and redeliveries of anything accepted earlier. After
     * every record: the budget holds, each input caused at most one output, every accepted label
     * answers a query, and a redelivered accepted event changes nothing.
     */
    @Test
    void shouldNeverExceedBudgetWhenEventsInterleaveRandomly() {
        // thousands of records: the driver commits after each one, which would flush RocksDB each time
        driver.close();
        open(BudgetTopology.buildInMemory());
        Set<CampaignStatus> endings = new HashSet<>();
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            String campaign = "p" + seed;
            int budget = 5 + random.nextInt(30);
            List<Runnable> accepted = new ArrayList<>(); // replays of accepted events
            Set<String> queriedSoFar = new HashSet<>();
            Runnable create = () -> pipe(campaigns, campaign, created(campaign, budget));
            create.run();
            accepted.add(create);
            publishedStates();
            int nextId = 0;
            for (int step = 0; step < 300; step++) {
                BudgetState before = ledger.get(campaign);
                int choice = random.nextInt(100);
                Runnable event;
                boolean redelivery = false;
                if (choice < 20) {
                    int round = before.getRound() + (random.nextInt(5) == 0 ? random.nextInt(3) - 1 : 1);
                    List<String> ids = new ArrayList<>();
                    int size = 1 + random.nextInt(Math.max(1, budget / 3));
                    for (int i = 0; i < size; i++) {
                        boolean reuse = !queriedSoFar.isEmpty() && random.nextInt(20) == 0;
                        ids.add(reuse ? queriedSoFar.iterator().next() : "s" + (nextId++));
                    }
                    QueryBatch batch = batch(campaign, round, ids.toArray(String[]::new));
                    event = () -> pipe(queryBatches, campaign, batch);
                } else if (choice < 85) {
                    // mostly samples that were queried, sometimes ones that will be (late/early) or never
                    String sample = !queriedSoFar.isEmpty() && random.nextInt(4) > 0
                            ? new ArrayList<>(queriedSoFar).get(random.nextInt(queriedSoFar.size()))
                            : "s" + random.nextInt(nextId + 3);
                    int cls = random.nextInt(10) == 0 ? 3 : (sample.hashCode() & 1) + (random.nextInt(15) == 0 ? 1 : 0);
                    LabelReceived label = label(campaign, sample, cls);
                    event = () -> pipe(labels, campaign, label);
                } else if (choice < 90) {
                    RoundEvaluated evaluation = evaluated(campaign, Math.max(0, before.getRound()), random.nextDouble());
                    event = () -> pipe(evaluations, campaign, evaluation);
                } else if (choice < 91) {
                    event = () -> pipe(campaigns, campaign, stopped(campaign));
                } else {
                    event = accepted.get(random.nextInt(accepted.size()));
                    redelivery = true;
                }

                event.run();
                List<BudgetState> published = publishedStates();
                List<Rejected> rejected = rejections();
                BudgetState after = ledger.get(campaign);

                assertTrue(published.size() + rejected.size() <= 1, "one input, at most one output");
                assertInvariants(after);
                published.forEach(BudgetTopologyTest::assertStateInvariants);
                if (redelivery) {
                    assertEquals(before, after, "seed " + seed + ": a redelivered event changed the ledger");
                    assertTrue(published.isEmpty() && rejected.isEmpty(), "a redelivery is silent");
                } else if (!published.isEmpty()) {
                    assertEquals(after, published.get(0));
                    accepted.add(event);
                }
                Map<String, Integer> queriedNow = queriedOf(campaign);
                queriedSoFar.addAll(queriedNow.keySet());
                // late labels: an oracle answers an accepted batch completely, now and then
                if (after.getRound() >= 0 && !after.getRoundComplete() && random.nextInt(6) == 0) {
                    for (Map.Entry<String, Integer> q : queriedNow.entrySet()) {
                        if (q.getValue() == after.getRound()) {
                            pipe(labels, campaign, label(campaign, q.getKey(), q.getKey().hashCode() & 1));
                        }
                    }
                    publishedStates().forEach(BudgetTopologyTest::assertStateInvariants);
                    rejections();
                    assertInvariants(ledger.get(campaign));
                }
            }
            endings.add(ledger.get(campaign).getStatus());
        }
        // the generator reaches both ends of a campaign, so the invariants were checked on full runs
        assertTrue(endings.contains(CampaignStatus.COMPLETED) && endings.contains(CampaignStatus.STOPPED), endings.toString());
    }

    /** The ledger's counts agree with its per-sample stores. */
    private void assertInvariants(BudgetState s) {
        assertStateInvariants(s);
        Map<String, Integer> queried = queriedOf(s.getCampaignId());
        List<LabeledSample> counted = labelsOf(s.getCampaignId());
        assertEquals(s.getQueried(), queried.size());
        assertEquals(s.getLabeled(), counted.size());
        Set<Integer> sequences = new HashSet<>();
        for (LabeledSample l : counted) {
            assertEquals(queried.get(l.getSampleId()), l.getRound(), "label answers no query");
            assertTrue(l.getLabel() >= 0 && l.getLabel() < s.getNumClasses());
            assertTrue(sequences.add(l.getSequence()), "sequence " + l.getSequence() + " given twice");
        }
        assertEquals(IntStream.range(0, s.getLabeled()).boxed().collect(java.util.stream.Collectors.toSet()), sequences);
    }

    private static void assertStateInvariants(BudgetState s) {
        assertTrue(s.getQueried() <= s.getBudget(), "queried " + s.getQueried() + " > budget " + s.getBudget());
        assertTrue(s.getLabeled() <= s.getQueried(), "labeled " + s.getLabeled() + " > queried " + s.getQueried());
        assertEquals(s.getBudget() - s.getQueried(), s.getRemaining());
        assertEquals(s.getQueried(), s.getRounds().stream().mapToInt(RoundSummary::getQueried).sum());
        assertEquals(s.getLabeled(), s.getRounds().stream().mapToInt(RoundSummary::getLabeled).sum());
        assertEquals(IntStream.range(0, s.getRounds().size()).boxed().toList(),
                s.getRounds().stream().map(RoundSummary::getRound).toList(), "rounds are 0, 1, 2, ...");
        if (s.getStatus() == CampaignStatus.COMPLETED) {
            assertEquals(s.getBudget(), s.getLabeled());
        }
    }

    // ---------------------------------------------------------------- helpers

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                T0, Duration.ZERO);
    }

    private void pipe(TestInputTopic<String, byte[]> topic, String key, SpecificRecord event) {
        topic.pipeInput(key, EventCodec.encode(event), T0.plusSeconds(++tick));
    }

    private List<BudgetState> publishedStates() {
        return budgetStates.readKeyValuesToList().stream().map(kv -> {
            BudgetState state = EventCodec.decode(kv.value, BudgetState.class);
            assertEquals(state.getCampaignId(), kv.key);
            return state;
        }).toList();
    }

    private List<Rejected> rejections() {
        return deadLetters.readValuesToList().stream().map(v -> EventCodec.decode(v, Rejected.class)).toList();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), "expected exactly one record, got " + items);
        return items.get(0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static CampaignCreated created(String id, int budget) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setBudget(budget)
                .setInitialSize(Math.min(2, budget)).setBatchSize(2).setStrategy("entropy").setSeed(7L)
                .setCreatedAt(T0).build();
    }

    static CampaignStopped stopped(String id) {
        return CampaignStopped.newBuilder().setCampaignId(id).setReason("test").setStoppedAt(T0).build();
    }

    static QueryBatch batch(String id, int round, String... ids) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(round).setSampleIds(List.of(ids))
                .setNumClasses(3).setStrategy("entropy").setSelectionSeed(round).setCreatedAt(T0).build();
    }

    static LabelReceived label(String id, String sample, int label) {
        return LabelReceived.newBuilder().setCampaignId(id).setRound(0).setSampleId(sample).setLabel(label)
                .setAnnotatorId("test").setLabeledAt(T0).build();
    }

    static RoundEvaluated evaluated(String id, int round, double accuracy) {
        return RoundEvaluated.newBuilder().setCampaignId(id).setRound(round).setLabeledCount(0)
                .setTestAccuracy(accuracy).setHead("softmax").setStrategy("entropy").setDurationMs(1L)
                .setEvaluatedAt(T0).build();
    }

    private static RoundSummary summary(int round, int queried, int labeled, Double accuracy) {
        return RoundSummary.newBuilder().setRound(round).setQueried(queried).setLabeled(labeled)
                .setTestAccuracy(accuracy).build();
    }

    private static LabeledSample sample(String campaign, String id, int label, int round, int sequence) {
        return LabeledSample.newBuilder().setCampaignId(campaign).setSampleId(id).setLabel(label).setRound(round)
                .setAnnotatorId("test").setLabeledAt(T0).setSequence(sequence).build();
    }

    /** The queried store's entries of one campaign: sample → round (a prefix scan, as the REST API does). */
    private Map<String, Integer> queriedOf(String campaign) {
        Map<String, Integer> out = new java.util.HashMap<>();
        try (var it = queriedRounds.prefixScan(org.ssal.schemas.LabelKeys.prefix(campaign), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.put(kv.key.substring(campaign.length() + 1), kv.value));
        }
        return out;
    }

    /** The label store's labels of one campaign, in key (sample id) order. */
    private List<LabeledSample> labelsOf(String campaign) {
        List<LabeledSample> out = new ArrayList<>();
        try (var it = labelStore.prefixScan(org.ssal.schemas.LabelKeys.prefix(campaign), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(BudgetTopology.decodeLabel(kv.value)));
        }
        return out;
    }

    private List<LabeledSample> publishedLabels() {
        return acceptedLabels.readKeyValuesToList().stream().map(kv -> {
            LabeledSample label = EventCodec.decode(kv.value, LabeledSample.class);
            assertEquals(org.ssal.schemas.LabelKeys.key(label.getCampaignId(), label.getSampleId()), kv.key);
            return label;
        }).toList();
    }
}
