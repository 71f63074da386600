package org.ssal.learning.acquisition;

import java.util.Set;

/** Picks the next samples to label from the unlabeled pool. */
public interface AcquisitionStrategy {
    /** Registry name, e.g. "entropy". */
    String name();

    Set<Requirement> requires();

    /**
     * Whether {@link #select} reads the labeled samples only as a set of ids: not their labels,
     * not the order they came in. Then the next batch is known as soon as the previous one is
     * asked, before anyone labels it (the scorer picks it meanwhile; RoundPlannerTest checks the
     * claim for every strategy that makes it).
     */
    default boolean readsLabeledSetOnly() {
        return false;
    }

    /**
     * Returns exactly {@code min(k, pool size)} distinct pool ids. Deterministic for the same
     * context (same ids, embeddings, head and seed).
     */
    Selection select(SelectionContext ctx, int k);
}
