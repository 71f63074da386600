package org.ssal.service;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Why a transactional producer was fenced, which decides whether its processor goes on.
 *
 * <p>The transaction coordinator bumps a transactional id's epoch in two cases, and the producer
 * sees both as {@link ProducerFencedException} or {@link InvalidProducerEpochException}:
 * <ul>
 * <li>{@link #TIMED_OUT}: a transaction stayed open longer than {@code transaction.timeout.ms}, so
 *     the coordinator aborted it itself. Our transactions are short (outputs are computed before
 *     they begin), so this means the broker was unreachable during the commit (an outage longer
 *     than the timeout). No one else holds the id: a new producer with the same id takes over
 *     and the aborted batch is handled again.</li>
 * <li>{@link #TAKEN_OVER}: a transaction younger than the timeout cannot have timed out, so
 *     another live instance called {@code initTransactions} with our transactional id (two
 *     processes given one instance id). A new producer would fence it back and the two would take
 *     turns for ever: this one stops, visibly.</li>
 * </ul>
 */
enum ProducerFencing {
    NOT_FENCED, TIMED_OUT, TAKEN_OVER;

    /**
     * @param openFor how long the oldest transaction this producer has not seen end (committed or
     *                aborted) has been open: a transaction the coordinator timed out may surface
     *                as a fence only in the next call
     */
    static ProducerFencing of(Throwable failure, Duration openFor, Duration transactionTimeout) {
        if (!isFencing(failure)) {
            return NOT_FENCED;
        }
        return openFor.compareTo(transactionTimeout) >= 0 ? TIMED_OUT : TAKEN_OVER;
    }

    /** The producer wraps its fatal error when a later call fails on it, so the cause chain is read. */
    private static boolean isFencing(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }
}
