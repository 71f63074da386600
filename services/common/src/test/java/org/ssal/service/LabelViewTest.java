package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Topics;

class LabelViewTest {
    private static final String C = "c-1";

    private static LabeledSample label(String id, int label, int sequence) {
        return LabeledSample.newBuilder().setCampaignId(C).setSampleId(id).setLabel(label).setRound(0)
                .setAnnotatorId("ann").setLabeledAt(Instant.EPOCH).setSequence(sequence).build();
    }

    private static ConsumerRecord<String, byte[]> record(LabeledSample label, String producer) {
        RecordHeaders headers = new RecordHeaders();
        if (producer != null) {
            headers.add(new RecordHeader(ProducerHeader.NAME, producer.getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecord<>(Topics.LABELS, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                LabelKeys.key(C, label.getSampleId()), EventCodec.encode(label), headers, Optional.empty());
    }

    private static BudgetState ledger(int labeled) {
        return BudgetState.newBuilder().setCampaignId(C).setBudget(10).setQueried(2).setLabeled(labeled)
                .setRemaining(8).setRound(0).setRoundComplete(false).setStatus(CampaignStatus.ACTIVE)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldIgnoreAndCountALabelNotWrittenByTheBudgetTracker() {
        // Given: the tracker's label for a, then forged ones: a relabelled without a header, b by the scorer
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LabelView view = new LabelView("unused:9092", Topics.LABELS, Duration.ofSeconds(1), registry)) {
            view.take(record(label("a", 1, 0), ProducerHeader.BUDGET_TRACKER));
            view.take(record(label("a", 2, 0), null));
            view.take(record(label("b", 0, 1), "scorer"));

            // Then: the ledger's one label is the tracker's, and both forgeries were counted
            assertEquals(Map.of("a", 1), view.labelsOf(ledger(1)));
            assertEquals(2, registry.get("ssal.untrusted.records").tag("topic", Topics.LABELS).counter().count());
        }
    }
}
