package org.ssal.learning.advice;

import java.util.List;

/**
 * Where, on one cell of the grid, an active-learning strategy starts to beat random sampling with
 * confidence over seeds; see {@link ThresholdAnalysis} for the rule.
 *
 * @param key          the strategy's curve
 * @param numClasses   classes of the dataset
 * @param outcome      whether a threshold was found and, if not, why
 * @param labeled      the threshold in labels, or −1 unless {@link Outcome#FOUND}
 * @param atFirstPoint the threshold is the first testable budget of the curve, so the true one
 *                     may lie lower ("≤")
 * @param comparisons  the paired tests at every budget both curves share, by increasing labels
 */
public record Threshold(CurveKey key, int numClasses, Outcome outcome, int labeled, boolean atFirstPoint,
                        List<PairedComparison> comparisons) {

    /** Why a threshold is or is not given. */
    public enum Outcome {
        /** AL beats random with confidence from {@code labeled} to the end of the curve. */
        FOUND,
        /** Testable, but AL does not beat random with confidence at the largest budget. */
        NEVER_IN_RANGE,
        /** No shared budget has at least two paired seeds, so nothing can be tested. */
        TOO_FEW_SEEDS,
        /** No random curve with the same dataset, SSL, initial fraction and budgets. */
        NO_BASELINE
    }

    public Threshold {
        comparisons = List.copyOf(comparisons);
        if ((outcome == Outcome.FOUND) != (labeled >= 0)) {
            throw new IllegalArgumentException("labeled must be >= 0 exactly when the outcome is FOUND, got "
                    + labeled + " with " + outcome);
        }
    }

    public boolean found() {
        return outcome == Outcome.FOUND;
    }

    /** The threshold in labels per class (the paper's unit); NaN unless found. */
    public double labelsPerClass() {
        return found() ? labeled / (double) numClasses : Double.NaN;
    }

    /** e.g. "20 labels/class (200 labels)", "≤ 2 labels/class (20 labels)" or "never in range". */
    public String describe() {
        return switch (outcome) {
            case FOUND -> (atFirstPoint ? "≤ " : "") + NumberText.significant(labelsPerClass()) + " labels/class ("
                    + labeled + " labels)";
            case NEVER_IN_RANGE -> "never in range";
            case TOO_FEW_SEEDS -> "too few seeds to test";
            case NO_BASELINE -> "no random baseline";
        };
    }
}
