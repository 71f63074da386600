package org.ssal.learning.head;

/** Turns a row of scores into class probabilities, for every model that outputs logits. */
public final class Softmax {
    private Softmax() { }

    /** Softmax with the max subtracted first, so large scores do not overflow; -inf entries become exactly 0. */
    public static void inPlace(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            // cannot happen for a fitted head (at least one class was seen); keep rows summing to 1
            java.util.Arrays.fill(row, 1.0 / row.length);
            return;
        }
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            row[c] = Math.exp(row[c] - max);
            sum += row[c];
        }
        for (int c = 0; c < row.length; c++) {
            row[c] /= sum;
        }
    }
}
