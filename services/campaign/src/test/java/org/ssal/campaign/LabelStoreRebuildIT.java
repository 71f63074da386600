package org.ssal.campaign;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.LabelReceived;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.EventLog;
import org.ssal.service.TopicAdmin;

/**
 * The label store has no changelog: a tracker that starts a task rebuilds it from the labels
 * topic ({@link LabelStore}). A tracker is stopped and another one started in its place, with no
 * local state (a new machine) and then on the state the previous one left; each time every
 * label sent before is sent again with new ones, and each must count once: a rebuilt store that
 * lacked the earlier labels would count the redeliveries again, one that kept labels the topic
 * does not hold would drop new ones. And a stream thread dies between storing a label and
 * committing it (the transaction aborts, the local store keeps the label): the label must still
 * count once when the input is judged again.
 */
class LabelStoreRebuildIT {
    private static final int PARTITIONS = TrackerTopics.DEFAULT.partitions();
    private static final int LABELS_PER_STEP = 150;
    private static final int STEPS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private EmbeddedBroker broker;
    private KafkaStreams tracker;
    private final List<Path> stateDirs = new ArrayList<>();
    private String applicationId;
    /** Markers sent so far: each call of labelUpTo waits for a new one. */
    private int markers;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), PARTITIONS);
        applicationId = BudgetTopology.APPLICATION_ID + "-rebuild-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() throws IOException {
        if (tracker != null) {
            tracker.close(Duration.ofSeconds(30));
        }
        if (broker != null) {
            broker.close();
        }
        for (Path dir : stateDirs) {
            org.apache.kafka.common.utils.Utils.delete(dir.toFile());
        }
    }

    @Test
    void shouldCountRedeliveredLabelsOnceAfterTheTrackerRestartsWithOrWithoutItsLocalState() throws Exception {
        // Given: one campaign on each partition, a batch of every sample, the first step labeled
        List<String> campaigns = TrackerIts.campaignOnEachPartition("rebuild-", PARTITIONS);
        List<String> samples = TrackerIts.sampleIds(STEPS * LABELS_PER_STEP);
        Path firstDir = newStateDir();
        tracker = startTracker(firstDir);
        TrackerIts.sendCampaignsWithBatch(broker.bootstrapServers(), campaigns, samples);
        labelUpTo(campaigns, samples, 1);

        // When: it stops, and another starts on an empty state directory, and labels 1..2 arrive
        stopTracker();
        Path secondDir = newStateDir();
        tracker = startTracker(secondDir);
        labelUpTo(campaigns, samples, 2);

        // and: that one stops, and a third starts on the state it left, and labels 1..3 arrive
        stopTracker();
        tracker = startTracker(secondDir);
        labelUpTo(campaigns, samples, 3);

        // Then: each sample is on the labels topic once, and the store the REST API reads holds them all
        Map<String, Set<String>> labeled = TrackerIts.labeledSamples(broker.bootstrapServers(), "rebuild-labels", PATIENCE);
        for (String campaign : campaigns) {
            assertEquals(samples.size(), labeled.getOrDefault(campaign, Set.of()).size(), "labels of " + campaign);
            assertEquals(samples.size(), storedLabels(campaign), "labels of " + campaign + " in the label store");
        }
    }

    @Test
    void shouldCountALabelOnceWhenTheThreadDiesBetweenStoringItAndCommitting() throws Exception {
        // Given: a tracker whose label store fails once, right after it stored one label (as a crash
        // would leave it: the store written, the transaction not committed), and replaces the thread
        List<String> campaigns = TrackerIts.campaignOnEachPartition("rebuild-", PARTITIONS);
        List<String> samples = TrackerIts.sampleIds(LABELS_PER_STEP);
        String victim = campaigns.get(0);
        CrashOnce crash = new CrashOnce(LabelKeys.key(victim, samples.get(LABELS_PER_STEP / 2)));
        Properties props = trackerSettings(newStateDir());
        tracker = new KafkaStreams(BudgetTopology.build(TrackerTopics.DEFAULT,
                name -> name.equals(BudgetTopology.LABEL_STORE) ? crash.around(Stores.persistentKeyValueStore(name))
                        : Stores.persistentKeyValueStore(name), Metrics.globalRegistry, new KafkaLabelReplay()), props);
        tracker.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        tracker.start();
        await("tracker running").atMost(PATIENCE).until(() -> tracker.state() == KafkaStreams.State.RUNNING);
        TrackerIts.sendCampaignsWithBatch(broker.bootstrapServers(), campaigns, samples);

        // When: every label arrives, the thread dies on the way, and then every label again
        labelUpTo(campaigns, samples, 1);
        assertTrue(crash.crashed(), "the label store never failed: the test tested nothing");
        labelUpTo(campaigns, samples, 1);

        // Then: the label stored in the aborted transaction counts once, as every other
        Map<String, Set<String>> labeled = TrackerIts.labeledSamples(broker.bootstrapServers(), "rebuild-labels", PATIENCE);
        for (String campaign : campaigns) {
            assertEquals(samples.size(), labeled.getOrDefault(campaign, Set.of()).size(), "labels of " + campaign);
            assertEquals(samples.size(), storedLabels(campaign), "labels of " + campaign + " in the label store");
        }
    }

    /** A label store that throws once, right after it stored the label of one key. */
    private static final class CrashOnce {
        private final Bytes key;
        private final AtomicBoolean crashed = new AtomicBoolean();

        CrashOnce(String key) {
            this.key = Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
        }

        boolean crashed() {
            return crashed.get();
        }

        KeyValueBytesStoreSupplier around(KeyValueBytesStoreSupplier stores) {
            return new KeyValueBytesStoreSupplier() {
                @Override
                public String name() {
                    return stores.name();
                }

                @Override
                public String metricsScope() {
                    return stores.metricsScope();
                }

                @Override
                @SuppressWarnings("unchecked")
                public KeyValueStore<Bytes, byte[]> get() {
                    KeyValueStore<Bytes, byte[]> store = stores.get();
                    return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                                Object result;
                                try {
                                    result = method.invoke(store, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                                if (method.getName().equals("put") && key.equals(args[0]) && crashed.compareAndSet(false, true)) {
                                    throw new IllegalStateException("crash after storing the label of " + key);
                                }
                                return result;
                            });
                }
            };
        }
    }

    /**
     * Sends the labels of steps 1..{@code step} for every campaign (the earlier ones again, as an
     * oracle that re-sends would), then one label of a sample of no batch: it is judged after all
     * of them (same partition, in order), so once its rejection is out every label before it was
     * judged, and the campaign's last state must count exactly the steps' labels.
     */
    private void labelUpTo(List<String> campaigns, List<String> samples, int step) throws Exception {
        int count = step * LABELS_PER_STEP;
        String marker = "not-queried-" + (++markers);
        try (KafkaProducer<String, byte[]> producer = TrackerIts.producer(broker.bootstrapServers())) {
            for (String campaign : campaigns) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(Topics.LABELS_RECEIVED, campaign, label(campaign, samples.get(i))));
                }
                producer.send(new ProducerRecord<>(Topics.LABELS_RECEIVED, campaign, label(campaign, marker)));
            }
            producer.flush();
        }
        for (String campaign : campaigns) {
            awaitDeadLetterFor(campaign, marker);
            assertEquals(count, lastState(campaign).getLabeled(), "labels counted for " + campaign + " after step " + step);
        }
    }

    private static byte[] label(String campaign, String sample) {
        return EventCodec.encode(LabelReceived.newBuilder().setCampaignId(campaign).setRound(0).setSampleId(sample)
                .setLabel(sample.hashCode() & 7).setAnnotatorId("a").setLabeledAt(Instant.EPOCH).build());
    }

    /** Waits until the tracker dead-lettered the campaign's label of {@code sample}. */
    private void awaitDeadLetterFor(String campaign, String sample) {
        java.nio.ByteBuffer rejected = java.nio.ByteBuffer.wrap(label(campaign, sample));
        try (KafkaConsumer<String, byte[]> consumer = reader("rebuild-dead-letters")) {
            List<TopicPartition> partitions = TrackerIts.partitionsOf(consumer, Topics.DEAD_LETTER);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    org.ssal.events.Rejected r = EventCodec.decode(record.value(), org.ssal.events.Rejected.class);
                    if (rejected.equals(r.getPayload())) {
                        return;
                    }
                }
            }
            throw new AssertionError("campaign " + campaign + ": label of " + sample + " not rejected within " + PATIENCE);
        }
    }

    /** The campaign's last committed state. */
    private BudgetState lastState(String campaign) {
        BudgetState[] last = {null};
        TrackerIts.readAll(broker.bootstrapServers(), "rebuild-states", Topics.BUDGET_STATE, PATIENCE, record -> {
            BudgetState state = EventCodec.decode(record.value(), BudgetState.class);
            if (state.getCampaignId().equals(campaign)) {
                last[0] = state;
            }
        });
        if (last[0] == null) {
            throw new AssertionError("campaign " + campaign + " has no budget state");
        }
        return last[0];
    }

    /** How many labels of the campaign the running tracker's label store holds (interactive query). */
    private int storedLabels(String campaign) {
        ReadOnlyKeyValueStore<String, byte[]> store = tracker.store(StoreQueryParameters.fromNameAndType(
                BudgetTopology.LABEL_STORE, QueryableStoreTypes.keyValueStore()));
        int count = 0;
        try (var scan = store.prefixScan(LabelKeys.prefix(campaign), new StringSerializer())) {
            while (scan.hasNext()) {
                assertEquals(campaign, BudgetTopology.decodeLabel(scan.next().value).getCampaignId());
                count++;
            }
        }
        return count;
    }

    private Path newStateDir() throws IOException {
        Path dir = Files.createTempDirectory("ssal-rebuild-");
        stateDirs.add(dir);
        return dir;
    }

    private KafkaStreams startTracker(Path stateDir) {
        KafkaStreams started = new KafkaStreams(BudgetTopology.build(TrackerTopics.DEFAULT), trackerSettings(stateDir));
        started.start();
        await("tracker running").atMost(PATIENCE).until(() -> started.state() == KafkaStreams.State.RUNNING);
        return started;
    }

    private Properties trackerSettings(Path stateDir) {
        Properties props = new Properties();
        props.putAll(ServiceStreamsSettings.load());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // the broker's minimum: a stopped instance's tasks move in seconds, not the default 45
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return props;
    }

    /** Closes the tracker and has it leave the group, so the next one gets its tasks at once. */
    private void stopTracker() {
        tracker.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        tracker = null;
    }

    private KafkaConsumer<String, byte[]> reader(String clientId) {
        return new KafkaConsumer<>(EventLog.readerProperties(broker.bootstrapServers(), clientId));
    }
}
