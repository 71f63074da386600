package org.ssal.learning.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssal.learning.acquisition.Strategies;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

class RoundPlannerTest {
    private static final int N = 120;
    private final List<String> ids = new ArrayList<>();
    private final Embeddings pool;
    private final LabeledEmbeddings test;

    RoundPlannerTest() {
        // two well separated blobs: any sane head separates them
        SplittableRandom random = new SplittableRandom(11);
        float[][] x = new float[N][2];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            ids.add(String.format("s%03d", i));
            y[i] = i % 2;
            x[i][0] = (float) (y[i] * 8 + random.nextGaussian());
            x[i][1] = (float) random.nextGaussian();
        }
        pool = new Embeddings(ids.toArray(String[]::new), x);
        test = new LabeledEmbeddings(pool, y);
    }

    private RoundInput afterInitial(long seed, String head) {
        NextBatch initial = RoundPlanner.initialBatch(ids, 10, seed);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String id : initial.ids()) {
            labels.put(id, ids.indexOf(id) % 2);
        }
        return new RoundInput(pool, test, 2, labels, new HashSet<>(initial.ids()), head, seed, 0);
    }

    @Test
    void shouldDrawTheInitialSetFromTheSelectionStreamOfRoundZero() {
        NextBatch initial = RoundPlanner.initialBatch(ids, 10, 5);
        assertEquals(0, initial.round());
        assertEquals(RoundPlanner.INITIAL_STRATEGY, initial.strategy());
        assertEquals(10, new HashSet<>(initial.ids()).size());
        assertTrue(initial.scores().stream().allMatch(score -> score.isNaN()));
        assertEquals(CampaignSeeds.of(5).seed(Purpose.SELECTION, 0), initial.seed());
        assertEquals(initial, RoundPlanner.initialBatch(ids, 10, 5), "same seed, same set");
        assertNotEquals(initial.ids(), RoundPlanner.initialBatch(ids, 10, 6).ids(), "another seed, another set");
    }

    @Test
    void shouldEvaluateAndPickOnlyUnqueriedSamplesWithTheSeedOfTheNextRound() {
        RoundInput input = afterInitial(5, "softmax");
        RoundPlan plan = RoundPlanner.plan(input, "entropy", 20);
        assertTrue(plan.evaluation().evaluation().accuracy() > 0.9, "separable blobs");
        NextBatch next = plan.next().orElseThrow();
        assertEquals(1, next.round());
        assertEquals("entropy", next.strategy());
        assertEquals(20, next.ids().size());
        assertEquals(20, new HashSet<>(next.ids()).size());
        assertTrue(next.ids().stream().noneMatch(input.queried()::contains), "never asks twice");
        assertEquals(CampaignSeeds.of(5).seed(Purpose.SELECTION, 1), next.seed());
    }

    @Test
    void shouldReplayTheSameBatchFromTheSameInput() {
        NextBatch first = RoundPlanner.plan(afterInitial(7, "svm"), "random", 15).next().orElseThrow();
        NextBatch again = RoundPlanner.plan(afterInitial(7, "svm"), "random", 15).next().orElseThrow();
        assertEquals(first, again);
        NextBatch otherSeed = RoundPlanner.plan(afterInitial(8, "svm"), "random", 15).next().orElseThrow();
        assertNotEquals(first.ids(), otherSeed.ids());
    }

    @Test
    void shouldPickTheSameBatchBeforeTheLabelsAreInWhateverTheLabelsAndTheirOrder() {
        RoundInput input = afterInitial(5, "softmax");
        // the same labeled samples, in reverse order and with other labels
        List<String> reversed = new ArrayList<>(input.labels().keySet());
        Collections.reverse(reversed);
        Map<String, Integer> relabeled = new LinkedHashMap<>();
        reversed.forEach(id -> relabeled.put(id, 1 - input.labels().get(id)));
        RoundInput other = new RoundInput(input.pool(), input.test(), input.numClasses(), relabeled, input.queried(),
                input.head(), input.campaignSeed(), input.round());
        List<String> claiming = Strategies.names().stream().filter(RoundPlanner::picksBeforeLabels).toList();
        assertEquals(List.of("kcenter", "random"), claiming);
        for (String strategy : claiming) {
            NextBatch ahead = RoundPlanner.nextBatchBeforeLabels(input.pool(), input.queried(), input.numClasses(), strategy,
                    15, input.campaignSeed(), input.round() + 1);
            assertEquals(ahead, RoundPlanner.nextBatch(input, RoundPlanner.evaluate(input), strategy, 15), strategy);
            assertEquals(ahead, RoundPlanner.nextBatch(other, RoundPlanner.evaluate(other), strategy, 15), strategy);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoundPlanner.nextBatchBeforeLabels(
                input.pool(), input.queried(), input.numClasses(), "entropy", 15, input.campaignSeed(), 1));
        assertTrue(e.getMessage().contains("entropy"), e.getMessage());
        assertFalse(RoundPlanner.picksBeforeLabels("typiclust"), "sees the labeled samples in order");
    }

    @Test
    void shouldAskNothingWithoutAStrategyOrBudget() {
        RoundInput input = afterInitial(5, "softmax");
        assertTrue(RoundPlanner.plan(input, null, 20).next().isEmpty());
        assertTrue(RoundPlanner.plan(input, "random", 0).next().isEmpty());
    }

    @Test
    void shouldRefuseToTrainAHeadWithoutLabels() {
        RoundInput empty = new RoundInput(pool, test, 2, Map.of(), Set.of(), "softmax", 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoundPlanner.evaluate(empty));
        assertTrue(e.getMessage().contains("without labels"), e.getMessage());
    }
}
