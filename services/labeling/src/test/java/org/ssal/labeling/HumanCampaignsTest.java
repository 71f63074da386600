package org.ssal.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ssal.events.Answer;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStopped;
import org.ssal.events.QueryBatch;
import org.ssal.labeling.LabelingCampaign.FinalLabel;

class HumanCampaignsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static CampaignCreated created(String id, String oracle, int redundancy) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setDatasetOptions(Map.of())
                .setBudget(4).setInitialSize(2).setBatchSize(2).setStrategy("random").setOracle(oracle)
                .setRedundancy(redundancy).setLeaseSeconds(60).setAggregation("majority").setSeed(1)
                .setCreatedAt(T0).build();
    }

    static QueryBatch batch(String id, int round, String... samples) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(round).setSampleIds(List.of(samples))
                .setNumClasses(3).setClassNames(List.of("a", "b", "c")).setStrategy("random").setSelectionSeed(1)
                .setCreatedAt(T0).build();
    }

    @Test
    void shouldServeOnlyHumanCampaignsAndSayWhyNotTheOthers() {
        HumanCampaigns campaigns = new HumanCampaigns();
        campaigns.observe(created("h", "human", 1));
        campaigns.observe(created("s", "simulated", 1));
        assertTrue(campaigns.campaign("h").isPresent());
        assertTrue(campaigns.campaign("s").isEmpty());
        assertTrue(campaigns.whyNotServed("s").contains("simulated"), campaigns.whyNotServed("s"));
        assertTrue(campaigns.whyNotServed("x").contains("unknown"), campaigns.whyNotServed("x"));
    }

    @Test
    void shouldKeepABatchThatArrivesBeforeItsCampaign() {
        HumanCampaigns campaigns = new HumanCampaigns();
        campaigns.observe(batch("h", 0, "s1", "s2"));
        campaigns.observe(created("h", "human", 1));
        campaigns.observe(batch("h", 0, "s1", "s2")); // redelivered
        assertEquals(Map.of("s1", 0, "s2", 0), campaigns.campaign("h").orElseThrow().queried());
    }

    @Test
    void shouldRefuseAHumanCampaignWithUnusableSettingsWithAReason() {
        HumanCampaigns campaigns = new HumanCampaigns();
        String warning = campaigns.observe(created("h", "human", 0));
        assertNotNull(warning);
        assertTrue(campaigns.campaign("h").isEmpty());
        assertTrue(campaigns.whyNotServed("h").contains("redundancy"), campaigns.whyNotServed("h"));
        assertNull(campaigns.observe(created("h", "human", 1)), "a replay of the refused campaign changes nothing");
    }

    @Test
    void shouldSayWhyNothingCanBeLeased() {
        HumanCampaigns campaigns = new HumanCampaigns();
        campaigns.observe(created("h", "human", 1));
        assertTrue(campaigns.whyNothingToLease("h", "alice").contains("first batch"));
        campaigns.observe(batch("h", 0, "s1", "s2"));
        LabelingCampaign campaign = campaigns.campaign("h").orElseThrow();
        List<SpecificRecord> lease = campaign.lease("alice", 2, T0, "L1");
        lease.forEach(campaigns::apply);
        assertEquals("h", campaigns.campaignOfLease("L1"));
        assertTrue(campaigns.whyNothingToLease("h", "bob").contains("leased to other annotators"));
        List<FinalLabel> finals = new java.util.ArrayList<>();
        campaign.submit("L1", "alice", List.of(answer("s1", 0), answer("s2", 1)), T0)
                .forEach(e -> finals.addAll(campaigns.apply(e)));
        assertEquals(2, finals.size());
        assertTrue(campaigns.whyNothingToLease("h", "bob").contains("round 0"));
        assertTrue(campaigns.whyNothingToLease("h", "bob").contains("next batch is being picked"));
        campaigns.observe(batch("h", 1, "s3", "s4"));
        campaign.lease("bob", 2, T0, "L2").forEach(campaigns::apply);
        campaign.submit("L2", "bob", List.of(answer("s3", 0), answer("s4", 1)), T0).forEach(campaigns::apply);
        assertTrue(campaigns.isFinished("h"));
        assertTrue(campaigns.whyNothingToLease("h", "bob").contains("complete"));
        campaigns.observe(CampaignStopped.newBuilder().setCampaignId("h").setStoppedAt(T0).build());
        assertTrue(campaigns.whyNothingToLease("h", "bob").contains("stopped"));
    }

    private static Answer answer(String sample, Integer label) {
        return Answer.newBuilder().setSampleId(sample).setLabel(label).build();
    }
}
