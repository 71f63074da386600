package org.ssal.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;

/** The processor against a real in-JVM Kafka broker. */
class TransactionalProcessorIT {
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), 2);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private ProcessorSettings settings() {
        return new ProcessorSettings(broker.bootstrapServers(), "echo-" + UUID.randomUUID(), "i1", true,
                List.of(Topics.QUERY_BATCH), Duration.ofMinutes(1));
    }

    private static QueryBatch batch(String campaign, List<String> ids) {
        return batch(campaign, 0, ids);
    }

    private static QueryBatch batch(String campaign, int round, List<String> ids) {
        return QueryBatch.newBuilder().setCampaignId(campaign).setRound(round).setSampleIds(ids).setNumClasses(2)
                .setStrategy("random").setSelectionSeed(1L).setCreatedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldAnswerEachEventAndDeadLetterMalformedBytesWithoutStopping() {
        String campaign = "c-" + UUID.randomUUID();
        EventHandler labelEverything = (record, out) -> {
            QueryBatch batch = EventCodec.decode(record.value(), QueryBatch.class);
            for (String id : batch.getSampleIds()) {
                out.send(Topics.LABELS_RECEIVED, record.key(), LabelReceived.newBuilder()
                        .setCampaignId(batch.getCampaignId()).setRound(batch.getRound()).setSampleId(id)
                        .setLabel(1).setAnnotatorId("test").setLabeledAt(Instant.EPOCH).build());
            }
        };
        try (TransactionalProcessor processor = new TransactionalProcessor(settings(), labelEverything);
             EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED, Topics.DEAD_LETTER))) {
            processor.start();
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, "garbage".getBytes());
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, List.of("a", "b")));

            List<SpecificRecord> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                seen.addAll(log.poll(Duration.ofMillis(200)));
                return seen.stream().filter(e -> e instanceof LabelReceived l && l.getCampaignId().equals(campaign)).count() == 2
                        && seen.stream().anyMatch(e -> e instanceof Rejected r && campaign.equals(r.getKey()));
            });
            Rejected rejected = seen.stream().filter(e -> e instanceof Rejected r && campaign.equals(r.getKey()))
                    .map(Rejected.class::cast).findFirst().orElseThrow();
            assertEquals(Topics.QUERY_BATCH, rejected.getTopic());
            assertTrue(rejected.getReason().contains("not an Avro single-object encoded event"), rejected.getReason());
            assertEquals("garbage", new String(rejected.getPayload().array()));
            assertTrue(processor.isRunning(), "a malformed record must not stop the service");
            assertEquals(1, processor.rejectedCount());
        }
    }

    @Test
    void shouldNotEmitOutputsOfAnAbortedTransactionWhenTheProcessIsReplaced() {
        // a handler that dies before committing: nothing it produced may become visible, and the
        // next instance of the same service handles the record again
        String campaign = "c-" + UUID.randomUUID();
        ProcessorSettings settings = settings();
        EventHandler crashing = (record, out) -> {
            out.send(Topics.LABELS_RECEIVED, record.key(), LabelReceived.newBuilder().setCampaignId(campaign)
                    .setRound(0).setSampleId("x").setLabel(0).setAnnotatorId("first").setLabeledAt(Instant.EPOCH).build());
            throw new Error("simulated crash");
        };
        TransactionalProcessor first = new TransactionalProcessor(settings, crashing);
        first.start();
        EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, List.of("x")));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.failure() != null);
        first.close();

        EventHandler healthy = (record, out) -> {
            if (!campaign.equals(record.key())) {
                return; // the topic is shared with the other tests: answer only this test's batch
            }
            out.send(Topics.LABELS_RECEIVED, record.key(), LabelReceived.newBuilder().setCampaignId(campaign)
                    .setRound(0).setSampleId("x").setLabel(0).setAnnotatorId("second").setLabeledAt(Instant.EPOCH).build());
        };
        try (TransactionalProcessor second = new TransactionalProcessor(settings, healthy);
             EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED))) {
            second.start();
            List<LabelReceived> labels = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                log.poll(Duration.ofMillis(200)).stream().filter(e -> e instanceof LabelReceived l
                        && l.getCampaignId().equals(campaign)).forEach(e -> labels.add((LabelReceived) e));
                return !labels.isEmpty();
            });
            // drain a little more: nothing else may show up for this campaign
            log.poll(Duration.ofSeconds(1)).stream().filter(e -> e instanceof LabelReceived l
                    && l.getCampaignId().equals(campaign)).forEach(e -> labels.add((LabelReceived) e));
            assertEquals(1, labels.size(), "exactly one label: " + labels);
            assertEquals("second", labels.get(0).getAnnotatorId());
        }
    }

    /**
     * Like the scorer's view: the rounds already answered, kept from the labels topic, and changed
     * by the handler before its transaction commits, so an abort leaves it ahead of the log.
     */
    private static final class AnsweredRounds implements EventService.View {
        private final Set<String> answered = new TreeSet<>();

        @Override
        public synchronized void forget() {
            answered.clear();
        }

        @Override
        public synchronized void observe(SpecificRecord event) {
            if (event instanceof LabelReceived label) {
                answered.add(label.getCampaignId() + "/" + label.getRound());
            }
        }

        synchronized boolean answerOnce(String campaign, int round) {
            return answered.add(campaign + "/" + round);
        }

        synchronized List<String> of(String campaign) {
            return answered.stream().filter(key -> key.startsWith(campaign + "/")).toList();
        }
    }

    /** A real transactional producer whose first commit fails after its records reached the broker. */
    private static KafkaProducer<String, byte[]> failingFirstCommit(Properties props, AtomicBoolean failed) {
        return new KafkaProducer<>(props) {
            @Override
            public void commitTransaction() {
                if (failed.compareAndSet(false, true)) {
                    flush(); // the outputs are in the log, in an open transaction the processor must abort
                    throw new KafkaException("injected: commit failed");
                }
                super.commitTransaction();
            }
        };
    }

    @Test
    void shouldEmitARetriedBatchExactlyOnceOnARebuiltViewWhenATransactionAborts() {
        // Given: a handler whose view says which rounds it answered, and a commit that fails once
        String campaign = "c-" + UUID.randomUUID();
        AnsweredRounds view = new AnsweredRounds();
        AtomicInteger rebuilds = new AtomicInteger();
        Runnable rebuild = EventService.rebuild(new EventService.Spec("answerer", List.of(Topics.QUERY_BATCH),
                List.of(Topics.LABELS_RECEIVED), Duration.ofMinutes(1)), broker.bootstrapServers(), view);
        EventHandler answerOnce = (record, out) -> {
            QueryBatch batch = EventCodec.decode(record.value(), QueryBatch.class);
            if (!view.answerOnce(batch.getCampaignId(), batch.getRound())) {
                return; // never a second answer for a round, as the scorer never asks twice
            }
            for (String id : batch.getSampleIds()) {
                out.send(Topics.LABELS_RECEIVED, record.key(), LabelReceived.newBuilder()
                        .setCampaignId(batch.getCampaignId()).setRound(batch.getRound()).setSampleId(id).setLabel(1)
                        .setAnnotatorId("test").setLabeledAt(Instant.EPOCH).build());
            }
        };
        AtomicBoolean commitFailed = new AtomicBoolean();
        try (TransactionalProcessor processor = new TransactionalProcessor(settings(), answerOnce, () -> {
                 rebuilds.incrementAndGet();
                 rebuild.run();
             }, props -> failingFirstCommit(props, commitFailed), Retries.DEFAULT, new SimpleMeterRegistry());
             EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED))) {
            processor.start();

            // When: round 0 is asked (its first transaction aborts), then round 1 as a marker behind it
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 0, List.of("a", "b")));
            await().atMost(Duration.ofSeconds(60)).untilTrue(commitFailed);
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 1, List.of("c", "d")));

            // Then: read_committed readers see each round's labels once; the marker's labels come
            // after any of round 0's on the same partition (same key), so nothing more can follow
            List<String> labels = labelsUntil(log, campaign, "1:d"); // d is written after c
            assertEquals(List.of("0:a", "0:b", "1:c", "1:d"), labels, "each round answered exactly once");
            assertEquals(List.of(campaign + "/0", campaign + "/1"), view.of(campaign), "the view matches the log");
            assertTrue(rebuilds.get() >= 2, "rebuilt on assignment and after the abort: " + rebuilds.get());
            assertTrue(processor.isRunning(), "an aborted transaction must not stop the service");
            // the aborted attempt was real: its labels are in the log, marked aborted
            assertTrue(uncommittedLabelsOf(campaign) >= 6, "aborted copies of round 0 are in the log");
        }
    }

    /** Short waits, so a test sees retries and a give-up in well under a second. */
    private static final Retries QUICK = new Retries(new RetryBackoff(Duration.ofMillis(20), Duration.ofMillis(100)), 5);

    /** Labels each sample of this test's campaign's batches; other tests' batches get no answer. */
    private static void labelAll(String campaign, org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
                                 Outbox out) {
        QueryBatch batch = EventCodec.decode(record.value(), QueryBatch.class);
        for (String id : batch.getSampleIds()) {
            out.send(Topics.LABELS_RECEIVED, campaign, LabelReceived.newBuilder().setCampaignId(campaign)
                    .setRound(batch.getRound()).setSampleId(id).setLabel(1).setAnnotatorId("test")
                    .setLabeledAt(Instant.EPOCH).build());
        }
    }

    /** The dead letters of the campaign committed so far. */
    private static List<Rejected> deadLettersOf(String campaign) {
        List<Rejected> found = new ArrayList<>();
        try (EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.DEAD_LETTER))) {
            log.replayToEnd(e -> {
                if (e instanceof Rejected r && campaign.equals(r.getKey())) {
                    found.add(r);
                }
            }, Duration.ofSeconds(30));
        }
        return found;
    }

    @Test
    void shouldRetryATransientFailureAndCommitOnceWithoutADeadLetter() {
        // Given: a handler whose artifact is not visible on the shared volume for its first 3 attempts
        String campaign = "c-" + UUID.randomUUID();
        int failFirst = 3;
        AtomicInteger attempts = new AtomicInteger();
        EventHandler lateArtifact = (record, out) -> {
            if (!campaign.equals(record.key())) {
                return;
            }
            QueryBatch batch = EventCodec.decode(record.value(), QueryBatch.class);
            if (batch.getRound() == 0 && attempts.incrementAndGet() <= failFirst) {
                throw new IllegalStateException("cannot read the pool", new UncheckedIOException("artifact not found",
                        new NoSuchFileException("/shared/artifacts/sha256/ab/ab")));
            }
            labelAll(campaign, record, out);
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorSettings settings = settings();
        try (TransactionalProcessor processor = new TransactionalProcessor(settings, lateArtifact, () -> { },
                KafkaProducer::new, QUICK, registry);
             EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED))) {
            processor.start();

            // When: round 0 (failing 3 times), then round 1 as a marker behind it on the same partition
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 0, List.of("a", "b")));
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() > failFirst);
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 1, List.of("c")));

            // Then: each label committed once, nothing dead-lettered, the retries counted
            List<String> labels = labelsUntil(log, campaign, "1:c");
            assertEquals(List.of("0:a", "0:b", "1:c"), labels, "committed exactly once after the retries");
            assertEquals(List.of(), deadLettersOf(campaign), "a transient failure is never dead-lettered");
            assertEquals(failFirst + 1, attempts.get(), "three failed attempts, then one that succeeded");
            assertEquals(failFirst, registry.get("ssal.retries").tag("service", settings.service())
                    .tag("kind", "transient").counter().count());
            assertTrue(registry.get("ssal.records.handled").tag("service", settings.service()).counter().count() >= 2);
            assertTrue(processor.isRunning(), "a transient failure must not stop the service");
            assertEquals(0, processor.rejectedCount());
        }
    }

    @Test
    void shouldStopVisiblyWithoutADeadLetterWhenATransientFailurePersists() {
        String campaign = "c-" + UUID.randomUUID();
        EventHandler diskFull = (record, out) -> {
            if (campaign.equals(record.key())) {
                throw new UncheckedIOException(new java.io.IOException("No space left on device"));
            }
        };
        TransactionalProcessor processor = new TransactionalProcessor(settings(), diskFull, () -> { },
                KafkaProducer::new, QUICK, new SimpleMeterRegistry());
        try (EventService service = new EventService(processor)) {
            processor.start();
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, List.of("a")));
            String reason = reasonOnceDown(processor, service);
            assertTrue(reason.contains("gave up after " + QUICK.maxConsecutiveFailures() + " failures in a row")
                    && reason.contains("No space left on device"), reason);
            assertEquals(List.of(), deadLettersOf(campaign), "given up, but still not dead-lettered");
        }
    }

    @Test
    void shouldStopWithLivenessDownAndWriteNothingWhenAHandlerRunsOutOfMemory() {
        String campaign = "c-" + UUID.randomUUID();
        EventHandler outOfMemory = (record, out) -> {
            if (campaign.equals(record.key())) {
                labelAll(campaign, record, out); // computed, but a JVM out of memory must not commit it
                throw new OutOfMemoryError("injected: Java heap space");
            }
        };
        TransactionalProcessor processor = new TransactionalProcessor(settings(), outOfMemory, () -> { },
                KafkaProducer::new, QUICK, new SimpleMeterRegistry());
        try (EventService service = new EventService(processor);
             EventLog labels = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED))) {
            processor.start();
            assertEquals(HealthCheckResponse.Status.UP, ProcessorHealth.of("trainer", true, service).getStatus());
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, List.of("a")));
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.failure() != null);

            assertFalse(processor.isRunning());
            HealthCheckResponse health = ProcessorHealth.of("trainer", true, service);
            assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
            assertEquals("OutOfMemoryError: injected: Java heap space", health.getData().orElseThrow().get("reason"));
            assertEquals(List.of(), deadLettersOf(campaign), "nothing dead-lettered for a fatal error");
            List<SpecificRecord> committed = new ArrayList<>();
            labels.replayToEnd(committed::add, Duration.ofSeconds(30));
            assertTrue(committed.stream().noneMatch(e -> e instanceof LabelReceived l && l.getCampaignId().equals(campaign)),
                    "nothing of the batch committed");
        }
    }

    /**
     * A real transactional producer whose first commit reaches the broker only after the
     * coordinator aborted the transaction for outliving its timeout, as after a broker outage longer
     * than transaction.timeout.ms. The coordinator has ended the transaction and bumped the epoch,
     * so the commit fails and leaves the producer unusable (this broker answers
     * InvalidTxnStateException, an abort then fails in the producer's error state).
     */
    private static KafkaProducer<String, byte[]> commitAfterTheCoordinatorTimedOut(Properties props, AtomicBoolean late) {
        String transactionalId = props.getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props) {
            @Override
            public void commitTransaction() {
                if (late.compareAndSet(false, true)) {
                    flush();
                    // the coordinator checks for timed-out transactions every 10 s
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                            .until(() -> transactionState(transactionalId) != TransactionState.ONGOING);
                }
                super.commitTransaction();
            }
        };
    }

    private static TransactionState transactionState(String transactionalId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get().state();
        }
    }

    @Test
    void shouldReplaceTheProducerWhenTheCoordinatorTimedItsTransactionOutAndCommitEachOutputOnce() {
        // Given: a commit that arrives after the coordinator timed the transaction out
        String campaign = "c-" + UUID.randomUUID();
        AtomicBoolean late = new AtomicBoolean();
        AtomicInteger producersMade = new AtomicInteger();
        AtomicInteger rebuilds = new AtomicInteger();
        EventHandler labels = (record, out) -> {
            if (campaign.equals(record.key())) {
                labelAll(campaign, record, out);
            }
        };
        ProcessorSettings settings = settings();
        try (TransactionalProcessor processor = new TransactionalProcessor(settings, labels, rebuilds::incrementAndGet,
                props -> {
                    producersMade.incrementAndGet();
                    return commitAfterTheCoordinatorTimedOut(props, late);
                }, QUICK, new SimpleMeterRegistry());
             EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.LABELS_RECEIVED))) {
            processor.start();

            // When: round 0 is asked (its commit comes too late), then round 1 as a marker behind it
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 0, List.of("a", "b")));
            await().atMost(Duration.ofSeconds(90)).until(() -> producersMade.get() >= 2);
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, 1, List.of("c")));

            // Then: a new producer took over and each label was committed once, none dead-lettered
            List<String> seen = labelsUntil(log, campaign, "1:c");
            assertEquals(List.of("0:a", "0:b", "1:c"), seen, "committed exactly once by the new producer");
            assertTrue(processor.isRunning(), "a transaction timed out by the coordinator must not stop the service");
            assertEquals(2, producersMade.get(), "one new producer, with the same transactional id");
            assertTrue(rebuilds.get() >= 2, "rebuilt on assignment and after the abort: " + rebuilds.get());
            assertEquals(List.of(), deadLettersOf(campaign));
        }
    }

    @Test
    void shouldStopVisiblyWhenAnotherInstanceTakesItsTransactionalId() {
        // Given: while the processor's transaction is open, a second process starts with its instance id
        String campaign = "c-" + UUID.randomUUID();
        EventHandler labels = (record, out) -> {
            if (campaign.equals(record.key())) {
                labelAll(campaign, record, out);
            }
        };
        TransactionalProcessor processor = new TransactionalProcessor(settings(), labels, () -> { },
                props -> new KafkaProducer<String, byte[]>(props) {
                    @Override
                    public void commitTransaction() {
                        try (KafkaProducer<String, byte[]> twin = new KafkaProducer<>(props)) {
                            twin.initTransactions();
                        }
                        super.commitTransaction();
                    }
                }, QUICK, new SimpleMeterRegistry());
        try (EventService service = new EventService(processor)) {
            processor.start();

            // When
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, campaign, batch(campaign, List.of("a")));

            // Then: it stops at once, liveness naming the take-over, nothing written for the record
            String reason = reasonOnceDown(processor, service);
            assertTrue(reason.contains("another instance took over transactional id"), reason);
            assertEquals(List.of(), deadLettersOf(campaign), "a take-over is not the record's fault");
        }
    }

    /** Labels of the campaign in the log as a read_uncommitted reader sees them: aborted ones too. */
    private static long uncommittedLabelsOf(String campaign) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LABELS_RECEIVED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (campaign.equals(record.key())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The campaign's committed labels as round:sample, in log order, read until {@code marker} is among them. */
    private static List<String> labelsUntil(EventLog log, String campaign, String marker) {
        List<String> labels = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            log.poll(Duration.ofMillis(200)).stream().filter(e -> e instanceof LabelReceived l
                    && l.getCampaignId().equals(campaign)).map(LabelReceived.class::cast)
                    .forEach(l -> labels.add(l.getRound() + ":" + l.getSampleId()));
            return labels.contains(marker);
        });
        return labels;
    }

    /** Waits for the processor to stop; its liveness must then be DOWN, and this is the reason it gives. */
    private static String reasonOnceDown(TransactionalProcessor processor, EventService service) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isRunning());
        HealthCheckResponse health = ProcessorHealth.of("oracle", true, service);
        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        return (String) health.getData().orElseThrow().get("reason");
    }
}
