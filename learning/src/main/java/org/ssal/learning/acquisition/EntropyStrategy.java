package org.ssal.learning.acquisition;

import java.util.EnumSet;
import java.util.Set;

/**
 * Maximum predictive entropy, H(x) = -Σ_c p(c|x) log p(c|x), of the head's class probabilities
 * (Shannon 1948; the "Entropy" baseline of Bengar et al. 2021). Terms with p = 0 contribute 0,
 * so classes without labels do not change a sample's score.
 */
public final class EntropyStrategy extends ScoreBasedStrategy {
    public EntropyStrategy() {
        super(Direction.HIGHEST_FIRST);
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.of(Requirement.EMBEDDINGS, Requirement.TRAINED_HEAD);
    }

    @Override
    protected double[] scores(SelectionContext ctx) {
        double[][] p = ctx.head().probabilities(ctx.poolEmbeddings());
        double[] h = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (double v : p[i]) {
                if (v > 0) {
                    sum -= v * Math.log(v);
                }
            }
            h[i] = sum;
        }
        return h;
    }
}
