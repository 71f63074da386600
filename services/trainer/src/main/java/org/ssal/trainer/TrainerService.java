package org.ssal.trainer;

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
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventService;
import org.ssal.service.LabelView;
import org.ssal.service.ProcessorHealth;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link PoolEmbedder} (and through it learning/), Kafka out. */
@ApplicationScoped
public class TrainerService {
    // pretraining runs inside one poll: allow it hours before the group drops this instance
    static final EventService.Spec SPEC = new EventService.Spec("trainer",
            List.of(Topics.CAMPAIGNS, Topics.BUDGET_STATE),
            List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.ENCODER_CHOSEN),
            Duration.ofHours(6));

    @Inject
    TrainerSettings settings;

    @Inject
    MeterRegistry registry;

    /** How long a complete round waits for its labels on the labels topic (written in the same transaction). */
    static final Duration LABELS_DEADLINE = Duration.ofMinutes(1);

    private EventService service;
    private LabelView labels;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        SharedSettings shared = SharedSettings.fromConfig();
        ArtifactStore store = new ArtifactStore(shared.artifactsDir());
        labels = new LabelView(shared.bootstrapServers(), Topics.LABELS, LABELS_DEADLINE);
        PoolEmbedder embedder = new PoolEmbedder(store, new EncoderCache(store, settings.defaultSteps()),
                settings.baselineEpochs(), shared.dataDir().orElse(null), labels, Clock.systemUTC());
        service = shared.start(SPEC, embedder, embedder::handle, registry);
    }

    void stop(@Observes ShutdownEvent event) {
        if (service != null) {
            service.close();
        }
        if (labels != null) {
            labels.close();
        }
    }

    /** Liveness: DOWN once the event processor stopped (see {@link ProcessorHealth}). */
    @Liveness
    @Produces
    @ApplicationScoped
    HealthCheck liveness() {
        return () -> ProcessorHealth.of("trainer", settings.enabled(), service);
    }

    /** Readiness: UP once the processor has its partitions and has rebuilt its view (see {@link ProcessorHealth}). */
    @Readiness
    @Produces
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> ProcessorHealth.readiness("trainer", settings.enabled(), service);
    }

    public boolean isRunning() {
        return service != null && service.isRunning();
    }
}
