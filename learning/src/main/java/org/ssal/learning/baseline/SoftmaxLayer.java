package org.ssal.learning.baseline;

import org.ssal.learning.head.Softmax;
import org.ssal.learning.head.TrainedHead;

/**
 * The trained network's last layer as a {@link TrainedHead}: logits = x·W + b on the network's
 * penultimate features ({@link SupervisedModel#embed}), probabilities = softmax(logits). It is the
 * very layer trained with the encoder, so acquisition strategies that need a head (Entropy,
 * margin) rank the pool by the network's own predictions, as classic deep active learning does.
 */
public final class SoftmaxLayer implements TrainedHead {
    private final double[][] weights; // [dim][numClasses]
    private final double[] bias;

    SoftmaxLayer(double[][] weights, double[] bias) {
        if (weights.length == 0 || weights[0].length != bias.length) {
            throw new IllegalArgumentException("weights must be [dim][numClasses] and bias [numClasses], got "
                    + weights.length + "x" + (weights.length == 0 ? 0 : weights[0].length) + " and " + bias.length);
        }
        this.weights = weights;
        this.bias = bias;
    }

    public int dim() { return weights.length; }

    @Override
    public int numClasses() { return bias.length; }

    @Override
    public double[][] decisionValues(float[][] x) {
        int d = weights.length;
        int k = bias.length;
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has dim " + x[i].length + ", the layer expects " + d);
            }
            double[] row = bias.clone();
            for (int j = 0; j < d; j++) {
                double v = x[i][j];
                double[] w = weights[j];
                for (int c = 0; c < k; c++) {
                    row[c] += v * w[c];
                }
            }
            out[i] = row;
        }
        return out;
    }

    @Override
    public double[][] probabilities(float[][] x) {
        double[][] p = decisionValues(x);
        for (double[] row : p) {
            Softmax.inPlace(row);
        }
        return p;
    }
}
