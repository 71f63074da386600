package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ProducerFencingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void shouldCallAFenceAfterATransactionOutlivedTheTimeoutTimedOut() {
        assertEquals(ProducerFencing.TIMED_OUT, ProducerFencing.of(
                new ProducerFencedException("epoch bumped"), Duration.ofSeconds(70), TIMEOUT));
        assertEquals(ProducerFencing.TIMED_OUT, ProducerFencing.of(
                new InvalidProducerEpochException("epoch bumped"), TIMEOUT, TIMEOUT));
    }

    @Test
    void shouldCallAFenceWithinTheTimeoutATakeOverByAnotherInstance() {
        assertEquals(ProducerFencing.TAKEN_OVER, ProducerFencing.of(
                new ProducerFencedException("newer producer"), Duration.ofMillis(300), TIMEOUT));
        assertEquals(ProducerFencing.TAKEN_OVER, ProducerFencing.of(
                new InvalidProducerEpochException("newer producer"), TIMEOUT.minusMillis(1), TIMEOUT));
    }

    @Test
    void shouldFindAFenceTheProducerWrappedInALaterCall() {
        KafkaException wrapped = new KafkaException("Cannot execute transactional method because we are in an error state",
                new ProducerFencedException("epoch bumped"));
        assertEquals(ProducerFencing.TIMED_OUT, ProducerFencing.of(wrapped, Duration.ofSeconds(30), TIMEOUT));
    }

    @Test
    void shouldNotCallOtherKafkaFailuresFencing() {
        assertEquals(ProducerFencing.NOT_FENCED, ProducerFencing.of(
                new TimeoutException("commit timed out"), Duration.ofMinutes(5), TIMEOUT));
        assertEquals(ProducerFencing.NOT_FENCED, ProducerFencing.of(
                new KafkaException("injected: commit failed"), Duration.ZERO, TIMEOUT));
    }
}
