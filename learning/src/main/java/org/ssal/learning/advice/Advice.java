package org.ssal.learning.advice;

import java.util.OptionalDouble;

/**
 * What to sample with next, and why.
 *
 * @param strategy          {@link #RANDOM} or the name of an active-learning strategy
 * @param classes           the classes the advice is for
 * @param labeled           the labels it is for
 * @param labelsPerClass    the predicted threshold in labels per class, empty when none was measured
 * @param reason            a sentence naming the numbers the decision rests on
 */
public record Advice(String strategy, int classes, int labeled, OptionalDouble labelsPerClass, String reason) {
    public static final String RANDOM = ThresholdAnalysis.RANDOM;

    public boolean activeLearning() {
        return !RANDOM.equals(strategy);
    }
}
