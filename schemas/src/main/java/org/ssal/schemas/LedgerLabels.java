package org.ssal.schemas;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssal.events.BudgetState;
import org.ssal.events.LabeledSample;

/**
 * The labels a ledger counts, as sample id → class index in the order the labels were accepted.
 * The order matters: heads and the supervised baseline train on the labels in this order, so a
 * reader that reordered them would not reproduce a round.
 *
 * <p>The labels are {@link LabeledSample} records of the {@link Topics#LABELS labels} topic (or
 * the tracker's label store); a {@link BudgetState} with {@code labeled = n} counts exactly those
 * of its campaign with sequence 0 … n-1. Later ones (a round that went on after that state) are
 * left out, so a reader that is ahead of the state still sees the round the state describes.
 */
public final class LedgerLabels {
    private LedgerLabels() {
    }

    /**
     * @param ledger  the state whose labels are wanted
     * @param samples labels of the campaign (any order, more than the state counts is fine)
     * @return the {@code ledger.labeled} labels in acceptance order; unmodifiable
     * @throws IllegalArgumentException when a label the state counts is missing from {@code samples}
     *                                  or one belongs to another campaign
     */
    public static Map<String, Integer> of(BudgetState ledger, Collection<LabeledSample> samples) {
        int labeled = ledger.getLabeled();
        LabeledSample[] bySequence = new LabeledSample[labeled];
        for (LabeledSample sample : samples) {
            if (!sample.getCampaignId().equals(ledger.getCampaignId())) {
                throw new IllegalArgumentException("label of sample " + sample.getSampleId() + " belongs to campaign "
                        + sample.getCampaignId() + ", not " + ledger.getCampaignId());
            }
            int sequence = sample.getSequence();
            if (sequence >= 0 && sequence < labeled) {
                bySequence[sequence] = sample;
            }
        }
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < labeled; i++) {
            if (bySequence[i] == null) {
                throw new IllegalArgumentException("campaign " + ledger.getCampaignId() + " counts " + labeled
                        + " labels but label number " + i + " (sequence " + i + ") is missing");
            }
            labels.put(bySequence[i].getSampleId(), bySequence[i].getLabel());
        }
        return Collections.unmodifiableMap(labels);
    }
}
