package org.ssal.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for any ssal event. Services consume raw bytes and decode in the handler
 * instead, so that a malformed record can be sent to dead-letter; this class is for vendors'
 * consumers and tools that want typed records directly.
 */
public class EventDeserializer implements Deserializer<SpecificRecord> {
    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data);
    }
}
