package org.ssal.campaign;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;
import org.ssal.service.ErrorKind;

/**
 * What the budget tracker does when one of its stream threads dies; quarkus-kafka-streams installs
 * this bean on the {@code KafkaStreams} it starts.
 *
 * <p>Failures are classified as the processors classify them ({@link ErrorKind}). A transient one (a
 * broker outage outlasting {@code task.timeout.ms}, a timeout, an I/O error) replaces the thread,
 * which rejoins the group and resumes from the committed offsets and changelogs: the outage must not
 * leave the tracker without a thread while the rest of the process looks healthy. Anything else (a
 * bug, an {@link Error}) shuts the client down: its state turns ERROR, liveness DOWN, and an
 * orchestrator restarts the process instead of a thread failing on the same record for ever.
 *
 * <pre>
 * ssal_tracker_thread_failures_total{response}   response = REPLACE_THREAD | SHUTDOWN_CLIENT
 * </pre>
 */
@ApplicationScoped
public class TrackerExceptionHandler implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = Logger.getLogger(TrackerExceptionHandler.class);

    private final MeterRegistry registry;

    public TrackerExceptionHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        StreamThreadExceptionResponse response = responseTo(exception);
        Counter.builder("ssal.tracker.thread.failures").tag("response", response.name())
                .description("budget tracker stream threads that died, by what was done about it")
                .register(registry).increment();
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warnf(exception, "budget tracker stream thread died of a transient failure, replacing it: %s", exception);
        } else {
            LOG.errorf(exception, "budget tracker stream thread died, shutting the tracker down: %s", exception);
        }
        return response;
    }

    static StreamThreadExceptionResponse responseTo(Throwable exception) {
        return ErrorKind.of(exception) == ErrorKind.TRANSIENT
                ? StreamThreadExceptionResponse.REPLACE_THREAD
                : StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
