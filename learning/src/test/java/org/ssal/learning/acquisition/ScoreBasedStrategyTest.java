package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoreBasedStrategyTest {
    /** Scores are the first embedding coordinate. */
    static final class FirstCoordinate extends ScoreBasedStrategy {
        FirstCoordinate(Direction direction) {
            super(direction);
        }

        @Override
        public String name() {
            return "first";
        }

        @Override
        public Set<Requirement> requires() {
            return EnumSet.of(Requirement.EMBEDDINGS);
        }

        @Override
        protected double[] scores(SelectionContext ctx) {
            double[] s = new double[ctx.poolEmbeddings().length];
            for (int i = 0; i < s.length; i++) {
                s[i] = ctx.poolEmbeddings()[i][0];
            }
            return s;
        }
    }

    private static SelectionContext pool(List<String> ids, float... first) {
        float[][] rows = new float[first.length][];
        for (int i = 0; i < first.length; i++) {
            rows[i] = new float[] {first[i]};
        }
        return new SelectionContext(ids, rows, List.of(), new float[0][], new int[0], 2, null, 0, 0);
    }

    @Test
    void shouldPutNanLastAndBreakTiesByIdWhenRankingHighestFirst() {
        SelectionContext ctx = pool(List.of("e", "d", "c", "b", "a"), Float.NaN, 2f, Float.POSITIVE_INFINITY, 2f, 1f);
        Selection s = new FirstCoordinate(ScoreBasedStrategy.Direction.HIGHEST_FIRST).select(ctx, 5);
        assertEquals(List.of("c", "b", "d", "a", "e"), s.ids());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 2, 2, 1, Double.NaN}, s.scores(), 0.0);
    }

    @Test
    void shouldPutNanLastAndBreakTiesByIdWhenRankingLowestFirst() {
        SelectionContext ctx = pool(List.of("e", "d", "c", "b", "a"), Float.NaN, 2f, Float.NEGATIVE_INFINITY, 2f, 3f);
        Selection s = new FirstCoordinate(ScoreBasedStrategy.Direction.LOWEST_FIRST).select(ctx, 4);
        assertEquals(List.of("c", "b", "d", "a"), s.ids());
    }
}
