package org.ssal.standalone.export;

import java.util.Comparator;

/**
 * One record of the event log as the broker holds it: where it was written (topic, partition,
 * offset), its timestamp, its key, and the value bytes unchanged (single-object encoded Avro).
 *
 * @param campaignId the campaign it was attributed to ({@link CampaignLogReader#campaignOf})
 */
public record LoggedEvent(String topic, int partition, long offset, long timestamp, String key, byte[] value,
                          String campaignId) {
    /**
     * The order of an export: record timestamp, then topic name, partition and offset. The
     * timestamp comes first so the file reads as the campaign happened across topics; the rest
     * only breaks ties, and makes the order total, so two exports of one log are the same sequence.
     */
    public static final Comparator<LoggedEvent> EXPORT_ORDER = Comparator.comparingLong(LoggedEvent::timestamp)
            .thenComparing(LoggedEvent::topic)
            .thenComparingInt(LoggedEvent::partition)
            .thenComparingLong(LoggedEvent::offset);

    /** {@code topic/partition@offset}, how messages name a record. */
    public String origin() {
        return topic + "/" + partition + "@" + offset;
    }
}
