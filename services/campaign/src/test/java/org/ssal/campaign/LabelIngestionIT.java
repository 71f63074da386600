package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.EventLog;
import org.ssal.service.TopicAdmin;

/**
 * Label ingestion through the budget tracker (Kafka Streams, exactly-once, the app's commit
 * interval) on a real broker, next to the bandwidth floor of the same broker: a plain producer →
 * consumer of the same LabelReceived records. In the suite it runs once, small, and checks only
 * that every label is counted once, whether written to its campaign's partition (judged at once) or
 * to another (moved through the repartition topic); speed is not asserted. {@code -Dssal.bench=true}
 * runs {@code -Dssal.bench.labels} (default 20,000) labels per campaign for several rounds and prints
 * labels/s of both paths and of the plain pair, and the ratios (docs/benchmarks.md, issue 13 item 5),
 * and, for the floor under the tracker, the same records through a Kafka Streams application with the
 * tracker's settings that only copies them to another topic.
 */
class LabelIngestionIT {
    private static final boolean BENCH = Boolean.getBoolean("ssal.bench");
    private static final int LABELS = BENCH ? Integer.getInteger("ssal.bench.labels", 20_000) : 500;
    private static final int ROUNDS = BENCH ? Integer.getInteger("ssal.bench.rounds", 3) : 1;
    /** Bench only: the pass-through floor is measured on this many times the labels, next to a plain pair of as many. */
    private static final int FLOOR_REPEAT = Integer.getInteger("ssal.bench.floor.repeat", 1);
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final int PARTITIONS = TrackerTopics.DEFAULT.partitions();
    private static EmbeddedBroker broker;
    private static KafkaStreams tracker;
    private static Path stateDir;
    /** Bench only: Kafka Streams copying records from one topic to another, nothing else (see {@link #passThrough}). */
    private static KafkaStreams passThrough;
    private static Path passThroughDir;
    private static final String PASS_IN = "ingest-pass-through-in";
    private static final String PASS_OUT = "ingest-pass-through-out";

