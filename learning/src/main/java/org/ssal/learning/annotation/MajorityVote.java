package org.ssal.learning.annotation;

import java.util.Collection;

/**
 * The label most annotators gave. <b>Tie rule:</b> among the labels with the most votes, the
 * smallest class index wins. The rule looks only at the counts, never at arrival order, so a
 * replay of the log in any order re-derives the same label (an audit depends on that).
 */
public final class MajorityVote {
    private MajorityVote() {
    }

    /**
     * @param annotations the answers for one sample (at least one)
     * @param numClasses  number of classes; every label must be below it
     */
    public static int of(Collection<Annotation> annotations, int numClasses) {
        if (annotations.isEmpty()) {
            throw new IllegalArgumentException("a majority vote needs at least one annotation");
        }
        int[] votes = new int[numClasses];
        for (Annotation annotation : annotations) {
            if (annotation.label() >= numClasses) {
                throw new IllegalArgumentException("label " + annotation.label() + " of sample " + annotation.sampleId()
                        + " is outside [0, " + numClasses + ")");
            }
            votes[annotation.label()]++;
        }
        int best = 0;
        for (int k = 1; k < numClasses; k++) {
            if (votes[k] > votes[best]) {
                best = k;
            }
        }
        return best;
    }
}
