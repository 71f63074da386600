package org.ssal.service;

import java.util.Map;
import org.ssal.events.BudgetState;

/**
 * Where a reader gets the labels a ledger counts, now that {@link BudgetState} carries counts
 * only: the labels topic in the services ({@link LabelView}), a map in unit tests.
 */
@FunctionalInterface
public interface LabelSource {
    /**
     * @return the {@code ledger.labeled} labels of the ledger's campaign, sample id → class, in acceptance order
     * @throws IllegalStateException when they cannot all be had (the message names campaign and counts)
     */
    Map<String, Integer> labelsOf(BudgetState ledger);
}
