package org.ssal.learning.round;

import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.metrics.Evaluation;

/** The head trained on a round's labels and its accuracy on the test split. */
public record RoundEvaluation(TrainedHead head, Evaluation evaluation) {
}
