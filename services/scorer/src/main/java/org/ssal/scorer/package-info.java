/**
 * The scorer service: for each complete round, evaluates the head and asks the next batch
 * ({@link org.ssal.scorer.ScoringHandler}), the decision itself being learning's
 * {@link org.ssal.learning.round.RoundPlanner}; embeddings come hash-checked from the artifact store.
 */
package org.ssal.scorer;
