package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.ssal.campaign.CampaignCommands;
import org.ssal.events.RoundEvaluated;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.ResultsCsv;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.testing.KafkaBrokerResource;
import org.ssal.standalone.experiment.GridRunner;
import org.ssal.standalone.experiment.GridSpec;

/** A tiny grid through the real broker: its CSV, plots and report agree with the campaigns' events. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class) // this class only: other ITs bring their own broker setup
class ExperimentGridIT {
    private static final String GRID = """
            name: tiny
            seeds: [1, 2]
            strategies: [random, entropy]
            ssl: [true]
            initialFractions: [0.05]
            encoder: auto:pixels+random-init:smallcnn
            parallel: 2
            datasets:
              - name: synthetic
                poolSize: 0
                testSize: 0
                batchSize: 20
                budget: 60
                options: {classes: "4", train: "400", test: "100", size: "8"}
            """;

    @Inject
    CampaignCommands commands;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldRunEveryCellAsACampaignAndResumeWithoutRedoingFinishedCells() throws Exception {
        Path dir = Files.createTempDirectory("ssal-grid-");
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, GRID);
        Path results = dir.resolve("results");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        GridRunner runner = new GridRunner((id, event) -> commands.send(Topics.CAMPAIGNS, id, event), bootstrapServers,
                null, Duration.ofMinutes(5), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(0, runner.run(GridSpec.read(gridFile), results), log.toString());

        List<ResultRow> rows = ResultsCsv.read(results.resolve("rows.csv"));
        Set<String> campaigns = rows.stream().map(ResultRow::campaignId).collect(Collectors.toSet());
        assertEquals(4, campaigns.size(), "2 strategies x 2 seeds");
        // initial set 5% of 400 = 20, then batches of 20 up to 60: rounds 0, 1, 2 for each cell
        assertEquals(12, rows.size());
        Map<String, Double> fromEvents = new HashMap<>();
        try (EventLog events = new EventLog(bootstrapServers, List.of(Topics.ROUND_EVALUATED))) {
            events.replayToEnd(e -> {
                if (e instanceof RoundEvaluated r && campaigns.contains(r.getCampaignId())) {
                    fromEvents.put(r.getCampaignId() + "#" + r.getRound() + "#" + r.getLabeledCount(), r.getTestAccuracy());
                }
            }, Duration.ofMinutes(1));
        }
        for (ResultRow row : rows) {
            Double accuracy = fromEvents.get(row.campaignId() + "#" + row.round() + "#" + row.labeled());
            assertEquals(accuracy, row.accuracy(), "CSV row agrees with its RoundEvaluated event: " + row);
        }
        // the auto encoder's choices: before any label, then after each of the 3 rounds, for each cell
        List<String> choices = Files.readAllLines(results.resolve("encoder-choices.csv"));
        assertTrue(choices.get(0).startsWith("dataset,strategy,ssl,initialFraction,seed,campaignId,round"), choices.get(0));
        assertEquals(1 + 4 * 4, choices.size(), String.join("\n", choices));
        for (String line : choices.subList(1, choices.size())) {
            String[] cells = line.split(",");
            assertTrue(campaigns.contains(cells[5]), line);
            assertTrue(cells[8].equals("pixels") || cells[8].equals("random-init:smallcnn"), line);
            assertTrue(cells[10].contains("pixels=") && cells[10].contains("random-init:smallcnn="), line);
        }
        assertTrue(Files.exists(results.resolve("report.html")));
        List<Path> pngs;
        try (var files = Files.list(results)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(pngs.stream().anyMatch(p -> p.getFileName().toString().contains("synthetic")), pngs.toString());
        for (Path png : pngs) {
            assertTrue(ImageIO.read(png.toFile()).getWidth() > 100, png.toString());
        }
        String report = Files.readString(results.resolve("report.html"));
        assertTrue(report.contains("entropy") && report.contains("random"), "report names the strategies");

        // a second run finds every cell finished and submits nothing
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        GridRunner resumed = new GridRunner((id, event) -> {
            throw new AssertionError("a finished cell was submitted again: " + id);
        }, bootstrapServers, null, Duration.ofMinutes(5), new PrintStream(again, true, StandardCharsets.UTF_8));
        assertEquals(0, resumed.run(GridSpec.read(gridFile), results));
        assertTrue(again.toString().contains("4 already finished"), again.toString());
        assertEquals(12, ResultsCsv.read(results.resolve("rows.csv")).size(), "nothing appended twice");
    }
}
