package org.ssal.service.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.TopicAdmin;

/**
 * The broker of the {@code @QuarkusTest}s: a real in-JVM KRaft broker, with the topics of DESIGN §3
 * created before Quarkus (and Kafka Streams) start.
 *
 * <p>Which broker is {@link BrokerChoice}'s: where a Docker engine is reachable (or
 * {@code SSAL_TEST_BROKER=testcontainers}), Testcontainers' Kafka ({@link ContainerBroker}); to run
 * against an external broker (a local Kafka, e.g. {@code docker run -p 9092:9092 apache/kafka:4.1.2}),
 * set {@code SSAL_TEST_KAFKA=host:port}: nothing is started and the topics are created there if
 * missing. The broker must allow transactions with one replica (transaction.state.log.replication.factor=1,
 * min.isr=1): the services and the budget tracker run exactly-once.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    /** Environment variable naming an external broker to use instead of the embedded one. */
    public static final String EXTERNAL_BROKER_ENV = BrokerChoice.EXTERNAL_BROKER_ENV;

    /**
     * Partitions of every topic: more than one, so that tests see a campaign's events spread over
     * partitions like in production.
     */
    public static final int PARTITIONS = 2;

    private AutoCloseable broker;

    @Override
    public Map<String, String> start() {
        BrokerChoice choice = BrokerChoice.of(System.getenv(), Files.exists(Path.of(BrokerChoice.DOCKER_SOCKET)));
        String bootstrap = switch (choice.kind()) {
            case EXTERNAL -> choice.address();
            case TESTCONTAINERS -> {
                ContainerBroker container = ContainerBroker.start();
                broker = container;
                yield container.bootstrapServers();
            }
            case IN_JVM -> {
                EmbeddedBroker embedded = EmbeddedBroker.start();
                broker = embedded;
                yield embedded.bootstrapServers();
            }
        };
        TopicAdmin.ensureTopics(bootstrap, PARTITIONS);
        String run = UUID.randomUUID().toString();
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                // a fresh application id and state dir per run: an external broker keeps the
                // committed offsets and changelogs of earlier runs, and stale RocksDB state breaks
                // a rerun against another broker (shared/notes/kafka-quarkus.md)
                "quarkus.kafka-streams.application-id", "ssal-budget-tracker-test-" + run,
                "kafka-streams.state.dir", "target/kstreams-state/" + run,
                "kafka-streams.commit.interval.ms", "100",
                "kafka-streams.statestore.cache.max.bytes", "0",
                // other builds may run tests on this machine at the same time
                "quarkus.http.test-port", "0",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                "quarkus.log.category.\"kafka\".level", "WARN"));
        config.put("ssal.topics.partitions", String.valueOf(PARTITIONS));
        // tests that are not about tokens run without them; the ones that are (GatewayTestResource,
        // the campaign API's and the standalone app's auth tests) switch them on
        config.put("ssal.auth.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test broker", e);
            }
        }
    }
}
