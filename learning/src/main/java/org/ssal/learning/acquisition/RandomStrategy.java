package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Uniform sampling without replacement: the baseline that Bengar et al. 2021 find hard to beat
 * at low budgets. The pool is put in id order first and then shuffled (a partial Fisher-Yates)
 * with the round's stream of the campaign seed, so the pick depends on the pool as a set, the
 * seed and the round, and nothing else.
 */
public final class RandomStrategy implements AcquisitionStrategy {
    @Override
    public String name() {
        return "random";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.noneOf(Requirement.class);
    }

    /** A draw from the unasked ids in id order: the labeled samples only leave the pool. */
    @Override
    public boolean readsLabeledSetOnly() {
        return true;
    }

    @Override
    public Selection select(SelectionContext ctx, int k) {
        int take = ContextValidation.validate(ctx, k, requires());
        int[] order = IdOrder.ascending(ctx.poolIds());
        SplittableRandom rng = ctx.selectionStream();
        List<String> ids = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            ids.add(ctx.poolIds().get(order[i]));
        }
        double[] scores = new double[take];
        java.util.Arrays.fill(scores, Double.NaN);
        return new Selection(ids, scores);
    }
}
