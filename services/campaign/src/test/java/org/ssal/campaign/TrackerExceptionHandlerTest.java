package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class TrackerExceptionHandlerTest {
    @Test
    void shouldReplaceTheThreadWhenTheBrokerWasAwayLongerThanTheTaskTimeout() {
        StreamsException outage = new StreamsException("task [0_1] did not make progress within 300000 ms",
                new TimeoutException("Timeout of 60000ms expired before the position could be determined"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, TrackerExceptionHandler.responseTo(outage));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, TrackerExceptionHandler.responseTo(
                new StreamsException(new IOException("state dir: No space left on device"))));
    }

    @Test
    void shouldShutTheClientDownOnAnErrorSoLivenessTurnsDown() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, TrackerExceptionHandler.responseTo(
                new StreamsException(new OutOfMemoryError("Java heap space"))));
        // an Error wins over a transient cause further out, as in the processors
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, TrackerExceptionHandler.responseTo(
                new TimeoutException("t", new StackOverflowError())));
    }

    @Test
    void shouldShutTheClientDownOnABugRatherThanFailOnTheSameRecordForEver() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, TrackerExceptionHandler.responseTo(
                new StreamsException("exception caught in process", new NullPointerException())));
    }

    @Test
    void shouldCountEachDeadThreadByResponse() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrackerExceptionHandler handler = new TrackerExceptionHandler(registry);
        handler.handle(new StreamsException(new TimeoutException("outage")));
        handler.handle(new StreamsException(new TimeoutException("outage")));
        handler.handle(new StreamsException(new NullPointerException()));
        assertEquals(2, registry.get("ssal.tracker.thread.failures").tag("response", "REPLACE_THREAD").counter().count());
        assertEquals(1, registry.get("ssal.tracker.thread.failures").tag("response", "SHUTDOWN_CLIENT").counter().count());
    }
}
