package org.ssal.learning.acquisition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by all strategies, so every strategy rejects a bad context with the same words. */
final class ContextValidation {
    private ContextValidation() {
    }

    /** Validates the context for a strategy with the given requirements; returns min(k, pool size). */
    static int validate(SelectionContext ctx, int k, Set<Requirement> requires) {
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
}
