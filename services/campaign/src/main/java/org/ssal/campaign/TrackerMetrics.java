package org.ssal.campaign;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
        Counter.builder("ssal.tracker.decisions").tag("event", eventType).tag("decision", kind).tag("rule", rule)
                .description("events the budget tracker accepted, ignored (redeliveries) or rejected, by rule")
                .register(registry).increment();
    }

    void deadLettered(String reason) {
        ProcessorMetrics.deadLetters(registry, BudgetTopology.SERVICE, reason).increment();
    }
}
