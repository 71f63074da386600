package org.ssal.service;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Apache Kafka broker (KRaft, single node) inside this JVM, built from the Kafka jars:
 * the embedded default of ssal and the broker of the tests. No Docker needed.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;

    private EmbeddedBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on a free port of 127.0.0.1 (a few seconds). */
    public static EmbeddedBroker start() {
        return start(0);
    }

    /** Starts a broker on the given port of 127.0.0.1 (0 = any free port). */
    public static EmbeddedBroker start(int port) {
        EmbeddedKafkaBroker configured = new EmbeddedKafkaBroker();
        if (port > 0) {
            configured = configured.withKafkaPort(port);
        }
        EmbeddedKafkaBroker broker = configured
                .withKafkaHost("127.0.0.1")
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    // one node: internal topics cannot have more replicas than that
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("auto.create.topics.enable", "false");
                })
                .start();
        return new EmbeddedBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceFirst("^[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
