package org.ssal.standalone;

import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.ssal.standalone.chaos.ChaosCommand;
import org.ssal.standalone.experiment.AdviseCommand;
import org.ssal.standalone.experiment.ExperimentCommand;
import org.ssal.standalone.experiment.ReportCommand;
import org.ssal.tools.bench.BenchCommand;
import org.ssal.tools.probe.LinearProbeExperiment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ssal} command: one picocli subcommand per job. Quarkus starts only inside the
 * commands that run the services ({@code demo}, {@code serve}, {@code experiment}); the others
 * ({@code token} among them)
 * are plain Java. Exit codes: 0 done, 1 failed, 2 bad arguments (picocli's, with the option and
 * value named).
 */
@QuarkusMain
@Command(name = "ssal", mixinStandardHelpOptions = true,
        description = "Self-supervised + active learning labeling campaigns on Kafka.",
        subcommands = {DemoCommand.class, ServeCommand.class, TokenCommand.class, ExportCommand.class, AuditCommand.class, ChaosCommand.class, ExperimentCommand.class, ReportCommand.class,
            AdviseCommand.class, BenchCommand.class, LinearProbeExperiment.class, HelpCommand.class})
public class SsalMain implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@code ssal} alone prints the list of commands, as {@code ssal help} does. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String... args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with ssal's exit codes: a wrong value found while running (an unreadable
     * CSV, a grid with an unknown field) is reported like a bad argument, in one line.
     */
    static CommandLine commandLine() {
        return new CommandLine(new SsalMain()).setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof IOException || e instanceof UncheckedIOException) {
                cl.getErr().println("ssal: " + e.getMessage());
                return e instanceof IllegalArgumentException ? 2 : 1;
            }
            throw e;
        });
    }
}
