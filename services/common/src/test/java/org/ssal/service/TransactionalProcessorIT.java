package org.ssal.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
        return QueryBatch.newBuilder().setCampaignId(campaign).setRound(0).setSampleIds(ids).setNumClasses(2)
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

        EventHandler healthy = (record, out) -> out.send(Topics.LABELS_RECEIVED, record.key(),
                LabelReceived.newBuilder().setCampaignId(campaign).setRound(0).setSampleId("x").setLabel(0)
                        .setAnnotatorId("second").setLabeledAt(Instant.EPOCH).build());
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
}
