package org.ssal.schemas;

import java.time.Instant;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;

/**
 * What a labeling vendor written in Java needs to take part over Kafka (docs/labeling.md): read
 * {@link QueryBatch} from {@link Topics#QUERY_BATCH} with {@link #consumerProperties}, answer
 * each sample id with {@link #answer} and send it with {@link #record} through a producer made
 * from {@link #producerProperties}. Commit the consumer's offsets after the producer has
 * acknowledged the labels: a crash then re-sends at most one batch, which ssal counts once.
 *
 * <p>The helper checks a label against its batch before it is sent, so a mistake fails in the
 * vendor's code with the field and value at fault instead of as a {@code Rejected} on
 * {@code dead-letter} later.
 */
public final class VendorLabels {
    private VendorLabels() {
    }

    /** {@link #answer(QueryBatch, String, int, String, Instant)} labeled now. */
    public static LabelReceived answer(QueryBatch batch, String sampleId, int label, String annotatorId) {
        return answer(batch, sampleId, label, annotatorId, Instant.now());
    }

    /**
     * The label of one sample of {@code batch}: campaign and round are the batch's.
     *
     * @param annotatorId who labeled it, as the campaign's per-annotator counts will name them
     * @throws IllegalArgumentException naming the field and value when the sample is not in the
     *                                  batch, the label is outside [0, numClasses) or the annotator is blank
     */
    public static LabelReceived answer(QueryBatch batch, String sampleId, int label, String annotatorId,
                                       Instant labeledAt) {
        if (!batch.getSampleIds().contains(sampleId)) {
            throw new IllegalArgumentException("sampleId '" + sampleId + "' is not in the query batch of round "
                    + batch.getRound() + " of campaign " + batch.getCampaignId());
        }
        if (label < 0 || label >= batch.getNumClasses()) {
            throw new IllegalArgumentException("label " + label + " of sample " + sampleId + " is outside [0, "
                    + batch.getNumClasses() + ")");
        }
        if (annotatorId == null || annotatorId.isBlank()) {
            throw new IllegalArgumentException("annotatorId '" + annotatorId + "' is blank: name who labeled sample "
                    + sampleId);
        }
        return LabelReceived.newBuilder()
                .setCampaignId(batch.getCampaignId()).setRound(batch.getRound())
                .setSampleId(sampleId).setLabel(label).setAnnotatorId(annotatorId).setLabeledAt(labeledAt)
                .build();
    }

    /**
     * The record to send: topic {@link Topics#LABELS_RECEIVED}, key the campaign id. Any partition
     * would do (the tracker re-keys by the campaign id in the value); the key keeps one vendor's
     * labels of a campaign in order.
     */
    public static ProducerRecord<String, SpecificRecord> record(LabelReceived label) {
        return new ProducerRecord<>(Topics.LABELS_RECEIVED, label.getCampaignId(), label);
    }

    /**
     * A producer of labels: ssal's serializer, and idempotence with acks from every in-sync
     * replica, so a retry inside the client writes no second copy and an acknowledged label is
     * not lost with one broker.
     */
    public static Properties producerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /**
     * A consumer of query batches in group {@code vendor-<vendorName>}: read_committed, because
     * ssal writes batches in transactions and an aborted one must not be labeled; no auto-commit,
     * so the vendor commits only what it has answered; from the earliest offset, so batches sent
     * before the vendor's first start are labeled too.
     */
    public static Properties consumerProperties(String bootstrapServers, String vendorName) {
        if (vendorName == null || vendorName.isBlank()) {
            throw new IllegalArgumentException("vendorName '" + vendorName + "' is blank: it names the consumer group");
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "vendor-" + vendorName);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
