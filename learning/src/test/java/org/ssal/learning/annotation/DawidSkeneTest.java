package org.ssal.learning.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DawidSkeneTest {
    /** Simulated annotators: each answers right with its accuracy, else a uniformly drawn wrong class. */
    private static List<Annotation> simulate(int items, int classes, double[] accuracies, int[] truth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            truth[i] = random.nextInt(classes);
            for (int j = 0; j < accuracies.length; j++) {
                int label = truth[i];
                if (random.nextDouble() >= accuracies[j]) {
                    label = (truth[i] + 1 + random.nextInt(classes - 1)) % classes;
                }
                annotations.add(new Annotation("s" + i, "a" + j, label));
            }
        }
        return annotations;
    }

    @Test
    void shouldRecoverTheAccuraciesOfSimulatedAnnotators() {
        double[] accuracies = {0.95, 0.85, 0.75, 0.6, 0.5};
        int[] truth = new int[3000];
        DawidSkene.Result result = DawidSkene.fit(simulate(3000, 3, accuracies, truth, 7), 3, 100, 1e-9);
        for (int j = 0; j < accuracies.length; j++) {
            assertEquals(accuracies[j], result.accuracyOf("a" + j), 0.03, "annotator a" + j);
        }
    }

    @Test
    void shouldBeatMajorityVoteWhenAFewReliableAnnotatorsFaceManyNoisyOnes() {
        double[] accuracies = {0.95, 0.9, 0.45, 0.45, 0.45};
        int[] truth = new int[2000];
        List<Annotation> annotations = simulate(2000, 4, accuracies, truth, 11);
        DawidSkene.Result result = DawidSkene.fit(annotations, 4, 100, 1e-9);
        int dsRight = 0;
        int majorityRight = 0;
        for (int i = 0; i < truth.length; i++) {
            String id = "s" + i;
            dsRight += result.labels().get(id) == truth[i] ? 1 : 0;
            List<Annotation> ofItem = annotations.stream().filter(a -> a.sampleId().equals(id)).toList();
            majorityRight += MajorityVote.of(ofItem, 4) == truth[i] ? 1 : 0;
        }
        assertTrue(dsRight > majorityRight + 100, "Dawid-Skene " + dsRight + " vs majority " + majorityRight);
    }

    @Test
    void shouldNeverDecreaseItsObjective() {
        int[] truth = new int[300];
        DawidSkene.Result result = DawidSkene.fit(simulate(300, 3, new double[] {0.8, 0.6, 0.55}, truth, 3), 3, 50, 0);
        List<Double> objectives = result.objectives();
        for (int t = 1; t < objectives.size(); t++) {
            assertTrue(objectives.get(t) >= objectives.get(t - 1) - 1e-9, "iteration " + t + ": " + objectives);
        }
    }

    @Test
    void shouldGivePosteriorsThatMatchBayesByBruteForceEnumeration() {
        // 3 items, 2 annotators, 2 classes; the posteriors are checked against P(z_i | answers) from
        // the joint over all 2^3 true-label assignments at the fitted parameters
        List<Annotation> annotations = List.of(
                new Annotation("s0", "x", 0), new Annotation("s0", "y", 0),
                new Annotation("s1", "x", 1), new Annotation("s1", "y", 0),
                new Annotation("s2", "x", 1), new Annotation("s2", "y", 1));
        DawidSkene.Result result = DawidSkene.fit(annotations, 2, 1, 0);
        // one iteration = M-step then E-step, so the reported posteriors belong to the reported parameters
        double[] pi = result.priors();
        double[][] x = result.confusions().get("x");
        double[][] y = result.confusions().get("y");
        int[][] answers = {{0, 0}, {1, 0}, {1, 1}};
        double[][] marginal = new double[3][2];
        double total = 0;
        for (int mask = 0; mask < 8; mask++) {
            double joint = 1;
            int[] z = {mask & 1, (mask >> 1) & 1, (mask >> 2) & 1};
            for (int i = 0; i < 3; i++) {
                joint *= pi[z[i]] * x[z[i]][answers[i][0]] * y[z[i]][answers[i][1]];
            }
            total += joint;
            for (int i = 0; i < 3; i++) {
                marginal[i][z[i]] += joint;
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(marginal[i][1] / total, result.posteriors().get("s" + i)[1], 1e-12, "item s" + i);
        }
    }

    @Test
    void shouldGiveUnanimousLabelsAndNotDependOnInputOrder() {
        int[] truth = new int[200];
        List<Annotation> annotations = simulate(200, 3, new double[] {0.9, 0.7, 0.7}, truth, 5);
        DawidSkene.Result forward = DawidSkene.fit(annotations, 3, 100, 1e-9);
        List<Annotation> reversed = new ArrayList<>(annotations);
        java.util.Collections.reverse(reversed);
        DawidSkene.Result backward = DawidSkene.fit(reversed, 3, 100, 1e-9);
        assertEquals(forward.labels(), backward.labels());
        for (Map.Entry<String, Integer> e : forward.labels().entrySet()) {
            List<Annotation> ofItem = annotations.stream().filter(a -> a.sampleId().equals(e.getKey())).toList();
            if (ofItem.stream().mapToInt(Annotation::label).distinct().count() == 1) {
                assertEquals(ofItem.get(0).label(), e.getValue(), "unanimous item " + e.getKey());
            }
        }
    }

    @Test
    void shouldRefuseTheSameAnnotatorTwiceOnOneSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DawidSkene.fit(
                List.of(new Annotation("s0", "x", 0), new Annotation("s0", "x", 1)), 2, 10, 0));
        assertEquals("annotator x answered sample s0 more than once", e.getMessage());
    }
}
