package org.ssal.learning.advice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, per cell of the grid, the budget from which an active-learning strategy beats random
 * sampling "with confidence over seeds". The paper's finding behind it (DESIGN §1.5): "SSL+Random
 * often beats SSL+AL until the labeled set passes a threshold of samples per class, and that
 * threshold grows with the number of classes".
 *
 * <p><b>Rule.</b> For a strategy curve and the random curve of the same dataset, SSL setting and
 * initial fraction, take every budget (number of labels) both curves reached with at least two
 * seeds in common, and run a {@link PairedComparison} there: paired differences strategy − random
 * over seeds, mean &gt; 0 and one-sided paired t-test p &lt; {@code alpha} (Student t, n − 1 df).
 * The threshold is the smallest such budget from which <em>every</em> larger tested budget is also
 * confident; it is reported in labels per class, labels / classes. If the largest tested budget is
 * not confident the outcome is {@link Threshold.Outcome#NEVER_IN_RANGE}.
 *
 * <p>Requiring every larger budget, not just one, makes the threshold a crossing rather than a
 * lucky point: with tests at ten budgets, one false positive at alpha 0.05 is likely, ten in a
 * row from the end are not. Budgets reached by a single paired seed cannot be tested and are left
 * out. A threshold at the first testable budget is flagged ({@link Threshold#atFirstPoint()}),
 * since the crossing may lie below the curve's start.
 *
 * @param alpha    significance level of the one-sided test, in (0, 1)
 * @param baseline name of the strategy everything is compared with
 */
public record ThresholdAnalysis(double alpha, String baseline) {
    /** The conventional 5 % level: with 3–5 seeds only large, consistent gains pass it. */
    public static final double DEFAULT_ALPHA = 0.05;
    public static final String RANDOM = "random";

    public ThresholdAnalysis {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        ResultRow.checkName("baseline", baseline);
    }

    public static ThresholdAnalysis defaults() {
        return new ThresholdAnalysis(DEFAULT_ALPHA, RANDOM);
    }

    /** A threshold for every curve that is not the baseline, in curve order. */
    public List<Threshold> thresholds(Collection<Curve> curves) {
        Map<CurveKey, Curve> byKey = new HashMap<>();
        curves.forEach(c -> byKey.put(c.key(), c));
        List<Threshold> thresholds = new ArrayList<>();
        curves.stream().map(Curve::key).sorted().forEach(key -> {
            if (!key.strategy().equals(baseline)) {
                thresholds.add(threshold(byKey.get(key), byKey.get(key.withStrategy(baseline))));
            }
        });
        return thresholds;
    }

    /**
     * @param strategy      the active-learning curve
     * @param baselineCurve the random curve of the same cell, or null if there is none
     */
    public Threshold threshold(Curve strategy, Curve baselineCurve) {
        if (baselineCurve != null && !baselineCurve.key().equals(strategy.key().withStrategy(baseline))) {
            throw new IllegalArgumentException("baselineCurve must be " + strategy.key().withStrategy(baseline)
                    + ", got " + baselineCurve.key());
        }
        List<PairedComparison> tested = new ArrayList<>();
        boolean shared = false;
        if (baselineCurve != null) {
            for (CurvePoint point : strategy.points()) {
                Optional<CurvePoint> base = baselineCurve.at(point.labeled());
                if (base.isPresent()) {
                    shared = true;
                    PairedComparison c = compare(point, base.get());
                    if (c.n() >= 2) {
                        tested.add(c);
                    }
                }
            }
        }
        if (!shared) {
            return new Threshold(strategy.key(), strategy.numClasses(), Threshold.Outcome.NO_BASELINE, -1, false, tested);
        }
        if (tested.isEmpty()) {
            return new Threshold(strategy.key(), strategy.numClasses(), Threshold.Outcome.TOO_FEW_SEEDS, -1, false, tested);
        }
        int first = tested.size();
        while (first > 0 && tested.get(first - 1).confident()) {
            first--;
        }
        if (first == tested.size()) {
            return new Threshold(strategy.key(), strategy.numClasses(), Threshold.Outcome.NEVER_IN_RANGE, -1, false, tested);
        }
        return new Threshold(strategy.key(), strategy.numClasses(), Threshold.Outcome.FOUND,
                tested.get(first).labeled(), first == 0, tested);
    }

    /** Pairs the seeds both points share; with none in common the comparison has n = 0 and is not testable. */
    public PairedComparison compare(CurvePoint strategy, CurvePoint baselinePoint) {
        if (strategy.labeled() != baselinePoint.labeled()) {
            throw new IllegalArgumentException("points must share a budget, got " + strategy.labeled() + " and "
                    + baselinePoint.labeled() + " labels");
        }
        List<Double> differences = new ArrayList<>();
        strategy.accuracyBySeed().forEach((seed, accuracy) -> {
            Double base = baselinePoint.accuracyBySeed().get(seed);
            if (base != null) {
                differences.add(accuracy - base);
            }
        });
        if (differences.isEmpty()) {
            return new PairedComparison(strategy.labeled(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        return PairedComparison.of(strategy.labeled(), differences, alpha);
    }
}
