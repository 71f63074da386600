package org.ssal.service;

import java.time.Duration;

/**
 * How long the processor waits before trying again after the n-th Kafka failure in a row (an
 * aborted transaction, a broker that is restarting): doubling from {@code first}, never more than
 * {@code cap}. Doubling gives a broker that comes back at once a quick retry, and the cap keeps a
 * long outage from turning into minutes of idle waiting after it ends.
 */
record RetryBackoff(Duration first, Duration cap) {
    /** 100 ms, 200 ms, ... 6.4 s, then 10 s per try. */
    static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    RetryBackoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap, got first " + first + ", cap " + cap);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 = the first). */
    Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        // shifting past 62 bits would overflow; by then the cap has long been reached
        long factor = failures > 62 ? Long.MAX_VALUE : 1L << (failures - 1);
        long millis = first.toMillis() > cap.toMillis() / factor ? cap.toMillis() : first.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
