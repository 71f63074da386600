package org.ssal.learning.acquisition;

import java.util.Set;

/** Picks the next samples to label from the unlabeled pool. */
public interface AcquisitionStrategy {
    /** Registry name, e.g. "entropy". */
    String name();

    Set<Requirement> requires();

    /**
     * Returns exactly {@code min(k, pool size)} distinct pool ids. Deterministic for the same
     * context (same ids, embeddings, head and seed).
     */
    Selection select(SelectionContext ctx, int k);
}
