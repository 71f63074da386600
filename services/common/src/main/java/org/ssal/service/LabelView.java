package org.ssal.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.events.BudgetState;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LedgerLabels;
import org.ssal.schemas.Topics;

/**
 * The {@link Topics#LABELS labels} topic held in memory, for the scorer and trainer.
 *
 * <p>Why it is correct under the exactly-once services: the budget tracker writes a label and the
 * BudgetState that counts it in one transaction, so once a service has read (read_committed) a
 * state with {@code labeled = n}, the first n labels of the campaign are committed too. When the
 * view holds fewer, it reads the topic up to its current end (the last stable offset, for a
 * read_committed consumer) and looks again, until it has them or the deadline passes. It reads
 * every partition itself, without a consumer group, so it works whichever partitions of the
 * service's own topics this instance was assigned, and a restarted service rebuilds it by reading
 * from the beginning (the topic is compacted: one record per campaign and sample).
 *
 * <p>Labels are taken only from the budget tracker ({@link ProducerHeader}, as for
 * {@code budget-state}): a label written by anyone else would train heads and pick batches on an
 * answer no ledger counted, or replace a counted one. Such a record is skipped, logged at WARN and
 * counted ({@code ssal_untrusted_records_total{topic}}). It is not dead-lettered here: the view reads
 * the topic without a group or transaction and again from the start after every restart, so it
 * would write the same dead letter again each time.
 */
public final class LabelView implements LabelSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelView.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration deadline;
    private final Counter untrusted;
    private final Map<String, Map<String, LabeledSample>> byCampaign = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;

    /** @param deadline how long {@link #labelsOf} waits for labels a state counts before it gives up */
    public LabelView(String bootstrapServers, String topic, Duration deadline) {
        this(bootstrapServers, topic, deadline, Metrics.globalRegistry);
    }

    LabelView(String bootstrapServers, String topic, Duration deadline, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.deadline = deadline;
        this.untrusted = Counter.builder("ssal.untrusted.records").tag("topic", topic)
                .description("records skipped because their ssal-producer header names no trusted writer")
                .register(registry);
    }

    @Override
    public synchronized Map<String, Integer> labelsOf(BudgetState ledger) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        while (true) {
            Map<String, LabeledSample> held = byCampaign.getOrDefault(ledger.getCampaignId(), Map.of());
            long counted = held.values().stream()
                    .filter(l -> l.getSequence() >= 0 && l.getSequence() < ledger.getLabeled()).count();
            if (counted >= ledger.getLabeled()) {
                return LedgerLabels.of(ledger, held.values());
            }
            if (System.nanoTime() > giveUpAt) {
                // a timeout (transient, ErrorKind): the labels are committed, the read may just be slow
                throw new TimeoutException("campaign " + ledger.getCampaignId() + ": its budget state counts "
                        + ledger.getLabeled() + " labels but topic " + topic + " holds " + counted + " of them after "
                        + deadline.toSeconds() + " s (is the budget tracker writing to " + topic + "?)");
            }
            readToEnd(giveUpAt);
        }
    }

    /** Reads every partition up to the end offsets of now, or until {@code giveUpAt}. */
    private void readToEnd(long giveUpAt) {
        KafkaConsumer<String, byte[]> c = consumer();
        Map<TopicPartition, Long> ends = c.endOffsets(c.assignment());
        while (System.nanoTime() < giveUpAt && ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                take(record);
            }
        }
    }

    /** Holds the record's label if the budget tracker wrote it. */
    synchronized void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        // the view's topic may be renamed in config: what it holds are labels whatever the name
        String problem = ProducerHeader.problemOf(record, ProducerHeader.BUDGET_TRACKER);
        if (problem != null) {
            untrusted.increment();
            LOG.warn("label view: {}", problem);
            return;
        }
        LabeledSample label = EventCodec.decode(record.value(), LabeledSample.class);
        byCampaign.computeIfAbsent(label.getCampaignId(), id -> new HashMap<>()).put(label.getSampleId(), label);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                    EventLog.readerProperties(bootstrapServers, "label-view-" + topic + "-" + UUID.randomUUID()));
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            consumer = c;
        }
        return consumer;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
