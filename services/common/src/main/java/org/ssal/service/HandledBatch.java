package org.ssal.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.schemas.MalformedEventException;
import org.ssal.schemas.Topics;

/**
 * What handling one poll's records produced, ready to be committed in one transaction: the
 * outputs, the offsets to commit, and where to seek back to if that transaction aborts.
 *
 * <p>Each record's outputs are all or nothing: the outbox is marked before the record and rolled
 * back to the mark when its handler throws, so a half-done record contributes only its
 * {@code Rejected} (and, for a {@link CampaignFailedException}, its {@code CampaignFailed}), never
 * the outputs it had already put in the outbox. The other records of the poll keep theirs, so
 * many records still share one transaction.
 *
 * <p>Only {@link ErrorKind#PERMANENT} failures are dead-lettered. A transient or fatal one says
 * nothing about the record, so it must not cost the record its place in the log: it aborts the
 * whole batch with an {@link UnhandledRecordException}, and the processor retries or stops.
 *
 * @param outputs      what to send, in the order the handler put it in the outbox
 * @param offsets      per partition, the offset after the last record handled
 * @param firstOffsets per partition, the first record's offset: an aborted transaction seeks back there
 * @param rejections   why each dead-lettered record was dead-lettered, in order
 */
record HandledBatch(List<ProducerRecord<String, byte[]>> outputs, Map<TopicPartition, OffsetAndMetadata> offsets,
                    Map<TopicPartition, Long> firstOffsets, List<Exception> rejections) {
    private static final Logger LOG = LoggerFactory.getLogger(HandledBatch.class);

    static HandledBatch handle(String service, Iterable<ConsumerRecord<String, byte[]>> records, EventHandler handler) {
        Outbox outbox = new Outbox(service);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        List<Exception> rejections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(partition, record.offset());
            int mark = outbox.mark();
            try {
                handler.handle(record, outbox);
            } catch (Exception e) {
                ErrorKind kind = ErrorKind.of(e);
                if (kind != ErrorKind.PERMANENT) {
                    throw new UnhandledRecordException(kind, record, e);
                }
                outbox.rollBackTo(mark);
                reject(service, record, e, outbox);
                rejections.add(e);
            }
            offsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        return new HandledBatch(outbox.drain(), Map.copyOf(offsets), Map.copyOf(firstOffsets), List.copyOf(rejections));
    }

    /** How many records were dead-lettered. */
    long rejected() {
        return rejections.size();
    }

    /** How many of them also failed their campaign. */
    long campaignsFailed() {
        return rejections.stream().filter(e -> e instanceof CampaignFailedException).count();
    }

    /** The outputs of a failed record: its Rejected, and the CampaignFailed of a campaign that cannot go on. */
    private static void reject(String service, ConsumerRecord<String, byte[]> record, Exception e, Outbox outbox) {
        String reason = e instanceof RejectedEventException || e instanceof MalformedEventException
                ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("{} rejects {}-{}@{}: {}", service, record.topic(), record.partition(), record.offset(), reason);
        outbox.reject(record, reason);
        if (e instanceof CampaignFailedException failure) {
            outbox.send(Topics.CAMPAIGNS, failure.campaignId(), failure.toEvent(service, Instant.now()));
        }
    }
}
