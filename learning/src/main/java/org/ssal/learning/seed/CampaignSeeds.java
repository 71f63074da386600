package org.ssal.learning.seed;

import java.util.SplittableRandom;

/**
 * Every seed of a campaign, derived from its one campaign seed:
 * {@code seed(purpose, index) = derive(derive(campaignSeed, keyOf(purpose.key())), index)}
 * ({@link SeedDerivation}), where the index is the round, or {@code keyOf(sampleId)} for
 * {@link Purpose#ORACLE_NOISE}. Round r's stream of one purpose is thus fixed by (campaign seed,
 * purpose, r) alone: an audit can replay round r without replaying the rounds before it, and can
 * name the seed behind each random choice (the QueryBatch of round r carries
 * {@code seed(SELECTION, r)}).
 *
 * @param campaignSeed the seed the campaign was created with
 */
public record CampaignSeeds(long campaignSeed) {

    public static CampaignSeeds of(long campaignSeed) {
        return new CampaignSeeds(campaignSeed);
    }

    /** The seed of {@code purpose} in round {@code round}. */
    public long seed(Purpose purpose, long round) {
        return SeedDerivation.derive(purposeRoot(purpose), round);
    }

    /** The seed of {@code purpose} for a text index such as a sample id. */
    public long seed(Purpose purpose, String key) {
        return SeedDerivation.derive(purposeRoot(purpose), SeedDerivation.keyOf(key));
    }

    /** A fresh stream seeded with {@link #seed(Purpose, long)}. */
    public SplittableRandom stream(Purpose purpose, long round) {
        return new SplittableRandom(seed(purpose, round));
    }

    /** A fresh stream seeded with {@link #seed(Purpose, String)}. */
    public SplittableRandom stream(Purpose purpose, String key) {
        return new SplittableRandom(seed(purpose, key));
    }

    private long purposeRoot(Purpose purpose) {
        return SeedDerivation.derive(campaignSeed, purpose.key());
    }
}
