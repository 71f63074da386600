package org.ssal.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.schemas.EventCodec;
import org.ssal.service.Outbox;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.RejectedEventException;

class SimulatedOracleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> OPTIONS = Map.of("classes", "4", "train", "200", "test", "40", "size", "8");
    private final ImageSet train = Datasets.synthetic(DatasetSpec.CAMPAIGN_DATA_SEED, OPTIONS).train();

    private static CampaignCreated campaign() {
        return campaign("simulated");
    }

    private static CampaignCreated campaign(String oracle) {
        return CampaignCreated.newBuilder().setOracle(oracle).setCampaignId("c").setDataset("synthetic").setDatasetOptions(OPTIONS)
                .setBudget(20).setInitialSize(10).setBatchSize(5).setStrategy("random").setSeed(9L)
                .setCreatedAt(CLOCK.instant()).build();
    }

    private QueryBatch batch(List<String> ids) {
        return QueryBatch.newBuilder().setCampaignId("c").setRound(0).setSampleIds(ids).setNumClasses(4)
                .setStrategy("random").setSelectionSeed(1L).setCreatedAt(CLOCK.instant()).build();
    }

    private List<LabelReceived> answer(SimulatedOracle oracle, List<String> ids) {
        Outbox out = new Outbox("oracle");
        oracle.handle(batch(ids), out);
        List<LabelReceived> labels = new ArrayList<>();
        out.drain().forEach(r -> labels.add(EventCodec.decode(r.value(), LabelReceived.class)));
        return labels;
    }

    @Test
    void shouldAnswerEverySampleWithItsGroundTruth() {
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        oracle.observe(campaign());
        List<String> ids = List.of(train.id(0), train.id(7), train.id(42));
        List<LabelReceived> labels = answer(oracle, ids);
        assertEquals(3, labels.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(ids.get(i), labels.get(i).getSampleId());
            assertEquals(train.labelOf(ids.get(i)), labels.get(i).getLabel());
        }
    }

    @Test
    void shouldGiveWrongButReproducibleLabelsWhenNoisy() {
        SimulatedOracle noisy = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 1.0, null), CLOCK);
        noisy.observe(campaign());
        List<String> ids = train.ids().subList(0, 50);
        List<LabelReceived> first = answer(noisy, ids);
        for (LabelReceived label : first) {
            assertNotEquals(train.labelOf(label.getSampleId()), label.getLabel(), "error rate 1: always wrong");
            assertTrue(label.getLabel() >= 0 && label.getLabel() < 4);
        }
        assertEquals(first, answer(noisy, ids), "a replayed batch gets the same answers");

        SimulatedOracle sometimes = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0.3, null), CLOCK);
        sometimes.observe(campaign());
        long wrong = answer(sometimes, train.ids()).stream()
                .filter(l -> l.getLabel() != train.labelOf(l.getSampleId())).count();
        assertTrue(wrong > 30 && wrong < 90, "about 30% of 200 wrong, got " + wrong);
    }

    @Test
    void shouldLeaveHumanCampaignsToPeopleWhenTheirBatchesArrive() {
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        oracle.observe(campaign("human"));
        assertEquals(List.of(), answer(oracle, List.of(train.id(0), train.id(1))), "no ground truth for people's work");

        SimulatedOracle forExperiments = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        forExperiments.observe(campaign("simulated"));
        assertEquals(2, answer(forExperiments, List.of(train.id(0), train.id(1))).size());
    }

    @Test
    void shouldRejectBatchesItCannotAnswer() {
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        RejectedEventException unknownCampaign = assertThrows(RejectedEventException.class,
                () -> answer(oracle, List.of(train.id(0))));
        assertTrue(unknownCampaign.getMessage().contains("unknown campaign c"), unknownCampaign.getMessage());
    }

    @Test
    void shouldFailTheCampaignNamingTheIdsWhenABatchNamesSamplesOutsideThePool() {
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        oracle.observe(campaign());
        Outbox out = new Outbox("oracle");
        CampaignFailedException e = assertThrows(CampaignFailedException.class, () -> oracle.handle(
                batch(List.of(train.id(0), "synthetic/train/999999", "forged")), out));
        assertEquals("campaign c FAILED: query batch of round 0 names 2 sample(s) not in the train split of synthetic: "
                + "synthetic/train/999999, forged", e.getMessage());
        CampaignFailed failed = e.toEvent("oracle", CLOCK.instant());
        assertEquals("sampleIds", failed.getField());
        assertEquals("synthetic/train/999999,forged", failed.getValue());
        assertTrue(out.drain().isEmpty(), "checked before any label is written");
    }

    @Test
    void shouldKeepTheFirstDefinitionOfACampaign() {
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(0, 0, null), CLOCK);
        oracle.observe(campaign("simulated"));
        oracle.observe(campaign("human")); // refused by the tracker: the oracle does not follow it either
        assertEquals(1, answer(oracle, List.of(train.id(0))).size());
    }

    @Test
    void shouldRefuseABadBehaviour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedOracle.Behaviour(0, 1.5, null));
        assertTrue(e.getMessage().contains("ssal.oracle.error-rate") && e.getMessage().contains("1.5"));
    }
}
