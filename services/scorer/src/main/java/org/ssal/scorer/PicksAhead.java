package org.ssal.scorer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ssal.learning.round.NextBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Next batches computed while the current one is being labeled, for strategies that pick without
 * looking at labels ({@link org.ssal.learning.round.RoundPlanner#picksBeforeLabels}): when a
 * round's last label arrives, its k-center traversal is already done (or under way), and the
 * round waits only for the head. With people labeling, a round takes minutes to days; the pick
 * takes seconds.
 *
 * <p>A pick is used only for exactly the round it was computed for — same round, strategy, size,
 * labeled ids, pool and seed — and is then the batch {@link org.ssal.learning.round.RoundPlanner#nextBatch}
 * would give; anything else (a stopped campaign, a smaller remaining budget, new embeddings) is
 * computed afresh. So this changes when a batch is ready, never which batch it is.
 */
final class PicksAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PicksAhead.class);

    /** What a pick depends on. */
    record Key(int round, String strategy, int size, Set<String> labeledIds, String poolSha256, long seed) {
        Key {
            labeledIds = Set.copyOf(labeledIds);
        }
    }

    private record Pending(Key key, Future<NextBatch> batch) {
    }

    private final ExecutorService worker;
    private final Map<String, Pending> byCampaign = new HashMap<>();

    private PicksAhead(ExecutorService worker) {
        this.worker = worker;
    }

    /** Picks on one background thread (a pick itself spreads over the cores). */
    static PicksAhead onBackgroundThread() {
        return new PicksAhead(Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "scorer-picks-ahead");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Never picks ahead: every batch is computed when its round completes. */
    static PicksAhead disabled() {
        return new PicksAhead(null);
    }

    /** Starts the campaign's next pick, replacing one not taken. */
    synchronized void start(String campaignId, Key key, Callable<NextBatch> pick) {
        if (worker == null) {
            return;
        }
        Pending before = byCampaign.put(campaignId, new Pending(key, worker.submit(pick)));
        if (before != null) {
            before.batch().cancel(false);
        }
    }

    /**
     * The campaign's pick for exactly {@code key}, waiting for it if it is still running; null when
     * none was started for it (or it failed: the caller computes it, and fails as it would).
     */
    NextBatch take(String campaignId, Key key) {
        Pending pending;
        synchronized (this) {
            pending = byCampaign.remove(campaignId);
        }
        if (pending == null) {
            return null;
        }
        if (!pending.key().equals(key)) {
            pending.batch().cancel(false);
            return null;
        }
        try {
            return pending.batch().get();
        } catch (ExecutionException e) {
            LOG.warn("campaign {} round {}: the pick made ahead failed, picking again: {}", campaignId, key.round(),
                    e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Drops the campaign's pick, if one was made and not taken (the campaign stopped or failed). */
    synchronized void drop(String campaignId) {
        Pending pending = byCampaign.remove(campaignId);
        if (pending != null) {
            pending.batch().cancel(false);
        }
    }

    /** Campaigns with a pick made and not taken. */
    synchronized int pending() {
        return byCampaign.size();
    }

    /** Drops every pick not taken (the view is rebuilt from the log). */
    synchronized void forget() {
        byCampaign.values().forEach(pending -> pending.batch().cancel(false));
        byCampaign.clear();
    }

    @Override
    public synchronized void close() {
        forget();
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
