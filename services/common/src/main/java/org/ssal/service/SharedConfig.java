package org.ssal.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.Optional;
import org.ssal.schemas.Topics;

/**
 * The settings every service of a deployment shares, with their defaults declared here once, so
 * that the services cannot disagree on them. Quarkus injects each mapping; code outside CDI gets
 * them resolved through {@link SharedSettings#fromConfig()}.
 *
 * <p>One mapping per key family, not one for all of {@code ssal.*}: a mapping owns every key under
 * its prefix, and Quarkus refuses to start when a key under a mapped prefix maps to nothing
 * (SRCFG00050), which would make each service reject the others' keys ({@code ssal.oracle.*} given
 * to the campaign service, say).
 */
public final class SharedConfig {
    private SharedConfig() {
    }

    /** Where the Kafka cluster is; the key Quarkus' Kafka extensions and KAFKA_BOOTSTRAP_SERVERS use. */
    @ConfigMapping(prefix = "kafka.bootstrap")
    public interface Kafka {
        /** {@code kafka.bootstrap.servers}: host:port[,host:port...]. */
        @WithName("servers")
        @WithDefault("localhost:9092")
        String bootstrapServers();
    }

    /**
     * {@code kafka.security.protocol} (KAFKA_SECURITY_PROTOCOL): PLAINTEXT, SSL, SASL_PLAINTEXT or
     * SASL_SSL; Kafka's own key, read by {@link org.ssal.service.security.KafkaSecurity}.
     */
    @ConfigMapping(prefix = "kafka.security")
    public interface SecurityProtocol {
        @WithDefault("PLAINTEXT")
        String protocol();
    }

    /** {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config} (KAFKA_SASL_JAAS_CONFIG: a secret). */
    @ConfigMapping(prefix = "kafka.sasl")
    public interface Sasl {
        Optional<String> mechanism();

        @WithName("jaas.config")
        Optional<String> jaasConfig();
    }

    /** {@code kafka.ssl.truststore.location}, {@code .password}, {@code .type}: a broker CA the JVM does not trust. */
    @ConfigMapping(prefix = "kafka.ssl")
    public interface Ssl {
        @WithName("truststore.location")
        Optional<String> truststoreLocation();

        @WithName("truststore.password")
        Optional<String> truststorePassword();

        @WithName("truststore.type")
        Optional<String> truststoreType();
    }

    /** Who this instance is. */
    @ConfigMapping(prefix = "ssal.instance-id")
    public interface Instance {
        /**
         * {@code ssal.instance-id}: stable per instance (the container's hostname or pod name), so
         * that a restarted instance aborts its predecessor's open transaction at once; unset or
         * blank for a random one.
         */
        @WithParentName
        Optional<String> id();
    }

    /**
     * {@code ssal.topics.*}: the topics of DESIGN §3. The names default to {@link Topics}; every
     * service of a deployment must see the same names, so set them for all of them or for none.
     */
    @ConfigMapping(prefix = "ssal.topics")
    public interface TopicNames {
        /** {@code ssal.topics.partitions}: partitions of the topics created at startup. */
        @WithDefault("2")
        int partitions();

        /** {@code ssal.topics.replication-factor}: replicas per partition (1 fits one broker; deploy/ uses 3). */
        @WithDefault("1")
        int replicationFactor();

        /**
         * {@code ssal.topics.min-insync-replicas}: replicas that must hold a record before an
         * acks=all producer is told it is written (deploy/ uses 2, so one broker may fail).
         */
        @WithDefault("1")
        int minInsyncReplicas();

        /**
         * {@code ssal.topics.retention-ms}: how long event topics keep records; -1 = forever, the
         * default, because the event log is the audit trail. Tables are compacted instead.
         */
        @WithDefault("-1")
        long retentionMs();

        @WithDefault(Topics.CAMPAIGNS)
        String campaigns();

        @WithDefault(Topics.PRETRAIN_COMPLETE)
        String pretrainComplete();

        @WithDefault(Topics.EMBEDDINGS_READY)
        String embeddingsReady();

        @WithDefault(Topics.QUERY_BATCH)
        String queryBatch();

        @WithDefault(Topics.LABELS_RECEIVED)
        String labelsReceived();

        @WithDefault(Topics.ROUND_EVALUATED)
        String roundEvaluated();

        @WithDefault(Topics.BUDGET_STATE)
        String budgetState();

        /** Accepted labels (LabeledSample), written by the budget tracker; compacted. */
        @WithDefault(Topics.LABELS)
        String labels();

        @WithDefault(Topics.DEAD_LETTER)
        String deadLetter();

        @WithDefault(Topics.STRATEGY_SWITCHED)
        String strategySwitched();

        @WithDefault(Topics.ENCODER_CHOSEN)
        String encoderChosen();

        @WithDefault(Topics.LABELING)
        String labeling();
    }

    /** The content-addressed artifact store, shared by every trainer and scorer. */
    @ConfigMapping(prefix = "ssal.artifacts")
    public interface Artifacts {
        /** {@code ssal.artifacts.dir}: its root folder. */
        @WithDefault("${user.home}/.ssal/artifacts")
        String dir();
    }

    /** Where datasets are read. */
    @ConfigMapping(prefix = "ssal.data")
    public interface Data {
        /** {@code ssal.data.dir}: a folder holding every dataset, or unset for each dataset's own location. */
        Optional<String> dir();
    }
}
