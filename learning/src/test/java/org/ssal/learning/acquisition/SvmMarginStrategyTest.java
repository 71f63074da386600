package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssal.learning.head.LinearSvmHead;
import org.ssal.learning.head.TrainedHead;

class SvmMarginStrategyTest {
    @Test
    void shouldMatchNaiveSortOfTopTwoGapsWhenInputsAreRandom() {
        SelectionContext ctx = Fixtures.randomContext(60, 0, 5, 31);
        double[][] v = ctx.head().decisionValues(ctx.poolEmbeddings());
        double[] gap = new double[v.length];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            double[] sorted = v[i].clone();
            Arrays.sort(sorted);
            gap[i] = sorted[sorted.length - 1] - sorted[sorted.length - 2];
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> gap[i]).thenComparing(i -> ctx.poolIds().get(i)));
        Selection s = new SvmMarginStrategy().select(ctx, 20);
        for (int r = 0; r < 20; r++) {
            assertEquals(ctx.poolIds().get(order.get(r)), s.ids().get(r));
            assertEquals(gap[order.get(r)], s.scores()[r], 1e-12);
        }
    }

    @Test
    void shouldPickSamplesNearestTheBoundaryWhenHeadIsALinearSvm() {
        // 1-D, classes at -10 and +10: the SVM boundary is near 0
        float[][] x = {{-10}, {-9}, {9}, {10}};
        TrainedHead head = new LinearSvmHead().fit(x, new int[] {0, 0, 1, 1}, 2);
        float[][] pool = {{-8}, {0.2f}, {7}, {-0.5f}, {3}};
        SelectionContext ctx = Fixtures.context(List.of("p0", "p1", "p2", "p3", "p4"), pool, List.of(), new float[0][], head, 0, 0);
        assertEquals(List.of("p1", "p3"), new SvmMarginStrategy().select(ctx, 2).ids());
    }

    @Test
    void shouldIgnoreUnseenClassesWhenTheirDecisionValueIsMinusInfinity() {
        float[][] pool = {{1, 0, Float.NEGATIVE_INFINITY}, {1, 0.9f, Float.NEGATIVE_INFINITY}};
        SelectionContext ctx = Fixtures.context(List.of("a", "b"), pool, List.of(), new float[0][],
                new Fixtures.EmbeddingIsScoresHead(3), 0, 0);
        Selection s = new SvmMarginStrategy().select(ctx, 2);
        assertEquals(List.of("b", "a"), s.ids());
        assertEquals(0.1, s.scores()[0], 1e-6);
    }
}
