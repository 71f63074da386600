package org.ssal.learning.round;

import java.util.Optional;

/** The scorer's whole decision after one round: the evaluation and, while budget is left, the next batch. */
public record RoundPlan(RoundEvaluation evaluation, Optional<NextBatch> next) {
}
