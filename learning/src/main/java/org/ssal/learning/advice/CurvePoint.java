package org.ssal.learning.advice;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One budget on a learning curve: the accuracy each seed reached with {@code labeled} labels, and
 * their mean and spread. Seeds are kept (not only the mean) so that strategies can be compared
 * seed by seed with a paired test.
 *
 * @param labeled        number of labels
 * @param accuracyBySeed seed → test accuracy, at least one entry
 */
public record CurvePoint(int labeled, SortedMap<Long, Double> accuracyBySeed) {

    public CurvePoint {
        ResultRow.checkAtLeast("labeled", labeled, 0);
        if (accuracyBySeed == null || accuracyBySeed.isEmpty()) {
            throw new IllegalArgumentException("accuracyBySeed must hold at least one seed, got " + accuracyBySeed);
        }
        accuracyBySeed = Collections.unmodifiableSortedMap(new TreeMap<>(accuracyBySeed));
    }

    public static CurvePoint of(int labeled, Map<Long, Double> accuracyBySeed) {
        return new CurvePoint(labeled, accuracyBySeed == null ? null : new TreeMap<>(accuracyBySeed));
    }

    /** Number of seeds that reached this budget. */
    public int n() {
        return accuracyBySeed.size();
    }

    public double mean() {
        double sum = 0;
        for (double a : accuracyBySeed.values()) {
            sum += a;
        }
        return sum / n();
    }

    /**
     * Sample standard deviation over seeds (n − 1 in the denominator, as the seeds are a sample of
     * possible runs); NaN for a single seed, where no spread is measurable.
     */
    public double std() {
        if (n() < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double squares = 0;
        for (double a : accuracyBySeed.values()) {
            squares += (a - mean) * (a - mean);
        }
        return Math.sqrt(squares / (n() - 1));
    }
}
