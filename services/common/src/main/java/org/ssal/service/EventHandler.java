package org.ssal.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The service-specific part of a consume-transform-produce step: decode, call into learning/,
 * put results in the outbox. Throw {@link RejectedEventException} (or any exception) to send the
 * record to dead-letter with the reason instead.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(ConsumerRecord<String, byte[]> record, Outbox out) throws Exception;
}
