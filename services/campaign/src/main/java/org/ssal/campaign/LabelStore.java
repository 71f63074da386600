package org.ssal.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;

/**
 * The budget tracker's accepted labels ({@link BudgetTopology#LABEL_STORE}): key
 * {@code LabelKeys.key(campaign, sample)}, value the encoded {@link LabeledSample} exactly as the
 * processor writes it to the labels topic, so it is encoded once per label.
 *
 * <p>The store has no changelog: the labels topic holds the same records, so the processor
 * rebuilds the store from it ({@link LabelReplay}) every time Kafka Streams initialises the task,
 * after emptying it. Without a changelog nothing else brings the local copy up to date: a task that
 * comes back to an instance after another one judged labels for it finds the store as it left it,
 * and a new machine finds none. Emptying it first makes its content exactly the topic's whatever
 * Streams did to the local files: under exactly-once it deletes a task's state after a dirty
 * close, but it would not under at-least-once, and labels stored in an aborted transaction must
 * not survive. Streams initialises the processor again after anything that could make the store
 * differ from what is committed (a restart, a rebalance, an aborted transaction), as for the
 * ledgers ({@link LedgerReadThrough}).
 */
final class LabelStore {
    /** Records per write batch while rebuilding: RocksDB writes a batch at once. */
    private static final int BATCH = 1000;
    private final KeyValueStore<String, byte[]> store;

    LabelStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The label accepted for the sample, or null. */
    LabeledSample get(String campaignId, String sampleId) {
        byte[] encoded = store.get(LabelKeys.key(campaignId, sampleId));
        return encoded == null ? null : EventCodec.decode(encoded, LabeledSample.class);
    }

    /** @param encoded the label as written to the labels topic */
    void put(LabeledSample label, byte[] encoded) {
        store.put(LabelKeys.key(label.getCampaignId(), label.getSampleId()), encoded);
    }

    /**
     * Empties the store and fills it with the labels of the campaigns on {@code partition} that
     * {@code replay} reads from partition {@code partition} of the labels topic (a record of a
     * campaign partitioned elsewhere cannot be one this task wrote, and is left out).
     *
     * @param partitions how many partitions the tracker's topics have ({@link LabelKeys#partitionOf})
     * @return how many records it stored
     */
    long rebuild(LabelReplay replay, Map<String, Object> appConfigs, String topic, int partition, int partitions) {
        clear();
        List<KeyValue<String, byte[]>> batch = new ArrayList<>(BATCH);
        long[] stored = {0};
        replay.replay(appConfigs, topic, partition, (key, value) -> {
            if (key == null || LabelKeys.partitionOf(LabelKeys.campaignOf(key), partitions) != partition) {
                return;
            }
            batch.add(KeyValue.pair(key, value)); // a null value (a tombstone) deletes, as on the compacted topic
            stored[0]++;
            if (batch.size() == BATCH) {
                store.putAll(batch);
                batch.clear();
            }
        });
        store.putAll(batch);
        return stored[0];
    }

    private void clear() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }
}
