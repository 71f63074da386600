package org.ssal.learning.round;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ssal.learning.acquisition.AcquisitionStrategy;
import org.ssal.learning.acquisition.Requirement;
import org.ssal.learning.acquisition.Selection;
import org.ssal.learning.acquisition.SelectionContext;
import org.ssal.learning.acquisition.Strategies;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.head.Heads;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.metrics.Evaluation;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

/**
 * The scorer's side of one round of the paper's loop on frozen embeddings: train the head on the
 * labeled embeddings, evaluate it on the test split, and let the strategy pick the next samples
 * among those not asked yet. A pure function of a {@link RoundInput}, the strategy name and the
 * batch size, so the scorer service and an audit replay compute the same batch.
 */
public final class RoundPlanner {
    /** The strategy name of round 0's batch. */
    public static final String INITIAL_STRATEGY = "random-initial";

    private RoundPlanner() {
    }

    /**
     * Round 0: {@code size} pool ids drawn uniformly ({@link InitialSet}) from the campaign's
     * selection stream of round 0, so every strategy starts from the same labels.
     */
    public static NextBatch initialBatch(List<String> poolIds, int size, long campaignSeed) {
        long seed = CampaignSeeds.of(campaignSeed).seed(Purpose.SELECTION, 0);
        List<String> ids = InitialSet.pick(poolIds, size, seed);
        return new NextBatch(0, INITIAL_STRATEGY, ids, Collections.nCopies(ids.size(), Double.NaN), seed);
    }

    /** Evaluation and next batch in one call: what an audit replays. {@code strategy} null: no next batch. */
    public static RoundPlan plan(RoundInput input, String strategy, int batchSize) {
        RoundEvaluation evaluation = evaluate(input);
        Optional<NextBatch> next = strategy == null || batchSize <= 0 ? Optional.empty()
                : Optional.of(nextBatch(input, evaluation, strategy, batchSize));
        return new RoundPlan(evaluation, next);
    }

    /** Trains the campaign's head on the labeled embeddings and evaluates it on the test split. */
    public static RoundEvaluation evaluate(RoundInput input) {
        if (input.labels().isEmpty()) {
            throw new IllegalArgumentException("cannot train a head without labels");
        }
        List<String> ids = new ArrayList<>(input.labels().keySet());
        int[] y = ids.stream().mapToInt(input.labels()::get).toArray();
        TrainedHead head = Heads.create(input.head()).fit(input.pool().rows(ids), y, input.numClasses());
        Embeddings test = input.test().embeddings();
        float[][] x = new float[test.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = test.vector(i);
        }
        return new RoundEvaluation(head, Evaluation.of(input.test().labels(), head.predict(x), input.numClasses()));
    }

    /**
     * Up to {@code batchSize} samples of round {@code input.round() + 1}, picked by {@code strategy}
     * among the pool ids not queried yet.
     *
     * @param evaluation the head trained on the labels, for strategies that require one
     */
    public static NextBatch nextBatch(RoundInput input, RoundEvaluation evaluation, String strategy, int batchSize) {
        List<String> labeledIds = new ArrayList<>(input.labels().keySet());
        int[] labeledLabels = labeledIds.stream().mapToInt(input.labels()::get).toArray();
        return select(input.pool(), input.queried(), labeledIds, labeledLabels, input.numClasses(), evaluation.head(),
                strategy, batchSize, input.campaignSeed(), input.round() + 1);
    }

    /**
     * Whether the strategy's next batch can be picked before the labels of the previous one are in
     * ({@link AcquisitionStrategy#readsLabeledSetOnly}: random and kcenter; TypiClust and VAAL ignore
     * labels too, but their clustering and training see the labeled samples in order).
     */
    public static boolean picksBeforeLabels(String strategy) {
        return Strategies.create(strategy).readsLabeledSetOnly();
    }

    /**
     * The batch of round {@code round} for a strategy that {@link #picksBeforeLabels}, from the ids
     * that will be labeled when it is due: the same batch {@link #nextBatch} gives once their labels
     * are in, whatever they are and in whatever order they came (RoundPlannerTest).
     *
     * @param labeledIds every sample asked so far (all of them are labeled when the round completes)
     */
    public static NextBatch nextBatchBeforeLabels(Embeddings pool, Set<String> labeledIds, int numClasses,
                                                  String strategy, int batchSize, long campaignSeed, int round) {
        if (!picksBeforeLabels(strategy)) {
            throw new IllegalArgumentException("strategy '" + strategy + "' reads the labels or their order: it"
                    + " cannot pick before the labels are in");
        }
        List<String> ordered = new ArrayList<>(new TreeSet<>(labeledIds));
        return select(pool, labeledIds, ordered, null, numClasses, null, strategy, batchSize, campaignSeed, round);
    }

    private static NextBatch select(Embeddings pool, Set<String> queried, List<String> labeledIds, int[] labeledLabels,
                                    int numClasses, TrainedHead head, String strategy, int batchSize, long campaignSeed,
                                    int round) {
        AcquisitionStrategy picker = Strategies.create(strategy);
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (!queried.contains(pool.id(i))) {
                candidates.add(pool.id(i));
            }
        }
        Set<Requirement> needs = picker.requires();
        SelectionContext ctx = new SelectionContext(candidates, pool.rows(candidates), labeledIds,
                pool.rows(labeledIds), labeledLabels, numClasses,
                needs.contains(Requirement.TRAINED_HEAD) ? head : null, campaignSeed, round);
        Selection selection = picker.select(ctx, batchSize);
        return new NextBatch(round, strategy, selection.ids(), Arrays.stream(selection.scores()).boxed().toList(),
                ctx.selectionSeed());
    }
}
