package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignCreated;

class CampaignDefinitionsTest {
    private static CampaignCreated.Builder campaign() {
        return CampaignCreated.newBuilder().setCampaignId("c1").setDataset("synthetic").setBudget(10)
                .setInitialSize(2).setBatchSize(2).setStrategy("entropy").setSeed(7L).setCreatedAt(Instant.EPOCH);
    }

    @Test
    void shouldTakeTheSameDefinitionSentLaterAsTheSame() {
        assertTrue(CampaignDefinitions.firstDifference(campaign().build(),
                campaign().setCreatedAt(Instant.EPOCH.plusSeconds(60)).build()).isEmpty());
        assertNull(CampaignDefinitions.redefinition(campaign().build(), campaign().build()));
    }

    @Test
    void shouldNameTheFirstFieldThatDiffersWithBothValues() {
        String reason = CampaignDefinitions.redefinition(campaign().build(), campaign().setSeed(8L).setBudget(20).build());
        assertEquals("campaign c1 already exists with another definition: budget is 10, the new definition says 20",
                reason);
    }

    @Test
    void shouldSeeADifferenceInsideTheDatasetOptions() {
        CampaignDefinitions.Difference d = CampaignDefinitions.firstDifference(campaign().build(),
                campaign().setDatasetOptions(Map.of("classes", "5")).build()).orElseThrow();
        assertEquals("datasetOptions", d.field());
    }
}
