package org.ssal.learning.advice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups result rows into learning curves, one per (dataset, strategy, SSL, initial fraction).
 *
 * <p>Seeds are aligned by the number of labels, not by round: the paper plots accuracy against
 * labels, and two seeds of a cell share their schedule (same initial size, same batch size), so
 * equal rounds have equal labels anyway. Where they do not (a campaign stopped early, a rounded
 * initial set), a point simply has fewer seeds; {@link CurvePoint#n()} says how many.
 */
public final class LearningCurves {
    private LearningCurves() {
    }

    /**
     * @return curves sorted by {@link CurveKey}, points by labels
     * @throws IllegalArgumentException when a dataset is given two class counts, or one seed of a
     *         curve has two different accuracies for the same number of labels (two campaigns
     *         mixed up; averaging them would hide it). Repeated identical rows, as from a replayed
     *         append, are counted once.
     */
    public static List<Curve> of(Collection<ResultRow> rows) {
        Map<String, Integer> classes = new HashMap<>();
        Map<CurveKey, Map<Integer, Map<Long, ResultRow>>> cells = new TreeMap<>();
        for (ResultRow row : rows) {
            Integer known = classes.putIfAbsent(row.dataset(), row.numClasses());
            if (known != null && known != row.numClasses()) {
                throw new IllegalArgumentException("numClasses of dataset " + row.dataset() + " is " + known
                        + " in one row and " + row.numClasses() + " in another (campaign " + row.campaignId() + ")");
            }
            Map<Long, ResultRow> bySeed = cells.computeIfAbsent(CurveKey.of(row), k -> new TreeMap<>())
                    .computeIfAbsent(row.labeled(), l -> new TreeMap<>());
            ResultRow earlier = bySeed.putIfAbsent(row.seed(), row);
            if (earlier != null && !earlier.equals(row)) {
                throw new IllegalArgumentException("seed " + row.seed() + " of " + CurveKey.of(row) + " has two results at "
                        + row.labeled() + " labels: accuracy " + earlier.accuracy() + " (campaign " + earlier.campaignId()
                        + ", round " + earlier.round() + ") and " + row.accuracy() + " (campaign " + row.campaignId()
                        + ", round " + row.round() + ")");
            }
        }
        List<Curve> curves = new ArrayList<>(cells.size());
        cells.forEach((key, byLabeled) -> {
            List<CurvePoint> points = new ArrayList<>(byLabeled.size());
            byLabeled.forEach((labeled, bySeed) -> {
                Map<Long, Double> accuracy = new TreeMap<>();
                bySeed.forEach((seed, row) -> accuracy.put(seed, row.accuracy()));
                points.add(CurvePoint.of(labeled, accuracy));
            });
            curves.add(new Curve(key, classes.get(key.dataset()), points));
        });
        return curves;
    }
}
