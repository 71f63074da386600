package org.ssal.learning.head;

import java.util.stream.IntStream;

/**
 * A fitted linear head: decision value of class c = w_c · standardise(x) + b_c. Classes that
 * had no labeled sample when the head was fitted ({@code weights[c] == null}) get the decision
 * value {@link Double#NEGATIVE_INFINITY} and therefore probability exactly 0: the head has no
 * evidence for them, and -inf keeps every ranking (arg-max, top-two margin) well defined.
 * Probabilities are the softmax of the decision values; for a softmax head these are its own
 * probabilities, for an SVM head it is the squashing that its Javadoc documents.
 */
final class LinearModel implements TrainedHead {
    /** Panels of rows per parallel task. */
    private static final int PANELS_PER_TASK = 16;
    /** Below this many multiply-adds, one thread is faster than splitting. */
    private static final long PARALLEL_WORK = 1L << 20;

    private final Standardizer standardizer;
    private final double[][] weights; // [numClasses][dim], null rows = classes never seen
    private final double[] bias;
    /** The classes that have weights, ascending, and their weights in one row-major array. */
    private final int[] seen;
    private final double[] seenWeights;

    LinearModel(Standardizer standardizer, double[][] weights, double[] bias) {
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
        int d = standardizer.dim();
        this.seen = IntStream.range(0, weights.length).filter(c -> weights[c] != null).toArray();
        this.seenWeights = new double[seen.length * d];
        for (int k = 0; k < seen.length; k++) {
            System.arraycopy(weights[seen[k]], 0, seenWeights, k * d, d);
        }
    }

    @Override
    public int numClasses() {
        return weights.length;
    }

    /** The dimension of the embeddings this head was fitted on. */
    int dim() {
        return standardizer.dim();
    }

    @Override
    public double[][] decisionValues(float[][] x) {
        HeadInputValidation.validateRows(x, standardizer.dim());
        double[][] out = new double[x.length][];
        int lanes = LaneKernels.lanes();
        int panels = (x.length + lanes - 1) / lanes;
        int tasks = (panels + PANELS_PER_TASK - 1) / PANELS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        boolean parallel = (long) x.length * dim() * weights.length >= PARALLEL_WORK;
        (parallel ? range.parallel() : range).forEach(t -> decisionValuesOfPanels(x,
                t * PANELS_PER_TASK, Math.min(panels, (t + 1) * PANELS_PER_TASK), out));
        return out;
    }

    /**
     * The rows of panels [from, to): each value is b_c + (w_c1·z_1 + w_c2·z_2 + ...), the sum
     * started from 0 and taken in index order (the definition {@code LinearModelTest} compares
     * bits with), for a panel of rows at once from their transposed standardised features.
     */
    private void decisionValuesOfPanels(float[][] x, int from, int to, double[][] out) {
        int d = standardizer.dim();
        int lanes = LaneKernels.lanes();
        int m = seen.length;
        double[] z = new double[d];
        double[] panel = new double[d * lanes];
        double[] sums = new double[m * lanes];
        double[] zeros = new double[m];
        for (int p = from; p < to; p++) {
            int rows = Math.min(lanes, x.length - p * lanes);
            java.util.Arrays.fill(panel, 0);
            for (int l = 0; l < rows; l++) {
                standardizer.apply(x[p * lanes + l], z);
                for (int j = 0; j < d; j++) {
                    panel[j * lanes + l] = z[j];
                }
            }
            LaneKernels.panelDots(panel, 0, d, seenWeights, m, zeros, sums);
            for (int l = 0; l < rows; l++) {
                double[] values = new double[weights.length];
                java.util.Arrays.fill(values, Double.NEGATIVE_INFINITY);
                for (int k = 0; k < m; k++) {
                    values[seen[k]] = bias[seen[k]] + sums[k * lanes + l];
                }
                out[p * lanes + l] = values;
            }
        }
    }

    @Override
    public double[][] probabilities(float[][] x) {
        double[][] scores = decisionValues(x);
        for (double[] row : scores) {
            Softmax.inPlace(row);
        }
        return scores;
    }
}
