package org.ssal.learning.head;

/**
 * Per-feature z-scoring fitted on the training rows. Embeddings come at arbitrary scale (a
 * SimSiam encoder, raw pixels); the solvers converge in far fewer steps and the default
 * regularisation strength means the same thing for every encoder once features have unit
 * variance. Constant features get scale 1, so they map to 0 and carry no weight.
 */
final class Standardizer {
    private final double[] mean;
    private final double[] invStd;

    private Standardizer(double[] mean, double[] invStd) {
        this.mean = mean;
        this.invStd = invStd;
    }

    static Standardizer fit(float[][] x, int dim) {
        double[] mean = new double[dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= x.length;
        }
        // two-pass variance: exact enough for embeddings whose mean is far from zero
        double[] var = new double[dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                double c = row[j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] invStd = new double[dim];
        for (int j = 0; j < dim; j++) {
            double std = Math.sqrt(var[j] / x.length);
            invStd[j] = std > 1e-12 ? 1.0 / std : 1.0;
        }
        return new Standardizer(mean, invStd);
    }

    int dim() {
        return mean.length;
    }

    /** Standardises {@code row} into {@code out} (length dim). */
    void apply(float[] row, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = (row[j] - mean[j]) * invStd[j];
        }
    }

    /** All rows standardised into one row-major array of n * dim doubles. */
    double[] applyFlat(float[][] x) {
        int d = mean.length;
        double[] out = new double[x.length * d];
        double[] tmp = new double[d];
        for (int i = 0; i < x.length; i++) {
            apply(x[i], tmp);
            System.arraycopy(tmp, 0, out, i * d, d);
        }
        return out;
    }
}
