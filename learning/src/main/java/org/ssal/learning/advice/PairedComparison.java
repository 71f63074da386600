package org.ssal.learning.advice;

import java.util.Collection;

/**
 * A strategy against the random baseline at one budget, seed by seed: the differences
 * d_s = accuracy(strategy, s) − accuracy(random, s) over the seeds s run with both, and a
 * one-sided paired t-test of mean d &gt; 0 with n − 1 degrees of freedom.
 *
 * <p>Pairing by seed removes the variance both runs share (same initial labeled set, same
 * encoder), which with the handful of seeds a grid affords is most of it.
 *
 * @param labeled        the budget
 * @param n              paired seeds
 * @param meanDifference mean of d_s
 * @param stdDifference  sample standard deviation of d_s (NaN for n &lt; 2)
 * @param t              mean / (std / √n); ±∞ when every d_s is equal and non-zero; NaN for n &lt; 2
 * @param pValue         P(T<sub>n−1</sub> ≥ t); NaN for n &lt; 2
 * @param confident      mean &gt; 0 and p &lt; alpha (never for n &lt; 2)
 */
public record PairedComparison(int labeled, int n, double meanDifference, double stdDifference, double t,
                               double pValue, boolean confident) {

    /** Tests the differences at significance level {@code alpha}. */
    public static PairedComparison of(int labeled, Collection<Double> differences, double alpha) {
        int n = differences.size();
        if (n == 0) {
            throw new IllegalArgumentException("differences at " + labeled + " labels must not be empty");
        }
        double mean = differences.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new PairedComparison(labeled, n, mean, Double.NaN, Double.NaN, Double.NaN, false);
        }
        double squares = 0;
        for (double d : differences) {
            squares += (d - mean) * (d - mean);
        }
        double std = Math.sqrt(squares / (n - 1));
        double t;
        if (std == 0) {
            // every seed moved by exactly the same amount: certain in sign, or no effect at all
            t = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
        } else {
            t = mean / (std / Math.sqrt(n));
        }
        double p = StudentT.upperTail(t, n - 1);
        return new PairedComparison(labeled, n, mean, std, t, p, mean > 0 && p < alpha);
    }
}
