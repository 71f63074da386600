package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void shouldRecoverAPerfectLineWithROne() {
        double[] x = {10, 100, 200};
        double[] y = {3, 3 + 0.2 * 90, 3 + 0.2 * 190};
        LinearFit fit = LinearFit.of(x, y);
        assertEquals(1.0, fit.r().getAsDouble(), 1e-12);
        assertEquals(0.2, fit.slope(), 1e-12);
        assertEquals(1.0, fit.intercept(), 1e-12);
        assertEquals(41.0, fit.at(200), 1e-12);
    }

    @Test
    void shouldGiveMinusOneForADecreasingLine() {
        assertEquals(-1.0, LinearFit.pearson(new double[] {1, 2, 3, 4}, new double[] {8, 6, 4, 2}).getAsDouble(), 1e-12);
    }

    @Test
    void shouldMatchAHandComputedCorrelation() {
        // x = 1,2,3, y = 1,3,2: Sxy = 1, Sxx = 2, Syy = 2, r = 1/2; slope = 1/2, intercept = 2 − 1/2·2 = 1
        LinearFit fit = LinearFit.of(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, fit.r().getAsDouble(), 1e-12);
        assertEquals(0.5, fit.slope(), 1e-12);
        assertEquals(1.0, fit.intercept(), 1e-12);
    }

    @Test
    void shouldFitTwoPointsButGiveNoCorrelation() {
        LinearFit fit = LinearFit.of(new double[] {10, 100}, new double[] {5, 50});
        assertTrue(fit.slopeMeasured());
        assertEquals(0.5, fit.slope(), 1e-12);
        assertTrue(fit.r().isEmpty());
        assertEquals("no correlation computable from 2 points (needs 3)", fit.describeCorrelation());
    }

    @Test
    void shouldFallBackToAConstantWhenXDoesNotVary() {
        LinearFit one = LinearFit.of(new double[] {10}, new double[] {7});
        assertFalse(one.slopeMeasured());
        assertEquals(7, one.at(500), 1e-12);
        LinearFit same = LinearFit.of(new double[] {10, 10, 10}, new double[] {1, 2, 6});
        assertEquals(3, same.intercept(), 1e-12);
        assertTrue(same.r().isEmpty());
        assertEquals("no correlation computable: x does not vary", same.describeCorrelation());
    }
}
