package org.ssal.service.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;
import org.ssal.service.TopicAdmin;
import org.ssal.service.TopicSettings;
import org.ssal.service.testing.SaslBroker;

/**
 * {@link AclPlan} on a broker that enforces it: SCRAM-SHA-512 logins, StandardAuthorizer, no ACL
 * means no access. Each principal has its own password.
 */
class AclEnforcementIT {
    private static final String VENDOR = "vendor-acme";
    private static SaslBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = SaslBroker.start();
        broker.createTopics(2);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclPlan.Account account : AclPlan.accounts(List.of("acme"))) {
            broker.createUser(account.user(), password(account.user()));
            bindings.addAll(account.bindings());
        }
        broker.createAcls(bindings);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRefuseAVendorWritingBudgetStateOrQueryBatches() {
        try (KafkaProducer<String, byte[]> vendor = producer(VENDOR, null)) {
            for (String topic : List.of(Topics.BUDGET_STATE, Topics.QUERY_BATCH)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> send(vendor, topic), topic);
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic);
            }
        }
    }

    @Test
    void shouldLetAVendorReadQueryBatchesInItsGroupAndWriteLabels() throws Exception {
        String campaign = "c-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> scorer = producer(AclPlan.SCORER, "scorer-acl-it")) {
            scorer.initTransactions();
            scorer.beginTransaction();
            scorer.send(new ProducerRecord<>(Topics.QUERY_BATCH, campaign, bytes("batch")));
            scorer.commitTransaction();
        }

        try (KafkaConsumer<String, byte[]> vendor = consumer(VENDOR, "vendor-acme")) {
            vendor.subscribe(List.of(Topics.QUERY_BATCH));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await("the vendor reads the batch").atMost(Duration.ofSeconds(60)).until(() -> {
                vendor.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> campaign.equals(r.key()));
            });
            vendor.commitSync(); // the group's offsets: the vendor resumes where it left off
        }
        try (KafkaProducer<String, byte[]> vendor = producer(VENDOR, null)) {
            assertNotNull(vendor.send(new ProducerRecord<>(Topics.LABELS_RECEIVED, campaign, bytes("label")))
                    .get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRefuseAVendorReadingAcceptedLabels() {
        try (KafkaConsumer<String, byte[]> vendor = consumer(VENDOR, "vendor-acme-labels")) {
            vendor.subscribe(List.of(Topics.LABELS));
            assertThrows(TopicAuthorizationException.class, () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    vendor.poll(Duration.ofMillis(200)); // throws once the metadata answer arrives
                }
            });
        }
    }

    @Test
    void shouldRefuseAServiceOtherThanTheTrackerWritingBudgetState() {
        try (KafkaProducer<String, byte[]> scorer = producer(AclPlan.SCORER, null)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> send(scorer, Topics.BUDGET_STATE));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    @Test
    void shouldRefuseAServiceWithAWrongPassword() {
        Properties login = broker.clientProperties(AclPlan.ORACLE, "not-" + password(AclPlan.ORACLE));
        try (Admin admin = Admin.create(login)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void shouldLetEveryServiceCheckTheTopicsAtStartWithItsOwnLogin() {
        for (AclPlan.Account service : AclPlan.services()) {
            Map<String, String> login = KafkaSecurity.scram(service.user(), password(service.user())).clientProperties();
            // throws (authorization, or a topic that looks missing) unless describe + describe configs are granted
            TopicAdmin.ensureTopics(broker.bootstrapServers(), TopicSettings.singleNode(2), login);
        }
        assertEquals(5, AclPlan.services().size());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "c1", bytes("x"))).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<String, byte[]> producer(String user, String transactionalId) {
        Properties props = broker.clientProperties(user, password(user));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, byte[]> consumer(String user, String group) {
        Properties props = broker.clientProperties(user, password(user));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static String password(String user) {
        return "pw-" + user;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
