package org.ssal.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.schemas.EventCodec;
import org.ssal.service.security.KafkaSecurity;

/**
 * Reads committed events of some topics from the beginning, outside any consumer group (for the
 * CLI's progress table, audits and tests), and writes single events (for the campaign API's
 * commands and tests).
 */
public final class EventLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    public EventLog(String bootstrapServers, List<String> topics) {
        this(readerProperties(bootstrapServers, "event-log-" + UUID.randomUUID()), topics);
    }

    /** As a reader configured by the caller, e.g. {@link #readerProperties} with another login. */
    public EventLog(Properties readerProperties, List<String> topics) {
        consumer = new KafkaConsumer<>(readerProperties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * A consumer of committed records without a group (the caller assigns partitions and seeks):
     * how every reader of the log outside the services' own groups is configured. Keys are
     * strings, values the raw single-object encoded bytes.
     */
    public static Properties readerProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return KafkaSecurity.secure(props);
    }

    /** The next committed records (possibly none), waiting at most {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> pollRecords(Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    /**
     * The next committed events, decoded; records that are not events, or that come from a
     * producer their topic does not trust ({@link ProducerHeader}), are skipped here (the services
     * dead-letter them).
     */
    public List<SpecificRecord> poll(Duration timeout) {
        List<SpecificRecord> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : pollRecords(timeout)) {
            if (ProducerHeader.problemOf(record) != null) {
                continue; // written by someone the topic does not trust: a rebuilt view must not hold it either
            }
            try {
                out.add(EventCodec.decode(record.value()));
            } catch (RuntimeException e) {
                // not an event: the consuming services reject it to dead-letter; a reader only skips it
            }
        }
        return out;
    }

    /**
     * Hands every committed event up to the current end of the topics to {@code sink}, then
     * returns: how a service rebuilds its view of campaigns after a restart.
     */
    public void replayToEnd(java.util.function.Consumer<SpecificRecord> sink, Duration timeout) {
        java.util.Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                // a Kafka timeout, so a processor rebuilding its view retries it (ErrorKind: transient)
                throw new org.apache.kafka.common.errors.TimeoutException("could not read " + end.keySet()
                        + " to the end within " + timeout);
            }
            poll(Duration.ofMillis(200)).forEach(sink);
        }
    }

    /**
     * Closes the consumer, also on a thread stopped by an interrupt (a service shutting down): the
     * consumer's close would throw InterruptException there and leave its sockets open, so the
     * interrupt is set aside for the close and restored after it.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            consumer.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes one event (or raw bytes) and waits for the broker's acknowledgement. */
    public static void write(String bootstrapServers, String topic, String key, byte[] value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSecurity.secure(props))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause(), e);
        }
    }

    public static void write(String bootstrapServers, String topic, String key, SpecificRecord event) {
        write(bootstrapServers, topic, key, EventCodec.encode(event));
    }
}
