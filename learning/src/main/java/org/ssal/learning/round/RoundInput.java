package org.ssal.learning.round;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;

/**
 * What the decisions after round {@code round} depend on, and nothing else: an audit that has
 * these (embeddings by hash, labels and queried ids from the ledger) recomputes the round.
 *
 * @param pool         embeddings of the pool the strategy picks from
 * @param test         embeddings of the test split, with ground truth
 * @param numClasses   classes of the dataset
 * @param labels       sample id → label, in label-arrival order (the head is trained in this order)
 * @param queried      every sample id asked so far, labeled or not: never asked again
 * @param head         the campaign's head name ({@link org.ssal.learning.head.Heads})
 * @param campaignSeed the campaign seed ({@link org.ssal.learning.seed.CampaignSeeds})
 * @param round        the round whose labels are complete
 */
public record RoundInput(Embeddings pool, LabeledEmbeddings test, int numClasses, Map<String, Integer> labels,
                         Set<String> queried, String head, long campaignSeed, int round) {
    public RoundInput {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(head, "head");
        labels = new LinkedHashMap<>(labels);
        queried = Set.copyOf(queried);
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
    }
}
