package org.ssal.learning.acquisition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Checks shared by all strategies, so every strategy rejects a bad context with the same words. */
final class Contexts {
    private Contexts() {
    }

    /** Validates the context for a strategy with the given requirements; returns min(k, pool size). */
    static int check(SelectionContext ctx, int k, Set<Requirement> requires) {
        if (ctx == null) {
            throw new IllegalArgumentException("ctx must not be null");
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (ctx.round() < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + ctx.round());
        }
        List<String> pool = ctx.poolIds();
        if (pool == null) {
            throw new IllegalArgumentException("poolIds must not be null");
        }
        Set<String> seen = new HashSet<>(pool.size() * 2);
        for (String id : pool) {
            if (id == null) {
                throw new IllegalArgumentException("poolIds contains null");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("poolIds contains duplicate id " + id);
            }
        }
        if (requires.contains(Requirement.EMBEDDINGS)) {
            checkEmbeddings(ctx);
        }
        if (requires.contains(Requirement.TRAINED_HEAD) && ctx.head() == null) {
            throw new IllegalArgumentException("head must not be null: this strategy requires TRAINED_HEAD");
        }
        return Math.min(k, pool.size());
    }

    private static void checkEmbeddings(SelectionContext ctx) {
        if (ctx.poolEmbeddings() == null) {
            throw new IllegalArgumentException("poolEmbeddings must not be null: this strategy requires EMBEDDINGS");
        }
        if (ctx.poolEmbeddings().length != ctx.poolIds().size()) {
            throw new IllegalArgumentException("poolEmbeddings has " + ctx.poolEmbeddings().length + " rows but poolIds has "
                    + ctx.poolIds().size());
        }
        List<String> labeled = ctx.labeledIds() == null ? List.of() : ctx.labeledIds();
        float[][] labeledRows = ctx.labeledEmbeddings() == null ? new float[0][] : ctx.labeledEmbeddings();
        if (labeledRows.length != labeled.size()) {
            throw new IllegalArgumentException("labeledEmbeddings has " + labeledRows.length + " rows but labeledIds has "
                    + labeled.size());
        }
        int dim = -1;
        for (float[][] rows : new float[][][] {ctx.poolEmbeddings(), labeledRows}) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null) {
                    throw new IllegalArgumentException("embedding row " + i + " is null");
                }
                if (dim < 0) {
                    dim = rows[i].length;
                } else if (rows[i].length != dim) {
                    throw new IllegalArgumentException("embedding row " + i + " has dim " + rows[i].length + ", expected " + dim);
                }
            }
        }
    }

    /** Labeled embeddings, never null. */
    static float[][] labeledEmbeddings(SelectionContext ctx) {
        return ctx.labeledEmbeddings() == null ? new float[0][] : ctx.labeledEmbeddings();
    }

    /**
     * The random stream of one round: the campaign seed's root stream split once per round, so
     * round r's stream is fixed by (seed, r) alone and independent of every other round's.
     * (Seeding with {@code seed + round} would not do: SplittableRandom streams of nearby seeds
     * are shifted copies of each other.)
     */
    static SplittableRandom roundRandom(SelectionContext ctx) {
        SplittableRandom root = new SplittableRandom(ctx.seed());
        SplittableRandom round = root.split();
        for (int r = 0; r < ctx.round(); r++) {
            round = root.split();
        }
        return round;
    }

    /**
     * rank[i] = position of poolIds[i] in ascending id order: the tie-breaker of every strategy,
     * so that equal scores resolve by sample id and never by pool position.
     */
    static int[] idRanks(List<String> ids) {
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** Pool indices in ascending id order. */
    static int[] byId(List<String> ids) {
        int[] rank = idRanks(ids);
        int[] order = new int[rank.length];
        for (int i = 0; i < rank.length; i++) {
            order[rank[i]] = i;
        }
        return order;
    }
}
