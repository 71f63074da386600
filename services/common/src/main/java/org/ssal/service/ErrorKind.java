package org.ssal.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.ssal.schemas.MalformedEventException;

/**
 * What a handler's failure means for the record it was handling, decided in one place so every
 * processor treats the same failure the same way.
 *
 * <ul>
 * <li>{@link #PERMANENT}: the record itself is at fault (bad input, unknown campaign, an event
 *     that cannot be decoded, a campaign that cannot go on). Handling it again gives the same
 *     answer, so it goes to dead-letter with the reason and the processor goes on.</li>
 * <li>{@link #TRANSIENT}: the world is not ready yet (an artifact not yet visible on a shared
 *     volume, a disk full for a moment, a broker timeout). The record is fine, so it must never be
 *     dead-lettered: the batch is handled again after a backoff.</li>
 * <li>{@link #FATAL}: the JVM itself is in trouble ({@link OutOfMemoryError} and every other
 *     {@link Error}). Nothing it does next can be trusted, not even writing a dead letter: the
 *     processor stops and says why.</li>
 * </ul>
 *
 * <p>Handlers often wrap what went wrong ({@code IllegalStateException("cannot read embeddings",
 * ioException)}), so the cause chain is read from the outside in: an {@link Error} anywhere in it
 * is fatal; otherwise the outermost exception that says what it is decides, because an outer
 * exception is the handler's own verdict on its cause (a {@link CampaignFailedException} caused by
 * an {@link IOException} means the service already judged the campaign unable to go on). A chain
 * where nothing says what it is (a {@link NullPointerException}, a plain
 * {@link IllegalStateException}) is permanent: retrying a bug would stop the processor on one
 * record instead of dead-lettering it with the reason.
 */
public enum ErrorKind {
    PERMANENT, TRANSIENT, FATAL;

    public static ErrorKind of(Throwable failure) {
        ErrorKind verdict = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof Error) {
                return FATAL; // wins over any verdict further out: the JVM may be unable to go on
            }
            if (verdict == null) {
                verdict = ownKind(t);
            }
        }
        return verdict == null ? PERMANENT : verdict;
    }

    /** What this one exception says about itself, ignoring its causes; null when it says nothing. */
    private static ErrorKind ownKind(Throwable t) {
        if (t instanceof RejectedEventException || t instanceof MalformedEventException
                || t instanceof CorruptArtifactException || t instanceof IllegalArgumentException) {
            // a corrupt artifact does not get better by reading it again
            return PERMANENT;
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof RetriableException
                || t instanceof TimeoutException) {
            return TRANSIENT;
        }
        return null;
    }
}
