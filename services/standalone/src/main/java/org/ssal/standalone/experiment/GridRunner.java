package org.ssal.standalone.experiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.campaign.CampaignRequest;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EncoderChosen;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventLog;

/**
 * Runs the cells of a grid as real campaigns through the running services, a few at a time,
 * appends each finished cell's learning curve to rows.csv, and writes the report at the end.
 * Cells already in rows.csv are skipped, so an interrupted grid resumes where it stopped.
 */
public final class GridRunner {
    /** How a campaign is submitted: the campaign API's producer in production, the same in tests. */
    @FunctionalInterface
    public interface Submitter {
        void submit(String campaignId, CampaignCreated event);
    }

    private final Submitter submitter;
    private final String bootstrapServers;
    private final Path dataDir;
    private final Duration cellTimeout;
    private final PrintStream out;

    public GridRunner(Submitter submitter, String bootstrapServers, Path dataDir, Duration cellTimeout, PrintStream out) {
        this.submitter = submitter;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.cellTimeout = cellTimeout;
        this.out = out;
    }

    private record Running(GridSpec.Cell cell, String campaignId, long startedNanos, int numClasses,
                           TreeMap<Integer, RoundEvaluated> rounds, List<EncoderChosen> encoderChoices) {
    }

    /** @return the number of cells that did not finish (0 = the whole grid is done) */
    public int run(GridSpec grid, Path resultsDir) throws java.io.IOException {
        GridResults results = new GridResults(resultsDir);
        Map<String, Integer> classes = new HashMap<>();
        List<GridSpec.Cell> cells = grid.cells(d -> poolSize(d, classes));
        Set<String> finished = results.finishedCellKeys();
        Deque<GridSpec.Cell> todo = new ArrayDeque<>();
        cells.stream().filter(c -> !finished.contains(c.key())).forEach(todo::add);
        int total = cells.size();
        int done = total - todo.size();
        out.printf("ssal experiment %s: %d cells, %d already finished (resuming), %d to run, %d at a time%n",
                grid.name(), total, done, todo.size(), grid.parallel());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Running> running = new LinkedHashMap<>();
        long started = System.nanoTime();
        int ranHere = 0;
        int failed = 0;
        try (EventLog log = new EventLog(bootstrapServers, List.of(Topics.ROUND_EVALUATED, Topics.DEAD_LETTER,
                Topics.ENCODER_CHOSEN))) {
            while (!todo.isEmpty() || !running.isEmpty()) {
                while (running.size() < grid.parallel() && !todo.isEmpty()) {
                    GridSpec.Cell cell = todo.poll();
                    String id = "grid-" + ArtifactStore.sha256Hex(cell.key()).substring(0, 10) + "-" + run;
                    submitter.submit(id, CampaignRequest.parse(campaignJson(cell, id)).validate().toEvent(Instant.now()));
                    running.put(id, new Running(cell, id, System.nanoTime(), classes.get(cell.label()), new TreeMap<>(),
                            new ArrayList<>()));
                }
                for (SpecificRecord event : log.poll(Duration.ofMillis(500))) {
                    if (event instanceof RoundEvaluated r && running.containsKey(r.getCampaignId())) {
                        Running cell = running.get(r.getCampaignId());
                        cell.rounds().put(r.getRound(), r);
                        if (r.getLabeledCount() >= cell.cell().budget()) {
                            results.append(rows(cell));
                            results.appendEncoderChoices(cell.cell(), cell.campaignId(), cell.encoderChoices());
                            running.remove(r.getCampaignId());
                            done++;
                            ranHere++;
                            double elapsed = (System.nanoTime() - started) / 1e9;
                            double perCell = elapsed / ranHere;
                            double eta = perCell * (todo.size() + running.size()) / grid.parallel();
                            out.printf("[%s] cells %d/%d done (%s %s ssl=%s f=%s seed=%d: %.4f at %d labels), ETA %s%n",
                                    clock(elapsed), done, total, cell.cell().label(), cell.cell().strategy(),
                                    cell.cell().ssl(), cell.cell().initialFraction(), cell.cell().seed(),
                                    r.getTestAccuracy(), r.getLabeledCount(), clock(eta));
                        }
                    } else if (event instanceof EncoderChosen chosen && running.containsKey(chosen.getCampaignId())) {
                        running.get(chosen.getCampaignId()).encoderChoices().add(chosen);
                    } else if (event instanceof Rejected rejected && running.containsKey(rejected.getKey())) {
                        out.printf("dead-letter for %s from %s: %s%n", rejected.getKey(), rejected.getService(),
                                rejected.getReason());
                    }
                }
                for (Running cell : List.copyOf(running.values())) {
                    if (System.nanoTime() - cell.startedNanos() > cellTimeout.toNanos()) {
                        out.printf("cell %s timed out after %s; it is left unfinished (a rerun resumes it)%n",
                                cell.cell().key(), cellTimeout);
                        running.remove(cell.campaignId());
                        failed++;
                    }
                }
            }
        }
        out.printf("ssal experiment %s: %d/%d cells finished, %d failed; rows in %s%n", grid.name(), done, total,
                failed, results.rowsFile());
        if (!results.rows().isEmpty()) {
            org.ssal.tools.report.HtmlReport.write(results.dir(), results.rows());
            out.println("ssal: report written to " + results.dir().resolve("report.html"));
        }
        return failed;
    }

    private static List<ResultRow> rows(Running running) {
        List<ResultRow> rows = new ArrayList<>();
        GridSpec.Cell c = running.cell();
        for (RoundEvaluated r : running.rounds().values()) {
            rows.add(new ResultRow(c.label(), running.numClasses(), c.strategy(), c.ssl(), c.initialFraction(),
                    c.seed(), running.campaignId(), r.getRound(), r.getLabeledCount(), r.getTestAccuracy()));
        }
        return rows;
    }

    private static Map<String, Object> campaignJson(GridSpec.Cell cell, String id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaignId", id);
        json.put("dataset", cell.dataset());
        json.put("datasetOptions", cell.options());
        json.put("poolSize", cell.poolSize());
        json.put("testSize", cell.testSize());
        json.put("budget", cell.budget());
        json.put("initialSize", cell.initialSize());
        json.put("batchSize", cell.batchSize());
        json.put("strategy", cell.strategy());
        json.put("ssl", cell.ssl());
        json.put("encoder", cell.encoder());
        json.put("pretrainEpochs", cell.pretrainEpochs());
        json.put("head", cell.head());
        json.put("seed", cell.seed());
        return json;
    }

    /** The pool a dataset entry yields (its cap, or the whole train split) and its number of classes. */
    private int poolSize(GridSpec.DatasetEntry entry, Map<String, Integer> classes) {
        try {
            var splits = Datasets.load(DatasetSpec.forCampaign(entry.name(), DatasetRoots.resolve(entry.name(), dataDir),
                    entry.poolSize(), 1, entry.options() == null ? Map.of() : entry.options()));
            classes.put(entry.resultName(), splits.train().numClasses());
            return splits.train().size();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("dataset " + entry.name() + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
