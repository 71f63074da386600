package org.ssal.learning.acquisition;

import java.util.List;
import org.ssal.learning.head.TrainedHead;

/**
 * Everything a strategy may look at for one round. Ids are stable sample ids; the arrays are
 * aligned with the id lists. {@code head} is null unless the strategy requires
 * {@link Requirement#TRAINED_HEAD}.
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
}
