package org.ssal.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssal.events.BudgetState;
import org.ssal.events.LabeledSample;

/**
 * The labels a ledger holds, as sample id → class index in the order the labels were accepted.
 * The order matters: heads and the supervised baseline train on the labels in this order, so a
 * reader that reordered them would not reproduce a round.
 */
public final class LedgerLabels {
    private LedgerLabels() {
    }

    /** The accepted labels of {@code ledger}; unmodifiable. */
    public static Map<String, Integer> of(BudgetState ledger) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (LabeledSample sample : ledger.getLabels()) {
            labels.put(sample.getSampleId(), sample.getLabel());
        }
        return Collections.unmodifiableMap(labels);
    }
}
