package org.ssal.campaign;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ssal.events.BudgetState;

/**
 * The ledger store as the budget tracker's processor sees it, keeping the ledgers it read or wrote
 * last as objects: the store holds them encoded, and reading one back decoded the whole
 * {@link BudgetState} for every label, 7 % of the stream thread's time (JFR, docs/benchmarks.md).
 * Every write still goes to the store at once, so its changelog and what interactive queries read
 * are as before.
 *
 * <p>Sound because the processor is the store's only writer in its task, and whatever else
 * changes the store (a restore from the changelog after a crash, a rebalance or an aborted
 * transaction) happens before Kafka Streams initialises the processor again, which starts a new
 * one of these. The objects are shared with {@code BudgetLedger}, which never changes a ledger it
 * is given.
 */
final class LedgerReadThrough {
    /** More campaigns than a task judges at a time; a campaign left out is read from the store again. */
    private static final int REMEMBERED = 1024;
    private final KeyValueStore<String, BudgetState> store;
    private final Map<String, BudgetState> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BudgetState> eldest) {
            return size() > REMEMBERED;
        }
    };

    LedgerReadThrough(KeyValueStore<String, BudgetState> store) {
        this.store = store;
    }

    /** The campaign's ledger, or null when it has none. */
    BudgetState get(String campaignId) {
        BudgetState ledger = recent.get(campaignId);
        if (ledger == null) {
            ledger = store.get(campaignId);
            if (ledger != null) {
                recent.put(campaignId, ledger);
            }
        }
        return ledger;
    }

    void put(BudgetState ledger) {
        store.put(ledger.getCampaignId(), ledger);
        recent.put(ledger.getCampaignId(), ledger);
    }
}
