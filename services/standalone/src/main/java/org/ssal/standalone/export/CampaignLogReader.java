package org.ssal.standalone.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.ssal.events.Rejected;
import org.ssal.schemas.CampaignIds;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.MalformedEventException;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/**
 * Reads one campaign's records from every ssal event topic ({@link Topics#ALL}; the tracker's
 * internal repartition and changelog topics are copies, not the log), from the beginning up to
 * the end offsets taken at start. read_committed, so aborted transactions are not part of it, and
 * without a consumer group, so an export leaves no offsets behind and needs no group rights.
 */
public final class CampaignLogReader {
    /** How long a poll may bring nothing before the read is given up (the broker stopped answering). */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Consumer<String> progress;

    public CampaignLogReader(String bootstrapServers, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
    }

    /** The campaign's records in {@link LoggedEvent#EXPORT_ORDER}. */
    public List<LoggedEvent> read(String campaignId) {
        List<LoggedEvent> kept = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(EventLog.readerProperties(bootstrapServers, "ssal-export"))) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(60));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = existing.get(topic);
                if (infos == null) {
                    // a topic no service has created yet holds no events of any campaign
                    progress.accept("ssal: topic " + topic + " does not exist, nothing to read there");
                    continue;
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets, what is committed now
            Map<TopicPartition, Long> ends = Map.copyOf(consumer.endOffsets(partitions));
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            long total = 0;
            long lastProgress = System.nanoTime();
            while (!done(consumer, remaining)) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue; // written after the export started
                    }
                    total++;
                    String key = r.key();
                    String owner = campaignOf(r.topic(), key, r.value());
                    if (campaignId.equals(owner)) {
                        kept.add(new LoggedEvent(r.topic(), r.partition(), r.offset(), r.timestamp(), key, r.value(),
                                owner));
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " sent nothing for "
                            + STALL_LIMIT.toSeconds() + " s before the end offsets " + ends + " were reached");
                }
            }
            progress.accept("ssal: read " + total + " records of " + partitions.size() + " partitions, "
                    + kept.size() + " of campaign " + campaignId);
        }
        kept.sort(LoggedEvent.EXPORT_ORDER);
        return kept;
    }

    /**
     * The campaign a record belongs to: the {@code campaignId} in its value, which is what the
     * services go by (a key may be anything a foreign producer chose). A {@code Rejected} names
     * none itself; it belongs to the campaign of the payload it carries. A value that cannot be
     * decoded falls back to its key ({@link LabelKeys#campaignOf}: the labels topic's keys start
     * with the campaign id), so such a record is still exported with its campaign, as raw bytes.
     */
    static String campaignOf(String topic, String key, byte[] value) {
        try {
            SpecificRecord event = EventCodec.decode(value);
            String id = CampaignIds.campaignIdOf(event);
            if (id == null && event instanceof Rejected rejected) {
                id = campaignOfPayload(rejected);
            }
            if (id != null) {
                return id;
            }
        } catch (MalformedEventException e) {
            // fall back to the key below
        }
        return key == null ? null : LabelKeys.campaignOf(key);
    }

    private static String campaignOfPayload(Rejected rejected) {
        byte[] payload = new byte[rejected.getPayload().remaining()];
        rejected.getPayload().duplicate().get(payload);
        try {
            return CampaignIds.campaignIdOf(EventCodec.decode(payload));
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> remaining) {
        // position, not the last offset seen: transaction markers take offsets no record has
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        return remaining.isEmpty();
    }
}
