package org.ssal.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Rejections;
import org.ssal.schemas.Topics;

/** What a handler wants sent; the processor sends it in the same transaction as the input offsets. */
public final class Outbox {
    private final String service;
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    public Outbox(String service) {
        this.service = service;
    }

    public void send(String topic, String key, SpecificRecord event) {
        records.add(new ProducerRecord<>(topic, key, EventCodec.encode(event)));
    }

    /** Sends the record, unchanged, to dead-letter with the reason. */
    public void reject(ConsumerRecord<String, byte[]> record, String reason) {
        send(Topics.DEAD_LETTER, record.key(), rejected(service, record, reason));
    }

    /** The dead-letter event for a consumed record, stamped with the current time. */
    public static Rejected rejected(String service, ConsumerRecord<String, byte[]> record, String reason) {
        return Rejections.rejected(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                reason, service, Instant.now());
    }

    /** Takes the records out (the processor sends them; tests inspect them). */
    public List<ProducerRecord<String, byte[]>> drain() {
        List<ProducerRecord<String, byte[]>> out = List.copyOf(records);
        records.clear();
        return out;
    }

    int size() {
        return records.size();
    }

    /** Where the outbox stands now: what {@link #rollBackTo} returns to. */
    int mark() {
        return records.size();
    }

    /**
     * Drops what was added since {@code mark}: a handler that throws half-way must not leave part
     * of its outputs to be committed with the record's Rejected.
     */
    void rollBackTo(int mark) {
        if (mark < 0 || mark > records.size()) {
            throw new IllegalArgumentException("mark " + mark + " is not within the outbox of " + records.size());
        }
        records.subList(mark, records.size()).clear();
    }
}
