package org.ssal.trainer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventService;
import org.ssal.service.SharedSettings;

/** Kafka in, {@link EmbeddingJob} (and through it learning/), Kafka out. */
@ApplicationScoped
public class TrainerService {
    // pretraining runs inside one poll: allow it hours before the group drops this instance
    static final EventService.Spec SPEC = new EventService.Spec("trainer",
            List.of(Topics.CAMPAIGNS, Topics.BUDGET_STATE), List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY),
            Duration.ofHours(6));

    @ConfigProperty(name = "ssal.trainer.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "ssal.trainer.default-epochs", defaultValue = "10")
    int defaultEpochs;
    @ConfigProperty(name = "ssal.trainer.baseline-epochs", defaultValue = "15")
    int baselineEpochs;

    private EventService service;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        SharedSettings shared = SharedSettings.fromConfig();
        ArtifactStore store = new ArtifactStore(shared.artifactsDir());
        EmbeddingJob job = new EmbeddingJob(store, new EncoderWorkshop(store, defaultEpochs),
                new BaselineRounds(baselineEpochs), shared.dataDir().orElse(null), Clock.systemUTC());
        service = shared.start(SPEC, job::observe, job::handle);
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
