package org.ssal.campaign;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.MalformedEventException;

/**
 * An input record's value on its way through the budget tracker: the bytes its producer wrote
 * and, once a step needed it, the event they encode. {@link CampaignKeyer} decodes it to find the
 * campaign and {@link BudgetProcessor} judges the same event, instead of decoding the bytes a
 * second time (a record moved through the repartition topic carries only its bytes, and is
 * decoded again after it). Used by one stream thread at a time, like the record that holds it.
 */
final class InputValue {
    private final byte[] bytes;
    private SpecificRecord event;
    private MalformedEventException malformed;

    /** @param bytes the record's value as written, null included */
    InputValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The value exactly as its producer wrote it (what a dead letter carries). */
    byte[] bytes() {
        return bytes;
    }

    /**
     * The event the bytes encode, decoded on the first call.
     *
     * @throws MalformedEventException on every call, if the bytes are not an event
     */
    SpecificRecord event() {
        if (event == null && malformed == null) {
            try {
                event = EventCodec.decode(bytes);
            } catch (MalformedEventException e) {
                malformed = e;
            }
        }
        if (malformed != null) {
            throw malformed;
        }
        return event;
    }

    /** For the repartition topic: the bytes as they came, read back undecoded. */
    static Serde<InputValue> serde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : value.bytes(),
                (topic, bytes) -> new InputValue(bytes));
    }
}
