package org.ssal.learning.advice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The threshold (labels per class from which AL beats random) as a function of the number of
 * classes, one point per dataset, with a least-squares line threshold ≈ a + b·classes and
 * Pearson's r. The paper reports that "that threshold grows with the number of classes (paper:
 * correlation 0.99 across CIFAR-10/100/Tiny-ImageNet)" (DESIGN §1.5).
 *
 * <p>The paper's thresholds are not given numerically in our sources, so nothing here is a
 * hard-coded published number. There are two ways to get a relation: {@link #fit(Collection)} on
 * the thresholds of one's own results, or {@link #measuredBySsal(List, String)} with the points
 * ssal measured on its own grid and recorded in docs/results, which the grid runner passes in.
 *
 * @param points               one per dataset, by number of classes
 * @param datasetsNeverInRange datasets where no strategy ever beat random with confidence
 * @param bestStrategy         the AL strategy that most often crossed first, if any crossed
 * @param source               where the points come from, shown in every reason
 */
public record ThresholdRelation(List<Point> points, List<String> datasetsNeverInRange, Optional<String> bestStrategy,
                                String source) {

    /** The label of relations measured on ssal's own experiment grid. */
    public static final String MEASURED_BY_SSAL = "measured by ssal";

    /**
     * One dataset's threshold.
     *
     * @param atMost the crossing was at the first tested budget, so the threshold may be lower
     */
    public record Point(String dataset, int classes, double labelsPerClass, String strategy, boolean atMost) {
        public Point {
            ResultRow.checkName("dataset", dataset);
            ResultRow.checkAtLeast("classes", classes, 1);
            ResultRow.checkName("strategy", strategy);
            if (!(labelsPerClass >= 0) || Double.isInfinite(labelsPerClass)) {
                throw new IllegalArgumentException("labelsPerClass must be finite and >= 0, got " + labelsPerClass);
            }
        }
    }

    public ThresholdRelation {
        points = points.stream().sorted(Comparator.comparingInt(Point::classes).thenComparing(Point::dataset)).toList();
        datasetsNeverInRange = List.copyOf(new TreeSet<>(datasetsNeverInRange));
        ResultRow.checkName("source", source);
    }

    /**
     * The relation measured by ssal's experiment grid, as recorded in docs/results.
     *
     * @param where the document or run it comes from, e.g. "docs/results-grid.md, 2025-11-27"
     */
    public static ThresholdRelation measuredBySsal(List<Point> points, String where) {
        return new ThresholdRelation(points, List.of(), bestOf(points),
                MEASURED_BY_SSAL + (where == null || where.isBlank() ? "" : " (" + where + ")"));
    }

    /**
     * Fits the relation to thresholds from one's own results. Per dataset the point is the
     * smallest threshold found over the given strategies and initial fractions: the budget from
     * which the best AL choice pays off. Pass only the SSL thresholds to test the paper's claim,
     * which is about SSL + AL against SSL + random.
     */
    public static ThresholdRelation fit(Collection<Threshold> thresholds) {
        Map<String, Point> best = new TreeMap<>();
        Map<String, Boolean> tested = new TreeMap<>();
        for (Threshold t : thresholds) {
            String dataset = t.key().dataset();
            if (t.outcome() == Threshold.Outcome.NEVER_IN_RANGE) {
                tested.putIfAbsent(dataset, false);
            }
            if (!t.found()) {
                continue;
            }
            tested.put(dataset, true);
            Point candidate = new Point(dataset, t.numClasses(), t.labelsPerClass(), t.key().strategy(), t.atFirstPoint());
            best.merge(dataset, candidate, (a, b) -> byThreshold().compare(a, b) <= 0 ? a : b);
        }
        List<String> never = tested.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        List<Point> points = new ArrayList<>(best.values());
        return new ThresholdRelation(points, never, bestOf(points),
                "fitted from " + thresholds.size() + " thresholds of your results");
    }

    private static Comparator<Point> byThreshold() {
        return Comparator.comparingDouble(Point::labelsPerClass).thenComparing(Point::strategy);
    }

    /** The strategy holding most points; ties to the lower mean threshold, then the name. */
    private static Optional<String> bestOf(List<Point> points) {
        Map<String, List<Point>> byStrategy = points.stream().collect(Collectors.groupingBy(Point::strategy, TreeMap::new,
                Collectors.toList()));
        return byStrategy.entrySet().stream()
                .min(Comparator.<Map.Entry<String, List<Point>>>comparingInt(e -> -e.getValue().size())
                        .thenComparingDouble(e -> e.getValue().stream().mapToDouble(Point::labelsPerClass).average().orElse(0))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    /** The least-squares line through the points; empty without points. */
    public Optional<LinearFit> line() {
        if (points.isEmpty()) {
            return Optional.empty();
        }
        double[] x = points.stream().mapToDouble(Point::classes).toArray();
        double[] y = points.stream().mapToDouble(Point::labelsPerClass).toArray();
        return Optional.of(LinearFit.of(x, y));
    }

    /** Pearson r of threshold against classes, when computable (three points or more). */
    public OptionalDouble r() {
        return line().map(LinearFit::r).orElse(OptionalDouble.empty());
    }

    /** The predicted threshold in labels per class (never below 0); empty without points. */
    public OptionalDouble labelsPerClassAt(int classes) {
        ResultRow.checkAtLeast("classes", classes, 1);
        return line().map(l -> OptionalDouble.of(Math.max(0, l.at(classes)))).orElse(OptionalDouble.empty());
    }

    /** True when {@code classes} lies outside the measured range of classes. */
    public boolean extrapolates(int classes) {
        return !points.isEmpty() && (classes < points.get(0).classes() || classes > points.get(points.size() - 1).classes());
    }

    /** e.g. "threshold ≈ 2 + 0.15·classes labels per class, r = 0.990 (3 points), measured by ssal". */
    public String describe() {
        Optional<LinearFit> fit = line();
        if (fit.isEmpty()) {
            return "no threshold measured (" + source + ")";
        }
        LinearFit l = fit.get();
        String formula = l.slopeMeasured()
                ? "threshold ≈ " + NumberText.significant(l.intercept()) + (l.slope() < 0 ? " − " : " + ")
                        + NumberText.significant(Math.abs(l.slope())) + "·classes labels per class"
                : "threshold ≈ " + NumberText.significant(l.intercept()) + " labels per class, independent of classes (one class count measured)";
        return formula + ", " + l.describeCorrelation() + ", " + source;
    }
}
