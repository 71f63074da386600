package org.ssal.tools.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssal bench simsiam|embed|kcenter|artifacts|pool}: one subcommand per benchmark. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "speed figures against a PyTorch / numpy peer on the same CPU (docs/benchmarks.md)",
        subcommands = {SimSiamBench.class, EmbedBench.class, KCenterBench.class, ArtifactsBench.class, PoolBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
