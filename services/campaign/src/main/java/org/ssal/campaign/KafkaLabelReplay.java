package org.ssal.campaign;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;
import org.ssal.service.ProducerHeader;

/**
 * {@link LabelReplay} from the broker: a read_committed consumer of one partition, without a
 * group, with the settings Streams gives its own restore consumer (bootstrap servers, security,
 * {@code restore.consumer.*} overrides), so it reads wherever the tracker may read its changelogs.
 *
 * <p>Read committed, up to the last stable offset: a label whose transaction aborted is not
 * there, and the task's processor is initialised only after Streams fetched the committed input
 * offsets, which waits for pending transactional offset commits (KIP-447); a previous owner's
 * transaction that wrote labels also committed the offsets of the inputs it judged, so it is
 * settled before the replay reads. Records not written by the budget tracker ({@link ProducerHeader})
 * are skipped, as {@code LabelView} skips them: only the tracker writes labels.
 */
final class KafkaLabelReplay implements LabelReplay {
    private static final Logger LOG = Logger.getLogger(KafkaLabelReplay.class);
    /**
     * A broker that gives nothing for longer fails the task's initialisation (a timeout: the thread
     * is replaced). Measured from the last progress, not the start: a large partition takes as long
     * as it takes to read.
     */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Override
    public void replay(Map<String, Object> appConfigs, String topic, int partition, BiConsumer<String, byte[]> into) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<String, Object> props = new StreamsConfig(appConfigs).getRestoreConsumerConfigs(
                appConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-label-replay-" + partition);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        long replayed = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), PATIENCE).get(tp);
            long position = consumer.position(tp, PATIENCE);
            while (position < end) {
                if (System.nanoTime() > giveUpAt) {
                    throw new TimeoutException("label store of partition " + partition + ": read " + topic + " up to "
                            + position + " of " + end + ", then nothing for " + PATIENCE.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() >= end) {
                        continue; // past the end taken at the start: only this task writes here, and it has not begun
                    }
                    String problem = ProducerHeader.problemOf(record, ProducerHeader.BUDGET_TRACKER);
                    if (problem != null) {
                        skipped++;
                        LOG.warnf("label store of partition %d: skipped %s", partition, problem);
                        continue;
                    }
                    into.accept(record.key(), record.value());
                    replayed++;
                }
                long now = consumer.position(tp, PATIENCE);
                if (now > position) {
                    position = now;
                    giveUpAt = System.nanoTime() + PATIENCE.toNanos();
                }
            }
        }
        LOG.infof("label store of partition %d rebuilt from %s: %d labels, %d records skipped", partition, topic,
                replayed, skipped);
    }
}
