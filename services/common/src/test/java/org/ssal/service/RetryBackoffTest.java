package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void shouldDoubleFromTheFirstDelayUpToTheCap() {
        assertEquals(IntStream.of(100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000).mapToObj(Duration::ofMillis).toList(),
                IntStream.rangeClosed(1, 9).mapToObj(RetryBackoff.DEFAULT::delay).toList());
    }

    @Test
    void shouldStayAtTheCapWhenFailuresGoOnForever() {
        assertEquals(Duration.ofSeconds(10), RetryBackoff.DEFAULT.delay(63));
        assertEquals(Duration.ofSeconds(10), RetryBackoff.DEFAULT.delay(Integer.MAX_VALUE));
    }

    @Test
    void shouldRefuseACapBelowTheFirstDelayOrNoFailure() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RetryBackoff.DEFAULT.delay(0));
    }
}
