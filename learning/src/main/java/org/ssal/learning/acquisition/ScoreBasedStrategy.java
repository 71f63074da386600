package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Template for strategies that score each pool sample on its own and take the best k (the
 * pattern of baal's {@code AbstractHeuristic}): a subclass writes only {@link #scores}; this
 * class validates the context, orders by score in the subclass's {@link Direction}, puts samples
 * whose score is NaN (could not be computed) last, and breaks ties by ascending sample id, so the
 * selection never depends on pool order. Infinite scores are ordinary extremes.
 */
public abstract class ScoreBasedStrategy implements AcquisitionStrategy {
    /** Which end of the score scale is most worth labelling. */
    public enum Direction { HIGHEST_FIRST, LOWEST_FIRST }

    private final Direction direction;

    protected ScoreBasedStrategy(Direction direction) {
        this.direction = direction;
    }

    /** One score per pool sample, aligned with {@code ctx.poolIds()}. The context is validated. */
    protected abstract double[] scores(SelectionContext ctx);

    public final Direction direction() {
        return direction;
    }

    @Override
    public final Selection select(SelectionContext ctx, int k) {
        int take = ContextValidation.validate(ctx, k, requires());
        if (take == 0) {
            return new Selection(List.of(), new double[0]);
        }
        double[] scores = scores(ctx);
        if (scores.length != ctx.poolIds().size()) {
            throw new IllegalStateException(name() + " returned " + scores.length + " scores for " + ctx.poolIds().size() + " pool ids");
        }
        int[] order = rank(scores, IdOrder.ranks(ctx.poolIds()), direction);
        List<String> ids = new ArrayList<>(take);
        double[] picked = new double[take];
        for (int r = 0; r < take; r++) {
            ids.add(ctx.poolIds().get(order[r]));
            picked[r] = scores[order[r]];
        }
        return new Selection(ids, picked);
    }

    /** Pool indices from most to least worth labelling. */
    static int[] rank(double[] scores, int[] idRank, Direction direction) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            boolean nanA = Double.isNaN(scores[a]);
            boolean nanB = Double.isNaN(scores[b]);
            if (nanA != nanB) {
                return nanA ? 1 : -1;
            }
            int byScore = nanA ? 0 : Double.compare(scores[a], scores[b]);
            if (direction == Direction.HIGHEST_FIRST) {
                byScore = -byScore;
            }
            return byScore != 0 ? byScore : Integer.compare(idRank[a], idRank[b]);
        });
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name() + ", " + direction + ")";
    }
}
