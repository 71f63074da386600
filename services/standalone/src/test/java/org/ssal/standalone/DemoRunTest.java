package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignStatus;

/** The demo stops on its campaign's FAILED ledger, with the reason, and on nothing else. */
class DemoRunTest {
    private static BudgetState ledger(String campaignId, CampaignStatus status, CampaignFailed failure) {
        return BudgetState.newBuilder().setCampaignId(campaignId).setBudget(10).setQueried(0).setLabeled(0)
                .setRemaining(10).setRound(-1).setRoundComplete(false).setStatus(status).setFailure(failure)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldStopOnlyOnItsOwnCampaignsFailedLedger() {
        CampaignFailed why = CampaignFailed.newBuilder().setCampaignId("c").setService("trainer")
                .setReason("option channels of synthetic must be 1 or 3, got 2").setField("datasetOptions")
                .setValue("2").setFailedAt(Instant.EPOCH).build();
        assertEquals("option channels of synthetic must be 1 or 3, got 2",
                DemoRun.failureOf(ledger("c", CampaignStatus.FAILED, why), "c"));
        assertEquals("(no reason given)", DemoRun.failureOf(ledger("c", CampaignStatus.FAILED, null), "c"));
        assertNull(DemoRun.failureOf(ledger("other", CampaignStatus.FAILED, why), "c"));
        assertNull(DemoRun.failureOf(ledger("c", CampaignStatus.ACTIVE, null), "c"));
        assertNull(DemoRun.failureOf(why, "c"));
    }
}
