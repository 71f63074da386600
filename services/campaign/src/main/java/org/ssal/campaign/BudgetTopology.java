package org.ssal.campaign;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.ssal.events.BudgetState;
import org.ssal.schemas.EventCodec;

/**
 * The budget tracker (DESIGN §4): one processor keeps a ledger per campaign and decides which
 * query batches and labels count. It is the only place where the budget is enforced, so it must
 * see every event of a campaign in order: all inputs are keyed by campaign id and read by one
 * source, which makes them one sub-topology whose task for partition p owns the ledgers of the
 * campaigns hashed to p.
 *
 * <p>Inputs are read as raw bytes and decoded inside the processor, so that a record which is not
 * an event becomes a {@code Rejected} on dead-letter instead of a deserialization failure that
 * stops the stream thread.
 */
public final class BudgetTopology {
    /** Persistent store: campaignId → {@link BudgetState}; read by the REST API (interactive queries). */
    public static final String LEDGER_STORE = "campaign-ledger";
    /** Value of {@code service} in the Rejected events of this topology. */
    public static final String SERVICE = "budget-tracker";
    /** Kafka Streams application id (consumer group, prefix of the changelog topic). */
    public static final String APPLICATION_ID = "ssal-budget-tracker";

    /** The inputs under their default names ({@link TrackerTopics#DEFAULT}). */
    public static final List<String> INPUT_TOPICS = TrackerTopics.DEFAULT.inputs();

    static final String SOURCE = "campaign-events";
    static final String PROCESSOR = "budget-tracker";
    static final String SINK_BUDGET_STATE = "budget-state-sink";
    static final String SINK_DEAD_LETTER = "dead-letter-sink";

    private BudgetTopology() {
    }

    /** The topology with its persistent (RocksDB) ledger on the default topics. */
    public static Topology build() {
        return build(TrackerTopics.DEFAULT);
    }

    /** The topology with its persistent (RocksDB) ledger: what the service runs. */
    public static Topology build(TrackerTopics topics) {
        return build(topics, Stores.persistentKeyValueStore(LEDGER_STORE));
    }

    /**
     * The topology on the default topics with another ledger store, named {@link #LEDGER_STORE}
     * (tests that pipe thousands of records use an in-memory one: TopologyTestDriver commits, and
     * so flushes RocksDB, after every record).
     */
    public static Topology build(KeyValueBytesStoreSupplier ledgerStore) {
        return build(TrackerTopics.DEFAULT, ledgerStore);
    }

    public static Topology build(TrackerTopics topics, KeyValueBytesStoreSupplier ledgerStore) {
        if (!LEDGER_STORE.equals(ledgerStore.name())) {
            throw new IllegalArgumentException("the ledger store must be named " + LEDGER_STORE);
        }
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.inputs().toArray(String[]::new));
        topology.addProcessor(PROCESSOR, () -> new BudgetProcessor(topics), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                ledgerStore, Serdes.String(), ledgerSerde()), PROCESSOR);
        topology.addSink(SINK_BUDGET_STATE, topics.budgetState(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        topology.addSink(SINK_DEAD_LETTER, topics.deadLetter(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        return topology;
    }

    /** Ledger values are stored exactly as they are published: single-object encoded Avro. */
    public static Serde<BudgetState> ledgerSerde() {
        return Serdes.serdeFrom(
                (topic, state) -> state == null ? null : EventCodec.encode(state),
                (topic, bytes) -> bytes == null ? null : EventCodec.decode(bytes, BudgetState.class));
    }
}
