package org.ssal.scorer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventService;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link RoundDriver} (and through it learning/), Kafka out. */
@ApplicationScoped
public class ScorerService {
    static final EventService.Spec SPEC = new EventService.Spec("scorer",
            List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.BUDGET_STATE),
            List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY, Topics.BUDGET_STATE, Topics.QUERY_BATCH,
                    Topics.ROUND_EVALUATED),
            Duration.ofMinutes(30));

    @ConfigProperty(name = "ssal.scorer.enabled", defaultValue = "true")
    boolean enabled;

    private EventService service;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        SharedSettings shared = SharedSettings.fromConfig();
        RoundDriver driver = new RoundDriver(new EmbeddingArtifacts(new ArtifactStore(shared.artifactsDir())),
                Clock.systemUTC(), MeasuredRelation.builtIn());
        service = shared.start(SPEC, driver::observe, driver::handle);
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
