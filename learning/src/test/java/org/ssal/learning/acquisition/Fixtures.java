package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.ssal.learning.head.TrainedHead;

/** Small contexts for strategy tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Ids "s000".."s(n-1)" in a shuffled order, so pool position never equals id order. */
    static List<String> shuffledIds(String prefix, int n, long seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("%s%03d", prefix, i));
        }
        Collections.shuffle(ids, new Random(seed));
        return ids;
    }

    static float[][] gaussianRows(int n, int dim, double offset, SplittableRandom rng) {
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (offset + gaussian(rng));
            }
        }
        return x;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static SelectionContext context(List<String> poolIds, float[][] pool, List<String> labeledIds, float[][] labeled,
                                    TrainedHead head, long seed, int round) {
        int[] labels = new int[labeledIds.size()];
        return new SelectionContext(poolIds, pool, labeledIds, labeled, labels, 3, head, seed, round);
    }

    /** A random context with a head that reads class scores straight off the embedding. */
    static SelectionContext randomContext(int poolSize, int labeledSize, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] pool = gaussianRows(poolSize, dim, 0, rng);
        float[][] labeled = gaussianRows(labeledSize, dim, 0, rng);
        return context(shuffledIds("p", poolSize, seed), pool, shuffledIds("l", labeledSize, seed + 1), labeled,
                new EmbeddingIsScoresHead(dim), seed, 0);
    }

    /** Same context, pool in another order. */
    static SelectionContext reorderedPool(SelectionContext ctx, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ctx.poolIds().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<String> ids = new ArrayList<>();
        float[][] rows = new float[order.size()][];
        for (int i = 0; i < order.size(); i++) {
            ids.add(ctx.poolIds().get(order.get(i)));
            rows[i] = ctx.poolEmbeddings()[order.get(i)];
        }
        return new SelectionContext(ids, rows, ctx.labeledIds(), ctx.labeledEmbeddings(), ctx.labeledLabels(),
                ctx.numClasses(), ctx.head(), ctx.seed(), ctx.round());
    }

    static SelectionContext withSeed(SelectionContext ctx, long seed, int round) {
        return new SelectionContext(ctx.poolIds(), ctx.poolEmbeddings(), ctx.labeledIds(), ctx.labeledEmbeddings(),
                ctx.labeledLabels(), ctx.numClasses(), ctx.head(), seed, round);
    }

    /** Decision values are the embedding itself; probabilities its softmax. */
    record EmbeddingIsScoresHead(int numClasses) implements TrainedHead {
        @Override
        public double[][] decisionValues(float[][] x) {
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = new double[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    out[i][j] = x[i][j];
                }
            }
            return out;
        }

        @Override
        public double[][] probabilities(float[][] x) {
            double[][] out = decisionValues(x);
            for (double[] row : out) {
                double sum = 0;
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.exp(row[j]);
                    sum += row[j];
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] /= sum;
                }
            }
            return out;
        }
    }
}
