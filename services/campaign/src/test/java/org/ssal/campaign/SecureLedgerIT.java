package org.ssal.campaign;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
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
import org.ssal.service.EventLog;
import org.ssal.service.security.AclPlan;
import org.ssal.service.testing.SaslBroker;

/**
 * The budget tracker (Kafka Streams, exactly_once_v2) under the campaign principal, on a broker
 * that enforces {@link AclPlan}: its repartition topic, changelogs, group and transactions are
 * allowed by the plan's prefixed ACLs. The campaign principal writes the campaign, the scorer's
 * writes the batch, a vendor's the labels; the trainer's reads the ledger back.
 */
class SecureLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static SaslBroker broker;
    private static KafkaStreams tracker;
    private static Path stateDir;

    @BeforeAll
    static void startBrokerAndTracker() throws IOException {
        broker = SaslBroker.start();
        broker.createTopics(2);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclPlan.Account account : AclPlan.accounts(List.of("acme"))) {
            broker.createUser(account.user(), password(account.user()));
            bindings.addAll(account.bindings());
        }
        broker.createAcls(bindings);

        stateDir = Files.createTempDirectory("ssal-secure-ledger-");
        Properties props = broker.clientProperties(AclPlan.CAMPAIGN, password(AclPlan.CAMPAIGN));
        // a fresh id per run, still under the plan's prefix
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID + "-it-" + UUID.randomUUID());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        tracker = new KafkaStreams(BudgetTopology.build(TrackerTopics.DEFAULT), props);
        tracker.start();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (tracker != null) {
            tracker.close(Duration.ofSeconds(30));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldNameTheTrackersApplicationIdAsThePlanDoes() {
        assertEquals(BudgetTopology.APPLICATION_ID, AclPlan.TRACKER_APPLICATION_ID);
    }

    @Test
    void shouldCountAVendorsLabelsOnceWhenEveryServiceUsesItsOwnPrincipal() throws Exception {
        String id = "secure-" + UUID.randomUUID();
        Instant now = Instant.now();
        send(AclPlan.CAMPAIGN, null, Topics.CAMPAIGNS, id, CampaignCreated.newBuilder().setCampaignId(id)
                .setDataset("synthetic").setBudget(4).setInitialSize(2).setBatchSize(2).setStrategy("random")
                .setSeed(7L).setCreatedAt(now).build());
        send(AclPlan.SCORER, "scorer-secure-it", Topics.QUERY_BATCH, id, QueryBatch.newBuilder().setCampaignId(id)
                .setRound(0).setSampleIds(List.of("s1", "s2")).setNumClasses(3).setStrategy("random")
                .setSelectionSeed(0).setCreatedAt(now).build());
        send("vendor-acme", null, Topics.LABELS_RECEIVED, id, label(id, "s1", 1));
        send("vendor-acme", null, Topics.LABELS_RECEIVED, id, label(id, "s1", 1)); // redelivered
        send("vendor-acme", null, Topics.LABELS_RECEIVED, id, label(id, "s2", 2));

        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> trainer = reader(AclPlan.TRAINER)) {
            await("ledger of " + id + " with 2 labels, read by the trainer").atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> r : trainer.poll(Duration.ofMillis(200))) {
                    String key = r.topic().equals(Topics.LABELS) ? r.key() : r.topic() + "/" + r.key();
                    latest.put(key, r);
                }
                ConsumerRecord<String, byte[]> state = latest.get(Topics.BUDGET_STATE + "/" + id);
                return state != null && EventCodec.decode(state.value(), BudgetState.class).getLabeled() == 2;
            });
        }
        BudgetState state = EventCodec.decode(latest.get(Topics.BUDGET_STATE + "/" + id).value(), BudgetState.class);
        assertEquals(2, state.getQueried());
        assertEquals(2, state.getLabeled());
        assertEquals(2, latest.keySet().stream().filter(k -> k.startsWith(LabelKeys.prefix(id))).count(),
                "each accepted label once on " + Topics.LABELS);
    }

    private static void send(String user, String transactionalId, String topic, String key, SpecificRecord event)
            throws Exception {
        Properties props = broker.clientProperties(user, password(user));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventCodec.encode(event));
            if (transactionalId == null) {
                producer.send(record).get();
                return;
            }
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record);
            producer.commitTransaction();
        }
    }

    /** Like every reader of the log (EventLog.readerProperties), logged in as {@code user}. */
    private static KafkaConsumer<String, byte[]> reader(String user) {
        Properties props = EventLog.readerProperties(broker.bootstrapServers(), "secure-ledger-it");
        props.putAll(broker.clientProperties(user, password(user)));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.BUDGET_STATE, Topics.LABELS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static LabelReceived label(String id, String sample, int label) {
        return LabelReceived.newBuilder().setCampaignId(id).setRound(0).setSampleId(sample).setLabel(label)
                .setAnnotatorId("acme-annotator-1").setLabeledAt(Instant.now()).build();
    }

    private static String password(String user) {
        return "pw-" + user;
    }
}
