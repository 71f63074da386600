package org.ssal.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;

/**
 * The budget tracker (DESIGN §4): one processor keeps a ledger per campaign and decides which
 * query batches and labels count. It is the only place where the budget is enforced, so it must
 * see every event of a campaign in order, in the task that holds the campaign's stores.
 *
 * <pre>
 * campaigns, query-batch, labels-received, round-evaluated   (any key, any partition)
 *   → campaign-keyer: key := campaignId from the value, origin in headers
 *   → on its campaign's partition (partition = murmur2(campaignId) mod ssal.topics.partitions)?
 *       yes: on to the budget tracker in the same task
 *       no:  → ssal-budget-tracker-by-campaign-repartition (partition = murmur2(campaignId)) → the budget tracker
 *   → budget-tracker: BudgetLedger + ledger, queried, label and definition stores
 *   → budget-state (key campaignId) | labels (key campaignId U+0000 sampleId, partition of campaignId) | dead-letter,
 *     every output with header ssal-producer: budget-tracker
 * </pre>
 *
 * The tracker re-keys through a repartition topic it owns, instead of trusting that producers
 * partition by campaign id the way Java does (librdkafka's default CRC32 does not), but only the
 * records that are not on their campaign's partition take it: one task reads partition p of every
 * input and of the repartition topic, so it sees all of a campaign's events either way. Order:
 * the records of one input partition take one path, so they stay in order; records on different
 * partitions (different producers, or keys other than the campaign id) were never ordered with
 * respect to each other, and a moved record is judged later than it would have been directly.
 *
 * <p>Inputs are read as raw bytes and decoded inside the processors, so that a record which is not
 * an event becomes a {@code Rejected} on dead-letter instead of a deserialization failure that
 * stops the stream thread.
 */
public final class BudgetTopology {
    /** Persistent store: campaignId → {@link BudgetState}; read by the REST API (interactive queries). */
    public static final String LEDGER_STORE = "campaign-ledger";
    /** Persistent store: {@code LabelKeys.key(campaign, sample)} → round of the batch that queried it. */
    public static final String QUERIED_STORE = "campaign-queried-samples";
    /**
     * Persistent store: {@code LabelKeys.key(campaign, sample)} → accepted {@link LabeledSample},
     * encoded as on the labels topic (read it with {@link #decodeLabel}); a prefix scan of
     * {@code LabelKeys.prefix(campaign)} lists a campaign's labels (REST {@code ?labels=true}).
     * Without a changelog: rebuilt from the labels topic whenever a task starts ({@link LabelStore}).
     */
    public static final String LABEL_STORE = "campaign-labels";
    /** Persistent store: campaignId → the {@link CampaignCreated} that opened it, to tell a redelivery from a redefinition. */
    public static final String DEFINITION_STORE = "campaign-definitions";
    /** Value of {@code service} in the Rejected events of this topology. */
    public static final String SERVICE = "budget-tracker";
    /** Kafka Streams application id (consumer group, prefix of the changelog and repartition topics). */
    public static final String APPLICATION_ID = "ssal-budget-tracker";
    /** Name of the repartition step; its topic is {@link #REPARTITION_TOPIC}. */
    static final String BY_CAMPAIGN = "by-campaign";
    /** The internal topic Kafka Streams creates (and purges) for the re-keyed inputs. */
    public static final String REPARTITION_TOPIC = APPLICATION_ID + "-" + BY_CAMPAIGN + "-repartition";

    /** The inputs under their default names ({@link TrackerTopics#DEFAULT}). */
    public static final List<String> INPUT_TOPICS = TrackerTopics.DEFAULT.inputs();

    static final String SOURCE = "campaign-events";
    static final String KEYER = "campaign-keyer";
    static final String ON_PARTITION = "on-campaign-partition";
    static final String OFF_PARTITION = "off-campaign-partition";
    static final String MERGE = "all-by-campaign";
    static final String PROCESSOR = "budget-tracker";
    static final String SINK = "tracker-outputs";

    private BudgetTopology() {
    }

    /** The topology with persistent (RocksDB) stores on the default topics. */
    public static Topology build() {
        return build(TrackerTopics.DEFAULT);
    }

    /** The topology with persistent (RocksDB) stores, meters in the global registry. */
    public static Topology build(TrackerTopics topics) {
        return build(topics, Metrics.globalRegistry);
    }

    /** The topology with persistent (RocksDB) stores: what the service runs, its meters in {@code registry}. */
    public static Topology build(TrackerTopics topics, MeterRegistry registry) {
        return build(topics, Stores::persistentKeyValueStore, registry, new KafkaLabelReplay());
    }

