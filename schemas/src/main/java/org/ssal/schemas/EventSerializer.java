package org.ssal.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any ssal event (single-object encoding, no registry). */
public class EventSerializer implements Serializer<SpecificRecord> {
    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
