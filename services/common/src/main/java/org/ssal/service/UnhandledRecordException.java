package org.ssal.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record whose handler failed in a way that must not become a dead letter ({@link ErrorKind}
 * TRANSIENT or FATAL): it aborts the whole batch, so the processor can retry it or stop.
 * Not a {@code KafkaException}, so it is never taken for a broker failure.
 */
final class UnhandledRecordException extends RuntimeException {
    private final ErrorKind kind;

    UnhandledRecordException(ErrorKind kind, ConsumerRecord<String, byte[]> record, Throwable cause) {
        super(kind + " failure handling " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        this.kind = kind;
    }

    ErrorKind kind() {
        return kind;
    }
}
