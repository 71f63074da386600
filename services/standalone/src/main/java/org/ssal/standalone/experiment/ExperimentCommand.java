package org.ssal.standalone.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ssal.standalone.InJvmServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssal experiment}: an experiment grid, each cell a real campaign on the services of this process. */
@Command(name = "experiment", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"run an experiment grid (each cell a real campaign), resumable;",
            "CSV, plots and report.html in the results folder"})
public final class ExperimentCommand implements Callable<Integer> {
    @Option(names = "--grid", required = true, paramLabel = "FILE", description = "the grid, in YAML (see experiments/)")
    Path grid;

    @Option(names = "--results", paramLabel = "DIR", description = "where rows.csv, the plots and report.html go")
    Path results = Path.of("results");

    @Option(names = "--data", paramLabel = "DIR", description = "folder of the datasets (ssal.data.dir)")
    Path dataDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this broker instead of the in-JVM one")
    String kafka;

    @Option(names = "--cell-timeout-min", paramLabel = "N", description = "give up on a cell after N minutes")
    long cellTimeoutMinutes = 60;

    @Override
    public Integer call() {
        if (dataDir != null) {
            ExperimentRun.dataDir = dataDir.toAbsolutePath();
            System.setProperty("ssal.data.dir", ExperimentRun.dataDir.toString());
        }
        ExperimentRun.gridFile = grid;
        ExperimentRun.resultsDir = results;
        ExperimentRun.cellTimeout = Duration.ofMinutes(cellTimeoutMinutes);
        return InJvmServices.run(kafka, ExperimentRun.class, "experiment");
    }
}
