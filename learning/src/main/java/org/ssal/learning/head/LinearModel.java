package org.ssal.learning.head;

/**
 * A fitted linear head: decision value of class c = w_c · standardise(x) + b_c. Classes that
 * had no labeled sample when the head was fitted ({@code weights[c] == null}) get the decision
 * value {@link Double#NEGATIVE_INFINITY} and therefore probability exactly 0: the head has no
 * evidence for them, and -inf keeps every ranking (arg-max, top-two margin) well defined.
 * Probabilities are the softmax of the decision values; for a softmax head these are its own
 * probabilities, for an SVM head it is the squashing that its Javadoc documents.
 */
final class LinearModel implements TrainedHead {
    private final Standardizer standardizer;
    private final double[][] weights; // [numClasses][dim], null rows = classes never seen
    private final double[] bias;

    LinearModel(Standardizer standardizer, double[][] weights, double[] bias) {
        this.standardizer = standardizer;
        this.weights = weights;
        this.bias = bias;
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
        int d = standardizer.dim();
        double[] z = new double[d];
        double[][] out = new double[x.length][weights.length];
        for (int i = 0; i < x.length; i++) {
            standardizer.apply(x[i], z);
            for (int c = 0; c < weights.length; c++) {
                out[i][c] = weights[c] == null ? Double.NEGATIVE_INFINITY : bias[c] + dot(weights[c], z, d);
            }
        }
        return out;
    }

    @Override
    public double[][] probabilities(float[][] x) {
        double[][] scores = decisionValues(x);
        for (double[] row : scores) {
            Softmax.inPlace(row);
        }
        return scores;
    }

    static double dot(double[] a, double[] b, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
