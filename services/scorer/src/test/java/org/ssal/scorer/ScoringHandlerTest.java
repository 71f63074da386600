package org.ssal.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.LedgerLabels;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;
import org.ssal.learning.advice.ThresholdRelation;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.schemas.CampaignChain;
import org.ssal.schemas.EventCodec;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.Outbox;

class ScoringHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private ScoringHandler handler;
    private EmbeddingsReady ready;
    private final Map<String, Integer> truth = new HashMap<>();
    /** What the budget tracker wrote to the labels topic in the test. */
    private final List<LabeledSample> labelsTopic = new ArrayList<>();
    /** Reads of each artifact uri through the scorer's embedding cache. */
    private final Map<String, Integer> reads = new HashMap<>();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        ArtifactStore store = new ArtifactStore(dir);
        // measured: with 2 classes, AL (entropy) beats random from 10 labels per class on
        EmbeddingArtifacts.Source counting = new EmbeddingArtifacts.Source() {
            @Override
            public <T> T open(String uri, String sha256, ArtifactStore.Reader<T> reader) {
                reads.merge(uri, 1, Integer::sum);
                return store.open(uri, sha256, reader);
            }
        };
        handler = new ScoringHandler(new EmbeddingArtifacts(counting), ledger -> LedgerLabels.of(ledger, labelsTopic), CLOCK, ThresholdRelation.measuredBySsal(
                List.of(new ThresholdRelation.Point("blobs", 2, 10, "entropy", false)), "test"), registry);
        // two well separated Gaussian blobs: any sane head gets them right
        SplittableRandom random = new SplittableRandom(3);
        int n = 200;
        String[] ids = new String[n];
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
            int label = i % 2;
            truth.put(ids[i], label);
            x[i][0] = (float) (label * 8 + random.nextGaussian());
            x[i][1] = (float) random.nextGaussian();
        }
        ArtifactStore.Ref pool = store.put(new Embeddings(ids, x)::write);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        ArtifactStore.Ref test = store.put(new LabeledEmbeddings(new Embeddings(ids, x), labels)::write);
        ready = EmbeddingsReady.newBuilder().setCampaignId("c").setRound(0).setEncoderId("e")
                .setPoolUri(pool.uri()).setPoolSha256(pool.sha256()).setTestUri(test.uri())
                .setTestSha256(test.sha256()).setPoolSize(n).setTestSize(n).setDim(2)
                .setClassNames(List.of("a", "b")).build();
    }

    private static CampaignCreated campaign(int budget, String strategy) {
        return CampaignCreated.newBuilder().setCampaignId("c").setDataset("synthetic").setBudget(budget)
                .setInitialSize(10).setBatchSize(20).setStrategy(strategy).setSeed(5L).setCreatedAt(CLOCK.instant()).build();
    }

    @AfterEach
    void tearDown() {
        handler.close();
    }

    private List<SpecificRecord> handle(SpecificRecord event) {
        return handle(handler, event);
    }

    private static List<SpecificRecord> handle(ScoringHandler handler, SpecificRecord event) {
        Outbox out = new Outbox("scorer");
        handler.handle(event, out);
        List<SpecificRecord> events = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : out.drain()) {
            events.add(EventCodec.decode(record.value()));
        }
        return events;
    }

    /** The ledger after every queried sample so far got its true label. */
    private BudgetState completeLedger(int budget, List<QueryBatch> batches, CampaignStatus status) {
        List<LabeledSample> labels = new ArrayList<>();
        Map<String, Integer> queried = new HashMap<>();
        for (QueryBatch batch : batches) {
            for (String id : batch.getSampleIds()) {
                queried.put(id, batch.getRound());
                labels.add(LabeledSample.newBuilder().setCampaignId("c").setSampleId(id).setLabel(truth.get(id))
                        .setRound(batch.getRound()).setSequence(labels.size()).build());
            }
        }
        labelsTopic.clear();
        labelsTopic.addAll(labels);
        return BudgetState.newBuilder().setCampaignId("c").setBudget(budget).setQueried(queried.size())
                .setLabeled(labels.size()).setRemaining(budget - queried.size()).setRound(batches.size() - 1)
                .setRoundComplete(true).setStatus(status)
                .setUpdatedAt(CLOCK.instant()).build();
    }

    @Test
    void shouldAskTheSeededInitialSetOnceWhenCampaignAndEmbeddingsAreKnownInAnyOrder() {
        assertTrue(handle(ready).isEmpty(), "no campaign yet: wait");
        List<SpecificRecord> out = handle(campaign(50, "entropy"));
        assertEquals(1, out.size());
        QueryBatch initial = (QueryBatch) out.get(0);
        assertEquals(0, initial.getRound());
        assertEquals(10, initial.getSampleIds().size());
        assertEquals(10, new HashSet<>(initial.getSampleIds()).size());
        assertEquals(ready.getPoolSha256(), initial.getEmbeddingsSha256());
        assertTrue(handle(ready).isEmpty(), "a redelivered event must not ask again");
    }

    @Test
    void shouldEvaluateEachCompleteRoundOnceAndAskWithinTheBudget() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(50, "entropy")).get(0);
        List<QueryBatch> batches = new ArrayList<>(List.of(initial));

        List<SpecificRecord> out = handle(completeLedger(50, batches, CampaignStatus.ACTIVE));
        assertEquals(2, out.size());
        RoundEvaluated evaluated = (RoundEvaluated) out.get(0);
        assertEquals(0, evaluated.getRound());
        assertEquals(10, evaluated.getLabeledCount());
        assertTrue(evaluated.getTestAccuracy() > 0.9, "separable blobs: " + evaluated.getTestAccuracy());
        QueryBatch next = (QueryBatch) out.get(1);
        assertEquals(1, next.getRound());
        assertEquals(20, next.getSampleIds().size());
        assertTrue(next.getSampleIds().stream().noneMatch(initial.getSampleIds()::contains), "never asks twice");
        assertTrue(handle(completeLedger(50, batches, CampaignStatus.ACTIVE)).isEmpty(), "duplicate state: nothing");

        batches.add(next);
        QueryBatch last = (QueryBatch) handle(completeLedger(50, batches, CampaignStatus.ACTIVE)).get(1);
        assertEquals(20, last.getSampleIds().size(), "min(batch 20, remaining 20)");
        batches.add(last);
        List<SpecificRecord> end = handle(completeLedger(50, batches, CampaignStatus.COMPLETED));
        assertEquals(1, end.size(), "budget spent: evaluate, ask nothing");
        assertEquals(50, ((RoundEvaluated) end.get(0)).getLabeledCount());
    }

    /** Every batch of a 70-label campaign (initial set, then rounds of 20), each round fully labeled. */
    private List<QueryBatch> batchesOf(ScoringHandler scorer, String strategy) {
        handle(scorer, ready);
        List<QueryBatch> batches = new ArrayList<>(List.of((QueryBatch) handle(scorer, campaign(70, strategy)).get(0)));
        while (batches.size() < 4) {
            batches.add((QueryBatch) handle(scorer, completeLedger(70, batches, CampaignStatus.ACTIVE)).get(1));
        }
        return batches;
    }

    @Test
    void shouldAskTheSameBatchesWhenTheyArePickedWhileTheRoundIsLabeled() {
        for (String strategy : List.of("kcenter", "random", "entropy")) {
            List<QueryBatch> picked = batchesOf(handler, strategy);
            ScoringHandler noPicksAhead = new ScoringHandler(new EmbeddingArtifacts(new ArtifactStore(dir)),
                    ledger -> LedgerLabels.of(ledger, labelsTopic), CLOCK, ThresholdRelation.measuredBySsal(List.of(), "test"),
                    new SimpleMeterRegistry(), PicksAhead.disabled());
            assertEquals(batchesOf(noPicksAhead, strategy), picked, strategy);
            handler.forget();
        }
        // rounds 1-3 of kcenter and random were picked ahead; entropy needs the labels' head
        assertEquals(3.0, registry.counter("ssal.batches.picked.ahead", "strategy", "kcenter").count());
        assertEquals(3.0, registry.counter("ssal.batches.picked.ahead", "strategy", "random").count());
        assertEquals(0.0, registry.counter("ssal.batches.picked.ahead", "strategy", "entropy").count());
    }

    @Test
    void shouldDropThePickMadeAheadWhenTheCampaignStops() {
        handle(ready);
        List<QueryBatch> batches = new ArrayList<>(List.of((QueryBatch) handle(campaign(70, "kcenter")).get(0)));
        assertEquals(1, handler.picksPending(), "round 1 is being picked while round 0 is labeled");
        assertTrue(handle(completeLedger(70, batches, CampaignStatus.STOPPED)).isEmpty());
        assertEquals(0, handler.picksPending(), "nothing kept for a stopped campaign");
    }

    @Test
    void shouldPickAgainWhenTheRoundIsNotTheOneThatWasPickedAhead() {
        handle(ready);
        List<QueryBatch> batches = new ArrayList<>(List.of((QueryBatch) handle(campaign(70, "kcenter")).get(0)));
        // the ledger says 10 labels are left (not 60): round 1 asks 10, not the 20 picked ahead
        BudgetState smaller = BudgetState.newBuilder(completeLedger(70, batches, CampaignStatus.ACTIVE)).setRemaining(10).build();
        QueryBatch next = (QueryBatch) handle(smaller).get(1);
        assertEquals(10, next.getSampleIds().size());
        assertEquals(0.0, registry.counter("ssal.batches.picked.ahead", "strategy", "kcenter").count());
    }

    @Test
    void shouldReadAndHashUnchangedEmbeddingsOnceAcrossRounds() {
        handle(ready);
        List<QueryBatch> batches = new ArrayList<>(List.of((QueryBatch) handle(campaign(50, "kcenter")).get(0)));
        batches.add((QueryBatch) handle(completeLedger(50, batches, CampaignStatus.ACTIVE)).get(1));
        batches.add((QueryBatch) handle(completeLedger(50, batches, CampaignStatus.ACTIVE)).get(1));
        assertEquals(3, batches.size(), "initial set and two evaluated rounds");
        assertEquals(Map.of(ready.getPoolUri(), 1, ready.getTestUri(), 1), reads);
    }

    @Test
    void shouldLinkEveryBatchAndEvaluationToWhatCameBeforeIt() {
        handle(ready);
        CampaignCreated campaign = campaign(50, "entropy");
        QueryBatch initial = (QueryBatch) handle(campaign).get(0);
        assertEquals(CampaignChain.batch(CampaignChain.genesis(campaign), Map.of(), 0, initial.getStrategy(),
                initial.getSelectionSeed(), ready.getPoolSha256(), initial.getSampleIds()), initial.getChainSha256());

        BudgetState ledger = completeLedger(50, List.of(initial), CampaignStatus.ACTIVE);
        Map<String, Integer> labels = LedgerLabels.of(ledger, labelsTopic);
        List<SpecificRecord> out = handle(ledger);
        RoundEvaluated evaluated = (RoundEvaluated) out.get(0);
        QueryBatch next = (QueryBatch) out.get(1);
        String evaluation = CampaignChain.evaluation(initial.getChainSha256(), labels, 0, evaluated.getTestAccuracy());
        assertEquals(evaluation, evaluated.getChainSha256());
        assertEquals(CampaignChain.batch(evaluation, labels, 1, "entropy", next.getSelectionSeed(),
                ready.getPoolSha256(), next.getSampleIds()), next.getChainSha256());
    }

    @Test
    void shouldCountBatchesAndEvaluatedRoundsAndTimeTheRound() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(50, "entropy")).get(0);
        assertEquals(1.0, registry.get("ssal.query.batches").tag("strategy", "random-initial").counter().count());

        handle(completeLedger(50, List.of(initial), CampaignStatus.ACTIVE));

        assertEquals(1.0, registry.get("ssal.query.batches").tag("strategy", "entropy").counter().count());
        assertEquals(1.0, registry.get("ssal.rounds.evaluated").counter().count());
        assertEquals(1, registry.get("ssal.round.duration").timer().count());
        assertTrue(registry.get("ssal.round.duration").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void shouldKeepTheFirstDefinitionAndIgnoreARedefinitionOfTheCampaign() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(50, "entropy")).get(0);

        assertTrue(handle(campaign(500, "random")).isEmpty(), "a redefinition drives nothing");
        assertEquals(1.0, registry.get("ssal.events.ignored").tag("reason", "campaign-redefined").counter().count());
        // the next round is still the first definition's: entropy, within budget 50
        QueryBatch next = (QueryBatch) handle(completeLedger(50, List.of(initial), CampaignStatus.ACTIVE)).get(1);
        assertEquals("entropy", next.getStrategy());
    }

    @Test
    void shouldSelectTheSameBatchWhenReplayedFromTheSameLog() {
        List<QueryBatch> firstRun = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            setUp();
            handle(ready);
            QueryBatch initial = (QueryBatch) handle(campaign(50, "random")).get(0);
            QueryBatch next = (QueryBatch) handle(completeLedger(50, List.of(initial), CampaignStatus.ACTIVE)).get(1);
            if (run == 0) {
                firstRun.add(initial);
                firstRun.add(next);
            } else {
                assertEquals(firstRun.get(0).getSampleIds(), initial.getSampleIds());
                assertEquals(firstRun.get(1).getSampleIds(), next.getSampleIds());
            }
        }
    }

    @Test
    void shouldSwitchAnAutoCampaignFromRandomToTheMeasuredStrategyAtTheThresholdAndSayWhy() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(80, "auto")).get(0); // 10 labels: 5 per class
        List<QueryBatch> batches = new ArrayList<>(List.of(initial));
        List<SpecificRecord> first = handle(completeLedger(80, batches, CampaignStatus.ACTIVE));
        QueryBatch belowThreshold = (QueryBatch) first.get(1);
        assertEquals("random", belowThreshold.getStrategy(), "5 labels per class < 10: random");
        assertEquals(2, first.size(), "auto starts with random: no switch yet");

        batches.add(belowThreshold); // 30 labels: 15 per class
        List<SpecificRecord> second = handle(completeLedger(80, batches, CampaignStatus.ACTIVE));
        StrategySwitched switched = (StrategySwitched) second.stream().filter(e -> e instanceof StrategySwitched)
                .findFirst().orElseThrow();
        assertEquals("random", switched.getFromStrategy());
        assertEquals("entropy", switched.getToStrategy());
        assertEquals(2, switched.getRound());
        assertEquals(30, switched.getLabeled());
        assertTrue(switched.getReason().contains("threshold"), switched.getReason());
        QueryBatch aboveThreshold = (QueryBatch) second.stream().filter(e -> e instanceof QueryBatch).findFirst().orElseThrow();
        assertEquals("entropy", aboveThreshold.getStrategy());

        batches.add(aboveThreshold);
        List<SpecificRecord> third = handle(completeLedger(80, batches, CampaignStatus.ACTIVE));
        assertTrue(third.stream().noneMatch(e -> e instanceof StrategySwitched), "no switch while the advice holds");
    }

    @Test
    void shouldDoNothingForAStoppedCampaign() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(50, "entropy")).get(0);
        assertTrue(handle(completeLedger(50, List.of(initial), CampaignStatus.STOPPED)).isEmpty());
    }

    @Test
    void shouldWaitWhileFailedAndGoOnWhenTheLedgerIsActiveAgain() {
        handle(ready);
        QueryBatch initial = (QueryBatch) handle(campaign(50, "entropy")).get(0);
        assertTrue(handle(completeLedger(50, List.of(initial), CampaignStatus.FAILED)).isEmpty(), "FAILED: wait");

        List<SpecificRecord> resumed = handle(completeLedger(50, List.of(initial), CampaignStatus.ACTIVE));
        assertTrue(resumed.stream().anyMatch(e -> e instanceof RoundEvaluated), resumed.toString());
        assertTrue(resumed.stream().anyMatch(e -> e instanceof QueryBatch q && q.getRound() == 1), resumed.toString());
    }

    @Test
    void shouldFailACampaignWhoseInitialSetIsLargerThanTheEmbeddedPool() {
        handle(ready);
        CampaignCreated tooLarge = campaign(400, "random");
        tooLarge.setInitialSize(300);
        CampaignFailedException e = assertThrows(CampaignFailedException.class, () -> handle(tooLarge));
        CampaignFailed failed = e.toEvent("scorer", CLOCK.instant());
        assertEquals(List.of("c", "initialSize", "300"), List.of(failed.getCampaignId(), failed.getField(), failed.getValue()));
        assertTrue(failed.getReason().contains("pool of 200"), failed.getReason());
    }

    @Test
    void shouldFailACampaignWhenItsEmbeddingsDoNotMatchTheirSha256() throws Exception {
        String sha = ready.getPoolSha256();
        Path file = dir.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
        file.toFile().setWritable(true);
        Files.write(file, new byte[] {1, 2, 3});
        handle(ready);
        CampaignFailedException e = assertThrows(CampaignFailedException.class, () -> handle(campaign(50, "random")));
        CampaignFailed failed = e.toEvent("scorer", CLOCK.instant());
        assertEquals(List.of("embeddings", ready.getPoolUri()), List.of(failed.getField(), failed.getValue()));
        assertTrue(failed.getReason().contains("corrupt"), failed.getReason());
    }
}
