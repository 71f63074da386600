package org.ssal.standalone.experiment;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.campaign.CampaignCommands;
import org.ssal.schemas.Topics;

/** {@code ssal experiment}: a {@link GridRunner} on the services of this process. */
public class ExperimentRun implements QuarkusApplication {
    /** Set by the command line before Quarkus starts. */
    public static Path gridFile;
    public static Path resultsDir;
    public static Path dataDir;
    public static Duration cellTimeout = Duration.ofMinutes(60);

    @Inject
    CampaignCommands commands;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Override
    public int run(String... args) throws Exception {
        GridRunner runner = new GridRunner((id, event) -> commands.send(Topics.CAMPAIGNS, id, event),
                bootstrapServers, dataDir, cellTimeout, System.out);
        return runner.run(GridSpec.read(gridFile), resultsDir) == 0 ? 0 : 1;
    }
}
