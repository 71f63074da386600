package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisorTest {
    /** threshold = 10 + 0.1·classes labels per class: 11 at 10 classes, 20 at 100, 30 at 200. */
    private static final ThresholdRelation RELATION = ThresholdRelation.measuredBySsal(List.of(
            new ThresholdRelation.Point("cifar10", 10, 11, "entropy", false),
            new ThresholdRelation.Point("cifar100", 100, 20, "entropy", false),
            new ThresholdRelation.Point("tiny-imagenet", 200, 30, "kcenter", false)), "test");

    @Test
    void shouldPickRandomBelowTheThreshold() {
        Advice advice = Advisor.advise(100, 1999, RELATION);
        assertEquals(Advice.RANDOM, advice.strategy());
        assertFalse(advice.activeLearning());
        assertTrue(advice.reason().startsWith("with 100 classes the measured threshold is ~20 labels per class (2000 labels);"
                + " you have 1999 labels (20 per class), below it"), advice.reason());
        assertTrue(advice.reason().contains("switch to entropy from 2000 labels"), advice.reason());
    }

    @Test
    void shouldPickTheBestAlStrategyAtAndAboveTheThreshold() {
        Advice advice = Advisor.advise(100, 2000, RELATION);
        assertEquals("entropy", advice.strategy());
        assertTrue(advice.activeLearning());
        assertTrue(advice.reason().contains("~20 labels per class (2000 labels); you have 2000 labels"), advice.reason());
        assertTrue(advice.reason().contains("r = 1.000 (3 points)"), advice.reason());
    }

    @Test
    void shouldScaleTheThresholdWithTheClasses() {
        // 10 classes: 11 per class = 110 labels, so 200 labels is enough there but not with 200 classes (6000)
        assertTrue(Advisor.advise(10, 200, RELATION).activeLearning());
        assertFalse(Advisor.advise(200, 200, RELATION).activeLearning());
    }

    @Test
    void shouldWarnWhenExtrapolating() {
        Advice advice = Advisor.advise(1000, 10, RELATION);
        assertTrue(advice.reason().contains("~110 labels per class (110000 labels), extrapolated"), advice.reason());
    }

    @Test
    void shouldRecommendRandomWhenActiveLearningNeverCrossed() {
        ThresholdRelation none = ThresholdRelation.fit(List.of(ThresholdRelationTest.never("cifar10", 10, "entropy")));
        Advice advice = Advisor.advise(10, 5000, none);
        assertEquals(Advice.RANDOM, advice.strategy());
        assertTrue(advice.labelsPerClass().isEmpty());
        assertTrue(advice.reason().contains("active learning never beat random with confidence on cifar10"), advice.reason());
    }
}
