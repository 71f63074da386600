package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntropyStrategyTest {
    @Test
    void shouldMatchNaiveSortOfEntropiesWhenInputsAreRandom() {
        SelectionContext ctx = Fixtures.randomContext(60, 0, 4, 21);
        double[][] p = ctx.head().probabilities(ctx.poolEmbeddings());
        List<Integer> order = new ArrayList<>();
        double[] h = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            order.add(i);
            for (double v : p[i]) {
                h[i] += v == 0 ? 0 : -v * Math.log(v);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -h[i]).thenComparing(i -> ctx.poolIds().get(i)));
        Selection s = new EntropyStrategy().select(ctx, 15);
        for (int r = 0; r < 15; r++) {
            assertEquals(ctx.poolIds().get(order.get(r)), s.ids().get(r));
            assertEquals(h[order.get(r)], s.scores()[r], 1e-12);
        }
    }

    @Test
    void shouldPreferUniformPredictionsAndBreakTiesByIdWhenEntropiesAreKnown() {
        // embedding = logits: uniform rows have entropy log 3, a confident row almost 0
        float[][] rows = {{9, 0, 0}, {1, 1, 1}, {0, 0, 0}, {2, 0, 0}};
        SelectionContext ctx = Fixtures.context(List.of("d", "c", "b", "a"), rows, List.of(), new float[0][],
                new Fixtures.EmbeddingIsScoresHead(3), 0, 0);
        Selection s = new EntropyStrategy().select(ctx, 3);
        assertEquals(List.of("b", "c", "a"), s.ids());
        assertArrayEquals(new double[] {Math.log(3), Math.log(3)}, new double[] {s.scores()[0], s.scores()[1]}, 1e-12);
    }
}
