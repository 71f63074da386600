package org.ssal.learning.advice;

import java.util.OptionalDouble;

/**
 * Least-squares line y ≈ intercept + slope·x and Pearson's correlation coefficient r.
 *
 * <p>r is reported only from three points on: through two points a line fits exactly and r is
 * ±1 by construction, which says nothing about the relation (the paper's 0.99 is over three
 * datasets, the least that gives r any meaning). With one point, or with every x equal, no slope
 * can be measured: the fit is the constant mean of y, flagged by {@link #slopeMeasured()}.
 *
 * @param n             number of points
 * @param intercept     a
 * @param slope         b (0 when not measured)
 * @param slopeMeasured false when there were fewer than two distinct x
 * @param r             Pearson r, empty when fewer than three points or a variance is zero
 */
public record LinearFit(int n, double intercept, double slope, boolean slopeMeasured, OptionalDouble r) {

    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("x and y must hold at least one point");
        }
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) {
            return new LinearFit(n, my, 0, false, OptionalDouble.empty());
        }
        double slope = sxy / sxx;
        OptionalDouble r = n >= 3 ? pearson(x, y) : OptionalDouble.empty();
        return new LinearFit(n, my - slope * mx, slope, true, r);
    }

    /** Pearson's r of two samples; empty for fewer than two points or a zero variance. */
    public static OptionalDouble pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        if (x.length < 2) {
            return OptionalDouble.empty();
        }
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return OptionalDouble.empty();
        }
        // clamp: rounding can push a perfect fit a hair past ±1
        return OptionalDouble.of(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
    }

    public double at(double x) {
        return intercept + slope * x;
    }

    /** Why r is absent, or its value: "r = 0.99 (3 points)". */
    public String describeCorrelation() {
        if (r.isPresent()) {
            return "r = " + String.format(java.util.Locale.ROOT, "%.3f", r.getAsDouble()) + " (" + n + " points)";
        }
        if (n < 3) {
            return "no correlation computable from " + n + (n == 1 ? " point" : " points") + " (needs 3)";
        }
        return "no correlation computable: " + (slopeMeasured ? "y does not vary" : "x does not vary");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
