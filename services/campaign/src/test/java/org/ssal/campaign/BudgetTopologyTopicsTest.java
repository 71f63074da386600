package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import io.micrometer.core.instrument.Metrics;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.BudgetState;
import org.ssal.events.LabeledSample;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;

/** The tracker on configured topic names: it reads and writes those, and takes each event from its own. */
class BudgetTopologyTopicsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final TrackerTopics RENAMED = new TrackerTopics("x-campaigns", "x-query-batch",
            "x-labels-received", "x-round-evaluated", "x-budget-state", "x-labels", "x-dead-letter", 2);

    @TempDir
    Path stateDir;

    @Test
    void shouldReadAndWriteTheConfiguredTopicsWhenNamesAreNotTheDefaults() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, BudgetTopology.APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(BudgetTopology.buildForTestDriver(RENAMED,
                Stores::inMemoryKeyValueStore, Metrics.globalRegistry), props, T0)) {
            TestOutputTopic<String, byte[]> states = output(driver, "x-budget-state");
            TestOutputTopic<String, byte[]> deadLetters = output(driver, "x-dead-letter");
            TestOutputTopic<String, byte[]> labels = output(driver, "x-labels");

            input(driver, "x-campaigns").pipeInput("c1", EventCodec.encode(BudgetTopologyTest.created("c1", 10)), T0);
            input(driver, "x-labels-received").pipeInput("c1",
                    EventCodec.encode(BudgetTopologyTest.batch("c1", 0, "a")), T0);

            assertEquals(10, EventCodec.decode(states.readValue(), BudgetState.class).getBudget());
            assertTrue(states.isEmpty());
            Rejected rejected = EventCodec.decode(deadLetters.readValue(), Rejected.class);
            assertEquals("unexpected QueryBatch event on topic x-labels-received", rejected.getReason());
            assertEquals("x-labels-received", rejected.getTopic());

            input(driver, "x-query-batch").pipeInput("c1", EventCodec.encode(BudgetTopologyTest.batch("c1", 0, "a")), T0);
            input(driver, "x-labels-received").pipeInput("c1", EventCodec.encode(BudgetTopologyTest.label("c1", "a", 1)), T0);

            assertEquals("a", EventCodec.decode(labels.readValue(), LabeledSample.class).getSampleId());
            assertEquals(1, EventCodec.decode(states.readValuesToList().get(1), BudgetState.class).getLabeled());
        }
    }

    private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private static TestOutputTopic<String, byte[]> output(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }
}
