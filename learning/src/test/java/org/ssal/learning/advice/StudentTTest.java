package org.ssal.learning.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {

    /** Critical values from a standard t table (one-sided upper-tail probability), 3-4 printed digits. */
    @ParameterizedTest
    @CsvSource({
        "2.132, 4, 0.05",
        "1.533, 4, 0.10",
        "3.747, 4, 0.01",
        "6.314, 1, 0.05",
        "12.706, 1, 0.025",
        "2.920, 2, 0.05",
        "2.571, 5, 0.025",
        "1.812, 10, 0.05",
        "2.764, 10, 0.01",
        "1.697, 30, 0.05",
        "2.750, 30, 0.005"})
    void shouldMatchTableValuesWhenGivenCriticalT(double t, double df, double p) {
        assertEquals(p, StudentT.upperTail(t, df), 5e-4);
    }

    @Test
    void shouldEqualTheCauchyDistributionWhenDfIsOne() {
        for (double t = -20; t <= 20; t += 0.37) {
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-12, "t=" + t);
        }
    }

    @Test
    void shouldMatchTheClosedFormWhenDfIsTwo() {
        for (double t = -15; t <= 15; t += 0.29) {
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentT.cdf(t, 2), 1e-12, "t=" + t);
        }
    }

    @Test
    void shouldApproachTheNormalWhenDfIsLarge() {
        // Phi(1.959964) = 0.975
        assertEquals(0.975, StudentT.cdf(1.959964, 1e6), 1e-5);
    }

    @Test
    void shouldBeSymmetricAroundZero() {
        for (double df : new double[] {1, 2.5, 4, 17}) {
            assertEquals(0.5, StudentT.cdf(0, df), 1e-15);
            for (double t : new double[] {0.1, 1, 3, 8}) {
                assertEquals(1, StudentT.cdf(t, df) + StudentT.cdf(-t, df), 1e-13);
            }
        }
    }

    @Test
    void shouldSatisfyIncompleteBetaIdentities() {
        for (double x = 0.05; x < 1; x += 0.1) {
            assertEquals(x, RegularizedBeta.value(x, 1, 1), 1e-13);
            assertEquals(Math.pow(x, 3.5), RegularizedBeta.value(x, 3.5, 1), 1e-13);
            assertEquals(1 - Math.pow(1 - x, 2.5), RegularizedBeta.value(x, 1, 2.5), 1e-13);
            assertEquals(1, RegularizedBeta.value(x, 2, 7) + RegularizedBeta.value(1 - x, 7, 2), 1e-13);
        }
    }

    @Test
    void shouldMatchFactorialsWhenLogGammaIsAtIntegers() {
        double factorial = 1;
        for (int n = 1; n <= 20; n++) {
            assertEquals(Math.log(factorial), RegularizedBeta.logGamma(n), 1e-10 * Math.max(1, Math.log(factorial)));
            factorial *= n;
        }
        assertEquals(0.5 * Math.log(Math.PI), RegularizedBeta.logGamma(0.5), 1e-13);
    }

    @Test
    void shouldRejectNonPositiveDegreesOfFreedom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
        assertEquals("degreesOfFreedom must be positive, got 0.0", e.getMessage());
    }
}
