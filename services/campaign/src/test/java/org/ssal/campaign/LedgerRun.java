package org.ssal.campaign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;

/**
 * One synthetic campaign through the budget tracker in TopologyTestDriver, as fast as the driver
 * takes it: create, then per round a query batch of {@code batchSize} new ids and one label for
 * each (the random strategy of a pixels-encoded synthetic pool: ids in order, labels = id mod
 * classes). Counts what the tracker writes (every topic but dead-letter: budget-state, labels,
 * changelogs, repartition) so that a benchmark and the default suite share the measurement.
 */
final class LedgerRun {
    static final int NUM_CLASSES = 10;
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    /** What one run wrote and how fast. */
    record Result(int budget, int batchSize, int labelsPiped, long nanos, Map<String, Long> bytesByTopic,
                  Map<String, Long> recordsByTopic, long largestBudgetStateBytes, BudgetState finalState,
                  long deadLettered) {
        double labelsPerSecond() {
            return labelsPiped / (nanos / 1e9);
        }

        long bytesWritten() {
            return bytesByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        double bytesPerLabel() {
            return bytesWritten() / (double) labelsPiped;
        }

        String describe() {
            return String.format("budget %d, batch %d: %.0f labels/s, %.1f bytes/label (%d bytes in all), "
                            + "largest BudgetState %d bytes, by topic %s", budget, batchSize, labelsPerSecond(),
                    bytesPerLabel(), bytesWritten(), largestBudgetStateBytes, bytesByTopic);
        }
    }

    private LedgerRun() {
    }

    static Result run(Topology topology, Path stateDir, String campaignId, int budget, int batchSize) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0)) {
            Meter meter = new Meter(driver);
            TestInputTopic<String, byte[]> campaigns = input(driver, Topics.CAMPAIGNS);
            TestInputTopic<String, byte[]> batches = input(driver, Topics.QUERY_BATCH);
            TestInputTopic<String, byte[]> labels = input(driver, Topics.LABELS_RECEIVED);
            long tick = 0;
            long started = System.nanoTime();
            campaigns.pipeInput(campaignId, EventCodec.encode(CampaignCreated.newBuilder().setCampaignId(campaignId)
                    .setDataset("synthetic").setBudget(budget).setInitialSize(batchSize).setBatchSize(batchSize)
                    .setStrategy("random").setEncoderSpec("pixels").setSeed(7L).setCreatedAt(T0).build()),
                    T0.plusMillis(++tick));
            int labeled = 0;
            for (int round = 0; labeled < budget; round++) {
                int size = Math.min(batchSize, budget - labeled);
                List<String> ids = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    ids.add("s" + (labeled + i));
                }
                batches.pipeInput(campaignId, EventCodec.encode(QueryBatch.newBuilder().setCampaignId(campaignId)
                        .setRound(round).setSampleIds(ids).setNumClasses(NUM_CLASSES).setStrategy("random")
                        .setSelectionSeed(round).setCreatedAt(T0).build()), T0.plusMillis(++tick));
                for (String id : ids) {
                    labels.pipeInput(campaignId, EventCodec.encode(LabelReceived.newBuilder()
                            .setCampaignId(campaignId).setRound(round).setSampleId(id)
                            .setLabel(Integer.parseInt(id.substring(1)) % NUM_CLASSES)
                            .setAnnotatorId("simulated").setLabeledAt(T0.plusMillis(tick)).build()),
                            T0.plusMillis(++tick));
                }
                labeled += size;
                meter.drain();
            }
            long nanos = System.nanoTime() - started;
            meter.drain();
            return new Result(budget, batchSize, labeled, nanos, meter.bytes, meter.records, meter.largestBudgetState,
                    meter.lastBudgetState, meter.deadLettered);
        }
    }

    private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                T0, Duration.ZERO);
    }

    /** Reads every topic the driver has written to and adds up record sizes (key + value + headers). */
    private static final class Meter {
        private final TopologyTestDriver driver;
        private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new TreeMap<>();
        final Map<String, Long> bytes = new TreeMap<>();
        final Map<String, Long> records = new TreeMap<>();
        long largestBudgetState;
        BudgetState lastBudgetState;
        long deadLettered;

        Meter(TopologyTestDriver driver) {
            this.driver = driver;
        }

        void drain() {
            for (String topic : driver.producedTopicNames()) {
                TestOutputTopic<byte[], byte[]> output = outputs.computeIfAbsent(topic, t -> driver.createOutputTopic(
                        t, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()));
                for (TestRecord<byte[], byte[]> record : output.readRecordsToList()) {
                    if (topic.equals(Topics.DEAD_LETTER)) {
                        deadLettered++;
                        continue;
                    }
                    long size = length(record.key()) + length(record.value());
                    for (var header : record.headers()) {
                        size += header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
                    }
                    bytes.merge(topic, size, Long::sum);
                    records.merge(topic, 1L, Long::sum);
                    if (topic.equals(Topics.BUDGET_STATE)) {
                        largestBudgetState = Math.max(largestBudgetState, length(record.value()));
                        lastBudgetState = EventCodec.decode(record.value(), BudgetState.class);
                    }
                }
            }
        }

        private static long length(byte[] bytes) {
            return bytes == null ? 0 : bytes.length;
        }
    }
}
