package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;

class EventCodecTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static CampaignCreated created() {
        return CampaignCreated.newBuilder().setCampaignId("c1").setDataset("synthetic")
                .setDatasetOptions(Map.of("classes", "4")).setBudget(100).setInitialSize(10).setBatchSize(10)
                .setStrategy("entropy").setSeed(7L).setCreatedAt(T0).build();
    }

    @Test
    void shouldRoundTripEveryFieldWhenEncodingAnEvent() {
        QueryBatch batch = QueryBatch.newBuilder().setCampaignId("c1").setRound(2).setSampleIds(List.of("a", "b"))
                .setScores(List.of(0.5, Double.NaN)).setNumClasses(10).setStrategy("entropy").setSelectionSeed(3L)
                .setCreatedAt(T0).build();
        byte[] bytes = EventCodec.encode(batch);
        assertEquals(0xC3, bytes[0] & 0xFF);
        assertEquals(batch, EventCodec.decode(bytes));
        assertEquals(batch, EventCodec.decode(bytes, QueryBatch.class));
    }

    @Test
    void shouldTellEventTypesApartWhenOneTopicCarriesSeveral() {
        CampaignStopped stopped = CampaignStopped.newBuilder().setCampaignId("c1").setReason("done").setStoppedAt(T0).build();
        assertTrue(EventCodec.decode(EventCodec.encode(created())) instanceof CampaignCreated);
        assertTrue(EventCodec.decode(EventCodec.encode(stopped)) instanceof CampaignStopped);
    }

    @Test
    void shouldNameTheProblemWhenBytesAreNotAnEvent() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode("hello world".getBytes()));
        assertTrue(e.getMessage().contains("not an Avro single-object encoded event"), e.getMessage());
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(null));
    }

    @Test
    void shouldRejectWhenTheTypeIsNotTheExpectedOne() {
        byte[] bytes = EventCodec.encode(created());
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(bytes, LabelReceived.class));
        assertTrue(e.getMessage().contains("expected a LabelReceived event, got CampaignCreated"), e.getMessage());
    }

    @Test
    void shouldRejectATruncatedBody() {
        byte[] bytes = EventCodec.encode(created());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(truncated));
        assertTrue(e.getMessage().contains("corrupt CampaignCreated body"), e.getMessage());
    }

    @Test
    void shouldSerializeThroughTheKafkaSerdes() {
        byte[] bytes = new EventSerializer().serialize("campaigns", created());
        assertArrayEquals(EventCodec.encode(created()), bytes);
        assertEquals(created(), new EventDeserializer().deserialize("campaigns", bytes));
    }
}
