package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignStopped;
import org.ssal.events.RoundSummary;

class CampaignIdsTest {

    @Test
    void shouldReadTheFieldWhenEventNamesItsCampaign() {
        CampaignStopped stopped = CampaignStopped.newBuilder().setCampaignId("c7").setReason("")
                .setStoppedAt(Instant.EPOCH).build();

        assertEquals("c7", CampaignIds.campaignIdOf(stopped));
    }

    @Test
    void shouldGiveNullWhenRecordHasNoCampaignField() {
        RoundSummary summary = RoundSummary.newBuilder().setRound(0).setQueried(1).setLabeled(0)
                .setTestAccuracy(null).build();

        assertNull(CampaignIds.campaignIdOf(summary));
    }
}
