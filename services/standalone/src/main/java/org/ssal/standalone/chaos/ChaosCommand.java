package org.ssal.standalone.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ssal chaos}: the fault matrix. Runs campaigns on a broker (or three) and the four
 * services as processes, SIGKILLs each target {@code --kills} times at seeded moments, restarts
 * it, and checks DESIGN §5 on every campaign's log ({@link ChaosRun}, {@link CampaignCheck}).
 * Exit 0 only when every check held; 1 when one did not; 2 bad arguments.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "kill the services and the broker with SIGKILL at seeded moments while campaigns run, restart "
                + "them, and check that every campaign completes with the budget exact, no label lost or counted "
                + "twice, no round duplicated and every batch re-derived by the audit; prints a table, exit 0 only "
                + "if every check held")
public final class ChaosCommand implements Callable<Integer> {
    /** Written into a work folder this command made: only such a folder is emptied by a later run. */
    static final String MARKER = ".ssal-chaos";

    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "2", paramLabel = "N", description = "kills per target")
    int kills;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "decides the kill moments and the campaigns' seeds")
    long seed;

    @Option(names = "--targets", defaultValue = "campaign,trainer,scorer,oracle,broker", split = ",",
            paramLabel = "T", description = "what to kill, in this order: campaign, trainer, scorer, oracle, broker")
    List<String> targets;

    @Option(names = "--campaigns", defaultValue = "2", paramLabel = "K",
            description = "campaigns running at a time during a target's turn (more start while kills remain)")
    int campaigns;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "B",
            description = "Kafka nodes: 1, or 3 (replication factor 3, min.insync.replicas 2; broker kills go round them)")
    int brokers;

    @Option(names = "--work", defaultValue = "chaos-work", paramLabel = "DIR",
            description = "logs, broker data, artifacts; emptied first if an earlier chaos run made it")
    Path work;

    @Option(names = "--apps", paramLabel = "DIR", description = "the folder with <service>/target/quarkus-app "
            + "(default: services/ of the ssal checkout, else ./services)")
    Path apps;

    @Option(names = "--timeout-min", defaultValue = "60", paramLabel = "MIN", description = "the whole run's deadline")
    long timeoutMin;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ChaosTarget> chosen;
        ChaosRun.Options options;
        try {
            chosen = targets.stream().map(ChaosTarget::parse).distinct().toList();
            KillSchedule.of(seed, chosen, kills); // refuses a bad --kills before anything starts
            options = new ChaosRun.Options(appsFolder(), work.toAbsolutePath().normalize(), seed, chosen,
                    kills, campaigns, brokers, Duration.ofMinutes(timeoutMin));
            prepare(options.work()); // last: nothing is deleted for a run that bad arguments refuse
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ChaosTable table;
        long started = System.nanoTime();
        try (ChaosRun run = new ChaosRun(options, out)) {
            // Ctrl-C or a kill of this command must not leave brokers and services running behind it
            Thread stopAll = new Thread(run::close, "ssal-chaos-stop");
            Runtime.getRuntime().addShutdownHook(stopAll);
            table = run.run();
            Runtime.getRuntime().removeShutdownHook(stopAll);
        }
        table.lines().forEach(out::println);
        out.printf("chaos: seed %d, %d kills per target, %d broker(s), %.1f min%n", seed, kills, brokers,
                (System.nanoTime() - started) / 60e9);
        out.flush();
        return table.ok() ? 0 : 1;
    }

    private Path appsFolder() {
        Path folder = apps;
        if (folder == null) {
            String home = System.getProperty("ssal.home"); // set by ./ssal to the checkout
            folder = home != null ? Path.of(home, "services") : Path.of("services");
        }
        folder = folder.toAbsolutePath().normalize();
        for (ChaosTarget service : ChaosTarget.services()) {
            Path jar = ServiceProcess.appJar(folder, service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--apps " + folder + ": " + jar + " is missing; package the services "
                        + "first (mvn package -DskipTests -pl services/campaign,services/trainer,services/scorer,"
                        + "services/oracle -am)");
            }
        }
        return folder;
    }

    /** An empty work folder: made, or emptied when an earlier chaos run made it; anything else is refused. */
    static Path prepare(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(dir)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalArgumentException("--work " + dir + " is not empty and was not made by ssal chaos; "
                            + "choose another folder");
                }
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir.resolve("artifacts"));
            Files.writeString(dir.resolve(MARKER), "made by ssal chaos; emptied by the next run\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare --work " + dir + ": " + e.getMessage(), e);
        }
    }
}
