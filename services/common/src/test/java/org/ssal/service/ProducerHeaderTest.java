package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

class ProducerHeaderTest {
    private static ConsumerRecord<String, byte[]> record(String topic, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, 5L, 0L, TimestampType.CREATE_TIME, 0, 0, "c-1", new byte[0], headers,
                Optional.empty());
    }

    @Test
    void shouldTakeABudgetStateFromTheTracker() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ProducerHeader.of(ProducerHeader.BUDGET_TRACKER));
        assertNull(ProducerHeader.problemOf(record(Topics.BUDGET_STATE, headers)));
        assertEquals("budget-tracker", ProducerHeader.producerOf(headers));
    }

    @Test
    void shouldRefuseABudgetStateWithoutTheHeaderNamingTopicAndHeader() {
        UntrustedRecordException e = assertThrows(UntrustedRecordException.class,
                () -> ProducerHeader.require(record(Topics.BUDGET_STATE, new RecordHeaders())));
        assertTrue(e.getMessage().contains("header ssal-producer = (none)"), e.getMessage());
        assertTrue(e.getMessage().contains(Topics.BUDGET_STATE), e.getMessage());
    }

    @Test
    void shouldRefuseABudgetStateFromAnotherProducerNamingIt() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ProducerHeader.NAME, "scorer".getBytes(StandardCharsets.UTF_8)));
        String problem = ProducerHeader.problemOf(record(Topics.BUDGET_STATE, headers));
        assertTrue(problem.contains("'scorer'") && problem.contains("only 'budget-tracker'"), problem);
    }

    @Test
    void shouldRefuseALabelWithoutTheTrackersHeader() {
        assertTrue(ProducerHeader.problemOf(record(Topics.LABELS, new RecordHeaders())).contains(Topics.LABELS));
        RecordHeaders headers = new RecordHeaders();
        headers.add(ProducerHeader.of(ProducerHeader.BUDGET_TRACKER));
        assertNull(ProducerHeader.problemOf(record(Topics.LABELS, headers)));
    }

    @Test
    void shouldNotAskForTheHeaderOnOtherTopics() {
        assertNull(ProducerHeader.problemOf(record(Topics.QUERY_BATCH, new RecordHeaders())));
    }
}
