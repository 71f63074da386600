package org.ssal.service.testing;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Testcontainers' Kafka (the apache/kafka image, the version of our clients). A class of its own
 * so that modules without Testcontainers on their test classpath never load it on the in-JVM path.
 */
final class ContainerBroker implements AutoCloseable {
    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    /** Its defaults fit the services: one replica for offsets and transaction logs, min ISR 1. */
    static ContainerBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerBroker(container);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
