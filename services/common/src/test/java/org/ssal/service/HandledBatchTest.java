package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignFailed;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;

/** One poll's records: each one's outputs all or nothing, offsets past every record. */
class HandledBatchTest {
    private static final int OUTPUTS_BEFORE_FAILING = 3;

    private static ConsumerRecord<String, byte[]> batch(String campaign, long offset) {
        QueryBatch batch = QueryBatch.newBuilder().setCampaignId(campaign).setRound(0)
                .setSampleIds(List.of("a", "b", "c", "d", "e")).setNumClasses(2).setStrategy("random")
                .setSelectionSeed(1L).setCreatedAt(Instant.EPOCH).build();
        return new ConsumerRecord<>(Topics.QUERY_BATCH, 0, offset, campaign, EventCodec.encode(batch));
    }

    private static LabelReceived label(String campaign, String sample) {
        return LabelReceived.newBuilder().setCampaignId(campaign).setRound(0).setSampleId(sample).setLabel(1)
                .setAnnotatorId("test").setLabeledAt(Instant.EPOCH).build();
    }

    /** Labels every sample of a batch, but fails after {@value #OUTPUTS_BEFORE_FAILING} for campaign "bad". */
    private static EventHandler failingAfterK(RuntimeException failure) {
        return (record, out) -> {
            QueryBatch batch = EventCodec.decode(record.value(), QueryBatch.class);
            int sent = 0;
            for (String id : batch.getSampleIds()) {
                if (batch.getCampaignId().equals("bad") && sent == OUTPUTS_BEFORE_FAILING) {
                    throw failure;
                }
                out.send(Topics.LABELS_RECEIVED, record.key(), label(batch.getCampaignId(), id));
                sent++;
            }
        };
    }

    private static List<SpecificRecord> events(List<ProducerRecord<String, byte[]>> outputs) {
        return outputs.stream().map(r -> EventCodec.decode(r.value())).toList();
    }

    @Test
    void shouldCommitOnlyTheRejectedWhenAHandlerFailsAfterSomeOutputs() {
        HandledBatch handled = HandledBatch.handle("oracle", List.of(batch("bad", 7)),
                failingAfterK(new IllegalStateException("disk on fire")));

        List<SpecificRecord> events = events(handled.outputs());
        assertEquals(1, events.size(), "only the Rejected, none of the " + OUTPUTS_BEFORE_FAILING + " labels: " + events);
        Rejected rejected = assertInstanceOf(Rejected.class, events.get(0));
        assertEquals(Topics.DEAD_LETTER, handled.outputs().get(0).topic());
        assertEquals(7L, rejected.getOffset());
        assertEquals("IllegalStateException: disk on fire", rejected.getReason());
        assertEquals(1, handled.rejected());
        assertEquals(Map.of(new TopicPartition(Topics.QUERY_BATCH, 0), new OffsetAndMetadata(8)), handled.offsets());
    }

    @Test
    void shouldKeepTheOutputsOfTheOtherRecordsOfThePollWhenOneFails() {
        HandledBatch handled = HandledBatch.handle("oracle",
                List.of(batch("good-1", 10), batch("bad", 11), batch("good-2", 12)),
                failingAfterK(new RejectedEventException("sample d is not in the pool")));

        List<SpecificRecord> events = events(handled.outputs());
        assertEquals(5 + 1 + 5, events.size(), events.toString());
        assertEquals(List.of("good-1", "good-1", "good-1", "good-1", "good-1"), campaignsOf(events.subList(0, 5)));
        assertEquals("sample d is not in the pool", assertInstanceOf(Rejected.class, events.get(5)).getReason());
        assertEquals(List.of("good-2", "good-2", "good-2", "good-2", "good-2"), campaignsOf(events.subList(6, 11)));
        assertEquals(Map.of(new TopicPartition(Topics.QUERY_BATCH, 0), 10L), handled.firstOffsets());
        assertEquals(Map.of(new TopicPartition(Topics.QUERY_BATCH, 0), new OffsetAndMetadata(13)), handled.offsets());
    }

    @Test
    void shouldCommitTheRejectedAndTheCampaignFailedButNoPartialOutputsWhenTheCampaignFails() {
        HandledBatch handled = HandledBatch.handle("scorer", List.of(batch("bad", 0)),
                failingAfterK(new CampaignFailedException("bad", "initialSize", 9, -1, "too large")));

        List<SpecificRecord> events = events(handled.outputs());
        assertEquals(2, events.size(), events.toString());
        assertInstanceOf(Rejected.class, events.get(0));
        CampaignFailed failed = assertInstanceOf(CampaignFailed.class, events.get(1));
        assertEquals(Topics.CAMPAIGNS, handled.outputs().get(1).topic());
        assertEquals("initialSize", failed.getField());
        assertEquals("scorer", failed.getService());
    }

    private static List<String> campaignsOf(List<SpecificRecord> events) {
        return events.stream().map(e -> assertInstanceOf(LabelReceived.class, e).getCampaignId()).toList();
    }

    @Test
    void shouldDeadLetterNothingAndAbortTheBatchWhenAHandlerFailsTransiently() {
        UnhandledRecordException e = assertThrows(UnhandledRecordException.class, () -> HandledBatch.handle("scorer",
                List.of(batch("good-1", 3), batch("bad", 4)),
                failingAfterK(new UncheckedIOException("artifact not found", new NoSuchFileException("pool.bin")))));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains(Topics.QUERY_BATCH + "-0@4"), e.getMessage());
    }

    @Test
    void shouldAbortTheBatchWhenAHandlerFailureHidesAnOutOfMemoryError() {
        UnhandledRecordException e = assertThrows(UnhandledRecordException.class, () -> HandledBatch.handle("trainer",
                List.of(batch("bad", 0)), failingAfterK(new IllegalStateException("training failed",
                        new OutOfMemoryError("Java heap space")))));
        assertEquals(ErrorKind.FATAL, e.kind());
    }
}
