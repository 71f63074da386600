package org.ssal.learning.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ssal.learning.acquisition.AcquisitionStrategy;
import org.ssal.learning.acquisition.Requirement;
import org.ssal.learning.acquisition.Selection;
import org.ssal.learning.acquisition.SelectionContext;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.head.Classifier;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.metrics.Evaluation;

/**
 * One round of the paper's loop on a frozen encoder: train the head on the labeled embeddings,
 * evaluate it on the test split, and let the strategy pick the next samples from the pool
 * samples not yet asked for. Pure and deterministic, so the scorer service and an audit replay
 * compute the same thing.
 */
public final class RoundScorer {
    private RoundScorer() {
    }

    /** The labeled set of a round: sample id → class index, in label-arrival order. */
    public record Outcome(Evaluation evaluation, Selection next) {
    }

    /** Trains the head on the labeled set and evaluates it on the test split. */
    public static TrainedHead fitHead(Classifier classifier, Embeddings pool, Map<String, Integer> labels, int numClasses) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("cannot train a head without labels");
        }
        List<String> ids = new ArrayList<>(labels.keySet());
        float[][] x = pool.rows(ids);
        int[] y = new int[ids.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(ids.get(i));
        }
        return classifier.fit(x, y, numClasses);
    }

    public static Evaluation evaluate(TrainedHead head, LabeledEmbeddings test, int numClasses) {
        float[][] x = new float[test.embeddings().size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = test.embeddings().vector(i);
        }
        return Evaluation.of(test.labels(), head.predict(x), numClasses);
    }

    /**
     * Picks up to {@code k} samples among the pool ids not in {@code alreadyQueried}.
     *
     * @param head the head trained on the labeled set (used only by strategies that require one)
     */
    public static Selection select(AcquisitionStrategy strategy, Embeddings pool, Map<String, Integer> labels,
                                   Set<String> alreadyQueried, TrainedHead head, int numClasses,
                                   long campaignSeed, int round, int k) {
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (!alreadyQueried.contains(pool.id(i))) {
                candidates.add(pool.id(i));
            }
        }
        List<String> labeledIds = new ArrayList<>(labels.keySet());
        int[] labeledLabels = labeledIds.stream().mapToInt(labels::get).toArray();
        Set<Requirement> needs = strategy.requires();
        SelectionContext ctx = new SelectionContext(candidates, pool.rows(candidates), labeledIds,
                pool.rows(labeledIds), labeledLabels, numClasses,
                needs.contains(Requirement.TRAINED_HEAD) ? head : null,
                RoundSeeds.forRound(campaignSeed, round), round);
        return strategy.select(ctx, k);
    }
}
