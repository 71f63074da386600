package org.ssal.learning.advice;

import java.util.ArrayList;
import java.util.List;

/**
 * A small synthetic grid shaped like the paper's: three datasets (10, 100, 200 classes), random
 * and two AL strategies with SSL, random and entropy without SSL, three seeds. Entropy crosses
 * random at 4 + 0.08·classes labels per class (rounded to a budget), on every seed.
 */
public final class GridFixture {
    public static final long[] SEEDS = {11, 12, 13};

    private GridFixture() {
    }

    public static List<ResultRow> rows() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "cifar10", 10);
        add(rows, "cifar100", 100);
        add(rows, "tiny-imagenet", 200);
        return rows;
    }

    private static void add(List<ResultRow> rows, String dataset, int classes) {
        int[] budgets = Rows.budgets(2 * classes, 4 * classes, 10); // 2, 6, ..., 38 labels per class
        double crossing = (4 + 0.08 * classes) * classes;
        double scale = 8.0 * classes;
        for (long s : SEEDS) {
            double jitter = 0.01 * (s - 12);
            rows.addAll(Rows.campaign(dataset, classes, "random", true, s, budgets,
                    l -> Rows.saturating(l, scale) + jitter));
            rows.addAll(Rows.campaign(dataset, classes, "entropy", true, s, budgets,
                    l -> Rows.saturating(l, scale) + jitter + (l < crossing ? -0.03 : 0.02) + 0.002 * (s - 10)));
            rows.addAll(Rows.campaign(dataset, classes, "kcenter", true, s, budgets,
                    l -> Rows.saturating(l, scale) + jitter - 0.01 - 0.002 * (s - 10)));
            rows.addAll(Rows.campaign(dataset, classes, "random", false, s, budgets,
                    l -> 0.6 * Rows.saturating(l, 3 * scale) + jitter));
            rows.addAll(Rows.campaign(dataset, classes, "entropy", false, s, budgets,
                    l -> 0.6 * Rows.saturating(l, 3 * scale) + jitter + 0.01));
        }
    }
}
