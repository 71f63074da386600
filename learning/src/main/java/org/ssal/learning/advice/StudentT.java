package org.ssal.learning.advice;

/**
 * The Student-t distribution with ν degrees of freedom, for the paired t-test over seeds. With
 * x = ν / (ν + t²), P(T &gt; |t|) = ½ · I_x(ν/2, ½) (regularized incomplete beta).
 */
public final class StudentT {
    private StudentT() {
    }

    /** P(T ≤ t). */
    public static double cdf(double t, double degreesOfFreedom) {
        return 1 - upperTail(t, degreesOfFreedom);
    }

    /** P(T ≥ t): the one-sided p-value of an observed t (alternative: mean &gt; 0). */
    public static double upperTail(double t, double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0)) {
            throw new IllegalArgumentException("degreesOfFreedom must be positive, got " + degreesOfFreedom);
        }
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must be a number, got NaN");
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        double beyond = 0.5 * RegularizedBeta.value(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? beyond : 1 - beyond;
    }
}
