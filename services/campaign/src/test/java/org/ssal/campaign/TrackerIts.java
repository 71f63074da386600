package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

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

    /** Hands each record of every partition of {@code topic}, up to its end when called, to {@code each}. */
    static void readAll(String bootstrapServers, String clientId, String topic, Duration patience,
                        Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventLog.readerProperties(bootstrapServers, clientId))) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + patience.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError(topic + " not read to its end within " + patience);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Campaign → the samples of its records on the labels topic; a sample labeled twice fails the test. */
    static Map<String, Set<String>> labeledSamples(String bootstrapServers, String clientId, Duration patience) {
        Map<String, Set<String>> labeled = new HashMap<>();
        readAll(bootstrapServers, clientId, Topics.LABELS, patience, record -> {
            LabeledSample label = EventCodec.decode(record.value(), LabeledSample.class);
            assertTrue(labeled.computeIfAbsent(label.getCampaignId(), c -> new TreeSet<>()).add(label.getSampleId()),
                    "sample " + label.getSampleId() + " of " + label.getCampaignId() + " labeled twice");
        });
        return labeled;
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

    /** Sample ids s00000, s00001, ... */
    static List<String> sampleIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("s%05d", i));
        }
        return ids;
    }

    /** Each campaign created with a budget of all {@code samples} and asked for all of them in one batch. */
    static void sendCampaignsWithBatch(String bootstrapServers, List<String> campaigns, List<String> samples)
            throws Exception {
        for (String campaign : campaigns) {
            send(bootstrapServers, Topics.CAMPAIGNS, campaign, EventCodec.encode(campaign(campaign, samples.size())));
            send(bootstrapServers, Topics.QUERY_BATCH, campaign, EventCodec.encode(batch(campaign, samples)));
        }
    }
}
