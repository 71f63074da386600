package org.ssal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.schemas.EventCodec;

/**
 * How a service runs: make sure the topics exist, rebuild its view of the campaigns from the
 * log, then handle new records exactly once. A service gives its name, the topics it consumes,
 * the topics its view is rebuilt from, and what to do with each decoded event.
 *
 * <p>The view is rebuilt, never patched: whenever the processor is given partitions and after
 * every aborted transaction, the view forgets everything and the committed events of the
 * {@code rebuildsFrom} topics are replayed into it. That is the one way a view changed by an
 * attempt that was not committed becomes true again, so a handler may change its view while it
 * handles a record (before the commit) as long as everything it keeps can be rebuilt from those
 * topics.
 */
public final class EventService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventService.class);

    /** What a service does with one decoded event. */
    @FunctionalInterface
    public interface Reaction {
        void react(SpecificRecord event, Outbox out);
    }

    /**
     * What a service knows of its campaigns, kept from events. {@link #forget} then
     * {@link #observe} of every committed event of {@code rebuildsFrom} must give the view a
     * process started afresh would have; caches of files or artifacts may survive a forget.
     */
    public interface View {
        /** Back to the view of an empty log. */
        void forget();

        /** Updates the view from a replayed event, without emitting anything. */
        void observe(SpecificRecord event);
    }

    public record Spec(String service, List<String> consumes, List<String> rebuildsFrom,
                       Duration maxProcessingTime) {
    }

    private final TransactionalProcessor processor;

    EventService(TransactionalProcessor processor) {
        this.processor = processor;
    }

    /**
     * @param instanceId unique per running instance; blank → a random one (a restarted instance
     *                   then waits up to the 10 s transaction timeout for its predecessor's open
     *                   transaction, while a stable id aborts it at once)
     * @param topics     how topics are created; existing ones that do not fit stop the start
     *                   ({@link TopicAdmin.TopicMismatchException} names topic, setting and value)
     * @param view       rebuilt from the log on assignment and after an aborted transaction
     */
    public static EventService start(Spec spec, String bootstrapServers, String instanceId, TopicSettings topics,
                                     View view, Reaction react) {
        return start(spec, bootstrapServers, instanceId, topics, view, react, Metrics.globalRegistry);
    }

    /** @param registry where the processor's meters go: the service's (Quarkus') registry */
    public static EventService start(Spec spec, String bootstrapServers, String instanceId, TopicSettings topics,
                                     View view, Reaction react, MeterRegistry registry) {
        TopicAdmin.ensureTopics(bootstrapServers, topics);
        boolean stable = instanceId != null && !instanceId.isBlank();
        String instance = stable ? instanceId : UUID.randomUUID().toString();
        Runnable rebuild = rebuild(spec, bootstrapServers, view);
        EventHandler handler = (record, out) -> {
            ProducerHeader.require(record); // a BudgetState not from the tracker must not drive a campaign
            react.react(EventCodec.decode(record.value()), out);
        };
        TransactionalProcessor processor = new TransactionalProcessor(new ProcessorSettings(bootstrapServers,
                spec.service(), instance, stable, spec.consumes(), spec.maxProcessingTime()), handler, rebuild,
                registry);
        processor.start();
        return new EventService(processor);
    }

    /** Forget, then replay the committed {@code rebuildsFrom} topics to their end: the one way a view is made true. */
    static Runnable rebuild(Spec spec, String bootstrapServers, View view) {
        return () -> {
            if (spec.rebuildsFrom().isEmpty()) {
                return; // nothing of the view comes from the log, so there is nothing to forget either
            }
            view.forget();
            try (EventLog log = new EventLog(bootstrapServers, spec.rebuildsFrom())) {
                log.replayToEnd(view::observe, Duration.ofMinutes(5));
            }
            LOG.info("{} rebuilt its view from {}", spec.service(), spec.rebuildsFrom());
        };
    }

    public boolean isRunning() {
        return processor.isRunning();
    }

    /** Running, with partitions assigned and its view rebuilt for them. */
    public boolean isReady() {
        return processor.isReady();
    }

    public long handledCount() {
        return processor.handledCount();
    }

    public Throwable failure() {
        return processor.failure();
    }

    @Override
    public void close() {
        processor.close();
    }
}
