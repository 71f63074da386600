package org.ssal.trainer;

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
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventService;

/** Kafka in, {@link EmbeddingJob} (and through it learning/), Kafka out. */
@ApplicationScoped
public class TrainerService {
    // pretraining runs inside one poll: allow it hours before the group drops this instance
    static final EventService.Spec SPEC = new EventService.Spec("trainer",
            List.of(Topics.CAMPAIGNS, Topics.BUDGET_STATE), List.of(Topics.CAMPAIGNS, Topics.EMBEDDINGS_READY),
            Duration.ofHours(6));

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @ConfigProperty(name = "ssal.artifacts.dir", defaultValue = "${user.home}/.ssal/artifacts")
    String artifactsDir;
    @ConfigProperty(name = "ssal.instance-id")
    Optional<String> instanceId;
    @ConfigProperty(name = "ssal.topics.partitions", defaultValue = "2")
    int partitions;
    @ConfigProperty(name = "ssal.data.dir")
    Optional<String> dataDir;
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
        ArtifactStore store = new ArtifactStore(Path.of(artifactsDir));
        EmbeddingJob job = new EmbeddingJob(store, new EncoderWorkshop(store, defaultEpochs),
                new BaselineRounds(baselineEpochs), dataDir.map(Path::of).orElse(null), Clock.systemUTC());
        service = EventService.start(SPEC, bootstrapServers, instanceId.orElse(null), partitions,
                job::observe, job::handle);
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
