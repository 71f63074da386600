package org.ssal.service;

import java.time.Duration;
import java.util.List;

/**
 * How one {@link TransactionalProcessor} connects: the broker, the consumer group (= service
 * name, so instances of one service share the work), a transactional id unique per instance, the
 * input topics, and how long one poll's work may take (pretraining takes minutes).
 * {@code stableInstance}: the id survives restarts (given by the deployment), so the consumer
 * uses static group membership and a restarted instance takes its partitions back at once
 * instead of waiting for the group to expel its killed predecessor.
 */
public record ProcessorSettings(String bootstrapServers, String service, String instanceId, boolean stableInstance,
                                List<String> topics, Duration maxProcessingTime) {
    public ProcessorSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must be set, got '" + bootstrapServers + "'");
        }
        topics = List.copyOf(topics);
    }
}
