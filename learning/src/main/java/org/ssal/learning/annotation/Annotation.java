package org.ssal.learning.annotation;

import java.util.Objects;

/**
 * One annotator's answer for one sample.
 *
 * @param sampleId    stable id of the sample
 * @param annotatorId who answered
 * @param label       class index in [0, numClasses)
 */
public record Annotation(String sampleId, String annotatorId, int label) {
    public Annotation {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(annotatorId, "annotatorId");
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label + " for sample " + sampleId);
        }
    }
}
