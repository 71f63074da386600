package org.ssal.standalone;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.List;
import org.ssal.standalone.experiment.ExperimentRun;
import org.ssal.service.EmbeddedBroker;

/**
 * The {@code ssal} command. {@code demo} runs one whole campaign in this JVM and prints a
 * per-round table; {@code serve} runs all four services until stopped. Both start an in-JVM Kafka
 * broker unless {@code --kafka HOST:PORT} names one.
 */
@QuarkusMain
public class SsalMain {
    static final String USAGE = """
            usage: ssal <command> [options]
              demo   run one labeling campaign end to end and print its learning curve (ssal demo --help)
              serve  run the campaign API, budget tracker, trainer, scorer and oracle in one process
                     [--kafka HOST:PORT] [--port N] [--data DIR]
              experiment --grid FILE [--results DIR] [--data DIR] [--kafka HOST:PORT] [--cell-timeout-min N]
                     run an experiment grid (each cell a real campaign), resumable; CSV, plots and report in DIR
              report --results DIR
                     (re)write the CSV's plots and report.html, e.g. for a grid still running
              advise --classes C --budget B [--results DIR]
                     random or active learning for the next labels, and why
            """;

    public static void main(String... args) {
        List<String> list = Arrays.asList(args);
        String command = list.isEmpty() ? "help" : list.get(0);
        List<String> rest = list.subList(Math.min(1, list.size()), list.size());
        if (!command.equals("demo") && (rest.contains("--help") || rest.contains("-h"))) {
            System.out.print(USAGE);
            return;
        }
        try {
            switch (command) {
                case "demo" -> demo(rest);
                case "serve" -> serve(rest);
                case "experiment" -> experiment(rest);
                case "report" -> report(rest);
                case "advise" -> System.exit(org.ssal.standalone.experiment.AdviseCommand.run(rest, System.out));
                default -> {
                    System.out.print(USAGE);
                    System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
                }
            }
        } catch (java.io.IOException | IllegalStateException e) {
            System.err.println("ssal: " + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("ssal: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void demo(List<String> args) {
        if (args.contains("--help")) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoOptions options = DemoOptions.parse(args);
        setIfAbsent("quarkus.http.port", "0");
        if (options.dataDir() != null) {
            System.setProperty("ssal.data.dir", options.dataDir().toAbsolutePath().toString());
        }
        try (EmbeddedBroker broker = options.kafka() == null ? startBroker() : null) {
            System.setProperty("kafka.bootstrap.servers", broker != null ? broker.bootstrapServers() : options.kafka());
            DemoRun.options = options;
            Quarkus.run(DemoRun.class, (code, failure) -> {
                if (failure != null) {
                    System.err.println("ssal demo failed: " + failure);
                }
                exitCode = code;
            });
        }
        System.exit(exitCode);
    }

    private static int exitCode;

    private static void report(List<String> args) throws java.io.IOException {
        if (args.size() != 2 || !args.get(0).equals("--results")) {
            throw new IllegalArgumentException("usage: ssal report --results DIR");
        }
        Path dir = Path.of(args.get(1));
        var rows = org.ssal.learning.analysis.ResultsCsv.read(dir.resolve("rows.csv"));
        System.out.println("ssal: report written to " + org.ssal.learning.analysis.HtmlReport.write(dir, rows));
    }

    private static void experiment(List<String> args) {
        String kafka = null;
        Path grid = null;
        Path results = Path.of("results");
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + args.get(i) + " needs a value\n" + USAGE);
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--grid" -> grid = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--data" -> {
                    ExperimentRun.dataDir = Path.of(value).toAbsolutePath();
                    System.setProperty("ssal.data.dir", ExperimentRun.dataDir.toString());
                }
                case "--kafka" -> kafka = value;
                case "--cell-timeout-min" -> ExperimentRun.cellTimeout = java.time.Duration.ofMinutes(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + USAGE);
            }
        }
        if (grid == null) {
            throw new IllegalArgumentException("--grid FILE is required\n" + USAGE);
        }
        ExperimentRun.gridFile = grid;
        ExperimentRun.resultsDir = results;
        setIfAbsent("quarkus.http.port", "0");
        try (EmbeddedBroker broker = kafka == null ? startBroker() : null) {
            System.setProperty("kafka.bootstrap.servers", broker != null ? broker.bootstrapServers() : kafka);
            Quarkus.run(ExperimentRun.class, (code, failure) -> {
                if (failure != null) {
                    System.err.println("ssal experiment failed: " + failure);
                }
                exitCode = code;
            });
        }
        System.exit(exitCode);
    }

    private static void serve(List<String> args) {
        String kafka = null;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--kafka" -> kafka = args.get(i + 1);
                case "--port" -> System.setProperty("quarkus.http.port", args.get(i + 1));
                case "--data" -> System.setProperty("ssal.data.dir", args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + USAGE);
            }
        }
        try (EmbeddedBroker broker = kafka == null ? startBroker() : null) {
            String servers = broker != null ? broker.bootstrapServers() : kafka;
            System.setProperty("kafka.bootstrap.servers", servers);
            System.out.println("ssal: Kafka at " + servers + (broker != null ? " (in-JVM broker)" : ""));
            Quarkus.run();
        }
    }

    private static EmbeddedBroker startBroker() {
        System.out.println("ssal: starting an in-JVM Kafka broker (KRaft) ...");
        // the in-JVM broker starts empty: the budget tracker's local state must too, or Kafka
        // Streams finds stores of another cluster's offsets
        try {
            setIfAbsent("kafka-streams.state.dir", java.nio.file.Files.createTempDirectory("ssal-kstreams-").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a state directory for Kafka Streams", e);
        }
        return EmbeddedBroker.start();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
