package org.ssal.learning.acquisition;

import java.util.EnumSet;
import java.util.Set;

/**
 * Min-margin sampling (Tong &amp; Koller 2001, "Support Vector Machine Active Learning with
 * Applications to Text Classification": query the example closest to the hyperplane), in its
 * multi-class one-vs-rest form: the score is the gap between the two largest decision values,
 * and the smallest gap is picked first. Meant for {@code LinearSvmHead}; works with any head's
 * decision values (softmax logits give logit-margin sampling). With only one class seen the gap
 * is +inf for every sample (nothing to be unsure about) and ids decide.
 */
public final class SvmMarginStrategy extends ScoreBasedStrategy {
    public SvmMarginStrategy() {
        super(Direction.LOWEST_FIRST);
    }

    @Override
    public String name() {
        return "svm-margin";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.of(Requirement.EMBEDDINGS, Requirement.TRAINED_HEAD);
    }

    @Override
    protected double[] scores(SelectionContext ctx) {
        double[][] v = ctx.head().decisionValues(ctx.poolEmbeddings());
        double[] gap = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (double value : v[i]) {
                if (value > first) {
                    second = first;
                    first = value;
                } else if (value > second) {
                    second = value;
                }
            }
            gap[i] = second == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : first - second;
        }
        return gap;
    }
}
