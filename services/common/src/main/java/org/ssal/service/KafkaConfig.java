package org.ssal.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where the Kafka cluster is: {@code kafka.bootstrap.servers}, the key Quarkus' Kafka extensions
 * and the deployments (KAFKA_BOOTSTRAP_SERVERS) already use, so it stays outside {@code ssal.*}.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {
    /** {@code kafka.bootstrap.servers}: host:port[,host:port...] (default localhost:9092). */
    @WithName("bootstrap.servers")
    @WithDefault("localhost:9092")
    String bootstrapServers();
}
