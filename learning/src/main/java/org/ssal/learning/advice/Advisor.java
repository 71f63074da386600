package org.ssal.learning.advice;

import java.util.OptionalDouble;

/**
 * Turns a {@link ThresholdRelation} into a sampling decision. The paper's practical message is
 * that with a self-supervised encoder "SSL+Random often beats SSL+AL until the labeled set passes
 * a threshold of samples per class, and that threshold grows with the number of classes" (DESIGN
 * §1.5). So: predict the threshold for the number of classes, and use random sampling below it
 * and the best measured AL strategy from it on.
 *
 * <p>Pass the labels you hold now to decide the next round (the advice flips once you cross the
 * threshold), or your total budget to ask whether AL will pay off at all before it runs out.
 */
public final class Advisor {
    private Advisor() {
    }

    public static Advice advise(int classes, int labeled, ThresholdRelation relation) {
        ResultRow.checkAtLeast("classes", classes, 1);
        ResultRow.checkAtLeast("labeled", labeled, 0);
        if (relation == null) {
            throw new IllegalArgumentException("relation must not be null");
        }
        String have = "you have " + labeled + " labels (" + NumberText.significant(labeled / (double) classes) + " per class)";
        OptionalDouble perClass = relation.labelsPerClassAt(classes);
        if (perClass.isEmpty() || relation.bestStrategy().isEmpty()) {
            String why = relation.datasetsNeverInRange().isEmpty()
                    ? "no threshold has been measured"
                    : "active learning never beat random with confidence on " + String.join(", ", relation.datasetsNeverInRange());
            return new Advice(Advice.RANDOM, classes, labeled, OptionalDouble.empty(),
                    "with " + classes + " classes " + why + " (" + relation.source() + "); " + have
                            + ": use random sampling, which with a self-supervised encoder is the safe default");
        }
        String strategy = relation.bestStrategy().get();
        double threshold = perClass.getAsDouble();
        int thresholdLabels = (int) Math.ceil(threshold * classes);
        String measured = "with " + classes + " classes the measured threshold is ~" + NumberText.significant(threshold)
                + " labels per class (" + thresholdLabels + " labels)"
                + (relation.extrapolates(classes) ? ", extrapolated beyond the measured class counts" : "");
        String basis = " [" + relation.describe() + "]";
        if (labeled >= thresholdLabels) {
            return new Advice(strategy, classes, labeled, perClass, measured + "; " + have
                    + ", at or above it: active learning (" + strategy + ") is expected to beat random sampling" + basis);
        }
        return new Advice(Advice.RANDOM, classes, labeled, perClass, measured + "; " + have
                + ", below it: random sampling is expected to match or beat active learning; switch to " + strategy
                + " from " + thresholdLabels + " labels" + basis);
    }
}
