package org.ssal.learning.advice;

import java.util.Comparator;

/** What one learning curve is of: a dataset, a strategy, SSL on or off and an initial labeled fraction. */
public record CurveKey(String dataset, String strategy, boolean ssl, double initialFraction)
        implements Comparable<CurveKey> {

    private static final Comparator<CurveKey> ORDER = Comparator.comparing(CurveKey::dataset)
            .thenComparingDouble(CurveKey::initialFraction)
            .thenComparing(CurveKey::ssl, Comparator.reverseOrder())
            .thenComparing(CurveKey::strategy);

    public CurveKey {
        ResultRow.checkName("dataset", dataset);
        ResultRow.checkName("strategy", strategy);
        ResultRow.checkFraction("initialFraction", initialFraction);
    }

    public static CurveKey of(ResultRow row) {
        return new CurveKey(row.dataset(), row.strategy(), row.ssl(), row.initialFraction());
    }

    /** The same cell with another strategy, e.g. its random baseline. */
    public CurveKey withStrategy(String other) {
        return new CurveKey(dataset, other, ssl, initialFraction);
    }

    /** Dataset, then initial fraction, SSL before no-SSL, then strategy. */
    @Override
    public int compareTo(CurveKey o) {
        return ORDER.compare(this, o);
    }

    /** e.g. {@code cifar10 entropy SSL 1%}. */
    @Override
    public String toString() {
        return dataset + " " + strategy + (ssl ? " SSL " : " no-SSL ") + NumberText.percentExact(initialFraction);
    }
}
