package org.ssal.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The meters of one {@link TransactionalProcessor}, tagged by service (never by campaign: a
 * deployment runs thousands of campaigns and each tag value is a time series). Dead letters are
 * tagged by the exception's class, a set bounded by the code, not by its message.
 *
 * <pre>
 * ssal_records_handled_total{service}          records whose transaction committed
 * ssal_dead_letters_total{service,reason}      records dead-lettered (reason = exception class)
 * ssal_campaigns_failed_total{service}         CampaignFailed events written
 * ssal_retries_total{service,kind}             kind = transient (a handler) | kafka (broker, aborted transaction)
 * ssal_processor_running{service}              1 while the loop runs, 0 once it stopped
 * kafka_consumer_*{service,client_id,...}      Micrometer's KafkaClientMetrics of the processor's consumer (lag)
 * </pre>
 */
public final class ProcessorMetrics {
    private final MeterRegistry registry;
    private final String service;
    private final Counter handled;
    private final Counter campaignsFailed;

    public ProcessorMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
        this.handled = Counter.builder("ssal.records.handled").tag("service", service)
                .description("records handled and committed by the service's event processor").register(registry);
        this.campaignsFailed = Counter.builder("ssal.campaigns.failed").tag("service", service)
                .description("campaigns the service found unable to go on (CampaignFailed written)").register(registry);
    }

    void handled(long records) {
        handled.increment(records);
    }

    void deadLettered(Throwable cause) {
        deadLetters(registry, service, cause.getClass().getSimpleName()).increment();
    }

    void campaignFailed() {
        campaignsFailed.increment();
    }

    void retried(String kind) {
        Counter.builder("ssal.retries").tag("service", service).tag("kind", kind)
                .description("batches retried after a transient failure").register(registry).increment();
    }

    void running(BooleanSupplier running) {
        Gauge.builder("ssal.processor.running", () -> running.getAsBoolean() ? 1 : 0).tag("service", service)
                .description("1 while the service's event processor runs").register(registry);
    }

    /** Binds the consumer's own metrics (records-lag, fetch rates); close it with the consumer. */
    AutoCloseable bindConsumer(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("service", service));
        metrics.bindTo(registry);
        return metrics;
    }

    /** The dead-letter counter shared by every writer of dead letters (processors and the budget tracker). */
    public static Counter deadLetters(MeterRegistry registry, String service, String reason) {
        return Counter.builder("ssal.dead.letters").tag("service", service).tag("reason", reason)
                .description("records sent to dead-letter, by writer and reason").register(registry);
    }
}
