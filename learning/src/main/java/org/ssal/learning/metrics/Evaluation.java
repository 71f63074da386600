package org.ssal.learning.metrics;

import java.util.Arrays;

/**
 * Accuracy of predictions against ground truth: overall, and per class (the fraction of each
 * class's samples predicted correctly, i.e. per-class recall). A class without test samples has
 * per-class accuracy NaN, since there is nothing to be right or wrong about.
 *
 * @param accuracy         correct / n
 * @param perClassAccuracy one entry per class, NaN for classes absent from the truth
 * @param n                number of evaluated samples
 */
public record Evaluation(double accuracy, double[] perClassAccuracy, int n) {

    public Evaluation {
        perClassAccuracy = perClassAccuracy.clone();
    }

    /** Compares predictions with the truth; both hold class indices in [0, numClasses). */
    public static Evaluation of(int[] truth, int[] predicted, int numClasses) {
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException("truth and predicted must not be null");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels but predicted has " + predicted.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("truth is empty: nothing to evaluate");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        int[] total = new int[numClasses];
        int[] correct = new int[numClasses];
        int allCorrect = 0;
        for (int i = 0; i < truth.length; i++) {
            checkClass("truth", i, truth[i], numClasses);
            checkClass("predicted", i, predicted[i], numClasses);
            total[truth[i]]++;
            if (truth[i] == predicted[i]) {
                correct[truth[i]]++;
                allCorrect++;
            }
        }
        double[] perClass = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            perClass[c] = total[c] == 0 ? Double.NaN : correct[c] / (double) total[c];
        }
        return new Evaluation(allCorrect / (double) truth.length, perClass, truth.length);
    }

    private static void checkClass(String field, int i, int value, int numClasses) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException(field + "[" + i + "] = " + value + " is outside [0, " + numClasses + ")");
        }
    }

    /** A copy of the per-class accuracies (the record accessor also returns a copy). */
    @Override
    public double[] perClassAccuracy() {
        return perClassAccuracy.clone();
    }

    /** Mean of the per-class accuracies over classes present in the truth (balanced accuracy). */
    public double meanPerClassAccuracy() {
        return Arrays.stream(perClassAccuracy).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && Double.compare(accuracy, e.accuracy) == 0 && n == e.n
                && Arrays.equals(perClassAccuracy, e.perClassAccuracy);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(accuracy) + Arrays.hashCode(perClassAccuracy)) + n;
    }

    @Override
    public String toString() {
        return "Evaluation(accuracy=" + accuracy + ", n=" + n + ", perClassAccuracy=" + Arrays.toString(perClassAccuracy) + ")";
    }
}
