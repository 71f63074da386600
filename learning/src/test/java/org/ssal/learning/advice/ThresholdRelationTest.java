package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThresholdRelationTest {

    static Threshold found(String dataset, int classes, String strategy, int labeled) {
        return new Threshold(new CurveKey(dataset, strategy, true, 0.01), classes, Threshold.Outcome.FOUND, labeled,
                false, List.of());
    }

    static Threshold never(String dataset, int classes, String strategy) {
        return new Threshold(new CurveKey(dataset, strategy, true, 0.01), classes, Threshold.Outcome.NEVER_IN_RANGE, -1,
                false, List.of());
    }

    @Test
    void shouldTakeTheEarliestStrategyPerDataset() {
        ThresholdRelation relation = ThresholdRelation.fit(List.of(
                found("cifar10", 10, "entropy", 200), found("cifar10", 10, "kcenter", 150),
                found("cifar100", 100, "kcenter", 3000), never("cifar100", 100, "entropy"),
                found("tiny", 200, "kcenter", 8000), never("svhn", 10, "entropy")));
        assertEquals(List.of("cifar10", "cifar100", "tiny"), relation.points().stream().map(ThresholdRelation.Point::dataset).toList());
        assertEquals(List.of(15.0, 30.0, 40.0), relation.points().stream().map(ThresholdRelation.Point::labelsPerClass).toList());
        assertEquals(List.of("svhn"), relation.datasetsNeverInRange());
        assertEquals(Optional.of("kcenter"), relation.bestStrategy());
        assertTrue(relation.r().isPresent());
    }

    @Test
    void shouldGiveROneForThresholdsOnALine() {
        // threshold = 5 + 0.1·classes labels per class
        ThresholdRelation relation = ThresholdRelation.fit(List.of(
                found("a", 10, "entropy", 60), found("b", 100, "entropy", 1500), found("c", 200, "entropy", 5000)));
        assertEquals(1.0, relation.r().getAsDouble(), 1e-12);
        assertEquals(5 + 0.1 * 50, relation.labelsPerClassAt(50).getAsDouble(), 1e-9);
        assertTrue(relation.describe().startsWith("threshold ≈ 5 + 0.1·classes labels per class, r = 1.000 (3 points)"),
                relation.describe());
    }

    @Test
    void shouldSayNoCorrelationWithTwoDatasets() {
        ThresholdRelation relation = ThresholdRelation.fit(List.of(found("a", 10, "entropy", 100), found("b", 100, "entropy", 3000)));
        assertTrue(relation.r().isEmpty());
        assertTrue(relation.describe().contains("no correlation computable from 2 points"), relation.describe());
    }

    @Test
    void shouldLabelTheRelationMeasuredBySsal() {
        ThresholdRelation relation = ThresholdRelation.measuredBySsal(List.of(
                new ThresholdRelation.Point("cifar10", 10, 20, "entropy", false)), "docs/results-grid.md");
        assertEquals("measured by ssal (docs/results-grid.md)", relation.source());
        assertEquals(20, relation.labelsPerClassAt(10).getAsDouble(), 1e-12);
        assertTrue(relation.describe().contains("independent of classes"), relation.describe());
    }
}
