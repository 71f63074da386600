package org.ssal.service.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.TopicAdmin;

/**
 * The broker of the service tests: a real in-JVM KRaft broker by default. Set the environment
 * variable {@code SSAL_TEST_KAFKA=host:port} to run the same tests against an external broker
 * (e.g. a Testcontainers or docker-compose Kafka on a machine that has Docker).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedBroker broker;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("SSAL_TEST_KAFKA");
        String servers;
        if (external != null && !external.isBlank()) {
            servers = external;
        } else {
            broker = EmbeddedBroker.start();
            servers = broker.bootstrapServers();
        }
        TopicAdmin.ensureTopics(servers, 2);
        return Map.of("kafka.bootstrap.servers", servers);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
