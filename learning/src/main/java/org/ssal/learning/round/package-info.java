/**
 * One round of the active-learning loop as the scorer decides it, as a pure function an audit
 * can replay: {@link org.ssal.learning.round.RoundPlanner} takes a
 * {@link org.ssal.learning.round.RoundInput} (embeddings, labels, queried ids, head, campaign
 * seed), trains and evaluates the head, and picks the {@link org.ssal.learning.round.NextBatch}.
 */
package org.ssal.learning.round;
