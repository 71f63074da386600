package org.ssal.learning.acquisition;

import java.util.List;
import java.util.SplittableRandom;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

/**
 * Everything a strategy may look at for one round. Ids are stable sample ids; the arrays are
 * aligned with the id lists. {@code head} is null unless the strategy requires
 * {@link Requirement#TRAINED_HEAD}.
 *
 * @param seed  the campaign seed; a strategy draws only from {@link #selectionStream()}
 * @param round the round being selected (the initial set is round 0)
 */
public record SelectionContext(
        List<String> poolIds,
        float[][] poolEmbeddings,
        List<String> labeledIds,
        float[][] labeledEmbeddings,
        int[] labeledLabels,
        int numClasses,
        TrainedHead head,
        long seed,
        int round) {

    /** The seed of this round's selection stream, the one a QueryBatch reports. */
    public long selectionSeed() {
        return CampaignSeeds.of(seed).seed(Purpose.SELECTION, round);
    }

    /**
     * A fresh copy of this round's selection stream: fixed by (campaign seed, round) alone, so
     * round r can be replayed without rounds before it.
     */
    public SplittableRandom selectionStream() {
        return new SplittableRandom(selectionSeed());
    }

    /** The labeled embeddings, an empty array when there are none. */
    float[][] labeledEmbeddingsOrEmpty() {
        return labeledEmbeddings == null ? new float[0][] : labeledEmbeddings;
    }
}
