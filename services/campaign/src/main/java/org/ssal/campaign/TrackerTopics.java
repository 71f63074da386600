package org.ssal.campaign;

import java.util.List;
import org.ssal.schemas.Topics;
import org.ssal.service.SharedConfig;

/**
 * The topics the budget tracker reads and writes, by role. Taken from {@link SharedConfig} in the
 * service; {@link #DEFAULT} (the names of {@link Topics}) where no config is at hand, as in tests.
 */
public record TrackerTopics(String campaigns, String queryBatch, String labelsReceived, String roundEvaluated,
                            String budgetState, String labels, String deadLetter) {
    public static final TrackerTopics DEFAULT = new TrackerTopics(Topics.CAMPAIGNS, Topics.QUERY_BATCH,
            Topics.LABELS_RECEIVED, Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.LABELS, Topics.DEAD_LETTER);

    public static TrackerTopics of(SharedConfig.TopicNames topics) {
        return new TrackerTopics(topics.campaigns(), topics.queryBatch(), topics.labelsReceived(),
                topics.roundEvaluated(), topics.budgetState(), topics.labels(), topics.deadLetter());
    }

    /**
     * What the tracker consumes, in one source, written with any key to any partition: the
     * tracker re-keys them by campaign itself (BudgetTopology).
     */
    public List<String> inputs() {
        return List.of(campaigns, queryBatch, labelsReceived, roundEvaluated);
    }
}