    /**
     * The topology for TopologyTestDriver, which has no broker to rebuild the label store from and
     * never restarts a task: default topics, persistent stores, the label store starts empty.
     */
    static Topology buildForTestDriver() {
        return buildForTestDriver(TrackerTopics.DEFAULT, Stores::persistentKeyValueStore, Metrics.globalRegistry);
    }

    /**
     * The topology on the default topics with in-memory stores (tests that pipe thousands of
     * records: TopologyTestDriver commits, and so flushes RocksDB, after every record).
     */
    static Topology buildInMemory() {
        return buildForTestDriver(TrackerTopics.DEFAULT, Stores::inMemoryKeyValueStore, Metrics.globalRegistry);
    }

    /** {@link #buildForTestDriver()} with other topics, stores or meter registry. */
    static Topology buildForTestDriver(TrackerTopics topics, Function<String, KeyValueBytesStoreSupplier> stores,
                                       MeterRegistry registry) {
        return build(topics, stores, registry, LabelReplay.NOTHING);
    }

    /**
     * @param stores      the store supplier for a store name (persistent or in-memory)
     * @param registry    where the decisions are counted ({@link TrackerMetrics})
     * @param labelReplay where a task's label store is rebuilt from when it starts
     */
    static Topology build(TrackerTopics topics, Function<String, KeyValueBytesStoreSupplier> stores,
                          MeterRegistry registry, LabelReplay labelReplay) {
        TrackerMetrics metrics = new TrackerMetrics(registry);
        StreamsBuilder builder = new StreamsBuilder();
        // cached: a campaign's ledger changes with every label; its changelog needs only the last
        // state of each commit (exactly-once flushes the cache in the transaction that commits it)
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(LEDGER_STORE), Serdes.String(), ledgerSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(QUERIED_STORE), Serdes.String(), Serdes.Integer()));
        // no changelog: it would copy the labels topic record for record; rebuilt from that topic instead
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(LABEL_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(DEFINITION_STORE), Serdes.String(),
                eventSerde(CampaignCreated.class)));
        KStream<String, InputValue> keyed = builder.stream(topics.inputs(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE))
                .process(CampaignKeyer::new, Named.as(KEYER));
        KStream<String, InputValue> onTheirPartition = keyed.process(
                () -> new CampaignPartitionRoute(topics.partitions(), true), Named.as(ON_PARTITION));
        // the repartition topic gets the input's bytes unchanged (the same bytes as before InputValue)
        KStream<String, InputValue> moved = keyed.process(
                        () -> new CampaignPartitionRoute(topics.partitions(), false), Named.as(OFF_PARTITION))
                .repartition(Repartitioned.<String, InputValue>as(BY_CAMPAIGN)
                        .withKeySerde(Serdes.String()).withValueSerde(InputValue.serde())
                        .withNumberOfPartitions(topics.partitions())
                        .withStreamPartitioner((topic, key, value, n) -> Optional.of(Set.of(LabelKeys.partitionOf(key, n)))));
        onTheirPartition.merge(moved, Named.as(MERGE))
                .process(() -> new BudgetProcessor(topics, metrics, labelReplay), Named.as(PROCESSOR), LEDGER_STORE, QUERIED_STORE,
                        LABEL_STORE, DEFINITION_STORE)
                .to(outputTopic(topics), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withStreamPartitioner(new CampaignPartitioner(topics.deadLetter())).withName(SINK));
        return builder.build();
    }

    /** Ledger values are stored exactly as they are published: single-object encoded Avro. */
    public static Serde<BudgetState> ledgerSerde() {
        return eventSerde(BudgetState.class);
    }

    /** A label store value (the bytes written to the labels topic) as the label it is. */
    public static LabeledSample decodeLabel(byte[] stored) {
        return EventCodec.decode(stored, LabeledSample.class);
    }

    private static <T extends SpecificRecord> Serde<T> eventSerde(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, event) -> event == null ? null : EventCodec.encode(event),
                (topic, bytes) -> bytes == null ? null : EventCodec.decode(bytes, type));
    }

    /** Each output goes to the topic of its event type: budget-state, labels, or dead-letter (Rejected). */
    private static TopicNameExtractor<String, byte[]> outputTopic(TrackerTopics topics) {
        return (key, value, context) -> {
            Class<?> type = EventCodec.typeOf(value);
            if (type == BudgetState.class) {
                return topics.budgetState();
            }
            return type == LabeledSample.class ? topics.labels() : topics.deadLetter();
        };
    }
}
