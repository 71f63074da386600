package org.ssal.learning.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssal.learning.head.Classifier;
import org.ssal.learning.head.SoftmaxHead;
import org.ssal.learning.head.TrainedHead;

class EncoderChoiceTest {
    private static final int CLASSES = 3;

    /** Predicts round(x[0]) whatever it was trained on: held-out counts are then known by hand. */
    private static final Classifier READS_FIRST_FEATURE = new Classifier() {
        @Override
        public String name() {
            return "first-feature";
        }

        @Override
        public TrainedHead fit(float[][] x, int[] y, int numClasses) {
            return new TrainedHead() {
                @Override
                public int numClasses() {
                    return numClasses;
                }

                @Override
                public double[][] probabilities(float[][] rows) {
                    return decisionValues(rows);
                }

                @Override
                public double[][] decisionValues(float[][] rows) {
                    double[][] p = new double[rows.length][numClasses];
                    for (int i = 0; i < rows.length; i++) {
                        p[i][Math.round(rows[i][0])] = 1;
                    }
                    return p;
                }
            };
        }
    };

    @Test
    void shouldCountHeldOutHitsWhenHeadIsKnown() {
        Map<String, Integer> labels = labels(30); // 10 per class
        // informative: x0 = label; constant: x0 = 0 (right only for class 0); off by one: never right
        List<EncoderChoice.Candidate> candidates = List.of(
                candidate("constant", labels, (id, y) -> 0f),
                candidate("label", labels, (id, y) -> (float) y),
                candidate("off-by-one", labels, (id, y) -> (float) ((y + 1) % CLASSES)));
        EncoderChoice.Choice choice = EncoderChoice.choose(candidates, labels, CLASSES, READS_FIRST_FEATURE, 0, 7);
        assertEquals(EncoderChoice.CROSS_VALIDATION, choice.rule());
        assertEquals(EncoderChoice.FOLDS, choice.folds());
        assertEquals(List.of(new EncoderChoice.Score(10, 10 / 30.0), new EncoderChoice.Score(30, 1.0),
                new EncoderChoice.Score(0, 0.0)), choice.scores());
        assertEquals(1, choice.chosen());
        assertTrue(choice.reason().contains("label replaces constant"), choice.reason());
    }

    @Test
    void shouldApplyTheRulesWhenLabelsAreFewOrTied() {
        Map<String, Integer> labels = labels(30);
        List<EncoderChoice.Candidate> twins = List.of(
                candidate("a", labels, (id, y) -> (float) y), candidate("b", labels, (id, y) -> (float) y));
        EncoderChoice.Choice first = EncoderChoice.choose(twins, Map.of(), CLASSES, READS_FIRST_FEATURE, -1, 1);
        assertEquals(0, first.chosen());
        assertEquals(EncoderChoice.NO_LABELS, first.rule());
        // a tie keeps the previous choice, whichever it was
        assertEquals(1, EncoderChoice.choose(twins, labels, CLASSES, READS_FIRST_FEATURE, 1, 1).chosen());
        assertEquals(0, EncoderChoice.choose(twins, labels, CLASSES, READS_FIRST_FEATURE, 0, 1).chosen());
        // 5 labels over 3 classes: fewer than 2 per class, the previous choice stays unexamined
        Map<String, Integer> few = labels(5);
        List<EncoderChoice.Candidate> better = List.of(
                candidate("constant", few, (id, y) -> 0f), candidate("label", few, (id, y) -> (float) y));
        EncoderChoice.Choice kept = EncoderChoice.choose(better, few, CLASSES, READS_FIRST_FEATURE, 0, 1);
        assertEquals(0, kept.chosen());
        assertEquals(EncoderChoice.TOO_FEW_LABELS, kept.rule());
        assertEquals(0, kept.folds());
        assertTrue(kept.reason().contains("5 labels") && kept.reason().contains("6"), kept.reason());
        var e = assertThrows(IllegalArgumentException.class,
                () -> EncoderChoice.choose(better.subList(0, 1), few, CLASSES, READS_FIRST_FEATURE, 0, 1));
        assertTrue(e.getMessage().contains("candidates"), e.getMessage());
    }

    @Test
    void shouldSwitchOnlyWhenTheChallengersExtraHitsPassTheMcNemarTest() {
        Map<String, Integer> labels = labels(30);
        // the incumbent is right on s0..s19; challengers on s0..s21 (b = 2, c = 0) and on all 30 (b = 10)
        Feature incumbent = (id, y) -> (float) (index(id) < 20 ? y : (y + 1) % CLASSES);
        Feature slightly = (id, y) -> (float) (index(id) < 22 ? y : (y + 1) % CLASSES);
        EncoderChoice.Choice stays = EncoderChoice.choose(List.of(candidate("incumbent", labels, incumbent),
                candidate("slightly", labels, slightly)), labels, CLASSES, READS_FIRST_FEATURE, 0, 3);
        assertEquals(List.of(20, 22), stays.scores().stream().map(EncoderChoice.Score::correct).toList());
        assertEquals(0, stays.chosen(), "2 > 1.645 * sqrt(2) = 2.33 fails: " + stays.reason());
        assertTrue(stays.reason().contains("wrong on 2, the reverse on 0 (no margin above 2.33)"), stays.reason());
        EncoderChoice.Choice switches = EncoderChoice.choose(List.of(candidate("incumbent", labels, incumbent),
                candidate("slightly", labels, slightly), candidate("label", labels, (id, y) -> (float) y)),
                labels, CLASSES, READS_FIRST_FEATURE, 0, 3);
        assertEquals(2, switches.chosen(), "10 > 1.645 * sqrt(10) = 5.20: " + switches.reason());
        // where each is right on other samples the test weighs both: b = 10, c = 10 is no evidence
        Feature otherHalf = (id, y) -> (float) (index(id) >= 10 ? y : (y + 1) % CLASSES);
        assertEquals(0, EncoderChoice.choose(List.of(candidate("incumbent", labels, incumbent),
                candidate("other", labels, otherHalf)), labels, CLASSES, READS_FIRST_FEATURE, 0, 3).chosen());
    }

