package org.ssal.campaign;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.schemas.EventCodec;
import org.ssal.service.SharedConfig;
import org.ssal.service.TopicAdmin;
import org.ssal.service.TopicSettings;
import org.ssal.service.security.KafkaSecurity;

/**
 * Sends the commands of the campaign API (CampaignCreated, CampaignStopped) with one long-lived
 * idempotent producer, and creates the topics of DESIGN §3 at startup. Kafka Streams waits for its
 * input topics ({@code quarkus.kafka-streams.topics}), so it starts once they exist.
 */
@ApplicationScoped
public class CampaignCommands {
    private final String bootstrapServers;
    private final TopicSettings topicSettings;
    private final long sendTimeoutMs;
    private volatile KafkaProducer<String, byte[]> producer;

    public CampaignCommands(SharedConfig.Kafka kafka, SharedConfig.TopicNames topics, CampaignConfig campaign) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.topicSettings = TopicSettings.of(topics);
        this.sendTimeoutMs = campaign.sendTimeoutMs();
    }

    /** Existing topics that do not fit (partitions, retention, ...) stop the start, naming topic, setting and value. */
    void createTopics(@Observes StartupEvent startup) {
        TopicAdmin.ensureTopics(bootstrapServers, topicSettings);
    }

    /**
     * Writes the event keyed by its campaign and waits for the acknowledgement of all in-sync
     * replicas, so that a 202 answer means the command is in the log.
     *
     * @throws CommandNotSentException when Kafka does not acknowledge it in time
     */
    public void send(String topic, String campaignId, SpecificRecord event) {
        try {
            producer().send(new ProducerRecord<>(topic, campaignId, EventCodec.encode(event)))
                    .get(sendTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotSentException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandNotSentException("Kafka did not accept the command on " + topic + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ssal-campaign-api");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    producer = new KafkaProducer<>(KafkaSecurity.secure(props));
                }
                current = producer;
            }
        }
        return current;
    }

    /** The command is not in the log (HTTP 503); the client may retry. */
    public static final class CommandNotSentException extends RuntimeException {
        CommandNotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
