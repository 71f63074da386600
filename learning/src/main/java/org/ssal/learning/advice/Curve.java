package org.ssal.learning.advice;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learning curve: accuracy against the number of labels for one {@link CurveKey}, one point per
 * budget, in increasing order of labels.
 */
public record Curve(CurveKey key, int numClasses, List<CurvePoint> points) {

    public Curve {
        ResultRow.checkAtLeast("numClasses", numClasses, 1);
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("points of " + key + " must not be empty, got " + points);
        }
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).labeled() <= points.get(i - 1).labeled()) {
                throw new IllegalArgumentException("points of " + key + " must have increasing labeled, got "
                        + points.get(i - 1).labeled() + " then " + points.get(i).labeled());
            }
        }
    }

    public Optional<CurvePoint> at(int labeled) {
        return points.stream().filter(p -> p.labeled() == labeled).findFirst();
    }

    public CurvePoint last() {
        return points.get(points.size() - 1);
    }

    /** Every seed that contributed to any point. */
    public Set<Long> seeds() {
        Set<Long> seeds = new TreeSet<>();
        points.forEach(p -> seeds.addAll(p.accuracyBySeed().keySet()));
        return seeds;
    }
}
