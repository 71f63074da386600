package org.ssal.campaign;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.LabelReceived;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.EventLog;
import org.ssal.service.TopicAdmin;

/**
 * A campaign's ledger moves from one tracker instance to another and back while labels arrive
 * (two instances of the tracker in one group on a real broker, the service's Streams settings):
 * each instance must go on from the ledger the other one left in the changelog, never from one
 * it remembers from before (the processor keeps ledgers as objects between records,
 * {@link LedgerReadThrough}). Every label, redeliveries included, is counted exactly once.
 */
class TrackerHandOverIT {
    private static final int PARTITIONS = TrackerTopics.DEFAULT.partitions();
    private static final int LABELS_PER_STEP = 200;
    private static final int STEPS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private EmbeddedBroker broker;
    private final List<KafkaStreams> trackers = new ArrayList<>();
    private final List<java.nio.file.Path> stateDirs = new ArrayList<>();
    private String applicationId;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), PARTITIONS);
        applicationId = BudgetTopology.APPLICATION_ID + "-hand-over-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() throws java.io.IOException {
        trackers.forEach(tracker -> tracker.close(Duration.ofSeconds(30)));
        if (broker != null) {
            broker.close();
        }
        for (java.nio.file.Path dir : stateDirs) {
            org.apache.kafka.common.utils.Utils.delete(dir.toFile());
        }
    }

    @Test
    void shouldCountEveryLabelOnceWhenCampaignsMoveToAnotherInstanceAndBack() throws Exception {
        // Given: one campaign on each partition, so whichever task moves, a campaign moves with it
        List<String> campaigns = TrackerIts.campaignOnEachPartition("hand-over-", PARTITIONS);
        List<String> samples = TrackerIts.sampleIds(STEPS * LABELS_PER_STEP);
        KafkaStreams first = startTracker();
        awaitRunning(first);
        TrackerIts.sendCampaignsWithBatch(broker.bootstrapServers(), campaigns, samples);
        labelUpTo(campaigns, samples, 1);
        step("step 1 counted by the first instance");

        // When: a second instance takes one of the tasks, counts on, and leaves again
        KafkaStreams second = startTracker();
        await("the second instance runs a task").atMost(PATIENCE)
                .until(() -> second.state() == KafkaStreams.State.RUNNING && first.state() == KafkaStreams.State.RUNNING
                        && activeTasks(second) > 0);
        step("the second instance runs " + activeTasks(second) + " task(s)");
        labelUpTo(campaigns, samples, 2);
        // leaving the group at once: otherwise the group waits a session timeout for the instance
        second.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        trackers.remove(second);
        await("the first instance runs both tasks again").atMost(PATIENCE)
                .until(() -> first.state() == KafkaStreams.State.RUNNING && activeTasks(first) == PARTITIONS);
        step("the first instance runs both tasks again");
        labelUpTo(campaigns, samples, 3);

        // Then: each campaign counts each sample once, in the ledger and on the labels topic
        Map<String, Set<String>> labeled = TrackerIts.labeledSamples(broker.bootstrapServers(), "hand-over-labels", PATIENCE);
        for (String campaign : campaigns) {
            assertEquals(samples.size(), labeled.getOrDefault(campaign, Set.of()).size(), "labels of " + campaign);
        }
    }

    /** Where the test's minute goes, in its output. */
    private static void step(String what) {
        System.out.println("[hand-over] " + Instant.now() + " " + what);
    }

    /**
     * Sends the labels of steps 1..{@code step} for every campaign (the earlier ones again, as an
     * oracle that re-sends would) and waits until every ledger counts {@code step} steps' labels.
     */
    private void labelUpTo(List<String> campaigns, List<String> samples, int step) throws Exception {
        int count = step * LABELS_PER_STEP;
        try (KafkaProducer<String, byte[]> producer = TrackerIts.producer(broker.bootstrapServers())) {
            for (String campaign : campaigns) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(Topics.LABELS_RECEIVED, campaign, EventCodec.encode(
                            LabelReceived.newBuilder().setCampaignId(campaign).setRound(0).setSampleId(samples.get(i))
                                    .setLabel(i % 10).setAnnotatorId("a").setLabeledAt(Instant.EPOCH).build())));
                }
            }
            producer.flush();
        }
        for (String campaign : campaigns) {
            assertEquals(count, awaitLabeled(campaign, count), "labels counted for " + campaign + " after step " + step);
        }
    }

    /** The count of the first state of the campaign that counts at least {@code atLeast} labels. */
    private int awaitLabeled(String campaign, int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventLog.readerProperties(broker.bootstrapServers(), "hand-over-states"))) {
            List<TopicPartition> partitions = TrackerIts.partitionsOf(consumer, Topics.BUDGET_STATE);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    BudgetState state = EventCodec.decode(record.value(), BudgetState.class);
                    if (state.getCampaignId().equals(campaign) && state.getLabeled() >= atLeast) {
                        return state.getLabeled();
                    }
                }
            }
            throw new AssertionError("campaign " + campaign + ": no state counting " + atLeast + " labels within " + PATIENCE);
        }
    }

    private KafkaStreams startTracker() throws Exception {
        Properties props = new Properties();
        props.putAll(ServiceStreamsSettings.load());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        java.nio.file.Path stateDir = Files.createTempDirectory("ssal-hand-over-");
        stateDirs.add(stateDir);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // the broker's minimum: an instance that is gone is noticed in seconds, not the default 45
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        KafkaStreams tracker = new KafkaStreams(BudgetTopology.build(TrackerTopics.DEFAULT), props);
        trackers.add(tracker);
        tracker.start();
        return tracker;
    }

    private static void awaitRunning(KafkaStreams tracker) {
        await("tracker running").atMost(PATIENCE).until(() -> tracker.state() == KafkaStreams.State.RUNNING);
    }

    private static long activeTasks(KafkaStreams tracker) {
        return tracker.metadataForLocalThreads().stream().map(ThreadMetadata::activeTasks).mapToLong(Set::size).sum();
    }
}
