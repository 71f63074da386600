package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdAnalysisTest {
    private static final int CLASSES = 10;
    /** 5, 10, ..., 40 labels per class. */
    private static final int[] BUDGETS = Rows.budgets(50, 50, 8);
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    private static double random(long seed, int labeled) {
        return Rows.saturating(labeled, 150) + 0.01 * seed;
    }

    /** Strategy below random until {@code crossing} labels, then above on every seed. */
    private static List<ResultRow> crossingAt(int crossing) {
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "random", true, s, BUDGETS, l -> random(s, l)));
            rows.addAll(Rows.campaign("d", CLASSES, "entropy", true, s, BUDGETS,
                    l -> random(s, l) + (l < crossing ? -0.02 : 0.03) + 0.002 * s));
        }
        return rows;
    }

    private static Threshold only(List<ResultRow> rows) {
        List<Threshold> thresholds = ThresholdAnalysis.defaults().thresholds(LearningCurves.of(rows));
        assertEquals(1, thresholds.size());
        return thresholds.get(0);
    }

    @Test
    void shouldFindTheCrossingWhenEverySeedIsAboveFromTwentyLabelsPerClass() {
        Threshold t = only(crossingAt(200));
        assertEquals(Threshold.Outcome.FOUND, t.outcome());
        assertEquals(200, t.labeled());
        assertEquals(20.0, t.labelsPerClass(), 1e-12);
        assertFalse(t.atFirstPoint());
        assertEquals(BUDGETS.length, t.comparisons().size());
        assertEquals("20 labels/class (200 labels)", t.describe());
    }

    @Test
    void shouldMoveTheThresholdWithTheCrossing() {
        assertEquals(35.0, only(crossingAt(350)).labelsPerClass(), 1e-12);
    }

    @Test
    void shouldFlagAThresholdAtTheFirstBudget() {
        Threshold t = only(crossingAt(0));
        assertEquals(5.0, t.labelsPerClass(), 1e-12);
        assertTrue(t.atFirstPoint());
        assertTrue(t.describe().startsWith("≤ 5"), t.describe());
    }

    @Test
    void shouldSayNeverInRangeWhenTheStrategyNeverGetsAbove() {
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "random", true, s, BUDGETS, l -> random(s, l)));
            rows.addAll(Rows.campaign("d", CLASSES, "kcenter", true, s, BUDGETS, l -> random(s, l) - 0.01 - 0.001 * s));
        }
        Threshold t = only(rows);
        assertEquals(Threshold.Outcome.NEVER_IN_RANGE, t.outcome());
        assertTrue(Double.isNaN(t.labelsPerClass()));
        assertEquals("never in range", t.describe());
    }

    @Test
    void shouldNotCountACrossingOnAverageWithoutConfidence() {
        // from 200 labels the mean gain is +0.02, but one seed loses 0.06: t ≈ 0.74, p ≈ 0.25 with 4 df
        double[] gain = {0.10, -0.06, 0.02, 0.05, -0.01};
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "random", true, s, BUDGETS, l -> random(s, l)));
            rows.addAll(Rows.campaign("d", CLASSES, "vaal", true, s, BUDGETS,
                    l -> random(s, l) + (l < 200 ? -0.03 : gain[(int) s - 1])));
        }
        Threshold t = only(rows);
        PairedComparison last = t.comparisons().get(t.comparisons().size() - 1);
        assertEquals(0.02, last.meanDifference(), 1e-9);
        assertTrue(last.pValue() > 0.05, "p = " + last.pValue());
        assertFalse(last.confident());
        assertEquals(Threshold.Outcome.NEVER_IN_RANGE, t.outcome());
    }

    @Test
    void shouldRequireEveryLargerBudgetToBeConfident() {
        // above from 150, but one budget (300) dips below on every seed: the crossing is the later 350
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "random", true, s, BUDGETS, l -> random(s, l)));
            rows.addAll(Rows.campaign("d", CLASSES, "entropy", true, s, BUDGETS,
                    l -> random(s, l) + (l < 150 || l == 300 ? -0.02 : 0.03) + 0.002 * s));
        }
        assertEquals(350, only(rows).labeled());
    }

    @Test
    void shouldComputeThePairedTTestFromItsDefinition() {
        // differences 1, 2, 3: mean 2, std 1, t = 2·√3; with 2 df P(T ≥ t) = ½ − t / (2·√(2 + t²))
        PairedComparison c = PairedComparison.of(100, List.of(1.0, 2.0, 3.0), 0.05);
        double t = 2 * Math.sqrt(3);
        assertEquals(t, c.t(), 1e-12);
        assertEquals(0.5 - t / (2 * Math.sqrt(2 + t * t)), c.pValue(), 1e-12);
        assertTrue(c.confident());
    }

    @Test
    void shouldSayTooFewSeedsWhenOnlyOneSeedWasRun() {
        List<ResultRow> rows = new ArrayList<>();
        rows.addAll(Rows.campaign("d", CLASSES, "random", true, 1, BUDGETS, l -> random(1, l)));
        rows.addAll(Rows.campaign("d", CLASSES, "entropy", true, 1, BUDGETS, l -> random(1, l) + 0.1));
        assertEquals(Threshold.Outcome.TOO_FEW_SEEDS, only(rows).outcome());
    }

    @Test
    void shouldPairOnlySeedsRunWithBothStrategies() {
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "random", true, s, BUDGETS, l -> random(s, l)));
        }
        // entropy only on seeds 4 and 5 (and a seed 9 random never ran)
        for (long s : new long[] {4, 5, 9}) {
            rows.addAll(Rows.campaign("d", CLASSES, "entropy", true, s, BUDGETS, l -> random(s, l) + 0.02 + 0.001 * s));
        }
        Threshold t = only(rows);
        assertTrue(t.comparisons().stream().allMatch(c -> c.n() == 2));
        assertEquals(Threshold.Outcome.FOUND, t.outcome());
    }

    @Test
    void shouldReportNoBaselineWhenRandomWasNotRun() {
        List<ResultRow> rows = new ArrayList<>();
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "entropy", true, s, BUDGETS, l -> random(s, l)));
        }
        assertEquals(Threshold.Outcome.NO_BASELINE, only(rows).outcome());
    }

    @Test
    void shouldCompareOnlyWithinTheSameSslSetting() {
        List<ResultRow> rows = new ArrayList<>(crossingAt(200));
        for (long s : SEEDS) {
            rows.addAll(Rows.campaign("d", CLASSES, "entropy", false, s, BUDGETS, l -> random(s, l) + 0.05));
        }
        List<Threshold> thresholds = ThresholdAnalysis.defaults().thresholds(LearningCurves.of(rows));
        assertEquals(2, thresholds.size());
        assertEquals(200, thresholds.stream().filter(t -> t.key().ssl()).findFirst().orElseThrow().labeled());
        assertEquals(Threshold.Outcome.NO_BASELINE,
                thresholds.stream().filter(t -> !t.key().ssl()).findFirst().orElseThrow().outcome());
    }
}
