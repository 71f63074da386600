package org.ssal.learning.head;

/** A classifier head fitted on labeled embeddings. */
public interface TrainedHead {
    int numClasses();

    /** Class probabilities, one row per input, rows sum to 1. */
    double[][] probabilities(float[][] x);

    /** Raw decision values (logits or SVM margins), one row per input, one column per class. */
    double[][] decisionValues(float[][] x);

    /** Arg-max class of each row of {@link #decisionValues}; ties go to the lower class index. */
    default int[] predict(float[][] x) {
        double[][] scores = decisionValues(x);
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int c = 1; c < scores[i].length; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
