package org.ssal.scorer;

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
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventService;
import org.ssal.service.LabelView;
import org.ssal.service.ProcessorHealth;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link ScoringHandler} (and through it learning/'s RoundPlanner), Kafka out. */
@ApplicationScoped
public class ScorerService {
    static final EventService.Spec SPEC = new EventService.Spec("scorer",
            List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.BUDGET_STATE),
            List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.BUDGET_STATE, Topics.QUERY_BATCH,
                    Topics.ROUND_EVALUATED),
            Duration.ofMinutes(30));

    @Inject
    ScorerSettings settings;

    @Inject
    MeterRegistry registry;

    /** How long a complete round waits for its labels on the labels topic (written in the same transaction). */
    static final Duration LABELS_DEADLINE = Duration.ofMinutes(1);

    private EventService service;
    private LabelView labels;
    private ScoringHandler handler;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        SharedSettings shared = SharedSettings.fromConfig();
        labels = new LabelView(shared.bootstrapServers(), Topics.LABELS, LABELS_DEADLINE);
        handler = new ScoringHandler(new EmbeddingArtifacts(new ArtifactStore(shared.artifactsDir())),
                labels, Clock.systemUTC(), MeasuredRelation.builtIn(), registry);
        service = shared.start(SPEC, handler, handler::handle, registry);
    }

    void stop(@Observes ShutdownEvent event) {
        if (service != null) {
            service.close();
        }
        if (labels != null) {
            labels.close();
        }
        if (handler != null) {
            handler.close();
        }
    }

    /** Liveness: DOWN once the event processor stopped (see {@link ProcessorHealth}). */
    @Liveness
    @Produces
    @ApplicationScoped
    HealthCheck liveness() {
        return () -> ProcessorHealth.of("scorer", settings.enabled(), service);
    }

    /** Readiness: UP once the processor has its partitions and has rebuilt its view (see {@link ProcessorHealth}). */
    @Readiness
    @Produces
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> ProcessorHealth.readiness("scorer", settings.enabled(), service);
    }

    public boolean isRunning() {
        return service != null && service.isRunning();
    }
}
