package org.ssal.labeling.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.service.security.KafkaSecurity;

/**
 * Writes the records of one command in one Kafka transaction: a lease's events on
 * {@code labeling} and the labels they finish on {@code labels-received} become visible to
 * read_committed readers together or not at all.
 *
 * <p>The transactional id is stable per gateway instance, so a restarted gateway fences its
 * predecessor (a zombie can no longer write). After any failure the producer is closed and a new
 * one is made for the next write: its {@code initTransactions} aborts whatever the old one left
 * open, which is simpler and safer than telling abortable errors from fatal ones. A fenced writer
 * stays fenced: another instance with the same id took over, and fighting back would fence it in
 * turn.
 */
final class TransactionalWriter implements AutoCloseable {
    private final String bootstrapServers;
    private final String transactionalId;
    private final Duration timeout;
    private KafkaProducer<String, byte[]> producer;
    private boolean fenced;

    TransactionalWriter(String bootstrapServers, String transactionalId, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.transactionalId = transactionalId;
        this.timeout = timeout;
        this.producer = newProducer();
    }

    String transactionalId() {
        return transactionalId;
    }

    /** Commits every record or none; throws when the commit is not known to have happened. */
    synchronized void write(List<ProducerRecord<String, byte[]>> records) {
        if (fenced) {
            throw new IllegalStateException("another gateway instance with transactional id " + transactionalId
                    + " took over; this one no longer writes");
        }
        try {
            if (producer == null) {
                producer = newProducer();
            }
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            fenced = true;
            discard();
            throw e;
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // a command waits at most this long, then answers 503 and the state is rebuilt from the log
        int millis = (int) Math.max(2000, Math.min(Integer.MAX_VALUE / 2, timeout.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(millis));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.max(1000, millis / 2)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(Math.max(millis * 2, 60_000)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(KafkaSecurity.secure(props));
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        return created;
    }

    private void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
