package org.ssal.learning.round;

import java.util.SplittableRandom;

/**
 * Derives the seed of each round from the campaign seed, so every round has its own reproducible
 * stream of randomness and an audit can replay round r without replaying rounds before it.
 */
public final class RoundSeeds {
    private RoundSeeds() {
    }

    public static long forRound(long campaignSeed, int round) {
        // SplittableRandom's mixing turns (seed, round) into well-spread, independent seeds
        return new SplittableRandom(campaignSeed ^ (0x9E3779B97F4A7C15L * (round + 1L))).nextLong();
    }
}
