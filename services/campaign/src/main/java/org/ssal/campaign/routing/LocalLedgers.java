package org.ssal.campaign.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ssal.campaign.BudgetTopology;
import org.ssal.events.BudgetState;

/** The ledgers this instance's budget tracker holds (active tasks only: a standby may lag). */
public final class LocalLedgers {
    private final KafkaStreams streams;

    public LocalLedgers(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The ledger of {@code campaignId} in the given partition of the store. */
    public Optional<BudgetState> get(String campaignId, int partition) {
        return Optional.ofNullable(store(StoreQueryParameters.fromNameAndType(BudgetTopology.LEDGER_STORE,
                QueryableStoreTypes.<String, BudgetState>keyValueStore()).withPartition(partition)).get(campaignId));
    }

    /** The ledger of {@code campaignId} in whichever partition hosted here holds it. */
    public Optional<BudgetState> get(String campaignId) {
        return Optional.ofNullable(store(StoreQueryParameters.fromNameAndType(BudgetTopology.LEDGER_STORE,
                QueryableStoreTypes.<String, BudgetState>keyValueStore())).get(campaignId));
    }

    /** Every ledger of the partitions hosted here. */
    public List<BudgetState> all() {
        requireRunning(streams);
        List<BudgetState> out = new ArrayList<>();
        try (KeyValueIterator<String, BudgetState> all = store(StoreQueryParameters.fromNameAndType(
                BudgetTopology.LEDGER_STORE, QueryableStoreTypes.<String, BudgetState>keyValueStore())).all()) {
            while (all.hasNext()) {
                KeyValue<String, BudgetState> entry = all.next();
                out.add(entry.value);
            }
        }
        return out;
    }

    /**
     * Reads only while the tracker is RUNNING: during a rebalance a partition may be on its way
     * to or from this instance, and "not here" would read as "unknown campaign".
     */
    static void requireRunning(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new LedgerUnavailableException("the budget tracker is " + state + ", not RUNNING");
        }
    }

    private ReadOnlyKeyValueStore<String, BudgetState> store(
            StoreQueryParameters<ReadOnlyKeyValueStore<String, BudgetState>> parameters) {
        return streams.store(parameters);
    }
}
