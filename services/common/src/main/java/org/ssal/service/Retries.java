package org.ssal.service;

/**
 * How long a processor keeps trying when it cannot make progress for reasons outside the record (a
 * Kafka error, an aborted transaction, a {@link ErrorKind#TRANSIENT} handler failure): it waits
 * {@code backoff} after each failure and, after {@code maxConsecutiveFailures} in a row, stops
 * with the last failure as its reason, so liveness turns DOWN and an operator or orchestrator
 * sees it. It never dead-letters a record to get going again: the record is fine, the world is
 * not, and a restart (or the fix) handles it.
 */
record Retries(RetryBackoff backoff, int maxConsecutiveFailures) {
    /** About five minutes (40 tries, at most 10 s apart) before a processor gives up and says why. */
    static final Retries DEFAULT = new Retries(RetryBackoff.DEFAULT, 40);

    Retries {
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be >= 1, got " + maxConsecutiveFailures);
        }
    }
}
