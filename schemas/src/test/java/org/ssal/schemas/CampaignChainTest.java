package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignCreated;

class CampaignChainTest {
    private static final List<String> IDS = List.of("s7", "s2");

    @Test
    void shouldHashLabelsAsIdTabLabelLinesInTrainingOrder() {
        Map<String, Integer> labels = ordered("a", 1, "b", 0);

        assertEquals(Sha256.sha256Hex("a\t1\nb\t0\n"), CampaignChain.labels(labels));
        assertNotEquals(CampaignChain.labels(labels), CampaignChain.labels(ordered("b", 0, "a", 1)),
                "the head is trained in this order, so the order is part of what is sealed");
        assertEquals(Sha256.sha256Hex(""), CampaignChain.labels(Map.of()));
    }

    @Test
    void shouldChangeTheGenesisWhenAnyDecisionShapingFieldChanges() {
        String genesis = CampaignChain.genesis(campaign().build());

        assertEquals(genesis, CampaignChain.genesis(campaign().build()));
        assertNotEquals(genesis, CampaignChain.genesis(campaign().setBudget(61).build()));
        assertNotEquals(genesis, CampaignChain.genesis(campaign().setSeed(8).build()));
        assertNotEquals(genesis, CampaignChain.genesis(campaign().setStrategy("random").build()));
        assertNotEquals(genesis, CampaignChain.genesis(campaign().setDatasetOptions(Map.of("classes", "4")).build()));
    }

    @Test
    void shouldChangeABatchLinkWhenItsPastOrItsContentChanges() {
        Map<String, Integer> labels = ordered("a", 1, "b", 0);
        String link = CampaignChain.batch("p", labels, 1, "entropy", 5L, "e", IDS);

        assertEquals(link, CampaignChain.batch("p", ordered("a", 1, "b", 0), 1, "entropy", 5L, "e", IDS));
        assertNotEquals(link, CampaignChain.batch("q", labels, 1, "entropy", 5L, "e", IDS), "previous link");
        assertNotEquals(link, CampaignChain.batch("p", ordered("a", 2, "b", 0), 1, "entropy", 5L, "e", IDS), "a label");
        assertNotEquals(link, CampaignChain.batch("p", ordered("a", 1), 1, "entropy", 5L, "e", IDS), "a removed label");
        assertNotEquals(link, CampaignChain.batch("p", labels, 2, "entropy", 5L, "e", IDS), "round");
        assertNotEquals(link, CampaignChain.batch("p", labels, 1, "random", 5L, "e", IDS), "strategy");
        assertNotEquals(link, CampaignChain.batch("p", labels, 1, "entropy", 6L, "e", IDS), "seed");
        assertNotEquals(link, CampaignChain.batch("p", labels, 1, "entropy", 5L, "f", IDS), "embeddings");
        assertNotEquals(link, CampaignChain.batch("p", labels, 1, "entropy", 5L, "e", List.of("s2", "s7")), "pick order");
    }

    @Test
    void shouldSealTheAccuracyBitForBit() {
        Map<String, Integer> labels = ordered("a", 1);
        String link = CampaignChain.evaluation("b", labels, 0, 0.5);

        assertEquals(link, CampaignChain.evaluation("b", ordered("a", 1), 0, 0.5));
        assertNotEquals(link, CampaignChain.evaluation("b", labels, 0, Math.nextUp(0.5)));
        assertNotEquals(link, CampaignChain.evaluation("c", labels, 0, 0.5));
        assertNotEquals(link, CampaignChain.evaluation("b", ordered("a", 0), 0, 0.5));
    }

    private static CampaignCreated.Builder campaign() {
        return CampaignCreated.newBuilder().setCampaignId("c1").setDataset("synthetic").setBudget(60)
                .setInitialSize(20).setBatchSize(20).setStrategy("entropy").setSeed(7)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private static Map<String, Integer> ordered(Object... idLabel) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < idLabel.length; i += 2) {
            labels.put((String) idLabel[i], (Integer) idLabel[i + 1]);
        }
        return labels;
    }
}
