package org.ssal.oracle;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.EventService;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link SimulatedOracle}, Kafka out. */
@ApplicationScoped
public class OracleService {
    static final EventService.Spec SPEC = new EventService.Spec("oracle",
            List.of(Topics.CAMPAIGNS, Topics.QUERY_BATCH), List.of(Topics.CAMPAIGNS), Duration.ofMinutes(30));

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
        SharedSettings shared = SharedSettings.fromConfig();
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(delayMillis, errorRate,
                shared.dataDir().orElse(null)), Clock.systemUTC());
        oracle.catchUpOnCampaignsWith(() -> {
            try (EventLog log = new EventLog(shared.bootstrapServers(), List.of(Topics.CAMPAIGNS))) {
                log.replayToEnd(oracle::observe, Duration.ofMinutes(1));
            }
        });
        service = shared.start(SPEC, oracle::observe, oracle::handle);
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
