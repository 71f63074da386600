package org.ssal.campaign;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ssal.campaign.ledger.Decision;
import org.ssal.service.ProcessorMetrics;

/**
 * The budget tracker's meters: what it decided about each event, by event type, decision and rule
 * (the fixed code of {@link Decision.Rejected#rule()}), never by campaign or sample.
 *
 * <pre>
 * ssal_tracker_decisions_total{event,decision,rule}   event = LabelReceived | QueryBatch | CampaignCreated | ...,
 *                                                     decision = accepted | ignored | rejected, rule = none on the first two
 * ssal_dead_letters_total{service="budget-tracker",reason}   reason = the rule, or malformed / wrong-topic
 * </pre>
 *
 * The Kafka Streams client metrics (consumer lag of the tracker's group included) come from
 * quarkus-micrometer's Kafka Streams binder.
 */
final class TrackerMetrics {
    private final MeterRegistry registry;
    /**
     * The decision counters met so far: building and registering a tagged counter for every label
     * was 3 % of the stream thread's time (JFR, docs/benchmarks.md); shared by the stream threads.
     */
    private final Map<DecisionKind, Counter> decisions = new ConcurrentHashMap<>();

    TrackerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(String eventType, Decision decision) {
        String kind;
        String rule = "none";
        if (decision instanceof Decision.Accepted) {
            kind = "accepted";
        } else if (decision instanceof Decision.Ignored) {
            kind = "ignored";
        } else {
            kind = "rejected";
            rule = ((Decision.Rejected) decision).rule();
        }
        decisions.computeIfAbsent(new DecisionKind(eventType, kind, rule), this::register).increment();
    }

    private Counter register(DecisionKind kind) {
        return Counter.builder("ssal.tracker.decisions").tag("event", kind.event()).tag("decision", kind.decision())
                .tag("rule", kind.rule())
                .description("events the budget tracker accepted, ignored (redeliveries) or rejected, by rule")
                .register(registry);
    }

    void deadLettered(String reason) {
        ProcessorMetrics.deadLetters(registry, BudgetTopology.SERVICE, reason).increment();
    }

    private record DecisionKind(String event, String decision, String rule) {
    }
}
