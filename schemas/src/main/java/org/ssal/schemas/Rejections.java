package org.ssal.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.ssal.events.Rejected;

/**
 * Builds the {@link Rejected} event that goes to {@link Topics#DEAD_LETTER} for a record a service
 * refuses. The record is kept byte for byte, so an operator can fix and re-send it; both the plain
 * consumers (services/common's Outbox) and the Kafka Streams budget tracker build it here, so that
 * dead-letter records look the same whoever wrote them.
 */
public final class Rejections {
    private Rejections() {
    }

    /**
     * @param topic      where the record was read ("" when unknown)
     * @param partition  its partition (-1 when unknown)
     * @param offset     its offset (-1 when unknown)
     * @param key        its key, may be null
     * @param payload    its value as read, may be null (stored as no bytes)
     * @param reason     why it was refused, for a human
     * @param service    who refused it
     * @param rejectedAt when it was refused
     */
    public static Rejected rejected(String topic, int partition, long offset, String key, byte[] payload,
                                    String reason, String service, Instant rejectedAt) {
        return Rejected.newBuilder()
                .setTopic(topic).setPartition(partition).setOffset(offset)
                .setKey(key)
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .setReason(reason).setService(service).setRejectedAt(rejectedAt)
                .build();
    }
}
