package org.ssal.schemas;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The campaign an event belongs to. Every event of DESIGN §3 names its campaign in a
 * {@code campaignId} field and is keyed by it; readers that take events of several types look the
 * field up by name rather than by type, so that a new event type needs no change here.
 */
public final class CampaignIds {
    private CampaignIds() {
    }

    /** The event's {@code campaignId}, or null when its schema has no such field or it is unset. */
    public static String campaignIdOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("campaignId");
        return field == null ? null : Objects.toString(event.get(field.pos()), null);
    }
}
