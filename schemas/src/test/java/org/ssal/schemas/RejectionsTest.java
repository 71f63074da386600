package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ssal.events.Rejected;

class RejectionsTest {
    private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void shouldKeepOriginAndBytesWhenRecordIsRejected() {
        Rejected r = Rejections.rejected("labels-received", 1, 42L, "c1", new byte[] {1, 2, 3}, "why", "oracle", AT);

        assertEquals("labels-received", r.getTopic());
        assertEquals(1, r.getPartition());
        assertEquals(42L, r.getOffset());
        assertEquals("c1", r.getKey());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), r.getPayload());
        assertEquals("why", r.getReason());
        assertEquals("oracle", r.getService());
        assertEquals(AT, r.getRejectedAt());
        assertEquals(r, EventCodec.decode(EventCodec.encode(r), Rejected.class), "a valid event");
    }

    @Test
    void shouldStoreNoBytesWhenValueIsNull() {
        Rejected r = Rejections.rejected("", -1, -1L, null, null, "empty", "budget-tracker", AT);

        assertEquals(0, r.getPayload().remaining());
        assertEquals(r, EventCodec.decode(EventCodec.encode(r), Rejected.class));
    }
}
