package org.ssal.service;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TransactionalProcessor}'s producer, replaced instead of trusted when a transaction did
 * not end cleanly.
 *
 * <p>A producer whose commit or abort failed can be unusable: fenced because the coordinator timed
 * its transaction out during a broker outage ({@link ProducerFencing#TIMED_OUT}), in an error state
 * because the coordinator had ended the transaction (a commit answered InvalidTxnStateException),
 * or left with a timed-out call that must be retried before anything else. Such a producer is closed; the next
 * {@link #ensureOpen()} makes a new one with the same transactional id, whose
 * {@code initTransactions} aborts whatever the old one left open, so exactly-once holds. A fence
 * by another live instance ({@link ProducerFencing#TAKEN_OVER}) is not recovered from: it throws,
 * and the processor stops.
 */
final class TransactionalProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);

    private final Supplier<Producer<String, byte[]>> factory;
    private final String transactionalId;
    private final Duration transactionTimeout;
    private final LongSupplier nanoTime;
    private Producer<String, byte[]> producer;
    /** {@link System#nanoTime()} when the oldest transaction not seen to end began; null when none. */
    private Long unendedSince;

    /** @param transactionTimeout the producer's {@code transaction.timeout.ms} */
    TransactionalProducer(Supplier<Producer<String, byte[]>> factory, String transactionalId,
                          Duration transactionTimeout) {
        this(factory, transactionalId, transactionTimeout, System::nanoTime);
    }

    TransactionalProducer(Supplier<Producer<String, byte[]>> factory, String transactionalId,
                          Duration transactionTimeout, LongSupplier nanoTime) {
        this.factory = factory;
        this.transactionalId = transactionalId;
        this.transactionTimeout = transactionTimeout;
        this.nanoTime = nanoTime;
    }

    /** Makes the producer when there is none; a failure (broker still away) leaves none, to try again. */
    void ensureOpen() {
        if (producer != null) {
            return;
        }
        Producer<String, byte[]> fresh = factory.get();
        try {
            fresh.initTransactions();
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        producer = fresh;
        unendedSince = null; // initTransactions ended whatever the old producer left open
    }

    /** Commits the batch's outputs and input offsets in one transaction. */
    void commit(HandledBatch batch, ConsumerGroupMetadata group) {
        if (unendedSince == null) {
            unendedSince = nanoTime.getAsLong();
        }
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> out : batch.outputs()) {
            producer.send(out);
        }
        producer.sendOffsetsToTransaction(batch.offsets(), group);
        producer.commitTransaction();
        unendedSince = null;
    }

    /**
     * Ends the transaction that {@link #commit} failed on, so its batch can be handled again: aborts
     * it, or, when the producer cannot (fenced after a timeout, the abort itself failed), drops the
     * producer for a new one.
     *
     * @throws IllegalStateException when another live instance took over our transactional id
     */
    void abortAfter(KafkaException failure) {
        if (!fencedByTimeout(failure)) {
            try {
                producer.abortTransaction();
                unendedSince = null;
                return;
            } catch (KafkaException | IllegalStateException e) {
                // a broker still away, or a commit that timed out and would have to be retried first
                if (e instanceof KafkaException kafka) {
                    fencedByTimeout(kafka);
                }
                failure.addSuppressed(e);
                LOG.warn("{}: the abort failed too, the producer is replaced: {}", transactionalId, e.toString());
            }
        }
        producer.close(Duration.ZERO);
        producer = null;
    }

    /** @return whether a timed-out transaction fenced us; throws when another instance did */
    private boolean fencedByTimeout(KafkaException failure) {
        Duration openFor = unendedSince == null ? Duration.ZERO : Duration.ofNanos(nanoTime.getAsLong() - unendedSince);
        switch (ProducerFencing.of(failure, openFor, transactionTimeout)) {
            case TAKEN_OVER -> throw new IllegalStateException("another instance took over transactional id "
                    + transactionalId + ": fenced " + openFor.toMillis() + " ms into a transaction, under the "
                    + transactionTimeout.toMillis() + " ms transaction timeout", failure);
            case TIMED_OUT -> {
                LOG.warn("{}: fenced after a transaction open {} ms, over the {} ms timeout (the broker was away):"
                        + " a new producer takes over", transactionalId, openFor.toMillis(), transactionTimeout.toMillis());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
