package org.ssal.learning.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Builds result rows for tests: one campaign per (strategy, ssl, seed), accuracies from a function of labels. */
public final class Rows {
    private Rows() {
    }

    public static ResultRow row(String dataset, int classes, String strategy, boolean ssl, long seed, int round, int labeled,
                         double accuracy) {
        return new ResultRow(dataset, classes, strategy, ssl, 0.01, seed, dataset + "-" + strategy + "-" + ssl + "-" + seed,
                round, labeled, accuracy);
    }

    /** One campaign: a row per budget, accuracy given by {@code accuracy} of the labels. */
    public static List<ResultRow> campaign(String dataset, int classes, String strategy, boolean ssl, long seed, int[] budgets,
                                    IntToDoubleFunction accuracy) {
        List<ResultRow> rows = new ArrayList<>();
        for (int r = 0; r < budgets.length; r++) {
            rows.add(row(dataset, classes, strategy, ssl, seed, r, budgets[r], accuracy.applyAsDouble(budgets[r])));
        }
        return rows;
    }

    /** Budgets start, start + step, ..., {@code count} of them. */
    public static int[] budgets(int start, int step, int count) {
        int[] b = new int[count];
        for (int i = 0; i < count; i++) {
            b[i] = start + i * step;
        }
        return b;
    }

    /** A saturating curve, as accuracy against labels tends to look: 0.9 − 0.5·exp(−labels/scale). */
    public static double saturating(int labeled, double scale) {
        return 0.9 - 0.5 * Math.exp(-labeled / scale);
    }
}
