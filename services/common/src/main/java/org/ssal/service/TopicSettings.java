package org.ssal.service;

/**
 * How ssal's topics are made (DESIGN §3): the event log is the audit trail, so event topics keep
 * their records until the user says otherwise; tables (the latest value per key) are compacted.
 *
 * @param partitions        partitions of every ssal topic; all must have the same count, because the
 *                          budget tracker reads partition p of every input topic in one task
 * @param replicationFactor replicas per partition (1 for the embedded broker; deploy/ uses 3)
 * @param minInsyncReplicas replicas that must have a record before a producer with acks=all is
 *                          told it is written (deploy/ uses 2)
 * @param retentionMs       how long event topics keep records; -1 = forever (the default)
 */
public record TopicSettings(int partitions, int replicationFactor, int minInsyncReplicas, long retentionMs) {
    public static final long FOREVER = -1L;

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("ssal.topics.partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("ssal.topics.replication-factor must be >= 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("ssal.topics.min-insync-replicas must be in [1, replication factor "
                    + replicationFactor + "], got " + minInsyncReplicas);
        }
        if (retentionMs != FOREVER && retentionMs < 1) {
            throw new IllegalArgumentException("ssal.topics.retention-ms must be -1 (forever) or > 0, got " + retentionMs);
        }
    }

    /** The {@code ssal.topics.*} settings; bad values are refused naming the key and the value. */
    public static TopicSettings of(SharedConfig.TopicNames topics) {
        return new TopicSettings(topics.partitions(), topics.replicationFactor(), topics.minInsyncReplicas(),
                topics.retentionMs());
    }

    /** One broker, events kept forever. */
    public static TopicSettings singleNode(int partitions) {
        return new TopicSettings(partitions, 1, 1, FOREVER);
    }
}
