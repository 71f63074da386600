package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * CoreSet acquisition (Sener &amp; Savarese 2018, "Active Learning for Convolutional Neural
 * Networks: A Core-Set Approach"): the greedy k-center rule of {@link KCenterGreedy} over the
 * Euclidean distances of embeddings ("we use the l2 distance between activations of the final
 * fully-connected layer"; here, the frozen SSL embeddings), starting from the labeled set as the
 * initial centers. The paper's robust MIP refinement is not done: Bengar et al. 2021 and the
 * common baselines use the greedy version.
 *
 * <p>With no labeled sample yet the first pick is a uniform random pool sample drawn from the
 * round's stream of the campaign seed (over the pool in id order), and its score is NaN. Scores
 * of the other picks are their distance to the nearest center at the time they were picked (a
 * non-increasing sequence). Equal distances go to the smaller id.
 *
 * <p>A round that continues an earlier selection (its labeled set is that selection's centers and
 * picks, its candidates the rest) goes on from the kept traversal ({@link KCenterTraversals}):
 * same picks, a fraction of the work.
 */
public final class KCenterGreedyStrategy implements AcquisitionStrategy {
    /** Shared by every instance: the scorer makes a strategy per round, a campaign's rounds continue one traversal. */
    private static final KCenterTraversals KEPT = new KCenterTraversals();
    private final boolean parallel;

    public KCenterGreedyStrategy() {
        this(true);
    }

    /** @param parallel whether to use the common fork-join pool (results are identical either way) */
    public KCenterGreedyStrategy(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return "kcenter";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.of(Requirement.EMBEDDINGS);
    }

    /** The exact farthest-first traversal from the labeled set: a minimum over a set, in any order. */
    @Override
    public boolean readsLabeledSetOnly() {
        return true;
    }

    @Override
    public Selection select(SelectionContext ctx, int k) {
        int take = ContextValidation.validate(ctx, k, requires());
        if (take == 0) {
            return new Selection(List.of(), new double[0]);
        }
        KCenterTraversals.Continuation continuation = KEPT.take(ctx);
        KCenterTraversals.Entry entry;
        int[] candidateOfRow; // null: the traversal's rows are this round's candidates
        KCenterGreedy.Result result;
        if (continuation != null) {
            entry = continuation.entry();
            candidateOfRow = continuation.candidateOfRow();
            result = entry.traversal.pick(take);
        } else {
            float[][] centers = ctx.labeledEmbeddingsOrEmpty();
            int start = -1;
            if (centers.length == 0) {
                int[] byId = IdOrder.ascending(ctx.poolIds());
                start = byId[ctx.selectionStream().nextInt(byId.length)];
            }
            KCenterGreedy.Started started = KCenterGreedy.start(ctx.poolEmbeddings(), centers, take, start,
                    IdOrder.ranks(ctx.poolIds()), parallel);
            result = started.result();
            entry = new KCenterTraversals.Entry(started.traversal(), ctx.poolIds(),
                    ctx.labeledIds() == null ? List.of() : ctx.labeledIds(), centers);
            candidateOfRow = null;
        }
        List<String> ids = new ArrayList<>(take);
        for (int picked : result.picked()) {
            ids.add(ctx.poolIds().get(candidateOfRow == null ? picked : candidateOfRow[picked]));
            entry.picked(picked); // labeled next round: a center of the traversal's continuation
        }
        KEPT.keep(entry);
        return new Selection(ids, result.distances());
    }

    /** Selections in this JVM that went on from a kept traversal. */
    static long continuedSelections() {
        return KEPT.continued();
    }
}
