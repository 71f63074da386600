package org.ssal.campaign;

import java.util.List;
import org.ssal.schemas.Topics;
import org.ssal.service.SharedConfig;

/**
 * The topics the budget tracker reads and writes, by role, and their partition count
 * ({@code ssal.topics.partitions}, the same for every ssal topic: {@code TopicAdmin} checks it at
 * start). Taken from {@link SharedConfig} in the service; {@link #DEFAULT} (the names of
 * {@link Topics}, 2 partitions, the config's default) where no config is at hand, as in tests.
 */
public record TrackerTopics(String campaigns, String queryBatch, String labelsReceived, String roundEvaluated,
                            String budgetState, String labels, String deadLetter, int partitions) {
    public static final TrackerTopics DEFAULT = new TrackerTopics(Topics.CAMPAIGNS, Topics.QUERY_BATCH,
            Topics.LABELS_RECEIVED, Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.LABELS, Topics.DEAD_LETTER, 2);

    public TrackerTopics {
        if (partitions < 1) {
            throw new IllegalArgumentException("ssal.topics.partitions must be >= 1, got " + partitions);
        }
    }

    public static TrackerTopics of(SharedConfig.TopicNames topics) {
        return new TrackerTopics(topics.campaigns(), topics.queryBatch(), topics.labelsReceived(),
                topics.roundEvaluated(), topics.budgetState(), topics.labels(), topics.deadLetter(), topics.partitions());
    }

    /**
     * What the tracker consumes, in one source, written with any key to any partition: the
     * tracker re-keys them by campaign itself and moves those not on their campaign's partition
     * (BudgetTopology).
     */
    public List<String> inputs() {
        return List.of(campaigns, queryBatch, labelsReceived, roundEvaluated);
    }
}
