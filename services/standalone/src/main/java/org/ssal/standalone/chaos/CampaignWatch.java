package org.ssal.standalone.chaos;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/**
 * The chaos run's view of its campaigns while they run: the committed events of the topics the
 * services write, read as they come (read_committed, no group). It answers what the run waits
 * for: how many events came, whether a campaign completed, and when each target last wrote.
 * The verdict on a campaign is not taken from here but from its full log ({@link CampaignCheck}).
 */
final class CampaignWatch implements AutoCloseable {
    private static final List<String> TOPICS = List.of(Topics.PRETRAIN_COMPLETE, Topics.EMBEDDINGS_READY,
            Topics.QUERY_BATCH, Topics.LABELS_RECEIVED, Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.LABELS,
            Topics.STRATEGY_SWITCHED, Topics.ENCODER_CHOSEN);

    private final EventLog log;
    private final Set<String> tracked = new HashSet<>();
    private final Set<String> ledgerCompleted = new HashSet<>();
    private final Map<String, Integer> budget = new HashMap<>();
    private final Map<String, Integer> evaluatedLabels = new HashMap<>();
    private final Set<String> embedded = new HashSet<>();
    private final Map<ChaosTarget, Long> lastWrite = new EnumMap<>(ChaosTarget.class);
    private long events;
    private long lastEventAt = System.nanoTime();

    CampaignWatch(String bootstrap) {
        this.log = new EventLog(bootstrap, TOPICS);
    }

    void track(String campaignId) {
        tracked.add(campaignId);
    }

    /** Reads what has come (waiting at most 100 ms); returns how many events of tracked campaigns. */
    int poll() {
        int seen = 0;
        for (SpecificRecord event : log.poll(Duration.ofMillis(100))) {
            String campaign = campaignOf(event);
            if (campaign == null || !tracked.contains(campaign)) {
                continue;
            }
            seen++;
            long now = System.nanoTime();
            for (ChaosTarget target : ChaosTarget.values()) {
                if (target.wrote(event)) {
                    lastWrite.put(target, now);
                }
            }
            if (event instanceof EmbeddingsReady) {
                embedded.add(campaign);
            } else if (event instanceof RoundEvaluated r) {
                evaluatedLabels.merge(campaign, r.getLabeledCount(), Math::max);
            } else if (event instanceof BudgetState s) {
                budget.put(campaign, s.getBudget());
                if (s.getStatus() == CampaignStatus.COMPLETED) {
                    ledgerCompleted.add(campaign);
                }
            }
        }
        events += seen;
        if (seen > 0) {
            lastEventAt = System.nanoTime();
        }
        return seen;
    }

    /** Events of tracked campaigns read so far. */
    long events() {
        return events;
    }

    /**
     * Done: the ledger says COMPLETED (every label of the budget counted) and the scorer has
     * evaluated the last round, its last output; the ledger alone completes before that.
     */
    /** When an event of a tracked campaign was last read, or this watch began (System.nanoTime). */
    long lastEventAt() {
        return lastEventAt;
    }

    boolean completed(String campaignId) {
        return ledgerCompleted.contains(campaignId)
                && evaluatedLabels.getOrDefault(campaignId, -1) >= budget.getOrDefault(campaignId, Integer.MAX_VALUE);
    }

    boolean embedded(String campaignId) {
        return embedded.contains(campaignId);
    }

    /** When an event {@code target} wrote was last read (System.nanoTime), or {@link Long#MIN_VALUE}. */
    long lastWriteOf(ChaosTarget target) {
        return lastWrite.getOrDefault(target, Long.MIN_VALUE);
    }

    /** The campaign an event belongs to: every ssal event names it in its {@code campaignId} field. */
    static String campaignOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("campaignId");
        return field == null ? null : String.valueOf(event.get(field.pos()));
    }

    @Override
    public void close() {
        log.close();
    }
}
