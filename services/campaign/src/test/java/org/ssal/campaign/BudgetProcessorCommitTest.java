package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.schemas.EventCodec;

/**
 * The scorer waits for the state that completes a round, and reads only committed records: the
 * processor asks Streams to commit right after that state instead of at the next commit interval,
 * and only then (a commit per label would cost the exactly-once transactions dearly).
 */
class BudgetProcessorCommitTest {
    private static final String C = "c";
    private MockProcessorContext<String, byte[]> context;
    private BudgetProcessor processor;
    private long offset;

    @BeforeEach
    void setUp() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config);
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BudgetTopology.LEDGER_STORE), Serdes.String(),
                BudgetTopology.ledgerSerde()).withLoggingDisabled().build());
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BudgetTopology.QUERIED_STORE), Serdes.String(),
                Serdes.Integer()).withLoggingDisabled().build());
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BudgetTopology.LABEL_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build());
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BudgetTopology.DEFINITION_STORE), Serdes.String(),
                Serdes.serdeFrom((topic, e) -> EventCodec.encode(e),
                        (topic, bytes) -> EventCodec.decode(bytes, CampaignCreated.class))).withLoggingDisabled().build());
        processor = new BudgetProcessor(TrackerTopics.DEFAULT, new TrackerMetrics(new SimpleMeterRegistry()),
                (appConfigs, topic, partition, into) -> { }); // nothing on the labels topic yet
        processor.init(context);
    }

    private void addStore(KeyValueStore<String, ?> store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private void process(String topic, SpecificRecord event) {
        RecordHeaders headers = new RecordHeaders();
        new OriginHeaders(topic, 0, offset++, C).writeTo(headers);
        processor.process(new Record<>(C, new InputValue(EventCodec.encode(event)), 0L, headers));
    }

    @Test
    void shouldAskForACommitOnlyWhenALabelCompletesARound() {
        TrackerTopics topics = TrackerTopics.DEFAULT;
        process(topics.campaigns(), BudgetTopologyTest.created(C, 10));
        process(topics.queryBatch(), BudgetTopologyTest.batch(C, 0, "a", "b"));
        process(topics.labelsReceived(), BudgetTopologyTest.label(C, "a", 1));
        assertFalse(context.committed(), "round 0 still waits for b");

        process(topics.labelsReceived(), BudgetTopologyTest.label(C, "b", 2));
        assertTrue(context.committed(), "b completes round 0");
        BudgetState last = lastState();
        assertTrue(last.getRoundComplete());
        assertEquals(2, last.getLabeled());

        context.resetCommit();
        process(topics.labelsReceived(), BudgetTopologyTest.label(C, "b", 2)); // a redelivery writes nothing
        assertFalse(context.committed());
    }

    private BudgetState lastState() {
        BudgetState last = null;
        for (MockProcessorContext.CapturedForward<? extends String, ? extends byte[]> forward : context.forwarded()) {
            if (EventCodec.typeOf(forward.record().value()) == BudgetState.class) {
                last = EventCodec.decode(forward.record().value(), BudgetState.class);
            }
        }
        return last;
    }
}
