package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;

class VendorLabelsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final QueryBatch BATCH = QueryBatch.newBuilder().setCampaignId("c1").setRound(3)
            .setSampleIds(List.of("a", "b")).setNumClasses(4).setStrategy("entropy").setSelectionSeed(1L)
            .setCreatedAt(T0).build();

    @Test
    void shouldAnswerWithTheCampaignAndRoundOfTheBatch() {
        LabelReceived label = VendorLabels.answer(BATCH, "b", 3, "acme", T0);

        assertEquals(LabelReceived.newBuilder().setCampaignId("c1").setRound(3).setSampleId("b").setLabel(3)
                .setAnnotatorId("acme").setLabeledAt(T0).build(), label);
        ProducerRecord<String, SpecificRecord> record = VendorLabels.record(label);
        assertEquals(Topics.LABELS_RECEIVED, record.topic());
        assertEquals("c1", record.key());
        assertEquals(label, record.value());
    }

    @Test
    void shouldRefuseAnAnswerNamingFieldAndValueWhenItDoesNotFitTheBatch() {
        assertEquals("sampleId 'z' is not in the query batch of round 3 of campaign c1",
                refusal(() -> VendorLabels.answer(BATCH, "z", 0, "acme", T0)));
        assertEquals("label 4 of sample a is outside [0, 4)", refusal(() -> VendorLabels.answer(BATCH, "a", 4, "acme", T0)));
        assertEquals("label -1 of sample a is outside [0, 4)", refusal(() -> VendorLabels.answer(BATCH, "a", -1, "acme", T0)));
        assertEquals("annotatorId ' ' is blank: name who labeled sample a",
                refusal(() -> VendorLabels.answer(BATCH, "a", 0, " ", T0)));
        assertEquals("vendorName '' is blank: it names the consumer group",
                refusal(() -> VendorLabels.consumerProperties("localhost:9092", "")));
    }

    @Test
    void shouldConfigureAnIdempotentProducerWhoseBytesSsalDecodes() throws Exception {
        Properties props = VendorLabels.producerProperties("localhost:9092");
        LabelReceived label = VendorLabels.answer(BATCH, "a", 1, "acme", T0);

        assertEquals("true", props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        @SuppressWarnings("unchecked")
        Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>) Class.forName(
                (String) props.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)).getDeclaredConstructor().newInstance();
        assertEquals(label, EventCodec.decode(serializer.serialize(Topics.LABELS_RECEIVED, label)),
                "the single-object encoding the tracker reads");
    }

    @Test
    void shouldConfigureACommittedReadingConsumerThatCommitsOnlyWhatWasAnswered() throws Exception {
        Properties props = VendorLabels.consumerProperties("localhost:9092", "acme");

        assertEquals("vendor-acme", props.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("false", props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("earliest", props.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        @SuppressWarnings("unchecked")
        Deserializer<SpecificRecord> deserializer = (Deserializer<SpecificRecord>) Class.forName(
                (String) props.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)).getDeclaredConstructor().newInstance();
        assertEquals(BATCH, deserializer.deserialize(Topics.QUERY_BATCH, EventCodec.encode(BATCH)));
    }

    private static String refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
