package org.ssal.oracle;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.EventService;
import org.ssal.service.ProcessorHealth;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link SimulatedOracle}, Kafka out. */
@ApplicationScoped
public class OracleService {
    static final EventService.Spec SPEC = new EventService.Spec("oracle",
            List.of(Topics.CAMPAIGNS, Topics.QUERY_BATCH), List.of(Topics.CAMPAIGNS), Duration.ofMinutes(30));

    @Inject
    OracleSettings settings;

    @Inject
    MeterRegistry registry;

    private EventService service;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        SharedSettings shared = SharedSettings.fromConfig();
        SimulatedOracle oracle = new SimulatedOracle(new SimulatedOracle.Behaviour(settings.delayMs(), settings.errorRate(),
                shared.dataDir().orElse(null)), Clock.systemUTC());
        oracle.catchUpOnCampaignsWith(() -> {
            try (EventLog log = new EventLog(shared.bootstrapServers(), List.of(Topics.CAMPAIGNS))) {
                log.replayToEnd(oracle::observe, Duration.ofMinutes(1));
            }
        });
        service = shared.start(SPEC, oracle, oracle::handle, registry);
    }

    void stop(@Observes ShutdownEvent event) {
        if (service != null) {
            service.close();
        }
    }

    /** Liveness: DOWN once the event processor stopped (see {@link ProcessorHealth}). */
    @Liveness
    @Produces
    @ApplicationScoped
    HealthCheck liveness() {
        return () -> ProcessorHealth.of("oracle", settings.enabled(), service);
    }

    /** Readiness: UP once the processor has its partitions and has rebuilt its view (see {@link ProcessorHealth}). */
    @Readiness
    @Produces
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> ProcessorHealth.readiness("oracle", settings.enabled(), service);
    }

    public boolean isRunning() {
        return service != null && service.isRunning();
    }
}
