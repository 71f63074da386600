package org.ssal.learning.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void shouldCountCorrectPredictionsOverallAndPerClassWhenGivenKnownAnswer() {
        int[] truth = {0, 0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 0, 1, 0, 2};
        Evaluation e = Evaluation.of(truth, predicted, 4);
        assertEquals(5.0 / 7.0, e.accuracy(), 1e-15);
        assertEquals(7, e.n());
        assertArrayEquals(new double[] {0.75, 0.5, 1.0, Double.NaN}, e.perClassAccuracy(), 1e-15);
        assertEquals((0.75 + 0.5 + 1.0) / 3, e.meanPerClassAccuracy(), 1e-15);
    }

    @Test
    void shouldEqualSupportWeightedPerClassAccuracyWhenComputedOnRandomLabels() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] truth = new int[500];
        int[] predicted = new int[500];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = rng.nextInt(5);
            predicted[i] = rng.nextInt(4) == 0 ? rng.nextInt(5) : truth[i];
        }
        Evaluation e = Evaluation.of(truth, predicted, 5);
        double weighted = 0;
        for (int c = 0; c < 5; c++) {
            int support = 0;
            for (int t : truth) {
                support += t == c ? 1 : 0;
            }
            weighted += e.perClassAccuracy()[c] * support;
        }
        assertEquals(e.accuracy(), weighted / truth.length, 1e-12);
    }

    @Test
    void shouldRejectBadInputWhenLengthsOrClassesAreWrong() {
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[] {0}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[0], new int[0], 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[] {0, 3}, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("truth[1] = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[] {0}, new int[] {-1}, 2));
    }

    @Test
    void shouldNotExposeInternalArrayWhenPerClassAccuracyIsModified() {
        Evaluation e = Evaluation.of(new int[] {0, 1}, new int[] {0, 1}, 2);
        e.perClassAccuracy()[0] = 0.0;
        assertEquals(1.0, e.perClassAccuracy()[0]);
    }
}
