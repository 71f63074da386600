package org.ssal.campaign;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.ssal.schemas.LabelKeys;

/**
 * Puts the tracker's outputs in the partition of their campaign: a budget-state record where
 * Java's default partitioner would put its key, a label (key campaign U+0000 sample) next to it,
 * so each campaign's labels stay in one partition in acceptance order. Dead-letter records keep
 * the producer's key and default partitioning.
 */
final class CampaignPartitioner implements StreamPartitioner<String, byte[]> {
    private final String deadLetterTopic;

    CampaignPartitioner(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
        if (key == null || topic.equals(deadLetterTopic)) {
            return Optional.empty();
        }
        return Optional.of(Set.of(LabelKeys.partitionOf(LabelKeys.campaignOf(key), numPartitions)));
    }
}
