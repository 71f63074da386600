/**
 * Where every random choice of a campaign gets its seed: one derivation
 * ({@link org.ssal.learning.seed.SeedDerivation}), applied per purpose and round
 * ({@link org.ssal.learning.seed.CampaignSeeds}), so that a seed can be named, recomputed and
 * audited. Loaders and trainers use the same derivation for their own sub-streams.
 */
package org.ssal.learning.seed;