    @BeforeAll
    static void startBrokerAndTracker() throws IOException {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), PARTITIONS);
        stateDir = Files.createTempDirectory("ssal-ingestion-");
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID + "-bench-" + UUID.randomUUID());
        props.putAll(ServiceStreamsSettings.load());
        props.putAll(ServiceStreamsSettings.benchOverrides(System.getProperties()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        System.out.println("[ingestion] tracker settings: " + new java.util.TreeMap<>(props));
        tracker = new KafkaStreams(BudgetTopology.build(TrackerTopics.DEFAULT), props);
        tracker.start();
        if (BENCH) {
            startPassThrough(props);
        }
    }

    /**
     * A second Streams application with the tracker's settings whose topology only copies
     * {@link #PASS_IN} to {@link #PASS_OUT}: what exactly-once Kafka Streams costs per record
     * before any processing, the floor under any tracker built on it.
     */
    private static void startPassThrough(Properties trackerProps) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(PASS_IN, PARTITIONS, (short) 1),
                    new NewTopic(PASS_OUT, PARTITIONS, (short) 1))).all().get();
            awaitLeaders(admin, PASS_IN);
            awaitLeaders(admin, PASS_OUT);
        } catch (Exception e) {
            throw new IllegalStateException("pass-through topics", e);
        }
        passThroughDir = Files.createTempDirectory("ssal-pass-through-");
        Properties props = new Properties();
        props.putAll(trackerProps);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-pass-through-" + UUID.randomUUID());
        props.put(StreamsConfig.STATE_DIR_CONFIG, passThroughDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PASS_IN, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(PASS_OUT, Produced.with(Serdes.String(), Serdes.ByteArray()));
        passThrough = new KafkaStreams(builder.build(), props);
        passThrough.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (tracker != null) {
            tracker.close(Duration.ofSeconds(30));
        }
        if (passThrough != null) {
            passThrough.close(Duration.ofSeconds(30));
            org.apache.kafka.common.utils.Utils.delete(passThroughDir.toFile());
        }
        if (broker != null) {
            broker.close();
        }
        if (stateDir != null) {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        }
    }

    @Test
    void shouldCountEveryLabelOnceOnEitherPathAndSayHowFastNextToAPlainProducerAndConsumer() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> samples = new ArrayList<>(LABELS);
            for (int i = 0; i < LABELS; i++) {
                samples.add(String.format("s%07d", i));
            }
            // created seconds before it is written: a producer that writes to a topic just created may loop on
            // OUT_OF_ORDER_SEQUENCE after a NOT_LEADER
            String plainTopic = "ingest-plain-" + round + "-" + UUID.randomUUID();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(plainTopic, PARTITIONS, (short) 1))).all().get();
                awaitLeaders(admin, plainTopic);
            }
            Timed onItsPartition = trackerRun(samples, true);
            Timed moved = trackerRun(samples, false);

            CpuUse start = CpuUse.now();
            long plain = System.nanoTime();
            sendLabels(plainTopic, "ingest-" + UUID.randomUUID(), null, samples);
            assertEquals(LABELS, consumeAll(plainTopic, LABELS));
            double plainSeconds = (System.nanoTime() - plain) / 1e9;
            CpuUse plainCpu = CpuUse.now().since(start);

            System.out.printf("[ingestion] round %d: %d labels: tracker %.0f labels/s (%.2f s) on the campaign's "
                            + "partition, %.0f labels/s (%.2f s) from another partition (repartitioned); plain "
                            + "producer->consumer %.0f records/s (%.2f s); ratio %.2f and %.2f; load average %s%n", round,
                    LABELS, LABELS / onItsPartition.seconds(), onItsPartition.seconds(), LABELS / moved.seconds(),
                    moved.seconds(), LABELS / plainSeconds, plainSeconds, plainSeconds / onItsPartition.seconds(),
                    plainSeconds / moved.seconds(), loadAverage());
            if (BENCH) {
                // the floor compared over FLOOR_REPEAT times the labels, so that fixed costs at either end
                // (clients' start, the last commit interval) weigh less: the plain pair again on as many
                int records = LABELS * FLOOR_REPEAT;
                double plainFloorSeconds = FLOOR_REPEAT == 1 ? plainSeconds : plainRun(samples, FLOOR_REPEAT, round);
                Timed copied = passThrough(samples, FLOOR_REPEAT);
                System.out.printf("[ingestion] round %d: %d records: pass-through Kafka Streams (same settings, no "
                                + "processing) %.0f records/s (%.2f s); plain producer->consumer %.0f records/s (%.2f s); "
                                + "plain/pass-through %.2f; load average %s; %s%n", round, records,
                        records / copied.seconds(), copied.seconds(), records / plainFloorSeconds, plainFloorSeconds,
                        plainFloorSeconds / copied.seconds(), loadAverage(), copied.cpu().describe());
            }
            System.out.printf("[ingestion] round %d, on the campaign's partition: %s%n", round, onItsPartition.cpu().describe());
            System.out.printf("[ingestion] round %d, from another partition: %s%n", round, moved.cpu().describe());
            System.out.printf("[ingestion] round %d, plain producer->consumer: %s%n", round, plainCpu.describe());
        }
    }

    /** The machine's 1, 5 and 15 minute load averages (/proc/loadavg), printed with every result. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Opens a campaign with one batch of the samples, sends a label for each, and waits until the
     * tracker counts them all: every label written to the campaign's own partition
     * ({@code onItsPartition}, where Java's partitioner puts it) or to the other one (as CRC32 may).
     *
     * @return from the first label sent to the state that counts the last
     */
    private static Timed trackerRun(List<String> samples, boolean onItsPartition) throws Exception {
        String id = "ingest-" + UUID.randomUUID();
        int partition = LabelKeys.partitionOf(id, PARTITIONS);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, id, EventCodec.encode(campaign(id)))).get();
            producer.send(new ProducerRecord<>(Topics.QUERY_BATCH, id, EventCodec.encode(batch(id, samples)))).get();
        }
        awaitLedger(id, state -> state.getQueried() == LABELS);

        CpuUse cpu = CpuUse.now();
        long started = System.nanoTime();
        sendLabels(Topics.LABELS_RECEIVED, id, onItsPartition ? partition : (partition + 1) % PARTITIONS, samples);
        BudgetState done = awaitLedger(id, state -> state.getLabeled() == LABELS);
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuUse used = CpuUse.now().since(cpu);
        assertEquals(LABELS, done.getLabeled(), "every label counted once");
        assertEquals(LABELS, done.getQueried());
        return new Timed(seconds, used);
    }

    /**
     * The same labels through the pass-through application, timed as the tracker is: from the
     * first record sent to the last copy read (read_committed). The reader is placed at the end of
     * the output before the clock starts, which if anything favours the pass-through.
     */
    private static Timed passThrough(List<String> samples, int repeat) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(quickReader("ingestion-pass-through"))) {
            List<TopicPartition> partitions = partitions(consumer, PASS_OUT);
            consumer.assign(partitions);
            consumer.endOffsets(partitions).forEach(consumer::seek);
            CpuUse cpu = CpuUse.now();
            long started = System.nanoTime();
            for (int i = 0; i < repeat; i++) {
                sendLabels(PASS_IN, "ingest-" + UUID.randomUUID(), 0, samples);
            }
            int seen = 0;
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (seen < samples.size() * repeat && System.nanoTime() < giveUp) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuUse used = CpuUse.now().since(cpu);
            assertEquals(samples.size() * repeat, seen, "every record copied once");
            return new Timed(seconds, used);
        }
    }

    /** The plain producer → consumer of {@code repeat} times the labels on a new topic; the seconds it took. */
    private static double plainRun(List<String> samples, int repeat, int round) throws Exception {
        String topic = "ingest-plain-x" + repeat + "-" + round + "-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            awaitLeaders(admin, topic);
        }
        long started = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            sendLabels(topic, "ingest-" + UUID.randomUUID(), null, samples);
        }
        assertEquals(samples.size() * repeat, consumeAll(topic, samples.size() * repeat));
        return (System.nanoTime() - started) / 1e9;
    }

    private record Timed(double seconds, CpuUse cpu) {
    }

    /** @param partition where to write every record; null: the producer's partitioner decides */
    private static void sendLabels(String topic, String campaignId, Integer partition, List<String> samples)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Instant now = Instant.now();
            for (int i = 0; i < samples.size(); i++) {
                producer.send(new ProducerRecord<>(topic, partition, campaignId, EventCodec.encode(LabelReceived.newBuilder()
                        .setCampaignId(campaignId).setRound(0).setSampleId(samples.get(i)).setLabel(i % 10)
                        .setAnnotatorId("bench").setLabeledAt(now).build())));
            }
            producer.flush();
        }
    }

    /** Waits until every partition of a new topic has a leader. */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!led(admin, topic)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("topic " + topic + " has no leader after " + PATIENCE);
            }
            Thread.onSpinWait();
        }
    }

    private static boolean led(Admin admin, String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false; // created, not yet in the metadata this broker answers from
            }
            throw e;
        }
    }

    /** The latest budget state of the campaign once it satisfies {@code done}. */
    private static BudgetState awaitLedger(String id, java.util.function.Predicate<BudgetState> done) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(quickReader("ingestion-ledger"))) {
            List<TopicPartition> partitions = partitions(consumer, Topics.BUDGET_STATE);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    BudgetState state = EventCodec.decode(r.value(), BudgetState.class);
                    if (state.getCampaignId().equals(id) && done.test(state)) {
                        return state;
                    }
                }
            }
            throw new AssertionError("campaign " + id + ": no budget state as awaited within " + PATIENCE);
        }
    }

    private static int consumeAll(String topic, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(quickReader("ingestion-plain"))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int seen = 0;
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (seen < expected && System.nanoTime() < giveUp) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            return seen;
        }
    }

    /**
     * The log reader's settings, but a fetch that finds nothing new returns after 10 ms instead of
     * the default 500: with the default, either measurement could end up to half a second late,
     * waiting for the last records it already had a chance to fetch.
     */
    private static java.util.Properties quickReader(String clientId) {
        java.util.Properties props = EventLog.readerProperties(broker.bootstrapServers(), clientId);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // a batch the broker keeps refusing fails the run instead of hanging it in flush()
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private static CampaignCreated campaign(String id) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setBudget(LABELS)
                .setInitialSize(LABELS).setBatchSize(1).setStrategy("random").setSeed(1L)
                .setCreatedAt(Instant.now()).build();
    }

    private static QueryBatch batch(String id, List<String> samples) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(0).setSampleIds(samples).setNumClasses(10)
                .setStrategy("random-initial").setSelectionSeed(0).setCreatedAt(Instant.now()).build();
    }
}
