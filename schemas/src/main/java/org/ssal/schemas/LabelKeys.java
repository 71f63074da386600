package org.ssal.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Keys of the {@link Topics#LABELS labels} topic and of the tracker's per-sample stores:
 * {@code campaignId U+0000 sampleId}. One key per (campaign, sample) lets compaction keep exactly
 * one label per sample; the campaign id in front lets a store list a campaign with one prefix
 * scan. Campaign ids never contain U+0000 (the tracker refuses such a campaign), so the prefix of
 * one campaign is never the prefix of another.
 */
public final class LabelKeys {
    /** Between campaign id and sample id. */
    public static final char SEPARATOR = '\u0000';

    private LabelKeys() {
    }

    /** @throws IllegalArgumentException when the campaign id contains U+0000 */
    public static String key(String campaignId, String sampleId) {
        return prefix(campaignId) + sampleId;
    }

    /** What every key of the campaign starts with. */
    public static String prefix(String campaignId) {
        if (campaignId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("campaignId must not contain U+0000, got "
                    + campaignId.replace(SEPARATOR, '?'));
        }
        return campaignId + SEPARATOR;
    }

    /** The campaign id a key starts with; a key without separator (any other topic's) is a campaign id. */
    public static String campaignOf(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    /**
     * The partition Java's default partitioner gives a record keyed by {@code campaignId}
     * (murmur2 of its UTF-8 bytes): labels are written there, next to the campaign's budget-state.
     */
    public static int partitionOf(String campaignId, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(campaignId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
