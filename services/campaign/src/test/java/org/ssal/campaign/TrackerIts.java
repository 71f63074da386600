package org.ssal.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.events.CampaignCreated;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.LabelKeys;

/** What the tracker's integration tests that move tasks between instances share. */
final class TrackerIts {
    private TrackerIts() {
    }

    /** One new campaign id per partition, in partition order, so that every task has a campaign. */
    static List<String> campaignOnEachPartition(String prefix, int partitions) {
        List<String> campaigns = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String id;
            do {
                id = prefix + UUID.randomUUID();
            } while (LabelKeys.partitionOf(id, partitions) != partition);
            campaigns.add(id);
        }
        return campaigns;
    }

    static void send(String bootstrapServers, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** A campaign that asks its whole budget at once, in round 0. */
    static CampaignCreated campaign(String id, int budget) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setBudget(budget)
                .setInitialSize(budget).setBatchSize(1).setStrategy("random").setSeed(1L)
                .setCreatedAt(Instant.EPOCH).build();
    }

    static QueryBatch batch(String id, List<String> samples) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(0).setSampleIds(samples).setNumClasses(10)
                .setStrategy("random-initial").setSelectionSeed(0).setCreatedAt(Instant.EPOCH).build();
    }
}
