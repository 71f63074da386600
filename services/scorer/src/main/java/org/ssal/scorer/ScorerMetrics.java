package org.ssal.scorer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The scorer's meters, tagged by strategy (a handful of names) and never by campaign.
 *
 * <pre>
 * ssal_query_batches_total{strategy}      query batches emitted (round 0's random initial set included)
 * ssal_rounds_evaluated_total             RoundEvaluated events emitted
 * ssal_round_duration_seconds             the scorer's part of a round: train the head, evaluate, select
 *                                         the next batch (from reading the labels to the batch in the outbox)
 * ssal_events_ignored_total{service,reason}  events the scorer deliberately does not act on
 * ssal_batches_picked_ahead_total{strategy}   batches picked while their previous round was labeled (PicksAhead)
 * </pre>
 */
final class ScorerMetrics {
    private final MeterRegistry registry;
    private final Counter roundsEvaluated;
    private final Timer roundDuration;

    ScorerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.roundsEvaluated = Counter.builder("ssal.rounds.evaluated")
                .description("rounds the scorer evaluated (RoundEvaluated emitted)").register(registry);
        this.roundDuration = Timer.builder("ssal.round.duration")
                .description("train head + evaluate + select the next batch, per round").register(registry);
    }

    void batchEmitted(String strategy) {
        Counter.builder("ssal.query.batches").tag("strategy", strategy)
                .description("query batches the scorer emitted").register(registry).increment();
    }

    void pickedAhead(String strategy) {
        Counter.builder("ssal.batches.picked.ahead").tag("strategy", strategy)
                .description("batches picked while the previous round was being labeled").register(registry).increment();
    }

    void roundEvaluated(Duration took) {
        roundsEvaluated.increment();
        roundDuration.record(took);
    }

    void ignored(String reason) {
        Counter.builder("ssal.events.ignored").tag("service", "scorer").tag("reason", reason)
                .description("events a service deliberately does not act on").register(registry).increment();
    }
}
