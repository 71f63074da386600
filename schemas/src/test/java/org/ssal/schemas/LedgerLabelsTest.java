package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.LabeledSample;

class LedgerLabelsTest {
    @Test
    void shouldListTheAcceptedLabelsInArrivalOrder() {
        BudgetState ledger = BudgetState.newBuilder().setCampaignId("c").setBudget(10).setQueried(3).setLabeled(3)
                .setRemaining(7).setRound(0).setRoundComplete(true).setStatus(CampaignStatus.ACTIVE)
                .setQueriedIds(Map.of("b", 0, "a", 0, "c", 0))
                .setLabels(List.of(new LabeledSample("b", 2, 0), new LabeledSample("a", 0, 0),
                        new LabeledSample("c", 1, 0)))
                .setUpdatedAt(Instant.EPOCH).build();
        Map<String, Integer> labels = LedgerLabels.of(ledger);
        assertEquals(List.of("b", "a", "c"), List.copyOf(labels.keySet()));
        assertEquals(List.of(2, 0, 1), List.copyOf(labels.values()));
        assertThrows(UnsupportedOperationException.class, () -> labels.put("d", 0));
    }
}