    private static int index(String id) {
        return Integer.parseInt(id.substring(1));
    }

    @Test
    void shouldSpreadEveryClassOverTheFoldsWhenAssigningThem() {
        Map<String, Integer> labels = new LinkedHashMap<>();
        Random r = new Random(3);
        for (int i = 0; i < 47; i++) {
            labels.put("s" + r.nextInt(1_000_000), r.nextInt(4));
        }
        String[] order = EncoderChoice.foldOrder(labels, 11);
        assertEquals(labels.size(), order.length);
        int[][] perFold = new int[4][EncoderChoice.FOLDS];
        for (int i = 0; i < order.length; i++) {
            perFold[labels.get(order[i])][i % EncoderChoice.FOLDS]++;
        }
        for (int[] counts : perFold) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int c : counts) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            assertTrue(max - min <= 1, java.util.Arrays.toString(counts));
        }
        // the order depends on the seed and the labels, not on the map's iteration order
        List<Map.Entry<String, Integer>> shuffled = new ArrayList<>(labels.entrySet());
        Collections.shuffle(shuffled, new Random(5));
        Map<String, Integer> reordered = new HashMap<>();
        shuffled.forEach(en -> reordered.put(en.getKey(), en.getValue()));
        assertArrayEquals(order, EncoderChoice.foldOrder(reordered, 11));
        assertFalse(java.util.Arrays.equals(order, EncoderChoice.foldOrder(labels, 12)));
    }

    @Test
    void shouldPreferInformativeFeaturesWhenSoftmaxHeadIsCrossValidated() {
        Map<String, Integer> labels = labels(60);
        Random noise = new Random(9);
        // separable blobs against the same labels on features that carry nothing
        List<EncoderChoice.Candidate> candidates = List.of(
                candidate("noise", labels, (id, y) -> (float) noise.nextGaussian()),
                candidate("blobs", labels, (id, y) -> (float) (3 * y + noise.nextGaussian() * 0.3)));
        EncoderChoice.Choice choice = EncoderChoice.choose(candidates, labels, CLASSES, SoftmaxHead.logistic(), 0, 4);
        assertEquals(1, choice.chosen(), choice.reason());
        assertTrue(choice.scores().get(1).accuracy() > 0.9, choice.reason());
        assertTrue(choice.scores().get(0).accuracy() < 0.6, choice.reason());
        // the same inputs give the same counts: an audit can recompute them
        assertEquals(choice, EncoderChoice.choose(candidates, labels, CLASSES, SoftmaxHead.logistic(), 0, 4));
        assertNotEquals(choice.scores().get(0), choice.scores().get(1));
    }

    @Test
    void shouldNameTheSampleWhenAPoolLacksALabeledOne() {
        Map<String, Integer> labels = labels(30);
        Map<String, Integer> fewer = new HashMap<>(labels);
        fewer.remove("s0");
        List<EncoderChoice.Candidate> candidates = List.of(candidate("all", labels, (id, y) -> 0f),
                candidate("short", fewer, (id, y) -> 0f));
        var e = assertThrows(IllegalArgumentException.class,
                () -> EncoderChoice.choose(candidates, labels, CLASSES, READS_FIRST_FEATURE, 0, 1));
        assertTrue(e.getMessage().contains("s0") && e.getMessage().contains("short"), e.getMessage());
    }

    private interface Feature {
        float of(String id, int label);
    }

    /** n labels, class i % 3 for sample s_i. */
    private static Map<String, Integer> labels(int n) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            labels.put("s" + i, i % CLASSES);
        }
        return labels;
    }

    /** Pool embeddings of the labeled samples plus unlabeled ones, 2-d: the feature and a constant. */
    private static EncoderChoice.Candidate candidate(String name, Map<String, Integer> labels, Feature feature) {
        List<String> ids = new ArrayList<>(labels.keySet());
        ids.add("unlabeled-1");
        ids.add("unlabeled-2");
        float[][] vectors = new float[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            Integer y = labels.get(ids.get(i));
            vectors[i] = new float[] {y == null ? 0f : feature.of(ids.get(i), y), 1f};
        }
        return new EncoderChoice.Candidate(name, new Embeddings(ids.toArray(String[]::new), vectors));
    }
}
