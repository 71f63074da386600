package org.ssal.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.schemas.EventCodec;

/**
 * How a service runs: make sure the topics exist, rebuild its view of the campaigns from the
 * log, then handle new records exactly once. A service gives its name, the topics it consumes,
 * the topics its view is rebuilt from, and what to do with each decoded event.
 */
public final class EventService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventService.class);

    /** What a service does with one decoded event. */
    @FunctionalInterface
    public interface Reaction {
        void react(SpecificRecord event, Outbox out);
    }

    public record Spec(String service, List<String> consumes, List<String> rebuildsFrom,
                       Duration maxProcessingTime) {
    }

    private final TransactionalProcessor processor;

    private EventService(TransactionalProcessor processor) {
        this.processor = processor;
    }

    /**
     * @param instanceId unique per running instance; blank → a random one (a restarted instance
     *                   then waits up to the 10 s transaction timeout for its predecessor's open
     *                   transaction, while a stable id aborts it at once)
     * @param topics     how topics are created; existing ones that do not fit stop the start
     *                   ({@link TopicAdmin.TopicMismatchException} names topic, setting and value)
     * @param observe    updates the view from a replayed event, without emitting anything
     */
    public static EventService start(Spec spec, String bootstrapServers, String instanceId, TopicSettings topics,
                                     Consumer<SpecificRecord> observe, Reaction react) {
        TopicAdmin.ensureTopics(bootstrapServers, topics);
        boolean stable = instanceId != null && !instanceId.isBlank();
        String instance = stable ? instanceId : UUID.randomUUID().toString();
        Runnable rebuild = () -> {
            if (spec.rebuildsFrom().isEmpty()) {
                return;
            }
            try (EventLog log = new EventLog(bootstrapServers, spec.rebuildsFrom())) {
                log.replayToEnd(observe, Duration.ofMinutes(5));
            }
            LOG.info("{} rebuilt its view from {}", spec.service(), spec.rebuildsFrom());
        };
        EventHandler handler = (record, out) -> react.react(EventCodec.decode(record.value()), out);
        TransactionalProcessor processor = new TransactionalProcessor(new ProcessorSettings(bootstrapServers,
                spec.service(), instance, stable, spec.consumes(), spec.maxProcessingTime()), handler, rebuild);
        processor.start();
        return new EventService(processor);
    }

    public boolean isRunning() {
        return processor.isRunning();
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
