package org.ssal.learning.round;

import java.util.List;

/**
 * The samples to ask next, as a QueryBatch carries them.
 *
 * @param round    the round these samples belong to
 * @param strategy the strategy that picked them ({@link RoundPlanner#INITIAL_STRATEGY} for round 0)
 * @param ids      sample ids in pick order
 * @param scores   the strategy's score of each id (NaN where it has none)
 * @param seed     the seed of the selection stream that was used (CampaignSeeds, Purpose.SELECTION)
 */
public record NextBatch(int round, String strategy, List<String> ids, List<Double> scores, long seed) {
    public NextBatch {
        ids = List.copyOf(ids);
        scores = List.copyOf(scores);
        if (ids.size() != scores.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + scores.size() + " scores");
        }
    }
}
