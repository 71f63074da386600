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
    void shouldListTheCountedLabelsInAcceptanceOrderWhateverOrderTheyArriveIn() {
        List<LabeledSample> samples = List.of(sample("a", 0, 1), sample("c", 1, 2), sample("b", 2, 0));

        Map<String, Integer> labels = LedgerLabels.of(ledger(3), samples);

        assertEquals(List.of("b", "a", "c"), List.copyOf(labels.keySet()));
        assertEquals(List.of(2, 0, 1), List.copyOf(labels.values()));
        assertThrows(UnsupportedOperationException.class, () -> labels.put("d", 0));
    }

    @Test
    void shouldLeaveOutLabelsAcceptedAfterTheState() {
        List<LabeledSample> samples = List.of(sample("b", 2, 0), sample("a", 0, 1), sample("later", 1, 2));

        assertEquals(Map.of("b", 2, "a", 0), LedgerLabels.of(ledger(2), samples));
    }

    @Test
    void shouldNameTheMissingLabelWhenTheStateCountsMoreThanGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LedgerLabels.of(ledger(3), List.of(sample("b", 2, 0), sample("c", 1, 2))));

        assertEquals("campaign c counts 3 labels but label number 1 (sequence 1) is missing", e.getMessage());
    }

    @Test
    void shouldRefuseLabelsOfAnotherCampaign() {
        LabeledSample other = LabeledSample.newBuilder(sample("b", 2, 0)).setCampaignId("x").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LedgerLabels.of(ledger(1), List.of(other)));

        assertEquals("label of sample b belongs to campaign x, not c", e.getMessage());
    }

    private static BudgetState ledger(int labeled) {
        return BudgetState.newBuilder().setCampaignId("c").setBudget(10).setQueried(3).setLabeled(labeled)
                .setRemaining(7).setRound(0).setRoundComplete(labeled == 3).setStatus(CampaignStatus.ACTIVE)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    private static LabeledSample sample(String id, int label, int sequence) {
        return LabeledSample.newBuilder().setCampaignId("c").setSampleId(id).setLabel(label).setRound(0)
                .setAnnotatorId("ann").setLabeledAt(Instant.EPOCH).setSequence(sequence).build();
    }
}
