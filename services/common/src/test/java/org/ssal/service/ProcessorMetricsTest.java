package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Each meter family of a processor moves when its event happens, tagged by service and never by campaign. */
class ProcessorMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProcessorMetrics metrics = new ProcessorMetrics(registry, "scorer");

    @Test
    void shouldCountHandledRecords() {
        metrics.handled(3);
        metrics.handled(2);
        assertEquals(5.0, registry.get("ssal.records.handled").tag("service", "scorer").counter().count());
    }

    @Test
    void shouldCountDeadLettersByExceptionClass() {
        metrics.deadLettered(new RejectedEventException("unknown campaign c-1"));
        metrics.deadLettered(new RejectedEventException("unknown campaign c-2"));
        metrics.deadLettered(new IllegalArgumentException("x"));
        assertEquals(2.0, registry.get("ssal.dead.letters").tag("service", "scorer")
                .tag("reason", "RejectedEventException").counter().count());
        assertEquals(1.0, registry.get("ssal.dead.letters").tag("reason", "IllegalArgumentException").counter().count());
        assertEquals(2, registry.get("ssal.dead.letters").counters().size(), "one series per class, not per message");
    }

    @Test
    void shouldCountFailedCampaignsAndRetriesByKind() {
        metrics.campaignFailed();
        metrics.retried("transient");
        metrics.retried("transient");
        metrics.retried("kafka");
        assertEquals(1.0, registry.get("ssal.campaigns.failed").counter().count());
        assertEquals(2.0, registry.get("ssal.retries").tag("kind", "transient").counter().count());
        assertEquals(1.0, registry.get("ssal.retries").tag("kind", "kafka").counter().count());
    }

    @Test
    void shouldShowWhetherTheProcessorRuns() {
        AtomicBoolean running = new AtomicBoolean(true);
        metrics.running(running::get);
        assertEquals(1.0, registry.get("ssal.processor.running").tag("service", "scorer").gauge().value());
        running.set(false);
        assertEquals(0.0, registry.get("ssal.processor.running").gauge().value());
    }
}
