package org.ssal.oracle;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.EventService;

/** Kafka in, {@link SimulatedOracle}, Kafka out. */
@ApplicationScoped
public class OracleService {
    static final EventService.Spec SPEC = new EventService.Spec("oracle",
            List.of(Topics.CAMPAIGNS, Topics.QUERY_BATCH), List.of(Topics.CAMPAIGNS), Duration.ofMinutes(30));

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @ConfigProperty(name = "ssal.instance-id")
    Optional<String> instanceId;
    @ConfigProperty(name = "ssal.topics.partitions", defaultValue = "2")
    int partitions;
    @ConfigProperty(name = "ssal.data.dir")
    Optional<String> dataDir;
    @ConfigProperty(name = "ssal.oracle.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "ssal.oracle.delay-ms", defaultValue = "0")
    long delayMillis;
    @ConfigProperty(name = "ssal.oracle.error-rate", defaultValue = "0")
    double errorRate;

    private EventService service;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(delayMillis, errorRate,
                dataDir.map(Path::of).orElse(null)), Clock.systemUTC());
        oracle.catchUpOnCampaignsWith(() -> {
            try (EventLog log = new EventLog(bootstrapServers, List.of(Topics.CAMPAIGNS))) {
                log.replayToEnd(oracle::observe, Duration.ofMinutes(1));
            }
        });
        service = EventService.start(SPEC, bootstrapServers, instanceId.orElse(null), partitions,
                oracle::observe, oracle::handle);
    }

    void stop(@Observes ShutdownEvent event) {
        if (service != null) {
            service.close();
        }
    }

    public boolean isRunning() {
        return service != null && service.isRunning();
    }
}
