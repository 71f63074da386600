package org.ssal.learning.annotation;

/**
 * Chance-corrected agreement between annotators: κ = (P̄ − P̄e) / (1 − P̄e), 1 for perfect
 * agreement, 0 for what chance alone gives.
 */
public final class Kappa {
    private Kappa() {
    }

    /**
     * Cohen's kappa (Cohen 1960) of two annotators from their contingency table:
     * {@code table[a][b]} = items the first labeled a and the second b.
     */
    public static double cohen(int[][] table) {
        int k = table.length;
        double total = 0;
        double[] rows = new double[k];
        double[] cols = new double[k];
        double agree = 0;
        for (int a = 0; a < k; a++) {
            if (table[a].length != k) {
                throw new IllegalArgumentException("the contingency table must be square, row " + a + " has "
                        + table[a].length + " columns for " + k + " classes");
            }
            for (int b = 0; b < k; b++) {
                total += table[a][b];
                rows[a] += table[a][b];
                cols[b] += table[a][b];
            }
            agree += table[a][a];
        }
        if (total == 0) {
            throw new IllegalArgumentException("Cohen's kappa needs at least one item labeled by both annotators");
        }
        double observed = agree / total;
        double expected = 0;
        for (int c = 0; c < k; c++) {
            expected += (rows[c] / total) * (cols[c] / total);
        }
        return expected == 1.0 ? 1.0 : (observed - expected) / (1 - expected);
    }

    /**
     * Fleiss' kappa (Fleiss 1971) for items that each got the same number n ≥ 2 of annotations:
     * {@code counts[i][c]} = annotators who put item i in class c.
     */
    public static double fleiss(int[][] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least one item");
        }
        int k = counts[0].length;
        int n = sum(counts[0]);
        if (n < 2) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least 2 annotations per item, got " + n);
        }
        double[] classShare = new double[k];
        double meanAgreement = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != k || sum(counts[i]) != n) {
                throw new IllegalArgumentException("item " + i + " has " + sum(counts[i])
                        + " annotations; Fleiss' kappa needs the same number (" + n + ") for every item");
            }
            double pairs = 0;
            for (int c = 0; c < k; c++) {
                pairs += (double) counts[i][c] * (counts[i][c] - 1);
                classShare[c] += counts[i][c];
            }
            meanAgreement += pairs / ((double) n * (n - 1));
        }
        meanAgreement /= counts.length;
        double expected = 0;
        for (int c = 0; c < k; c++) {
            double p = classShare[c] / ((double) counts.length * n);
            expected += p * p;
        }
        return expected == 1.0 ? 1.0 : (meanAgreement - expected) / (1 - expected);
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
