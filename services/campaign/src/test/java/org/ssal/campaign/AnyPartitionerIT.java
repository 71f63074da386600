package org.ssal.campaign;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * A producer that partitions differently from Java (librdkafka's CRC32, say): its events land on
 * the partition that Java would not pick for the campaign, and the tracker still counts each once.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class AnyPartitionerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PARTITIONS = 2; // KafkaBrokerResource creates the topics with 2

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldCountLabelsOnceWhenTheyAreWrittenToAnotherPartitionThanJavasDefault() throws Exception {
        String id = "wrong-partition-" + UUID.randomUUID();
        int javas = LabelKeys.partitionOf(id, PARTITIONS);
        int wrong = 1 - javas;
        awaitTracker();
        given().contentType(ContentType.JSON).body(Map.of("campaignId", id, "dataset", "synthetic", "budget", 4,
                "initialSize", 2, "batchSize", 2, "strategy", "random")).post("/campaigns").then().statusCode(202);
        awaitCampaign(id, "ACTIVE", 0);

        try (KafkaProducer<String, byte[]> vendor = vendorProducer()) {
            send(vendor, Topics.QUERY_BATCH, wrong, id, QueryBatch.newBuilder().setCampaignId(id).setRound(0)
                    .setSampleIds(List.of("s1", "s2")).setNumClasses(3).setStrategy("random").setSelectionSeed(0)
                    .setCreatedAt(Instant.now()).build());
            send(vendor, Topics.LABELS_RECEIVED, wrong, id, label(id, "s1", 1));
            send(vendor, Topics.LABELS_RECEIVED, wrong, id, label(id, "s1", 1)); // redelivered
            send(vendor, Topics.LABELS_RECEIVED, wrong, id, label(id, "s2", 2));
            send(vendor, Topics.LABELS_RECEIVED, wrong, id, label(id, "never-asked", 0));
        }

        Response campaign = awaitCampaign(id, "ACTIVE", 2);
        assertEquals(true, campaign.path("roundComplete"));
        given().get("/campaigns/{id}?labels=true", id).then().statusCode(200)
                .body("labels.sampleId", org.hamcrest.Matchers.equalTo(List.of("s1", "s2")))
                .body("labels.annotatorId", org.hamcrest.Matchers.equalTo(List.of("vendor-7", "vendor-7")));

        List<ConsumerRecord<String, byte[]>> labels = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> rejected = new ArrayList<>();
        try (EventLog log = new EventLog(bootstrap, List.of(Topics.LABELS, Topics.DEAD_LETTER))) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : log.pollRecords(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.LABELS) && record.key().startsWith(LabelKeys.prefix(id))) {
                        labels.add(record);
                    } else if (record.topic().equals(Topics.DEAD_LETTER) && id.equals(record.key())) {
                        rejected.add(record);
                    }
                }
                return labels.size() >= 2 && !rejected.isEmpty();
            });
        }
        assertEquals(2, labels.size(), "each label once on the labels topic");
        for (ConsumerRecord<String, byte[]> record : labels) {
            assertEquals(javas, record.partition(), "labels sit in the campaign's partition, whatever the input's");
            assertEquals(id, EventCodec.decode(record.value(), LabeledSample.class).getCampaignId());
        }
        assertEquals(1, rejected.size());
        Rejected r = EventCodec.decode(rejected.get(0).value(), Rejected.class);
        assertEquals("sample never-asked answers no query of campaign " + id, r.getReason());
        assertEquals(Topics.LABELS_RECEIVED, r.getTopic(), "the producer's topic, not the repartition topic");
        assertEquals(wrong, r.getPartition(), "the partition the producer wrote to");
        assertTrue(r.getOffset() >= 0, "offset " + r.getOffset());
    }

    private KafkaProducer<String, byte[]> vendorProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Writes to an explicit partition, as a producer with another partitioner would. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, int partition, String key,
                             SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, key, EventCodec.encode(event))).get();
    }

    private static LabelReceived label(String id, String sample, int label) {
        return LabelReceived.newBuilder().setCampaignId(id).setRound(0).setSampleId(sample).setLabel(label)
                .setAnnotatorId("vendor-7").setLabeledAt(Instant.now()).build();
    }

    private static void awaitTracker() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/campaigns").statusCode() == 200);
    }

    private static Response awaitCampaign(String id, String status, int labeled) {
        Response[] last = new Response[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).alias("campaign " + id + " with " + labeled
                + " labels").until(() -> {
                    last[0] = given().get("/campaigns/{id}", id);
                    return last[0].statusCode() == 200 && status.equals(last[0].path("status"))
                            && Integer.valueOf(labeled).equals(last[0].path("labeled"));
                });
        return last[0];
    }
}
