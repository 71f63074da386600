package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.schemas.Topics;

/** A durable in-JVM broker keeps its log across a restart; topic settings are checked at start. */
class DurableBrokerIT {
    @TempDir
    Path dir;

    @Test
    void shouldKeepRecordsAndTopicsWhenRestartedOnTheSameFolderAndPort() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.startDurable(dir, "127.0.0.1", port, controllerPort)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            TopicAdmin.ensureTopics(broker.bootstrapServers(), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
                producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, "c1", "first")).get();
                producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, "c1", "second")).get();
            }
        }
        try (EmbeddedBroker again = EmbeddedBroker.startDurable(dir, "127.0.0.1", port, controllerPort)) {
            assertEquals("127.0.0.1:" + port, again.bootstrapServers());
            TopicAdmin.ensureTopics(again.bootstrapServers(), 2); // the topics exist and still fit
            assertEquals(List.of("first", "second"), readAll(again, Topics.CAMPAIGNS, 2));
        }
    }

    @Test
    void shouldRefuseToStartOnAPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.startDurable(dir, "127.0.0.1", taken.getLocalPort(), freePort()));
            assertTrue(e.getMessage().contains("Kafka port " + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void shouldRefuseTopicsThatWouldDeleteTheAuditTrail() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            TopicAdmin.ensureTopics(broker.bootstrapServers(), 2);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                ConfigResource labels = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LABELS_RECEIVED);
                admin.incrementalAlterConfigs(Map.of(labels, List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET)))).all().get();
                // the change reaches the broker's config cache asynchronously
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "604800000".equals(
                        admin.describeConfigs(List.of(labels)).all().get().get(labels).get("retention.ms").value()));
            }
            TopicAdmin.TopicMismatchException e = assertThrows(TopicAdmin.TopicMismatchException.class,
                    () -> TopicAdmin.ensureTopics(broker.bootstrapServers(), 2));
            assertEquals(List.of("topic labels-received has retention.ms=604800000, ssal.topics.retention-ms is -1"
                    + " (forever: the event log is the audit trail)"), e.problems());
            assertThrows(TopicAdmin.TopicMismatchException.class,
                    () -> TopicAdmin.ensureTopics(broker.bootstrapServers(), 3), "partition count differs");
        }
    }

    private static Properties producerProps(EmbeddedBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static List<String> readAll(EmbeddedBroker broker, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "durable-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
